"""Every format is written report by report, and the streamed text is the document rendered at once."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap

import pytest
from click.testing import CliRunner

from checker.catalogue.store import current
from checker.cli.check import check_main
from checker.decide.waivers import load_waivers
from checker.render.writers import render_whole, writer_for
from checker.run.batch import CheckSettings, check_paths, run_batch
from tests.conftest import FIXTURES, WAIVERS


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    for index in range(4):
        for seed in sorted(FIXTURES.glob("*.json")):
            shutil.copy(seed, folder / f"{index}-{seed.name}")
    (folder / "5-bad.json").write_text('{"identity": 3}', encoding="utf-8")
    (folder / "w.yaml").write_text(textwrap.dedent(WAIVERS), encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "html"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_output_is_the_whole_document(batch_dir, fmt, jobs):
    waiver_file = batch_dir / "w.yaml"
    result = CliRunner().invoke(check_main, [str(batch_dir), "--format", fmt, "--jobs", jobs, "--fail-on", "never",
                                             "--waivers", str(waiver_file), "--today", "2024-01-15"])
    assert result.exit_code == 2  # the bad file
    paths = sorted(batch_dir.glob("*.json"))
    whole = check_paths(paths, CheckSettings(waivers=tuple(load_waivers(waiver_file)), today=dt.date(2024, 1, 15)))
    expected = render_whole(fmt, whole, "never", True, current()) + "\n"
    assert result.stdout == expected


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "html", "table"])
def test_a_batch_with_no_readable_report_is_still_a_document(tmp_path, fmt):
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(check_main, [str(tmp_path), "--format", fmt])
    assert result.exit_code == 2
    whole = check_paths(sorted(tmp_path.glob("*.json")))
    if fmt == "table":
        assert "Tổng cộng / total: 0 báo cáo" in result.stdout
    else:
        assert result.stdout == render_whole(fmt, whole, "error", False, current()) + "\n"


def test_a_rendered_batch_keeps_no_report(batch_dir):
    writer = writer_for("json", "error", False, current())
    seen: list[bytes] = []
    batch = run_batch(sorted(batch_dir.glob("*.json")), CheckSettings(), on_outcome=lambda o: seen.extend(o.fragments),
                      render=writer.fragment)
    assert batch.checked == []
    copies = 4 * len(list(FIXTURES.glob("*.json")))
    assert len(seen) == copies and all(text.startswith(b"    {") for text in seen)
    assert batch.tally.reports == copies and len(batch.errors) == 1
