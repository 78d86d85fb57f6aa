"""The opt-in word-segmentation hook (checker/read/document/segmentation.py).

It is never imported by the reader or ``check``; without pyvi/underthesea it says how to install
them instead of failing with a traceback; with a segmenter that puts a boundary at every space
it changes nothing; and a phrase cut open by a word is refused.  The tests with the real
packages are skipped when they are not installed (CI does not install them: see docs/reading.md,
"Tách từ", for the measurement that decided so).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.read.document import load_document, matching
from checker.read.document import segmentation as seg
from checker.read.document.wording import fold
from tests.conftest import FIXTURES, ROOT

SEED_TEXT = FIXTURES / "dong-tam-ninh-giang-2023.txt"


def _every_space() -> seg.Segmenter:
    """A segmenter whose words are the syllables and the punctuation: every space is a word boundary."""
    return seg.Segmenter("syllables", lambda text: re.findall(r"\w+|[^\w\s]+", text), "_")


def _joining(*words: str) -> seg.Segmenter:
    """A segmenter that joins the given multi-syllable words and splits everything else at spaces."""
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + r"|\S+")

    def tokenize(text: str) -> list[str]:
        return [match.group(0).replace(" ", "_") for match in pattern.finditer(text)]

    return seg.Segmenter("joining", tokenize, "_")


def test_never_imported_by_reading_or_checking() -> None:
    code = (
        "import sys\n"
        "from checker.read.document import load_document\n"
        "from checker.read.inputs import read_input\n"
        "from checker.run.batch import check_report\n"
        "import checker.cli.main\n"
        f"load_document({str(SEED_TEXT)!r})\n"
        "print(sorted(m for m in sys.modules if m.endswith('segmentation') or m.split('.')[0] in "
        "('pyvi', 'underthesea', 'sklearn')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", seg.SEGMENTERS)
def test_missing_package_says_how_to_install(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, name, None)  # importing it now raises ImportError
    monkeypatch.setitem(sys.modules, f"{name}.ViTokenizer", None)
    seg.segmenter.cache_clear()
    original = matching.patterns
    try:
        with pytest.raises(seg.SegmenterMissing, match=f"pip install {name}"):
            seg.segmenter(name)
        with pytest.raises(seg.SegmenterMissing, match=f"pip install {name}"), seg.word_boundaries(name):
            pass  # pragma: no cover - never reached
        assert matching.patterns is original
    finally:
        seg.segmenter.cache_clear()


def test_unknown_segmenter_and_scope_are_refused() -> None:
    with pytest.raises(seg.SegmenterMissing, match="pyvi, underthesea"):
        seg.segmenter("vncorenlp")
    with pytest.raises(ValueError, match="scope"), seg.word_boundaries(_every_space(), "everywhere"):
        pass  # pragma: no cover - never reached


def test_boundary_at_every_space_changes_no_reading() -> None:
    plain = load_document(SEED_TEXT)
    for scope in seg.SCOPES:
        with seg.word_boundaries(_every_space(), scope):
            assert all(isinstance(p, seg.BoundaryPattern) for i in matching.patterns().indicators for p in i.local)
            segmented = load_document(SEED_TEXT)
        assert segmented[0] == plain[0]
        assert [c.as_dict() for c in segmented[1]] == [c.as_dict() for c in plain[1]]
    assert not any(isinstance(p, seg.BoundaryPattern) for i in matching.patterns().indicators for p in i.local)


def test_a_phrase_inside_a_word_is_refused() -> None:
    segmenter = _joining("chi phí", "lệ phí")
    phrase = seg.BoundaryPattern(re.compile(r"(?<!\w)phí(?!\w)"), segmenter)
    text = "chi phí 20 triệu, lệ phí 5 hồ sơ, có phí 12 hồ sơ"
    found = phrase.search(text)
    assert found is not None and found.start() == text.index("có phí") + 3
    segmenter.rejected = Counter()
    assert phrase.search("chi phí và lệ phí") is None
    assert segmenter.rejected == Counter({("phí", "chi_phí"): 1, ("phí", "lệ_phí"): 1})
    assert segmenter.on_boundaries(text, 0, 7) and not segmenter.on_boundaries(text, 4, 7)


def test_words_the_segmenter_rewrote_count_as_boundaries() -> None:
    # the segmenter writes "hoá" for "hóa": that word cannot be aligned, the words after it still are
    def tokenize(text: str) -> list[str]:
        return ["số_hoá", "hồ_sơ", "trực_tuyến"]

    segmenter = seg.Segmenter("rewriting", tokenize, "_")
    text = "số hóa hồ sơ trực tuyến"
    assert segmenter.spans(text) == [(7, 12), (13, 23)]
    assert segmenter.on_boundaries(text, 3, 6)  # inside the word it could not align: accepted, as without it


def test_segmentation_view_spells_closed_syllables_and_bars() -> None:
    folded = fold("Thanh toán trực tuyến TOÀN TRÌNH | tài khoản # hoá đơn")
    assert "tóan" in folded  # what fold() does, so that "hoá" and "hóa" match alike
    assert seg.segmentation_view(folded) == "Thanh toán trực tuyến TOÀN TRÌNH ; tài khoản ; hóa đơn"


@given(st.text(alphabet="aáàoòóọõỏeèuùúyýỳ TOÀNÒAÙYkhnđ|#,", max_size=40))
def test_segmentation_view_keeps_every_position(text: str) -> None:
    view = seg.segmentation_view(text)
    assert len(view) == len(text)
    assert fold(view) == fold(text).replace("|", ";").replace("#", ";")


@pytest.mark.skipif(importlib.util.find_spec("pyvi") is None or importlib.util.find_spec("underthesea") is None,
                    reason="pyvi and underthesea are not installed (optional; see docs/reading.md 'Tách từ')")
@pytest.mark.parametrize("name", seg.SEGMENTERS)
def test_real_segmenters_keep_indicator_phrases_whole(name: str) -> None:
    segmenter = seg.segmenter(name)
    text = fold("09 công chức được cấp chữ ký số; chi phí duy trì 20 triệu đồng; 58 dịch vụ công trực tuyến")
    for phrase in ("chữ ký số", "công chức", "dịch vụ công trực tuyến"):
        start = text.index(fold(phrase))
        assert segmenter.on_boundaries(text, start, start + len(phrase)), phrase
    start = text.index("phí")
    assert not segmenter.on_boundaries(text, start, start + len("phí"))  # "phí" inside "chi phí"
