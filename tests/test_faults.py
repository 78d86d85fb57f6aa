"""Bad input and faults (issue 14): inputs are never written, a bad report fails alone, user mistakes exit 2."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.check import check_main
from checker.cli.main import checker_main
from checker.core import bounded_read
from checker.core.errors import InputError
from checker.core.safe_output import atomic_path, atomic_writer, check_output
from checker.run import batch as batch_module
from checker.run.batch import check_paths, check_report
from tests.conftest import FIXTURES

SEED = FIXTURES / "chi-lang-nam-thanh-mien-2023.json"
SEED_TEXT = FIXTURES / "chi-lang-nam-thanh-mien-2023.txt"


def run(*args: str):
    return CliRunner().invoke(check_main, list(args))


def run_checker(*args: str):
    return CliRunner().invoke(checker_main, list(args))


def copy_seed(tmp_path: Path, name: str = "r.json") -> Path:
    path = tmp_path / name
    shutil.copy(SEED, path)
    return path


def with_first_value(tmp_path: Path, token: str, name: str = "bad.json") -> Path:
    """The seed with its first ``"value": N`` written as ``token`` (a raw JSON number token)."""
    text = SEED.read_text(encoding="utf-8")
    match = re.search(r'"value": (-?\d+(?:\.\d+)?)', text)
    assert match is not None
    path = tmp_path / name
    path.write_text(text[:match.start(1)] + token + text[match.end(1):], encoding="utf-8")
    return path


# --- 1. inputs are never written ------------------------------------------------------------------

def test_output_onto_the_input_is_refused_and_the_input_kept(tmp_path):
    report = copy_seed(tmp_path)
    before = report.read_bytes()
    result = run(str(report), "--format", "json", "-o", str(report))
    assert result.exit_code == 2
    assert "chính là tệp đầu vào" in result.stderr
    assert report.read_bytes() == before


def test_output_through_a_symlink_or_hard_link_to_the_input_is_refused(tmp_path):
    report = copy_seed(tmp_path)
    before = report.read_bytes()
    (tmp_path / "link.json").symlink_to(report)
    os.link(report, tmp_path / "hard.json")
    for alias in ("link.json", "hard.json"):
        result = run(str(report), "--format", "json", "-o", str(tmp_path / alias))
        assert result.exit_code == 2, alias
    assert report.read_bytes() == before


def test_output_inside_an_input_folder_with_a_report_name_is_refused(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    report = copy_seed(folder, "a.json")
    before = report.read_bytes()
    for name in ("a.json", "results.json"):
        result = run(str(folder), "--format", "sarif", "-o", str(folder / name))
        assert result.exit_code == 2, name
        assert "thư mục báo cáo" in result.stderr
    assert report.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.json"]
    # a name that the folder does not stand for is fine
    assert run(str(folder), "--format", "sarif", "-o", str(folder / "out.sarif")).exit_code == 1


def test_waiver_and_target_files_are_inputs_too(tmp_path):
    report = copy_seed(tmp_path)
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers: []\n", encoding="utf-8")
    result = run(str(report), "--waivers", str(waivers), "-o", str(waivers))
    assert result.exit_code == 2 and waivers.read_text(encoding="utf-8") == "waivers: []\n"


def test_extract_and_summary_refuse_to_overwrite_their_source(tmp_path):
    text = tmp_path / "e.txt"
    shutil.copy(SEED_TEXT, text)
    before = text.read_bytes()
    assert run_checker("extract", str(text), "-o", str(text)).exit_code == 2
    assert text.read_bytes() == before
    report = copy_seed(tmp_path, "s.json")
    before = report.read_bytes()
    assert run_checker("summary", str(report), "-o", str(report)).exit_code == 2
    assert report.read_bytes() == before


@pytest.mark.parametrize("output", ["/nonexistent-folder/out.json", "/tmp", "/dev/full"])
def test_unusable_output_paths_are_exit_2(output, tmp_path):
    result = run(str(SEED), "--format", "json", "-o", output)
    assert result.exit_code == 2, result.output
    assert output in result.stderr and "Traceback" not in result.output


def test_a_read_only_output_folder_is_exit_2(tmp_path, monkeypatch):
    from checker.core import safe_output

    real = os.access
    monkeypatch.setattr(safe_output.os, "access",  # root may write anywhere: pretend this folder is read-only
                        lambda path, mode: False if Path(path) == tmp_path else real(path, mode))
    result = run(str(SEED), "--format", "json", "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 2 and "không có quyền ghi" in result.stderr


def test_template_refuses_to_overwrite_its_source(tmp_path):
    report = copy_seed(tmp_path, "from.json")
    before = report.read_bytes()
    result = run_checker("template", "--from", str(report), "-o", str(report))
    assert result.exit_code == 2 and report.read_bytes() == before


def test_a_failed_run_leaves_the_previous_output_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")
    plan = check_output(str(target))
    with pytest.raises(KeyboardInterrupt), atomic_writer(plan) as write:
        write("half of a new")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    with atomic_path(plan) as temporary:
        assert temporary.parent == tmp_path and temporary != target
        temporary.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "previous"  # not yet in place
    assert target.read_text(encoding="utf-8") == "new"


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(str(SEED), "--format", "json", "-o", str(link)).exit_code == 1
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["reports"]


# --- 2. a bad report fails alone ------------------------------------------------------------------

BAD_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e309", "98.1e9991", "9" * 5000, "1000000000000000"]


@pytest.mark.parametrize("token", BAD_NUMBERS, ids=lambda t: t[:12])
def test_unusable_numbers_are_input_errors_naming_the_field(tmp_path, token):
    result = run(str(with_first_value(tmp_path, token)))
    assert result.exit_code == 2, result.output
    assert "/indicators/directives.steering_committee_members/value" in result.stderr
    assert "số hữu hạn" in result.stderr


def test_a_lone_surrogate_in_a_key_is_an_input_error(tmp_path):
    text = json.dumps(json.loads(SEED.read_text(encoding="utf-8")), ensure_ascii=True)
    path = tmp_path / "s.json"
    path.write_text(text.replace('"indicators": {', '"indicators": {"\\ud800x": {"value": 1}, ', 1), encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.exit_code == 2
    assert "/indicators/\\ud800x" in result.stderr and "surrogate" in result.stderr


def test_a_file_that_cannot_be_read_is_an_input_error(tmp_path, monkeypatch):
    path = copy_seed(tmp_path)
    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    error = check_report(path)
    assert isinstance(error, InputError) and "không có quyền đọc" in error.render()


def _broken_folder(tmp_path: Path, count: int = 30) -> tuple[Path, set[str]]:
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in range(count):
        shutil.copy(SEED, folder / f"r{index:03d}.json")
    broken = {}
    for index, token in enumerate(BAD_NUMBERS):
        broken[f"r{3 * index:03d}.json"] = with_first_value(folder, token, f"r{3 * index:03d}.json")
    (folder / "r001.json").write_text("{not json", encoding="utf-8")
    broken["r001.json"] = folder / "r001.json"
    (folder / "r002.json").unlink()
    (folder / "r002.json").symlink_to(folder / "gone.json")  # a dangling link is reported, not skipped
    broken["r002.json"] = folder / "r002.json"
    return folder, set(broken)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_with_broken_reports_checks_the_rest_and_writes_valid_outputs(tmp_path, jobs):
    folder, broken = _broken_folder(tmp_path)
    total = len(list(folder.glob("*.json")))
    out = tmp_path / "out"
    out.mkdir()
    for fmt, name in (("json", "o.json"), ("sarif", "o.sarif"), ("junit", "o.xml")):
        result = run(str(folder), "--format", fmt, "-o", str(out / name), "--jobs", jobs, "--engine", "python")
        assert result.exit_code == 2, result.output
        assert sorted(Path(line.split(": ", 1)[1]).name for line in result.stderr.splitlines()
                      if line.startswith("Lỗi dữ liệu vào")) == sorted(broken)
    data = json.loads((out / "o.json").read_text(encoding="utf-8"))
    assert len(data["reports"]) == total - len(broken)
    assert sorted(Path(e["file"]).name for e in data["errors"]) == sorted(broken)
    sarif = json.loads((out / "o.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"]
    ET.parse(out / "o.xml")


def test_an_unexpected_exception_on_one_report_fails_it_alone_with_exit_3(tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in range(4):
        copy_seed(folder, f"r{index}.json")
    doomed = folder / "r2.json"
    real = batch_module.evaluate

    def evaluate(report, **kwargs):
        if report.meta.source_file == "doomed":
            raise ZeroDivisionError("a bug")
        return real(report, **kwargs)

    data = json.loads(doomed.read_text(encoding="utf-8"))
    data.setdefault("meta", {})["source_file"] = "doomed"
    doomed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(batch_module, "evaluate", evaluate)
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)
    batch = check_paths(sorted(folder.glob("*.json")))
    assert [e.file for e in batch.errors] == [str(doomed)] and batch.errors[0].internal
    assert "ZeroDivisionError" in batch.errors[0].render() and len(batch.checked) == 3
    result = run(str(folder), "--format", "json", "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 3
    assert len(json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["reports"]) == 3



def test_a_rendered_text_that_cannot_be_encoded_fails_its_report_alone(tmp_path, monkeypatch):
    folder = tmp_path / "batch"
    folder.mkdir()
    for index in range(3):
        copy_seed(folder, f"r{index}.json")
    paths = sorted(folder.glob("*.json"))
    monkeypatch.delenv("CHECKER_DEBUG", raising=False)

    def render(checked):
        return "\ud800" if checked.path == paths[1] else "ok"

    results = batch_module.process(paths, batch_module.CheckSettings(), render)
    outcome, *errors = results
    assert outcome.fragments == [b"ok", b"ok"] and outcome.tally.reports == 2
    assert [error.file for error in errors] == [str(paths[1])] and errors[0].internal
    assert "UnicodeEncodeError" in errors[0].render()

# --- 3. user mistakes are exit 2 ------------------------------------------------------------------

@pytest.mark.parametrize("year", ["1999", "2101"])
def test_a_text_report_titled_with_an_out_of_range_year_is_exit_2(tmp_path, year):
    path = tmp_path / "r.txt"
    path.write_text(SEED_TEXT.read_text(encoding="utf-8").replace("năm 2023", f"năm {year}"), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2, result.output
    assert "/period/year" in result.stderr


WAIVER = """waivers:
  - rule: CS063
    commune: "*"
    reason: Huyện cho phép chốt số liệu sớm
    accepted_by: Phòng VH-TT huyện
    expires: {date}
"""


@pytest.mark.parametrize("date", ["2024-13-45", "2024-02-30"])
def test_an_impossible_waiver_expiry_is_exit_2_naming_the_field(tmp_path, date):
    waivers = tmp_path / "w.yaml"
    waivers.write_text(WAIVER.format(date=date), encoding="utf-8")
    result = run(str(SEED), "--waivers", str(waivers))
    assert result.exit_code == 2
    assert "/waivers/0/expires" in result.stderr and date in result.stderr


TARGETS = FIXTURES.parent / "targets" / "national" / "qd-942-2021.yaml"


@pytest.mark.parametrize(("old", "new", "pointer"), [
    ("date: 2021-06-15", "date: 2023-02-30", "/document/date"),
    ("  confidence: sec\n", "  confidence: sec\n  in_force_from: 2023-02-30\n", "/targets/0/in_force_from"),
])
def test_an_impossible_target_date_is_exit_2_naming_the_field(tmp_path, old, new, pointer):
    text = TARGETS.read_text(encoding="utf-8").replace("id: qd-942-2021", "id: my-doc").replace(old, new, 1)
    targets = tmp_path / "t.yaml"
    targets.write_text(text, encoding="utf-8")
    result = run(str(SEED), "--targets", str(targets))
    assert result.exit_code == 2 and pointer in result.stderr


def test_a_yaml_billion_laughs_is_refused_in_seconds(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, 9):
        before, name = chr(96 + index), chr(97 + index)
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join([*lines, "document: *i"]) + "\n", encoding="utf-8")
    assert bomb.stat().st_size < 500
    started = time.monotonic()
    result = run(str(SEED), "--targets", str(bomb))
    assert result.exit_code == 2 and "bí danh" in result.stderr
    assert time.monotonic() - started < 5


def test_an_endless_yaml_input_is_capped():
    result = run(str(SEED), "--targets", "/dev/zero")
    assert result.exit_code == 2 and "quá lớn" in result.stderr


# --- 5. bounded reads -----------------------------------------------------------------------------

def test_an_endless_device_is_refused_after_the_cap():
    result = run("/dev/zero")
    assert result.exit_code == 2 and "quá lớn" in result.stderr


def test_a_fifo_without_a_writer_does_not_hang(tmp_path, monkeypatch):
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    monkeypatch.setattr(bounded_read, "READ_TIMEOUT", 0.3)
    result = run(str(fifo))
    assert result.exit_code == 2 and "không đọc xong trong 0,3 giây" in result.stderr


def test_a_fifo_whose_writer_never_ends_times_out(tmp_path, monkeypatch):
    fifo = tmp_path / "r.json"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a writer that stays open and writes nothing
    try:
        with pytest.raises(InputError, match="không đọc xong"):
            bounded_read.read_bounded(fifo, timeout=0.3)
    finally:
        os.close(writer)


# --- 6. signals -------------------------------------------------------------------------------------

def _as_a_foreground_command(blocked: frozenset[int]) -> Callable[[], None]:
    """What an interactive shell gives the command it runs in the foreground, with ``blocked`` blocked.

    Not what this test process got: a suite started as a script's background job (``pytest … &``
    in a shell without job control) has SIGINT ignored, and the command would inherit that and
    rightly ignore Ctrl-C (it did in the full suite: the batch ran on).
    """
    def start() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    return start


def test_a_command_keeps_an_ignored_ctrl_c_ignored_and_unblocks_the_signals_it_stops_on():
    from checker.core import interrupts

    handler, terminate = signal.signal(signal.SIGINT, signal.SIG_IGN), signal.getsignal(signal.SIGTERM)
    # SIGINT ignored as for a script's background command; both blocked, as a launcher can leak its mask
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        previous = interrupts.install()
        try:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is not terminate
            assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGINT, signal.SIGTERM}
        finally:
            interrupts.restore(previous)
        assert signal.pthread_sigmask(signal.SIG_BLOCK, set()) >= {signal.SIGINT, signal.SIGTERM}
        assert signal.getsignal(signal.SIGTERM) is terminate
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGINT, handler)


def test_ctrl_c_in_source_run_by_exec_still_exits_130_under_python_m(tmp_path):
    # CPython remembers a KeyboardInterrupt that ended exec'd source text (a dataclass being made while the run
    # imports) even once caught, and under ``python -m`` then kills the process with SIGINT (-2) at exit
    (tmp_path / "ctrl_c_in_exec.py").write_text(
        "from checker.cli.guard import guarded\n\n\n@guarded\ndef command():\n"
        "    exec('raise KeyboardInterrupt', {})\n\n\ncommand()\n", encoding="utf-8")
    path = os.pathsep.join([str(tmp_path), str(Path(__file__).resolve().parent.parent)])
    done = subprocess.run([sys.executable, "-m", "ctrl_c_in_exec"], capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": path})
    assert done.returncode == 130, done.stderr.decode()
    assert "Đã dừng" in done.stderr.decode()


_BOTH = frozenset({signal.SIGINT, signal.SIGTERM})


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # the process ended
        return []


@pytest.mark.parametrize(("signum", "code", "moment", "blocked"), [
    pytest.param(signal.SIGINT, 130, "output", frozenset(), id="SIGINT-as-the-output-opens"),
    pytest.param(signal.SIGINT, 130, "workers", frozenset(), id="SIGINT-as-workers-start"),
    pytest.param(signal.SIGINT, 130, "workers", _BOTH, id="SIGINT-inherited-blocked"),
    pytest.param(signal.SIGTERM, 143, "workers", frozenset(), id="SIGTERM-as-workers-start")])
def test_an_interrupted_batch_stops_its_workers_and_leaves_no_output(tmp_path, signum, code, moment, blocked):
    folder = tmp_path / "reports"
    folder.mkdir()
    # enough reports that the batch is still running when the signal comes, even on a fast or idle machine
    # (the checked reports arrive in chunks of 25, so the output appears before most are checked)
    for index in range(1000):
        shutil.copy(SEED, folder / f"r{index:04d}.json")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "checker", "check", str(folder), "--format", "sarif",
                                "-o", str(out / "o.sarif"), "--jobs", "2"],
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_as_a_foreground_command(blocked))
    deadline = time.monotonic() + 8
    # the temporary output is being written (the run is still importing), or the first workers are forking
    while ((not list(out.iterdir()) or (moment == "workers" and not _children(process.pid)))
           and time.monotonic() < deadline):
        time.sleep(0.005)
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C reaches the whole process group
    else:
        process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=8)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # a failed run leaves nothing running
        raise
    time.sleep(0.2)
    try:
        os.killpg(process.pid, signal.SIGKILL)  # a worker left behind (killed, not left running)
        left = True
    except ProcessLookupError:
        left = False
    message = err.decode()
    assert process.returncode == code, message  # not killed by SIGINT (-2): see interrupts.handled
    assert "Đã dừng" in message
    assert list(out.iterdir()) == []
    assert "Traceback" not in message, message
    assert not left, "a worker outlived the interrupted run"


def _zip_with_a_huge_part(path: Path, part: str, megabytes: int) -> Path:
    """A tiny zip whose ``part`` inflates to ``megabytes`` MiB of XML (a zip bomb)."""
    chunk = b"<w:t>" + b"a" * (1024 * 1024 - 11) + b"</w:t>\n"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


@pytest.mark.parametrize(("name", "part"), [("bomb.docx", "word/document.xml"),
                                            ("bomb.xlsx", "xl/worksheets/sheet1.xml")])
def test_an_office_zip_bomb_is_refused_before_parsing(tmp_path, name, part):
    bomb = _zip_with_a_huge_part(tmp_path / name, part, 31)
    assert bomb.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = run(str(bomb))
    assert result.exit_code == 2, result.output
    assert part in result.stderr and "quá lớn" in result.stderr
    assert time.monotonic() - started < 5


def test_a_pdf_past_the_page_cap_is_refused(tmp_path):
    from reportlab.pdfgen import canvas  # a test dependency (pypdf is only in the bench extra)

    from checker.read.document.text import MAX_PAGES

    path = tmp_path / "long.pdf"
    pages = canvas.Canvas(str(path), pagesize=(200, 200))
    for _ in range(MAX_PAGES + 1):
        pages.showPage()
    pages.save()
    result = run(str(path))
    assert result.exit_code == 2 and "vượt giới hạn" in result.stderr


def test_an_xlsx_with_xml_entities_is_refused_not_expanded(tmp_path):
    from openpyxl import Workbook

    form = tmp_path / "form.xlsx"
    Workbook().save(form)
    bomb = tmp_path / "laughs.xlsx"
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
              + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
              '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, laughs if item.filename == "xl/worksheets/sheet1.xml" else data)
    started = time.monotonic()
    result = run(str(bomb))
    assert result.exit_code == 2, result.output
    assert time.monotonic() - started < 5


# --- 4. no silent guesses -----------------------------------------------------------------------------

def test_duplicate_keys_are_an_input_error_naming_the_key_and_both_positions(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    data = json.loads(text)
    code = next(iter(data["indicators"]))
    path = tmp_path / "dup.json"
    path.write_text(text.replace('"indicators": {', f'"indicators": {{\n"{code}": {{"percent": 100}},', 1),
                    encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert f"/indicators/{code}" in result.stderr and "xuất hiện 2 lần" in result.stderr
    assert len(re.findall(r"dòng \d+ cột \d+", result.stderr)) == 2


def test_an_ambiguous_number_string_is_refused_with_the_text_as_typed(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["indicators"]["staff.officials"] = {"value": "3,146"}
    path = tmp_path / "amb.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2
    assert "/indicators/staff.officials/0" in result.stderr and "'3,146' mơ hồ" in result.stderr


def test_a_share_over_100_percent_never_counts_as_met(tmp_path):
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["indicators"]["society.households_fibre_share"] = {"percent": 150}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = json.loads(run(str(path), "--format", "json", "--fail-on", "never").stdout)
    about = [f for f in out["reports"][0]["findings"] if f["indicator"] == "society.households_fibre_share"]
    assert "CS050" in {f["rule_id"] for f in about}
    targets = [f for f in about if f["category"] == "target"]
    assert targets and all(f["status"] != "met" for f in targets)


# --- 8. report text is data, never markup -------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> **đậm** [x](javascript:alert(1)) `code` | ```"


def _hostile_report(tmp_path: Path) -> Path:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["identity"]["commune"] = HOSTILE
    data["period"]["label"] = HOSTILE
    path = tmp_path / "hostile`name.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_markdown_escapes_report_text(tmp_path):
    from checker.render.markdown import md_block, md_code, md_text

    report = _hostile_report(tmp_path)
    (tmp_path / "broken```.json").write_text("{", encoding="utf-8")
    result = run(str(tmp_path), "--format", "markdown", "--fail-on", "never")
    out = result.stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "**đậm**" not in out and "\\*\\*đậm\\*\\*" in out
    assert "[x](javascript" not in out
    assert report.name not in out.replace(md_code(report.as_posix()), "")  # the path only inside its code span
    assert md_text("a|b") == "a\\|b" and md_code("a`b") == "`` a`b ``"
    assert md_block("x\n```\ny").startswith("````\n")


def test_summary_html_escapes_report_text(tmp_path):
    report = _hostile_report(tmp_path)
    (tmp_path / "<b>bad<i>.json").write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run_checker("summary", str(report), str(tmp_path / "<b>bad<i>.json"), "--format", "html",
                         "-o", str(out / "s.html"))
    assert result.exit_code == 2, result.output
    page = (out / "s.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bad<i>" not in page and "&lt;b&gt;bad" in page


def test_the_report_page_escapes_report_text(tmp_path):
    report = _hostile_report(tmp_path)
    result = run(str(report), "--format", "html", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "<script>alert" not in result.stdout and "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
