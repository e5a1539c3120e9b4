"""Suggestions for misspelt ids, shared by scenario errors, injects, the MSEL and the command line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_LONGEST = 100
"""Words longer than this are not compared (ids are shorter: :data:`wargame.engine.limits.MAX_ID_CHARS`)."""


def suggest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'EST'?)`` for the closest known ids, or ``""`` when none is close.

    Case is ignored; only the best matches (up to three, tied within 0.02) are named. A word longer than any id
    gets no suggestion (comparing it would cost time in proportion to its length for every known id).
    """
    if not isinstance(word, str) or len(word) > _LONGEST:
        return ""
    by_folded: dict[str, str] = {}
    for k in known:
        by_folded.setdefault(k.casefold(), k)
    folded = word.casefold()
    if folded in by_folded:
        return f" (did you mean {by_folded[folded]!r}?)"
    scored: list[tuple[float, str]] = []
    for key, original in by_folded.items():
        matcher = difflib.SequenceMatcher(None, folded, key)
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
            continue
        ratio = matcher.ratio()
        if ratio >= 0.6:
            scored.append((ratio, original))
    if not scored:
        return ""
    best = max(r for r, _ in scored)
    letters = sorted(folded)

    def rank(item: tuple[float, str]) -> tuple[float, bool, str]:
        # a transposition ('TRU' for 'TUR') is the likeliest typo among equal scores
        return (-item[0], sorted(item[1].casefold()) != letters, item[1])

    close = sorted((item for item in scored if item[0] >= best - 0.02), key=rank)[:3]
    return " (did you mean " + " or ".join(repr(name) for _, name in close) + "?)"
