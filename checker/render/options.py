"""What the output formats may be told beyond the findings themselves (one object, passed to every writer)."""

from __future__ import annotations

from checker.core.records import dataclass


@dataclass(frozen=True)
class OutputOptions:
    """Choices of the machine formats; every field has the default a CI job would want."""

    fail_on: str = "error"
    """The exit-code threshold (``--fail-on``)."""
    with_waivers: bool = False
    """A waiver file was given: the JSON lists unused waivers."""
    with_passes: bool = False
    """SARIF: also write passes (targets met) and targets without data, as ``kind: pass/review``."""
    junit_fail_on: str = "error"
    """JUnit: findings at or above this severity are failures, whatever ``--fail-on`` says."""
    docs_url: str | None = None
    """Where the per-rule pages ``<ID>.md`` are published (SARIF ``helpUri``); None: the bundled pages."""
    baseline: bool = False
    """A baseline was given: JSON and SARIF say of each finding whether it is new."""
