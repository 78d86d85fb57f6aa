"""Input errors: which file, which field (JSON pointer), what was expected."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from checker.core.pydantic_vi import vietnamese
from checker.core.records import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located by JSON pointer."""

    pointer: str
    message: str
    got: str | None = None

    def render(self) -> str:
        """One line: pointer, expectation and what was found."""
        where = self.pointer or "/"
        got = f" (nhận được / got: {self.got})" if self.got is not None else ""
        return f"{where}: {self.message}{got}"


class InputError(Exception):
    """A file the user gave cannot be used; carries every problem found in it."""

    internal = False
    """True for a report that failed because of a bug, not its input (the run exits 3, not 2)."""

    def __init__(self, file: str, pointer: str, message: str, problems: list[Problem] | None = None):
        self.file = file
        self.problems = problems or [Problem(pointer, message)]
        super().__init__(self.render())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by file and problems, so an error found in a worker process reaches the parent intact."""
        return (self.__class__.from_problems, (self.file, self.problems))

    @classmethod
    def from_problems(cls, file: str, problems: list[Problem]) -> InputError:
        """Build an error carrying several problems of one file."""
        first = problems[0]
        return cls(file, first.pointer, first.message, problems)

    def render(self) -> str:
        """Human text: the file, then one line per problem."""
        lines = [f"Lỗi dữ liệu vào / input error: {self.file}"]
        lines += [f"  {problem.render()}" for problem in self.problems]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """Machine-readable form for JSON output."""
        return {
            "file": self.file,
            "problems": [
                {"pointer": p.pointer, "message": p.message, "got": p.got} for p in self.problems
            ],
        }


def _pointer(loc: tuple[Any, ...]) -> str:
    parts = []
    for part in loc:
        if isinstance(part, str) and part.startswith(("function-", "union[", "list[", "dict[")):
            continue
        text = str(part).replace("~", "~0").replace("/", "~1")
        parts.append(text)
    return "/" + "/".join(parts) if parts else ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def pydantic_problems(exc: ValidationError, raw: Any = None) -> list[Problem]:
    """Turn a pydantic ValidationError into located problems, one per error."""
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error.get("loc", ()))
        kind = error.get("type", "")
        message = vietnamese(error)  # type: ignore[arg-type]
        got = None if kind in ("missing",) else _short(error.get("input"))
        problems.append(Problem(_pointer(loc), message, got))
    return problems


def raise_for(file: str, exc: ValidationError, raw: Any = None) -> None:
    """Raise the InputError for a pydantic ValidationError of ``file``."""
    raise InputError.from_problems(file, pydantic_problems(exc, raw)) from exc
