"""Problems found in a scenario file and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wargame.engine.limits import MAX_PROBLEMS_SHOWN
from wargame.engine.names import suggest

__all__ = ["Problem", "ScenarioError", "format_path", "suggest"]


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (``treaties[0].parties[3].state``), what is wrong, and in which file."""

    path: str
    message: str
    file: str = ""

    def __post_init__(self) -> None:
        # A problem echoes parts of the file (keys, values, names): none of them may make a message huge.
        for name, limit in (("path", 200), ("message", 500), ("file", 200)):
            value = getattr(self, name)
            if len(value) > limit:
                object.__setattr__(self, name, value[: limit - 1] + "…")

    def __str__(self) -> str:
        return ": ".join(part for part in (self.file, self.path, self.message) if part)


class ScenarioError(ValueError):
    """A scenario file cannot be used. ``problems`` lists every problem found, once each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        if not self.problems:
            self.problems = [Problem("", "invalid scenario")]
        super().__init__(self.__str__())

    def __str__(self) -> str:
        """The first :data:`~wargame.engine.limits.MAX_PROBLEMS_SHOWN` problems, one a line, and the count of the
        rest (every problem stays in ``problems``)."""
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        lines = [str(p) for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"… and {len(self.problems) - len(shown):,} more problems")
        return "\n".join(lines)


def format_path(loc: Iterable[str | int]) -> str:
    """``('treaties', 0, 'articles')`` → ``treaties[0].articles``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
