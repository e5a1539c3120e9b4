"""Problems found in a scenario file and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wargame.engine.names import suggest

__all__ = ["Problem", "ScenarioError", "format_path", "suggest"]


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (``treaties[0].parties[3].state``), what is wrong, and in which file."""

    path: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.path, self.message) if part)


class ScenarioError(ValueError):
    """A scenario file cannot be used. ``problems`` lists every problem found, once each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            self.problems = [Problem("", "invalid scenario")]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def format_path(loc: Iterable[str | int]) -> str:
    """``('treaties', 0, 'articles')`` → ``treaties[0].articles``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
