"""Cold start: the YAML parse cache is never stale, never required, and keeps errors as they were."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker.catalogue.paths import data_dir
from checker.catalogue.rules import RuleDef, load_rule_file
from checker.catalogue.targets import load_target_file, target_files
from checker.core import parsecache as datacache
from checker.core import yamlio
from checker.core.errors import InputError
from tests.conftest import count_calls

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A fresh cache under tmp_path, as a new process would see it."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(datacache, "_entries", None)
    monkeypatch.setattr(datacache, "_dirty", False)
    return home


def new_process(monkeypatch) -> None:
    """Forget what this process read from the cache file, as a new process would."""
    monkeypatch.setattr(datacache, "_entries", None)
    monkeypatch.setattr(datacache, "_dirty", False)


@pytest.fixture
def parses(monkeypatch):
    """Count the YAML parses (cache misses)."""
    return count_calls(monkeypatch, yamlio, "load_yaml")


def read(path: Path):
    value = yamlio.read_yaml(path, cached=True)
    datacache.flush()
    return value


def test_a_second_process_reads_the_cache_not_the_yaml(cache_home, parses, monkeypatch, tmp_path):
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\nwhen: 2023-05-17\nlist: [x, y]\n", encoding="utf-8")
    first = read(source)
    assert (cache_home / "xa-cds-checker" / datacache.CACHE_FILE).is_file()
    new_process(monkeypatch)
    second = read(source)
    assert second == first and len(parses) == 1
    assert second is not read(source)  # every read gets its own objects


def test_a_changed_file_is_parsed_again_even_with_same_size_and_mtime(cache_home, parses, monkeypatch, tmp_path):
    source = tmp_path / "data.yaml"
    source.write_text("threshold: 90\n", encoding="utf-8")
    stat = source.stat()
    assert read(source) == {"threshold": 90}
    source.write_text("threshold: 95\n", encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert source.stat().st_size == stat.st_size and source.stat().st_mtime_ns == stat.st_mtime_ns
    new_process(monkeypatch)
    assert read(source) == {"threshold": 95}
    new_process(monkeypatch)
    assert read(source) == {"threshold": 95}
    assert len(parses) == 2


def test_an_unwritable_cache_is_bypassed_silently(tmp_path, monkeypatch, parses):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    new_process(monkeypatch)
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert read(source) == {"a": 1}
    new_process(monkeypatch)
    assert read(source) == {"a": 1}
    assert len(parses) == 2 and blocker.read_text(encoding="utf-8") == ""


def test_a_cache_path_that_cannot_be_replaced_is_bypassed_silently(cache_home, parses, monkeypatch, tmp_path):
    in_the_way = cache_home / "xa-cds-checker" / datacache.CACHE_FILE
    (in_the_way / "something").mkdir(parents=True)
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert read(source) == {"a": 1}
    new_process(monkeypatch)
    assert read(source) == {"a": 1}
    assert len(parses) == 2
    assert [p.name for p in in_the_way.parent.iterdir()] == [datacache.CACHE_FILE]  # no temporary file left


def test_a_corrupt_or_foreign_cache_file_is_ignored_and_replaced(cache_home, parses, monkeypatch, tmp_path):
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    cache_file = cache_home / "xa-cds-checker" / datacache.CACHE_FILE
    cache_file.parent.mkdir(parents=True)
    for junk in (b"not a pickle", pickle.dumps(os.system), pickle.dumps({(str(source), "utf-8-sig"): "nonsense"})):
        cache_file.write_bytes(junk)
        new_process(monkeypatch)
        assert read(source) == {"a": 1}
    new_process(monkeypatch)
    assert read(source) == {"a": 1}
    assert len(parses) == 3


def test_no_cache_when_disabled(cache_home, parses, monkeypatch, tmp_path):
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert read(source) == {"a": 1}
    new_process(monkeypatch)
    assert read(source) == {"a": 1}
    assert len(parses) == 2 and not cache_home.exists()


@pytest.mark.parametrize("content", [b"id: [unclosed\n", b"id: \xff\xfe bad\n", b"- just\n- a list\n"])
def test_errors_of_broken_files_are_the_same_with_the_cache(cache_home, tmp_path, content):
    path = tmp_path / "TG999.yaml"
    path.write_bytes(content)
    messages = []
    for cached in (False, True, True):
        with pytest.raises(InputError) as caught:
            yamlio.load_model_file(path, RuleDef, "một đối tượng luật", cached=cached)
        messages.append(caught.value.render())
    assert messages[0] == messages[1] == messages[2]


def test_bundled_files_load_the_same_from_the_cache(cache_home, monkeypatch):
    rule_path = next((ROOT / "rules").rglob("*.yaml"))
    target_path = target_files(data_dir("targets"))[0]
    plain = (load_rule_file(rule_path), load_target_file(target_path))
    for _ in range(2):
        new_process(monkeypatch)
        assert (load_rule_file(rule_path, cached=True), load_target_file(target_path, cached=True)) == plain
        datacache.flush()


def run_python(code: str, env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True).stdout


def checking(*options: str) -> str:
    """A script's lines that run ``check`` on the Chi Lăng Nam report with ``options``, as a fresh process would."""
    argv = ["check", "fixtures/chi-lang-nam-thanh-mien-2023.json", *options]
    return f"import sys\nfrom checker.cli.check import check_main\nsys.argv = {argv!r}\n" \
           "try:\n    check_main()\nexcept SystemExit:\n    pass\n"


CHECK = checking("--format", "json")


def test_check_gives_the_same_output_without_cache_with_a_new_cache_and_from_the_cache(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    outputs = [run_python(CHECK, {**env, "CHECKER_NO_CACHE": "1"}), run_python(CHECK, env), run_python(CHECK, env)]
    assert outputs[0] == outputs[1] == outputs[2] and '"findings"' in outputs[0]
    assert (tmp_path / "xa-cds-checker" / datacache.CACHE_FILE).is_file()


def test_a_warm_start_imports_neither_yaml_nor_the_python_backend_durable(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    code = """
import sys
from pathlib import Path
from checker.decide.evaluate import evaluate
from checker.read.json_report import load_report
evaluate(load_report(Path("fixtures/chi-lang-nam-thanh-mien-2023.json")), backend="python")
print(sorted(name for name in ("yaml", "durable", "durable_rules_engine") if name in sys.modules))
"""
    run_python(code, env)
    assert run_python(code, env).strip() == "[]"


def test_the_exit_freeze_is_registered_once(monkeypatch):
    import gc

    from checker.cli import quickexit

    registered = []
    monkeypatch.setattr(quickexit, "_registered", False)
    monkeypatch.setattr(quickexit.atexit, "register", registered.append)
    quickexit.freeze_at_exit()
    quickexit.freeze_at_exit()
    assert registered == [gc.freeze]


COLD_IMPORTS = checking("--engine", "python", "--format", "{fmt}") + """
heavy = ("checker.read.document", "checker.read.xlsx", "pandas", "openpyxl", "pdfplumber", "docx", "durable",
         "durable_rules_engine", "hypothesis", "yaml", "checker.render.sarif",
         "checker.render.junit", "checker.render.markdown", "checker.render.report_html", "click._termui_impl",
         "tabulate")
import tokenize  # imported anyway (inspect); its pattern is compiled only when a builtin's signature is parsed
print("TOKENIZED", tokenize._compile.cache_info().currsize)
print("LOADED", sorted(name for name in heavy if name in sys.modules))
"""


def test_a_cold_check_of_one_json_report_imports_only_what_it_needs(tmp_path):
    # (importlib.metadata and tempfile are not listed: pydantic imports them to look for its plugins;
    # click's terminal module only for a progress bar that is shown; tabulate only for a table the
    # renderer leaves to it; no pydantic default_factory is a builtin such as list, whose text
    # signature pydantic would parse with tokenize)
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    run_python(COLD_IMPORTS.format(fmt="json"), env)  # fills the parse cache
    for fmt in ("json", "table"):
        printed = run_python(COLD_IMPORTS.format(fmt=fmt), env)
        assert printed.rsplit("LOADED", 1)[1].strip() == "[]", fmt
        assert printed.rsplit("TOKENIZED", 1)[1].split()[0] == "0", fmt


PYPROJECT_LOOKUP = """
import sys
from pathlib import Path
from checker.cli.config import find_config
found = find_config(Path(sys.argv[1]))
print(found.name if found else None, "tomllib" in sys.modules)
"""


@pytest.mark.parametrize(("content", "expected"), [
    ('[build-system]\nrequires = ["setuptools"]\n', "None False"),  # a project's own: not parsed at all
    ('[tool.checker]\nformat = "json"\n', "pyproject.toml True"),
    ('[tool."\\u0063hecker"]\nformat = "json"\n', "pyproject.toml True"),  # an escaped key still counts
    ('[tool.other]\nname = "checker"\n', "None True"),
    ('[tool.checker]\nformat = \n', "pyproject.toml True"),  # broken: found, reported when read
])
def test_a_pyproject_without_the_checker_is_not_parsed(tmp_path, content, expected):
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PYPROJECT_LOOKUP, str(tmp_path)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == expected


PLUGIN_LOOKUP = checking("--engine", "python", "--format", "json") + """
import os
from pydantic.plugin import _loader
print("PLUGINS", os.environ.get("PYDANTIC_DISABLE_PLUGINS"), _loader._plugins is None)
"""


@pytest.mark.parametrize(("value", "expected"), [(None, "__all__ True"), ("some_plugin", "some_plugin False")])
def test_the_commands_skip_pydantic_s_plugin_lookup_unless_the_user_chose(tmp_path, value, expected):
    # the documented switch: unset, the entry points set it and pydantic never scans the installed
    # distributions' entry points; a value the user set is kept (here: one named plugin left out)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = value
    done = subprocess.run([sys.executable, "-c", PLUGIN_LOOKUP], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    assert done.stdout.rsplit("PLUGINS", 1)[1].strip() == expected


def test_the_collector_is_paused_for_a_block_then_frozen_and_on_again():
    import gc

    from checker.cli import collector

    inside = []
    try:
        with collector.paused():
            inside.append(gc.isenabled())
        assert inside == [False] and gc.isenabled() and gc.get_freeze_count() > 0
        with pytest.raises(KeyError), collector.paused():
            raise KeyError("x")
        assert gc.isenabled()
        gc.disable()  # a collector the caller turned off stays off
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


GC_STATES = """
import gc
import checker.run.batch as batch
seen = []
real = batch.check_report
def spy(*args, **kwargs):
    seen.append(gc.isenabled())
    return real(*args, **kwargs)
batch.check_report = spy
""" + checking("--engine", "python", "--format", "json") + """
print("GC", seen, gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_check_starts_with_the_collector_paused_and_checks_reports_with_it_on(tmp_path):
    printed = run_python(GC_STATES, {"XDG_CACHE_HOME": str(tmp_path)})
    assert printed.rsplit("GC", 1)[1].split() == ["[True]", "True", "True"]


IMPORT_COLLECTIONS = """
import gc
import sys
started = []  # collections once click is imported (before it, compiling the module's source may collect)
gc.callbacks.append(lambda phase, info: started.append(info) if phase == "start" and "click" in sys.modules else None)
import checker.cli.check
print("COLLECTIONS", len(started), gc.isenabled(), gc.get_freeze_count() > 0)
"""


def test_the_check_command_s_module_imports_run_with_the_collector_paused(tmp_path):
    # click, pydantic and the report models are kept to the end: no collection walks them while they
    # are made; the collector is on again once the module is imported, with what they made frozen
    printed = run_python(IMPORT_COLLECTIONS, {"XDG_CACHE_HOME": str(tmp_path)})
    assert printed.rsplit("COLLECTIONS", 1)[1].split() == ["0", "True", "True"]
