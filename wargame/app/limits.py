"""The bounds on what enters a game, for the clients (GUI, command line, report): the same numbers the engine's
checks, the scenario loader and the MSEL use (:mod:`wargame.engine.limits`, where each is explained)."""

from __future__ import annotations

from wargame.engine.limits import (
    MAX_BUDGET_MUSD,
    MAX_CASUALTIES,
    MAX_CELL_CHARS,
    MAX_DAMAGE_MUSD,
    MAX_ID_CHARS,
    MAX_MSEL_FILE_BYTES,
    MAX_MSEL_ROWS,
    MAX_NAME_CHARS,
    MAX_PROBLEMS_SHOWN,
    MAX_TEXT_CHARS,
    MAX_TURNS,
    MAX_VALUE_SHOWN,
    cut,
    number_problem,
    shorten,
)

__all__ = [
    "MAX_BUDGET_MUSD",
    "MAX_CASUALTIES",
    "MAX_CELL_CHARS",
    "MAX_DAMAGE_MUSD",
    "MAX_ID_CHARS",
    "MAX_MSEL_FILE_BYTES",
    "MAX_MSEL_ROWS",
    "MAX_NAME_CHARS",
    "MAX_PROBLEMS_SHOWN",
    "MAX_TEXT_CHARS",
    "MAX_TURNS",
    "MAX_VALUE_SHOWN",
    "cut",
    "number_problem",
    "shorten",
]
