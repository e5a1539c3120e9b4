"""Bounds on what enters a game: numbers, text and counts, checked at every door (scenario loader, inject, MSEL,
override, dialog, command line) with a message that names the limit.

The bounds are assumptions: far beyond any real value (the largest defence budget is under US$ 1 trillion a year,
the deadliest single attacks killed thousands), and well inside what the rules' arithmetic handles for as many turns
as a scenario may have (``MAX_TURNS``), so that nothing a user can enter makes a later turn fail. Infinity and NaN
are refused everywhere.
"""

from __future__ import annotations

import math

MAX_CASUALTIES = 10_000_000
"""Casualties of one attack (assumption: ten million, above any single attack in history)."""
MAX_DAMAGE_MUSD = 10_000_000.0
"""Damage of one attack, US$ million (assumption: US$ 10 trillion, about a tenth of world GDP)."""
MAX_BUDGET_MUSD = 100_000_000.0
"""A state's budget in an override, US$ million (assumption: US$ 100 trillion, world GDP)."""
MAX_COMBAT_POWER = 1_000_000.0
"""A force's combat power (assumption; the bundled forces are in the tens to hundreds)."""
MAX_PERSONNEL = 100_000_000
"""A force's personnel (assumption; more than every army in the world together)."""
MAX_GDP_BUSD = 1_000_000.0
"""A state's GDP, US$ billion (assumption: ten times world GDP)."""
MAX_POPULATION_M = 100_000.0
"""A state's population, millions (assumption: ten times the world's)."""
MAX_DAYS = 36_500.0
"""A duration in days (readiness, legislative lag): a hundred years."""
MAX_SPEED_KM_PER_DAY = 100_000.0
"""A force's speed (assumption: above any aircraft's sustained daily range)."""
MAX_DAILY_COST_MUSD = 1_000_000.0
"""A force's daily cost, US$ million (assumption)."""
MAX_MUNITIONS = 1_000_000_000.0
"""Rounds of one munitions pool, stock or daily production (assumption: a thousand times the largest stocks of
artillery shells, a few million)."""
MAX_RULE_VALUE = 1_000_000.0
"""Any number of the ``[rules]`` table without a bound of its own (assumption; the defaults are at most 1,500)."""
MAX_TURNS = 100_000
"""A scenario's last turn."""
MAX_STATES = 1_000
"""States (and non-state actors) of a scenario; also parties of a treaty (the world has about 200 states)."""
MAX_TREATIES = 1_000
"""Treaties of a scenario."""
MAX_ITEMS = 10_000
"""Any other list of a scenario file (locations, forces, injects, names …)."""
MAX_POLYGON_VERTICES = 10_000
"""Vertices of one scope polygon."""

MAX_ID_CHARS = 100
"""An id (state, location, force, treaty, serial …)."""
MAX_NAME_CHARS = 500
"""A name or short label."""
MAX_TEXT_CHARS = 100_000
"""A long text (briefing, treaty text, note, description, rationale)."""
MAX_CELL_CHARS = 10_000
"""One cell of an MSEL spreadsheet."""

MAX_SCENARIO_FILE_BYTES = 8_000_000
"""One scenario file (main or included)."""
MAX_SCENARIO_TOTAL_BYTES = 32_000_000
"""A scenario and all the files it includes together."""
MAX_INCLUDED_FILES = 100
"""Files a scenario includes, directly or not."""
MAX_MSEL_FILE_BYTES = 256_000_000
"""An MSEL spreadsheet (CSV or XLSX)."""
MAX_MSEL_ROWS = 1_000_000
"""Rows of an MSEL spreadsheet, and of a game's MSEL."""
MAX_PROBLEMS_SHOWN = 50
"""Problems listed in an error message; the rest are counted."""
MAX_VALUE_SHOWN = 60
"""Characters of a value echoed in a message."""


def shorten(value: object, limit: int = MAX_VALUE_SHOWN) -> str:
    """``repr`` of a value for a message, cut to ``limit`` characters with an ellipsis."""
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python converts to text
        return "a number too long to show"
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


def cut(text: str, limit: int = MAX_VALUE_SHOWN) -> str:
    """Plain text cut to ``limit`` characters with an ellipsis (no quotes, unlike :func:`shorten`)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_problem(value: object, what: str, low: float, high: float, *, integer: bool = False) -> str:
    """Why ``value`` is not a number in ``[low, high]`` (a whole one if ``integer``), or '' when it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{what} must be a number, not {shorten(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{what} must be a finite number, not {value}"
    if integer and isinstance(value, float) and not value.is_integer():
        return f"{what} must be a whole number, not {value:g}"
    if low == 0 and high == 1 and not 0 <= value <= 1:
        return f"{what} must be between 0 and 1, not {shorten(value)}"
    if value < low:
        return f"{what} must be {_fmt(low)} or more, not {shorten(value)}"
    if value > high:
        return f"{what} must be at most {_fmt(high)} (the limit), not {shorten(value)}"
    return ""


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"
