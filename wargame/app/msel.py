"""The Master Scenario Events List (MSEL): import from CSV or XLSX, dry run, schedule, fire, postpone.

Facilitators keep their injects in a spreadsheet. Columns (header names, case-insensitive):
``serial, time, kind, attacker, victim, location, target, casualties, attribution, message,
expected action``. ``time`` is ``D+n``, ``D+n H+m``, a date (``2026-03-05``), or empty / ``HOLD``
for the held-back deck.

The MSEL lives in the saved game (its variant); when a turn is advanced, the rows scheduled for
it become ordinary inject commands, so replay stays deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.engine import AttackKind, AttackSpec, InjectError, Scenario, TargetKind, check_attack, decode, encode
from wargame.engine.names import suggest

if TYPE_CHECKING:  # pragma: no cover
    from wargame.app import Game

COLUMNS = (
    "serial",
    "time",
    "kind",
    "attacker",
    "victim",
    "location",
    "target",
    "casualties",
    "attribution",
    "message",
    "expected action",
)
REQUIRED = ("serial", "kind", "attacker", "victim", "location")
EXPORT_EXTRA = ("status", "fired turn")
"""Columns :func:`export_csv` adds; accepted (and ignored) on import."""
_TIME = re.compile(r"^\s*D\s*\+\s*(\d+)(?:\s*H\s*\+\s*(\d+))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class MselProblem:
    row: int
    """Spreadsheet row number (the header is row 1)."""
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


@dataclass
class MselRow:
    """One row of a game's MSEL, stored in the game's variant with :func:`wargame.engine.encode`."""

    serial: str
    turn: int | None
    """None = held back (fired by hand)."""
    attack: dict[str, Any]
    message: str = ""
    expected: str = ""
    status: str = "scheduled"
    """scheduled | held | fired | skipped"""
    time_text: str = ""
    fired_turn: int | None = None
    command_id: int | None = None
    """The inject command a fired row became (if it is cancelled, the row returns to the deck)."""
    origin: str = "msel"
    """``msel`` (imported) or ``scenario`` (the scenario's own scripted inject, serial ``S`` + its serial: held,
    skipped and postponed through the game's ``script`` command, fired by the engine on its turn)."""


class MselError(ValueError):
    """The MSEL cannot be read or has problems; ``problems`` lists them by row and column."""

    def __init__(self, problems: list[MselProblem], name: str = "") -> None:
        self.problems = problems
        head = f"{name}: " if name else ""
        super().__init__("\n".join(f"{head}{p}" for p in problems))


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def read_table(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by lower-case header."""
    p = Path(path)
    if not p.exists():
        raise MselError([MselProblem(0, "file", f"no such file {str(p)!r}")])
    suffix = p.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(p, read_only=True, data_only=True)
            ws = wb.worksheets[0]
            raw = [
                ["" if c is None else (c.isoformat() if isinstance(c, (dt.date, dt.datetime)) else str(c)) for c in row]
                for row in ws.iter_rows(values_only=True)
            ]
            wb.close()
        elif suffix in (".csv", ".txt"):
            text = p.read_text(encoding="utf-8-sig")
            raw = list(csv.reader(io.StringIO(text)))
        else:
            raise MselError([MselProblem(0, "file", f"{p.name}: expected a .csv or .xlsx file")])
    except MselError:
        raise
    except Exception as exc:  # a damaged spreadsheet: say so in one line
        raise MselError([MselProblem(0, "file", f"{p.name} cannot be read: {type(exc).__name__}: {exc}")]) from exc
    raw = [r for r in raw if any(str(c).strip() for c in r)]
    if not raw:
        raise MselError([MselProblem(1, "header", "the file is empty")])
    header = [str(h).strip().lower().replace("_", " ") for h in raw[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS and h not in EXPORT_EXTRA]
    problems = [MselProblem(1, c, "required column is missing") for c in missing]
    problems += [MselProblem(1, h, f"unknown column (columns: {', '.join(COLUMNS)})") for h in unknown]
    if missing:
        raise MselError(problems)
    rows = []
    for r in raw[1:]:
        rows.append({h: (str(r[i]).strip() if i < len(r) else "") for i, h in enumerate(header) if h})
    return rows


def parse_time(text: str, scenario: Scenario) -> int | None:
    """The turn a time cell means; None for the held-back deck. Raises ValueError with a reason."""
    t = text.strip()
    if not t or t.upper() in ("HOLD", "HELD", "DECK"):
        return None
    m = _TIME.match(t)
    if m:
        days = int(m.group(1)) + (int(m.group(2) or 0)) / 24.0
    else:
        try:
            day = dt.date.fromisoformat(t[:10])
        except ValueError:
            raise ValueError(f"{t!r} is not D+n, D+n H+m, a date (YYYY-MM-DD) or HOLD") from None
        days = (day - scenario.start_date).days
        if days < 0:
            raise ValueError(f"{t} is before the scenario starts ({scenario.start_date.isoformat()})")
    turn = max(1, math.ceil(days / scenario.turn_length_days - 1e-9))
    if turn > scenario.max_turns:
        raise ValueError(f"{t} falls on turn {turn}, after the scenario's last turn ({scenario.max_turns})")
    return turn


def dry_run(path: str | Path, scenario: Scenario) -> tuple[list[MselRow], list[MselProblem]]:
    """Every row's problems, by row and column, and the rows that would be imported. Imports nothing."""
    try:
        table = read_table(path)
    except MselError as exc:
        return [], exc.problems
    problems: list[MselProblem] = []
    rows: list[MselRow] = []
    seen: dict[str, int] = {}
    for i, r in enumerate(table, start=2):
        bad = len(problems)
        serial = r.get("serial", "")
        if not serial:
            problems.append(MselProblem(i, "serial", "empty"))
        elif serial in seen:
            problems.append(MselProblem(i, "serial", f"duplicate of row {seen[serial]}"))
        seen.setdefault(serial, i)
        try:
            turn = parse_time(r.get("time", ""), scenario)
        except ValueError as exc:
            problems.append(MselProblem(i, "time", str(exc)))
            turn = None
        kind = r.get("kind", "").lower().replace(" ", "_").replace("-", "_")
        if kind not in {k.value for k in AttackKind}:
            problems.append(
                MselProblem(i, "kind", f"unknown kind {r.get('kind')!r}{suggest(kind, [k.value for k in AttackKind])}")
            )
        target = (r.get("target") or "territory").lower()
        if target not in ("territory", "forces"):
            problems.append(MselProblem(i, "target", f"{r.get('target')!r} is not territory or forces"))
        for col in ("attacker", "victim"):
            v = r.get(col, "").upper()
            if v not in scenario.states:
                problems.append(MselProblem(i, col, f"unknown state {r.get(col)!r}{suggest(v, list(scenario.states))}"))
        loc = r.get("location", "")
        if loc not in scenario.locations and loc.upper() not in scenario.locations:
            problems.append(
                MselProblem(i, "location", f"unknown location {loc!r}{suggest(loc, list(scenario.locations))}")
            )
        casualties = _number(r.get("casualties", ""), i, "casualties", problems, integer=True, default=0)
        attribution = _number(r.get("attribution", ""), i, "attribution", problems, default=1.0)
        if attribution is not None and not 0 <= attribution <= 1:
            problems.append(MselProblem(i, "attribution", f"must be between 0 and 1, not {attribution:g}"))
        if casualties is not None and casualties < 0:
            problems.append(MselProblem(i, "casualties", f"must be 0 or more, not {casualties:g}"))
        if len(problems) > bad:
            continue
        lid = loc if loc in scenario.locations else loc.upper()
        spec = AttackSpec(
            r["attacker"].upper(),
            r["victim"].upper(),
            lid,
            AttackKind(kind),
            TargetKind(target),
            int(casualties or 0),
            0.0,
            float(attribution if attribution is not None else 1.0),
            description=f"MSEL {serial}: {r.get('message', '')}".strip(),
        )
        try:
            check_attack(scenario, spec)
        except InjectError as exc:
            problems.append(
                MselProblem(i, "location" if "administered" in str(exc) or "sea" in str(exc) else "attacker", str(exc))
            )
            continue
        rows.append(
            MselRow(
                serial,
                turn,
                encode(spec),
                r.get("message", ""),
                r.get("expected action", ""),
                "held" if turn is None else "scheduled",
                r.get("time", ""),
            )
        )
    return rows, problems


def _number(
    text: str, row: int, col: str, problems: list[MselProblem], *, integer: bool = False, default: float | None = None
) -> float | None:
    if not text.strip():
        return default
    try:
        v = float(text)
    except ValueError:
        problems.append(MselProblem(row, col, f"{text!r} is not a number"))
        return None
    if integer and v != int(v):
        problems.append(MselProblem(row, col, f"{text!r} is not a whole number"))
        return None
    return v


# ------------------------------------------------------------------------------------------
# The MSEL of a game
# ------------------------------------------------------------------------------------------


SCRIPT_PREFIX = "S"
"""The MSEL serial of a scenario's own inject is this prefix and its serial in the scenario (``S4``)."""


def scripted_rows(game: Game) -> list[MselRow]:
    """The scenario's own injects as MSEL rows, with their status as things stand for the next turn."""
    from wargame.app import scripted_turns

    due = scripted_turns(game)
    out = []
    for inj in game.scenario.injects:
        turn = due[inj.serial]
        if 0 < turn <= game.last_turn:
            status, fired = "fired", turn
        elif turn == 0:
            status, fired = "held", None
        elif turn < 0:
            status, fired = "skipped", None
        else:
            status, fired = "scheduled", None
        out.append(
            MselRow(
                SCRIPT_PREFIX + inj.serial,
                turn if turn > 0 and status == "scheduled" else None,
                encode(inj.attack),
                inj.attack.description,
                "the scenario's own inject" + (f" (turn {inj.turn} in the scenario)" if turn != inj.turn else ""),
                status,
                _time_text(inj.turn, game.scenario.turn_length_days),
                fired,
                None,
                "scenario",
            )
        )
    return out


def _scripted(game: Game, serial: str) -> str | None:
    """The scenario serial of an MSEL serial ``S4`` (None for an imported row)."""
    if serial.startswith(SCRIPT_PREFIX) and any(i.serial == serial[1:] for i in game.scenario.injects):
        return serial[1:]
    return None


def all_rows(game: Game) -> list[MselRow]:
    """The whole MSEL the dock shows: the scenario's own injects (serials ``S1``, ``S2`` …), then the imported
    rows; every one can be fired, held, skipped or postponed."""
    return scripted_rows(game) + rows(game)


def rows(game: Game) -> list[MselRow]:
    """The imported rows (stored in the game). A fired row whose inject was cancelled before its turn is back in
    the held deck."""
    items = [decode(MselRow, d) for d in (game.meta.variant or {}).get("msel", [])]
    pending = [
        r for r in items if r.status == "fired" and r.command_id is not None and (r.fired_turn or 0) > game.last_turn
    ]
    if pending:
        cancelled = {c.id for c in game.commands(include_cancelled=True) if c.cancelled}
        for r in pending:
            if r.command_id in cancelled:
                r.status, r.fired_turn, r.command_id, r.turn = "held", None, None, None
    return items


def _save(game: Game, items: Iterable[MselRow]) -> None:
    game.set_variant(msel=[encode(r) for r in items if r.origin != "scenario"])


def import_msel(game: Game, path: str | Path, *, replace: bool = False) -> list[MselRow]:
    """Import after a clean dry run; raises :class:`MselError` with every problem otherwise."""
    new, problems = dry_run(path, game.scenario)
    if problems:
        raise MselError(problems, Path(path).name)
    last = game.last_turn
    late = [r for r in new if r.turn is not None and r.turn <= last]
    if late:
        raise MselError(
            [
                MselProblem(
                    0, "time", f"serial {r.serial} falls on turn {r.turn}, already played (the game is at turn {last})"
                )
                for r in late
            ],
            Path(path).name,
        )
    existing = [] if replace else rows(game)
    clash = {r.serial for r in existing + scripted_rows(game)} & {r.serial for r in new}
    if clash:
        raise MselError([MselProblem(0, "serial", f"serial {s} is already in this game's MSEL") for s in sorted(clash)])
    _save(game, existing + new)
    return new


def _find(items: list[MselRow], serial: str) -> MselRow:
    for r in items:
        if r.serial == serial:
            return r
    raise InjectError(f"no MSEL serial {serial!r}")


def _reschedule(game: Game, serial: str, turns: dict[str, int]) -> None:
    """Record the change of scripted injects (a command for the next turn, undoable like any)."""
    game.script(turns)


def fire_now(game: Game, serial: str) -> None:
    """Fire a scheduled or held row on the next turn."""
    scripted = _scripted(game, serial)
    if scripted is not None:
        r = _find(scripted_rows(game), serial)
        if r.status in ("fired", "skipped"):
            raise InjectError(f"MSEL serial {serial} is already {r.status}")
        _reschedule(game, serial, {scripted: game.last_turn + 1})
        return
    items = rows(game)
    r = _find(items, serial)
    if r.status in ("fired", "skipped"):
        raise InjectError(f"MSEL serial {serial} is already {r.status}")
    rec = game.inject(decode(AttackSpec, r.attack), seat="msel")
    r.status, r.fired_turn, r.command_id = "fired", game.last_turn + 1, rec.id
    _save(game, items)


def skip(game: Game, serial: str) -> None:
    scripted = _scripted(game, serial)
    if scripted is not None:
        if _find(scripted_rows(game), serial).status == "fired":
            raise InjectError(f"MSEL serial {serial} has already fired")
        _reschedule(game, serial, {scripted: -1})
        return
    items = rows(game)
    r = _find(items, serial)
    if r.status == "fired":
        raise InjectError(f"MSEL serial {serial} has already fired")
    r.status = "skipped"
    _save(game, items)


def postpone(game: Game, serial: str, turns: int) -> None:
    """Move a scheduled row later by ``turns``; every scheduled row after it shifts too."""
    if turns < 1:
        raise InjectError(f"postpone by 1 turn or more, not {turns}")
    scripted = _scripted(game, serial)
    if scripted is not None:
        mine = scripted_rows(game)
        r = _find(mine, serial)
        if r.status != "scheduled" or r.turn is None:
            raise InjectError(f"MSEL serial {serial} is {r.status}; only scheduled rows can be postponed")
        start = r.turn
        _reschedule(
            game,
            serial,
            {
                x.serial[1:]: x.turn + turns
                for x in mine
                if x.status == "scheduled" and x.turn is not None and x.turn >= start
            },
        )
        return
    items = rows(game)
    r = _find(items, serial)
    if r.status != "scheduled" or r.turn is None:
        raise InjectError(f"MSEL serial {serial} is {r.status}; only scheduled rows can be postponed")
    start = r.turn
    for x in items:
        if x.status == "scheduled" and x.turn is not None and x.turn >= start:
            x.turn += turns
    _save(game, items)


def hold(game: Game, serial: str) -> None:
    """Move a scheduled row to the held-back deck."""
    scripted = _scripted(game, serial)
    if scripted is not None:
        r = _find(scripted_rows(game), serial)
        if r.status == "fired":
            raise InjectError(f"MSEL serial {serial} has already fired (turn {r.fired_turn})")
        if r.status != "scheduled":
            raise InjectError(f"MSEL serial {serial} is {r.status}; only scheduled rows can be held back")
        _reschedule(game, serial, {scripted: 0})
        return
    items = rows(game)
    r = _find(items, serial)
    if r.status != "scheduled":
        raise InjectError(f"MSEL serial {serial} is {r.status}")
    r.status, r.turn = "held", None
    _save(game, items)


def schedule_due(game: Game) -> list[str]:
    """Turn the imported rows scheduled for the next turn into inject commands (called before each advance; the
    engine fires the scenario's own injects itself)."""
    items = rows(game)
    t = game.last_turn + 1
    fired = []
    for r in items:
        if r.status == "scheduled" and r.turn is not None and r.turn <= t:
            try:
                rec = game.inject(decode(AttackSpec, r.attack), seat="msel")
            except InjectError as exc:  # the world has moved on (e.g. the place changed hands): keep the reason
                r.status, r.expected = "skipped", f"not fired on turn {t}: {exc}"
                continue
            r.status, r.fired_turn, r.command_id = "fired", t, rec.id
            fired.append(r.serial)
    if fired:
        _save(game, items)
    return fired


def _time_text(turn: int, turn_length_days: float) -> str:
    """``D+n`` (``D+n H+m`` for part days) of the start of ``turn``."""
    hours = round(turn * turn_length_days * 24)
    days, rest = divmod(hours, 24)
    return f"D+{days}" + (f" H+{rest}" if rest else "")


def export_csv(game: Game, path: str | Path) -> Path:
    """Write the game's imported MSEL back to CSV (with each row's status and the turn it fired; the scenario's
    own injects stay in the scenario)."""
    out = Path(path)
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*COLUMNS, *EXPORT_EXTRA])
        for r in rows(game):
            a = r.attack
            time = _time_text(r.turn, game.scenario.turn_length_days) if r.turn is not None else "HOLD"
            w.writerow(
                [
                    r.serial,
                    time,
                    a["kind"],
                    a["attacker"],
                    a["victim"],
                    a["location"],
                    a.get("target", "territory"),
                    a.get("casualties", 0),
                    a.get("attribution", 1.0),
                    r.message,
                    r.expected,
                    r.status,
                    "" if r.fired_turn is None else r.fired_turn,
                ]
            )
    return out
