"""``check --format html``: each report beside its own text, findings anchored, numbers highlighted, in a browser."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.read.inputs import read_input
from checker.render.report_html import anchor_id, highlight
from checker.run.batch import check_report
from tests.browser import BLANK_PNG, open_page, screenshot
from tests.conftest import FIXTURES, report_dict

SEEDS = sorted(FIXTURES.glob("*.json"))
DOCUMENT = FIXTURES / "minh-duc-tu-ky-2023-h1.txt"


def page_of(tmp_path, *inputs, name="page.html"):
    out = tmp_path / name
    result = CliRunner().invoke(check_main, [*map(str, inputs), "--format", "html", "-o", str(out),
                                             "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return out, out.read_text(encoding="utf-8")


def rows(page: str, rid: str) -> dict[int, str]:
    """The HTML of each source line's row of one report, by line number."""
    found = {}
    pieces = re.split(rf'(?=<div class="row[^"]*" id="{rid}-L\d+">)', page)
    for piece in pieces[1:]:
        number = int(re.match(rf'<div class="row[^"]*" id="{rid}-L(\d+)">', piece).group(1))
        found[number] = piece
    return found


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_finding_sits_beside_the_first_sentence_it_uses(tmp_path, seed):
    checked = check_report(seed)
    _, page = page_of(tmp_path, seed)
    rid = anchor_id(seed.as_posix())
    by_line = rows(page, rid)
    lines = dict(checked.read.source_lines())
    assert len(by_line) == len(lines)  # the whole text is on the page
    shown = [f for f in checked.evaluation.findings if f.status not in ("met", "no_data")]
    assert shown
    for finding in shown:
        cited = sorted({item.line for item in finding.evidence.items if item.line})
        message = finding.message.vi.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        message = message.replace('"', "&quot;").replace("'", "&#x27;")
        if cited:
            assert message in by_line[cited[0]], (finding.rule_id, cited)
            for other in cited[1:]:
                assert f">{finding.rule_id}</a>" in by_line[other] or message in by_line[other]
        else:
            assert message in page.split('<div class="text">')[0]  # above the text, "not tied to a sentence"


def test_the_grade_lists_the_findings_that_decided_it(tmp_path):
    seed = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
    _, page = page_of(tmp_path, seed)
    assert '<span class="grade g3">Trung bình</span>' in page
    assert '<tr class="applied"><td>Trung bình</td><td>≤ 5 lỗi</td></tr>' in page
    deciding = page.split("<ol>")[1].split("</ol>")[0]
    assert deciding.count("<li>") == 8  # 3 errors and 5 warnings
    assert "CS030" in deciding and "TG003" in deciding


def test_targets_applied_name_document_article_quote_and_confidence_in_words(tmp_path):
    _, page = page_of(tmp_path, FIXTURES / "chi-lang-nam-thanh-mien-2023.json")
    targets = page.split("Chỉ tiêu áp dụng / targets applied")[1].split("</table>")[0]
    assert "06-NQ/TU" in targets and "theo trang tin trích dẫn văn bản" in targets and "“" in targets
    assert "Chú giải / legend" in page and "ghi nhớ, chưa tìm thấy nguồn" in page


def test_numbers_read_are_highlighted_placed_or_unplaced(tmp_path):
    _, page = page_of(tmp_path, DOCUMENT)
    assert page.count('<mark class="placed"') > 30
    assert page.count('<mark class="unplaced"') >= 1
    checked = check_report(DOCUMENT)
    assert checked.read.candidates  # the document reader left some numbers unplaced
    assert highlight("Tổng 3.146 hồ sơ, 96,28 % và 12", {3146.0}, {96.28}) == (
        'Tổng <mark class="placed" title="đã xếp vào chỉ tiêu / placed">3.146</mark> hồ sơ, '
        '<mark class="unplaced" title="chưa xếp được / left unplaced">96,28 %</mark> và 12')


def test_report_text_is_escaped(tmp_path):
    source = tmp_path / "nguon.txt"
    source.write_text("Dòng một\n<script>alert('x')</script> có 90 % hồ sơ\n", encoding="utf-8")
    data = report_dict(indicators={"dossiers.online_share": [
        {"percent": 90, "line": 2, "quote": "<script>alert('x')</script> có 90 %"}]})
    data["identity"]["commune"] = "<b>Thử</b>"
    data["meta"] = {"source_file": "nguon.txt"}
    report = tmp_path / "r.json"
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_input(report).source_lines() == [(1, "Dòng một"), (2, "<script>alert('x')</script> có 90 % hồ sơ"),
                                                 (3, "")]
    _, page = page_of(tmp_path, report)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>Thử</b>" not in page and "&lt;b&gt;Thử&lt;/b&gt;" in page
    assert page.count("<script>") == 1  # only the page's own index script


def test_a_report_without_its_text_still_quotes_each_sentence(tmp_path):
    seed = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)  # its source .txt is not beside it
    _, page = page_of(tmp_path, copy)
    assert '<div class="text">' not in page and "Không có văn bản gốc" in page
    assert "“(CBCCVC) 20 người”" in page


def test_a_batch_is_one_page_with_an_index_and_names_the_unreadable(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
        shutil.copy(seed.with_suffix(".txt"), folder / seed.with_suffix(".txt").name)
    (folder / "hong.json").write_text("{", encoding="utf-8")
    out = tmp_path / "all.html"
    result = CliRunner().invoke(check_main, [str(folder), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2
    page = out.read_text(encoding="utf-8")
    assert page.count('<article class="report"') == 3 and "hong.json" in page
    assert page.count("<html") == 1 and page.rstrip().endswith("</html>")


@pytest.fixture(scope="module")
def batch_page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    out, _ = page_of(tmp, *SEEDS, DOCUMENT, name="batch.html")
    return out


def test_page_opens_in_chromium_without_console_messages(batch_page, tmp_path):
    dom, console = open_page(batch_page, tmp_path)
    assert console == []
    assert "Mục lục / index (4 báo cáo)" in dom  # the index script ran
    index = dom.split("Mục lục")[1].split("</table>")[0]
    assert index.index("Minh Đức") < index.index("Chi Lăng Nam")  # best grade first
    for commune in ("Chi Lăng Nam", "Đồng Tâm", "Minh Đức"):
        assert commune in dom
    assert dom.count('class="finding') >= 40 and 'mark class="placed"' in dom


def test_page_screenshot_is_not_blank(batch_page, tmp_path):
    png = screenshot(batch_page, tmp_path)
    assert len(png) > BLANK_PNG
