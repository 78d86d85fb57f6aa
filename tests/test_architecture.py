"""The layout promises: every package is installed, one check path, python -m checker, --version."""

import configparser
import subprocess
import sys

from click.testing import CliRunner

from checker.cli.main import checker_main
from tests.conftest import FIXTURES, ROOT


def test_setup_cfg_installs_every_package_of_the_checker():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = {line.strip() for line in config["options"]["packages"].splitlines() if line.strip()}
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "checker").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)


def test_the_summary_reads_documents_like_check():
    result = CliRunner().invoke(checker_main, ["summary", str(FIXTURES / "dong-tam-ninh-giang-2023.txt")])
    assert result.exit_code == 0, result.output
    assert "Đồng Tâm" in result.output


def test_python_dash_m_checker_and_version():
    help_text = subprocess.run([sys.executable, "-m", "checker", "--help"], capture_output=True, text=True,
                               cwd=ROOT, check=True).stdout
    assert "summary" in help_text and "targets" in help_text
    version = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True, text=True,
                             cwd=ROOT, check=True).stdout
    assert version.startswith("xa-cds-checker ") and "rules" in version and "targets" in version
