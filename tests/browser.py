"""Opening a page in Debian's Chromium, headless: the DOM after scripts ran, console messages, a screenshot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BLANK_PNG = 30_000
"""A blank page's screenshot at these sizes is about 9 kB; one with text and colour far more."""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the system Chromium headless with a fresh profile (skip the test when it is not installed)."""
    browser = shutil.which("chromium")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    profile = tmp_path / "profile"
    return subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, check=False, timeout=120)


def open_page(page: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and every console message it logged (errors included)."""
    done = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", page.resolve().as_uri())
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    stderr = done.stderr.decode("utf-8", "replace")
    console = [line for line in stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout.decode("utf-8"), console


def screenshot(page: Path, tmp_path: Path, size: str = "1280,1600") -> bytes:
    """A PNG screenshot of the page."""
    shot = tmp_path / "shot.png"
    done = chromium(tmp_path, f"--window-size={size}", "--hide-scrollbars", f"--screenshot={shot}",
                    page.resolve().as_uri())
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return png
