"""Argument types of the command line, in one place: every number is checked for range and finiteness and every
text and path for length when it is parsed, each with its own one-line message (never an internal error later).

Use them as ``type=`` of :mod:`argparse` arguments. The bounds come from :mod:`wargame.app.limits` (the same the
scenario loader, the MSEL and the desktop dialogs use).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Callable

from wargame.app.limits import (
    MAX_CASUALTIES,
    MAX_DAMAGE_MUSD,
    MAX_ID_CHARS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_TURNS,
    cut,
)
from wargame.app.limits import (
    MAX_PROBLEMS_SHOWN as MAX_PROBLEMS_SHOWN,  # re-exported for the command line
)

INT64_MAX = 2**63 - 1
MAX_PATH_CHARS = 4096


def _fail(message: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(message)


def whole(low: int = 0, high: int = INT64_MAX, what: str = "a whole number") -> Callable[[str], int]:
    """A whole number in ``[low, high]``."""

    def parse(text: str) -> int:
        t = text.strip()
        if len(t) > 30:
            raise _fail(f"expected {what}, got {len(t):,} characters")
        try:
            v = int(t)
        except ValueError:
            raise _fail(f"expected {what}, got {cut(text)!r}") from None
        if v < low:
            raise _fail(f"must be {low:,} or more, got {v:,}")
        if v > high:
            raise _fail(f"must be at most {high:,} (the limit), got {v:,}")
        return v

    return parse


def number(low: float = 0.0, high: float = math.inf, what: str = "a number") -> Callable[[str], float]:
    """A finite number in ``[low, high]``."""

    def parse(text: str) -> float:
        t = text.strip()
        if len(t) > 40:
            raise _fail(f"expected {what}, got {len(t):,} characters")
        try:
            v = float(t)
        except ValueError:
            raise _fail(f"expected {what}, got {cut(text)!r}") from None
        if not math.isfinite(v):
            raise _fail(f"expected a finite number, got {t}")
        if (low, high) == (0.0, 1.0) and not 0.0 <= v <= 1.0:
            raise _fail(f"must be between 0 and 1, got {t}")
        if v < low:
            raise _fail(f"must be {low:g} or more, got {t}")
        if v > high:
            raise _fail(f"must be at most {high:,.0f} (the limit), got {t}")
        return v

    return parse


def text(limit: int = MAX_TEXT_CHARS, what: str = "text") -> Callable[[str], str]:
    """Text of at most ``limit`` characters (no NUL)."""

    def parse(value: str) -> str:
        if len(value) > limit:
            raise _fail(f"{what} may have at most {limit:,} characters, got {len(value):,}")
        if "\x00" in value:
            raise _fail(f"{what} may not contain a NUL character")
        return value

    return parse


def path(value: str) -> str:
    """A file path: not empty, no NUL, not absurdly long (the file itself is checked by the command)."""
    if not value.strip():
        raise _fail("expected a file name, got nothing")
    if "\x00" in value:
        raise _fail("a path may not contain a NUL character")
    if len(value) > MAX_PATH_CHARS or any(len(part) > 255 for part in value.replace("\\", "/").split("/")):
        raise _fail(f"the path is too long ({len(value):,} characters)")
    return value


def date(value: str) -> dt.date:
    """A date like 2026-03-02."""
    try:
        if len(value) > 40:
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(f"expected a date like 2026-03-02, got {cut(value)!r}") from None


nonneg_int = whole(0)
pos_int = whole(1)
turns = whole(1, MAX_TURNS, "a number of turns")
"""A number of turns (advance, play, postpone)."""
turn = whole(0, INT64_MAX, "a turn number")
seed = whole(0, INT64_MAX, "a whole number (the seed, 0 to 2^63-1)")
casualties = whole(0, MAX_CASUALTIES, "a whole number of casualties")
damage = number(0.0, MAX_DAMAGE_MUSD, "a number (US$ million)")
probability = number(0.0, 1.0, "a number between 0 and 1")
identifier = text(MAX_ID_CHARS, "an id")
name = text(MAX_NAME_CHARS, "a name")
long_text = text(MAX_TEXT_CHARS, "the text")
