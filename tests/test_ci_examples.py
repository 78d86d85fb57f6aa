"""The README's CI examples run as written (their `check` commands, on a mock repository)."""

import json
import re
import shutil
import subprocess
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT


def yaml_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


def commands(block):
    found = []
    if "jobs" in block:
        for job in block["jobs"].values():
            found += [step["run"] for step in job["steps"] if "run" in step]
    else:
        for job in block.values():
            found += job.get("script", [])
    return found


def test_readme_has_both_ci_examples():
    blocks = [b for b in yaml_blocks() if isinstance(b, dict) and ("jobs" in b or "check-reports" in b)]
    assert len(blocks) == 2
    assert all(any(c.startswith("check reports/") for c in commands(b)) for b in blocks)


@pytest.mark.parametrize("kind", ["github", "gitlab"])
def test_ci_example_commands_run(tmp_path, kind):
    if shutil.which("check") is None:
        pytest.skip("console scripts not installed (pip install .)")
    block = next(b for b in yaml_blocks() if isinstance(b, dict) and ("jobs" in b) == (kind == "github")
                 and ("jobs" in b or "check-reports" in b))
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "checker").symlink_to(ROOT)
    (tmp_path / "reports").mkdir()
    for seed in FIXTURES.glob("*.json"):
        shutil.copy(seed, tmp_path / "reports" / seed.name)
    codes = []
    for command in commands(block):
        if command.startswith("pip install"):
            assert (tmp_path / command.split()[-1]).resolve() == ROOT  # installed already by CI
            continue
        done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        codes.append((command, done.returncode))
        if "--fail-on never" in command:
            assert done.returncode == 0, done.stderr
    assert codes[-1][1] == 1  # the bundled real reports have errors: the gate closes
    for produced in ("results.sarif",) if kind == "github" else ("junit.xml", "comment.md"):
        assert (tmp_path / produced).stat().st_size > 100
    if kind == "github":
        sarif = json.loads((tmp_path / "results.sarif").read_text(encoding="utf-8"))
        results = sarif["runs"][0]["results"]
        assert results and all(r["kind"] == "fail" and r["level"] != "none" for r in results)  # problems only
        assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in results)
    else:
        suites = ET.fromstring((tmp_path / "junit.xml").read_bytes()).findall("testsuite")
        assert sum(int(s.get("failures")) for s in suites) > 0  # shown failing despite --fail-on never
        assert len((tmp_path / "comment.md").read_text(encoding="utf-8")) < 60_000
