"""The Master Scenario Events List (MSEL): import from CSV or XLSX, dry run, schedule, fire, postpone.

Facilitators keep their injects in a spreadsheet. Columns (header names, case-insensitive):
``serial, time, kind, attacker, victim, location, target, casualties, attribution, message,
expected action``. ``time`` is ``D+n``, ``D+n H+m``, a date (``2026-03-05``), or empty / ``HOLD``
for the held-back deck.

The MSEL lives in the saved game (its ``msel`` table); when a turn is advanced, the rows scheduled for it become
ordinary inject commands, so replay stays deterministic. A row firing and its inject command commit in one
transaction (the advance's own, or :func:`fire_now`'s), so a crash can never fire a row twice or lose it; every
change re-reads the rows inside its transaction, so no process writes back an old copy of the list.

Input is bounded (:mod:`wargame.engine.limits`): file size, rows, cell length, numbers; the dry run is linear in
the number of rows and keeps the first :data:`~wargame.engine.limits.MAX_PROBLEMS_SHOWN` problems (with the count of
all), with values shortened when they are echoed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.engine import AttackKind, AttackSpec, InjectError, Scenario, TargetKind, check_attack, decode, encode
from wargame.engine.limits import (
    MAX_CASUALTIES,
    MAX_CELL_CHARS,
    MAX_ID_CHARS,
    MAX_MSEL_FILE_BYTES,
    MAX_MSEL_ROWS,
    MAX_PROBLEMS_SHOWN,
    number_problem,
    shorten,
)
from wargame.engine.names import suggest
from wargame.scenario.safeio import FileRefused, read_limited

from .files import check_output, csv_cell, csv_unescape

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
_TIME = re.compile(r"^\s*D\s*\+\s*(\d{1,7})(?:\s*H\s*\+\s*(\d{1,7}))?\s*$", re.IGNORECASE)
_KINDS = {k.value for k in AttackKind}


@dataclass(frozen=True)
class MselProblem:
    row: int
    """Spreadsheet row number (the header is row 1)."""
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


class Problems(list[MselProblem]):
    """The first :data:`MAX_PROBLEMS_SHOWN` problems found, in order; ``total`` counts every problem."""

    def __init__(self, items: Iterable[MselProblem] = ()) -> None:
        super().__init__()
        self.total = 0
        for p in items:
            self.add(p)

    def add(self, problem: MselProblem) -> None:
        self.total += 1
        if len(self) < MAX_PROBLEMS_SHOWN:
            self.append(problem)

    @property
    def full(self) -> bool:
        """No more problems will be kept (so their messages need no costly suggestions)."""
        return len(self) >= MAX_PROBLEMS_SHOWN

    @property
    def more(self) -> int:
        """Problems found but not kept."""
        return self.total - len(self)


@dataclass
class MselRow:
    """One row of a game's MSEL (the ``msel`` table of the saved game)."""

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
    id: int | None = None
    """The row's id in the saved game (None before it is imported)."""
    origin: str = "msel"
    """``msel`` (imported) or ``scenario`` (the scenario's own scripted inject, serial ``S`` + its serial: held,
    skipped and postponed through the game's ``script`` command, fired by the engine on its turn)."""


_STORED = ("serial", "turn", "attack", "message", "expected", "status", "time_text", "fired_turn", "command_id")


class MselError(ValueError):
    """The MSEL cannot be read or has problems; ``problems`` lists the first of them by row and column (``total``
    counts them all); the message shows them and the count of the rest."""

    def __init__(self, problems: Iterable[MselProblem], name: str = "") -> None:
        self.problems = problems if isinstance(problems, Problems) else Problems(problems)
        head = f"{name}: " if name else ""
        lines = [f"{head}{p}" for p in self.problems]
        if self.problems.more:
            lines.append(f"… and {self.problems.more:,} more problems (the first {len(self.problems)} are shown)")
        super().__init__("\n".join(lines) or "the MSEL has problems")


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def _refuse(message: str) -> MselError:
    return MselError([MselProblem(0, "file", message)])


def _cells_csv(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(f"the file is not UTF-8 text (byte {exc.start:,}); save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _refuse(f"line {reader.line_num:,} cannot be read as CSV ({shorten(str(exc))})") from None
        yield row


def _cells_xlsx(data: bytes, name: str) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: say so in one line
        raise _refuse(f"{name} cannot be read: {type(exc).__name__}: {shorten(str(exc))}") from None
    try:
        ws = wb.worksheets[0]
        for row in ws.iter_rows(values_only=True):
            yield [
                "" if c is None else (c.isoformat() if isinstance(c, (dt.date, dt.datetime)) else str(c)) for c in row
            ]
    except Exception as exc:
        raise _refuse(f"{name} cannot be read: {type(exc).__name__}: {shorten(str(exc))}") from None
    finally:
        wb.close()


def read_table(path: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by lower-case header (a regular file within the size, row
    and cell limits; text a spreadsheet export escaped with a leading ``'`` is unescaped)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".xlsm"):
        raise _refuse(f"{shorten(p.name)}: expected a .csv or .xlsx file")
    try:
        data = read_limited(p, MAX_MSEL_FILE_BYTES, "MSEL file")
    except FileRefused as exc:
        raise _refuse(str(exc)) from None
    cells = _cells_xlsx(data, p.name) if suffix in (".xlsx", ".xlsm") else _cells_csv(data)
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for raw in cells:
        if not any(c.strip() for c in raw):
            continue
        if header is None:
            header = [shorten(str(h).strip().lower().replace("_", " "), 40).strip("'") for h in raw]
            continue
        if len(rows) >= MAX_MSEL_ROWS:
            raise _refuse(f"the file has more than {MAX_MSEL_ROWS:,} rows (the limit)")
        row = {}
        for i, h in enumerate(header):
            if h:
                c = raw[i].strip() if i < len(raw) else ""
                if len(c) > MAX_CELL_CHARS:
                    raise _refuse(
                        f"row {len(rows) + 2:,}, {h}: a cell of {len(c):,} characters (the limit is {MAX_CELL_CHARS:,})"
                    )
                row[h] = csv_unescape(c)
        rows.append(row)
    if header is None:
        raise MselError([MselProblem(1, "header", "the file is empty")])
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS and h not in EXPORT_EXTRA]
    problems = [MselProblem(1, c, "required column is missing") for c in missing]
    problems += [MselProblem(1, h, f"unknown column (columns: {', '.join(COLUMNS)})") for h in unknown[:10]]
    if missing:
        raise MselError(problems)
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
            raise ValueError(f"{shorten(t)} is not D+n, D+n H+m, a date (YYYY-MM-DD) or HOLD") from None
        days = (day - scenario.start_date).days
        if days < 0:
            raise ValueError(f"{t[:10]} is before the scenario starts ({scenario.start_date.isoformat()})")
    turn = max(1, math.ceil(days / scenario.turn_length_days - 1e-9))
    if turn > scenario.max_turns:
        raise ValueError(f"{shorten(t)} falls on turn {turn:,}, after the scenario's last turn ({scenario.max_turns})")
    return turn


class _Suggestions:
    """Suggestions for unknown names, each computed once, and none once the problem list is full."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, what: str, value: str, known: Any) -> str:
        if self.problems.full:
            return ""
        key = (what, value)
        if key not in self.cache:
            self.cache[key] = suggest(value, list(known))
        return self.cache[key]


def dry_run(
    path: str | Path,
    scenario: Scenario,
    *,
    existing: set[str] | None = None,
    last_turn: int | None = None,
) -> tuple[list[MselRow], Problems]:
    """Every row's problems, by row and column, and the rows that would be imported. Imports nothing.

    ``existing``: serials the game's MSEL holds already (a clash is a problem); ``last_turn``: the game's last
    committed turn (a row falling on it or before is a problem). One pass, linear in the number of rows.
    """
    problems = Problems()
    try:
        table = read_table(path)
    except MselError as exc:
        return [], exc.problems
    hint = _Suggestions(problems)
    rows: list[MselRow] = []
    seen: dict[str, int] = {}
    states, locations = scenario.states, scenario.locations
    for i, r in enumerate(table, start=2):
        bad = problems.total
        serial = r.get("serial", "")
        if not serial:
            problems.add(MselProblem(i, "serial", "empty"))
        elif len(serial) > MAX_ID_CHARS:
            problems.add(MselProblem(i, "serial", f"{len(serial):,} characters; the limit is {MAX_ID_CHARS}"))
        elif serial in seen:
            problems.add(MselProblem(i, "serial", f"duplicate of row {seen[serial]:,}"))
        elif existing is not None and serial in existing:
            problems.add(MselProblem(i, "serial", f"serial {shorten(serial)} is already in this game's MSEL"))
        seen.setdefault(serial, i)
        try:
            turn = parse_time(r.get("time", ""), scenario)
        except ValueError as exc:
            problems.add(MselProblem(i, "time", str(exc)))
            turn = None
        if turn is not None and last_turn is not None and turn <= last_turn:
            problems.add(
                MselProblem(i, "time", f"falls on turn {turn}, already played (the game is at turn {last_turn})")
            )
        kind = r.get("kind", "").lower().replace(" ", "_").replace("-", "_")
        if kind not in _KINDS:
            problems.add(MselProblem(i, "kind", f"unknown kind {shorten(r.get('kind'))}{hint('kind', kind, _KINDS)}"))
        target = (r.get("target") or "territory").lower()
        if target not in ("territory", "forces"):
            problems.add(MselProblem(i, "target", f"{shorten(r.get('target'))} is not territory or forces"))
        for col in ("attacker", "victim"):
            v = r.get(col, "").upper()
            if v not in states:
                problems.add(MselProblem(i, col, f"unknown state {shorten(r.get(col))}{hint('state', v, states)}"))
        loc = r.get("location", "")
        if loc not in locations and loc.upper() not in locations:
            problems.add(
                MselProblem(i, "location", f"unknown location {shorten(loc)}{hint('location', loc, locations)}")
            )
        casualties = _number(r.get("casualties", ""), i, "casualties", problems, integer=True, default=0)
        attribution = _number(r.get("attribution", ""), i, "attribution", problems, default=1.0)
        if problems.total > bad:
            continue
        lid = loc if loc in locations else loc.upper()
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
            column = "location" if "administered" in str(exc) or "sea" in str(exc) else "attacker"
            problems.add(MselProblem(i, column, str(exc)))
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
    text: str, row: int, col: str, problems: Problems, *, integer: bool = False, default: float | None = None
) -> float | None:
    if not text.strip():
        return default
    try:
        # int() first for whole numbers (a long one stays exact for the message); no "_" (Python accepts 1_000)
        v: float = int(text) if integer and text.strip().lstrip("+-").isdigit() else float(text.replace("_", "x"))
    except ValueError:
        problems.add(MselProblem(row, col, f"{shorten(text)} is not a number"))
        return None
    high = MAX_CASUALTIES if col == "casualties" else 1.0
    problem = number_problem(v, col, 0, high, integer=integer)
    if problem:
        problems.add(MselProblem(row, col, problem))
        return None
    return v


# ------------------------------------------------------------------------------------------
# The MSEL of a game
# ------------------------------------------------------------------------------------------


def _as_rows(stored: list[dict[str, Any]], cancelled: set[int], last: int) -> list[MselRow]:
    """Rows as the facilitator sees them: a fired row whose inject was cancelled before its turn is back in the
    held deck."""
    items = [MselRow(**{k: r[k] for k in _STORED}, id=r["id"]) for r in stored]
    for r in items:
        if r.status == "fired" and r.command_id in cancelled and (r.fired_turn or 0) > last:
            r.status, r.fired_turn, r.command_id, r.turn = "held", None, None, None
    return items


def _cancelled(game: Game) -> set[int]:
    return {c.id for c in game.commands(include_cancelled=True) if c.cancelled and c.turn > game.last_turn}


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
                origin="scenario",
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
    """The game's imported MSEL. A fired row whose inject was cancelled before its turn is back in the held deck."""
    with game._file.reading():
        stored = game._file.msel_rows()
        if not any(r["status"] == "fired" for r in stored):
            return _as_rows(stored, set(), game.last_turn)
        return _as_rows(stored, _cancelled(game), game.last_turn)


def existing_serials(game: Game) -> set[str]:
    """The serials the game's MSEL holds (for checking a new spreadsheet against the game)."""
    return game._file.msel_serials()


def import_msel(game: Game, path: str | Path, *, replace: bool = False) -> list[MselRow]:
    """Import after a clean dry run; raises :class:`MselError` with every problem otherwise.

    The check against the game's MSEL and last turn is made again inside the import's transaction, so rows another
    process added or a turn it committed meanwhile are never overwritten or played past.
    """
    name = Path(path).name
    existing = None if replace else existing_serials(game)
    new, problems = dry_run(path, game.scenario, existing=existing, last_turn=game.last_turn)
    if problems:
        raise MselError(problems, name)
    with game._writing("import the MSEL") as w:
        last = w.last_turn
        late = Problems(
            MselProblem(
                0, "time", f"serial {r.serial} falls on turn {r.turn}, already played (the game is at turn {last})"
            )
            for r in new
            if r.turn is not None and r.turn <= last
        )
        if late:
            raise MselError(late, name)
        if replace:
            w.msel_clear()
        stored = {str(r["serial"]) for r in w.msel_rows()} | {r.serial for r in scripted_rows(game)}
        clash = Problems(
            MselProblem(0, "serial", f"serial {shorten(s)} is already in this game's MSEL")
            for s in sorted({r.serial for r in new} & stored)
        )
        if clash:
            raise MselError(clash, name)
        if len(stored) + len(new) > MAX_MSEL_ROWS:
            raise MselError([MselProblem(0, "file", f"the game's MSEL would exceed {MAX_MSEL_ROWS:,} rows")], name)
        w.msel_add([{k: getattr(r, k) for k in _STORED} for r in new])
    return new


def _find(items: list[MselRow], serial: str) -> MselRow:
    for r in items:
        if r.serial == serial:
            return r
    raise InjectError(f"no MSEL serial {shorten(serial)}")


def _rows_in(game: Game) -> list[MselRow]:
    """The rows, read inside the current write transaction."""
    return rows(game)


def _scripted_row(game: Game, serial: str) -> tuple[str, MselRow] | None:
    scripted = _scripted(game, serial)
    return (scripted, _find(scripted_rows(game), serial)) if scripted is not None else None


def fire_now(game: Game, serial: str) -> None:
    """Fire a scheduled or held row on the next turn: its inject and the row's new status commit together (a
    scenario's own inject: a ``script`` command for the next turn)."""
    own = _scripted_row(game, serial)
    if own is not None:
        if own[1].status in ("fired", "skipped"):
            raise InjectError(f"MSEL serial {serial} is already {own[1].status}")
        game.script({own[0]: game.last_turn + 1})
        return
    with game._writing(f"fire MSEL serial {shorten(serial)}") as w:
        r = _find(_rows_in(game), serial)
        if r.status in ("fired", "skipped"):
            raise InjectError(f"MSEL serial {serial} is already {r.status}")
        rec = game.inject(decode(AttackSpec, r.attack), seat="msel")
        assert r.id is not None
        w.msel_update(r.id, status="fired", fired_turn=rec.turn, command_id=rec.id)


def skip(game: Game, serial: str) -> None:
    own = _scripted_row(game, serial)
    if own is not None:
        if own[1].status == "fired":
            raise InjectError(f"MSEL serial {serial} has already fired")
        game.script({own[0]: -1})
        return
    with game._writing(f"skip MSEL serial {shorten(serial)}") as w:
        r = _find(_rows_in(game), serial)
        if r.status == "fired":
            raise InjectError(f"MSEL serial {serial} has already fired")
        assert r.id is not None
        w.msel_update(r.id, status="skipped")


def postpone(game: Game, serial: str, turns: int) -> None:
    """Move a scheduled row later by ``turns``; every scheduled row after it shifts too."""
    if not isinstance(turns, int) or not 1 <= turns <= game.scenario.max_turns:
        raise InjectError(f"postpone by 1 to {game.scenario.max_turns} turns, not {shorten(turns)}")
    own = _scripted_row(game, serial)
    if own is not None:
        if own[1].status != "scheduled" or own[1].turn is None:
            raise InjectError(f"MSEL serial {serial} is {own[1].status}; only scheduled rows can be postponed")
        start = own[1].turn
        game.script(
            {
                x.serial[len(SCRIPT_PREFIX) :]: x.turn + turns
                for x in scripted_rows(game)
                if x.status == "scheduled" and x.turn is not None and x.turn >= start
            }
        )
        return
    with game._writing(f"postpone MSEL serial {shorten(serial)}") as w:
        items = _rows_in(game)
        r = _find(items, serial)
        if r.status != "scheduled" or r.turn is None:
            raise InjectError(f"MSEL serial {serial} is {r.status}; only scheduled rows can be postponed")
        start = r.turn
        for x in items:
            if x.status == "scheduled" and x.turn is not None and x.turn >= start:
                assert x.id is not None
                w.msel_update(x.id, turn=x.turn + turns)


def hold(game: Game, serial: str) -> None:
    """Move a scheduled row to the held-back deck."""
    own = _scripted_row(game, serial)
    if own is not None:
        if own[1].status == "fired":
            raise InjectError(f"MSEL serial {serial} has already fired (turn {own[1].fired_turn})")
        if own[1].status != "scheduled":
            raise InjectError(f"MSEL serial {serial} is {own[1].status}; only scheduled rows can be held back")
        game.script({own[0]: 0})
        return
    with game._writing(f"hold MSEL serial {shorten(serial)}") as w:
        r = _find(_rows_in(game), serial)
        if r.status != "scheduled":
            raise InjectError(f"MSEL serial {serial} is {r.status}")
        assert r.id is not None
        w.msel_update(r.id, status="held", turn=None)


def schedule_due(game: Game) -> list[str]:
    """Turn the imported rows scheduled for the next turn into inject commands (called inside each advance's
    transaction, so the rows fire with the turn or not at all; the engine fires the scenario's own injects)."""
    fired = []
    with game._writing("fire the MSEL rows due") as w:
        t = game.last_turn + 1
        for r in _as_rows(w.msel_due(t), set(), t - 1):
            if r.status == "scheduled" and r.turn is not None and r.turn <= t:
                assert r.id is not None
                try:
                    rec = game.inject(decode(AttackSpec, r.attack), seat="msel")
                except InjectError as exc:  # the world has moved on (e.g. the place changed hands): keep the reason
                    w.msel_update(r.id, status="skipped", expected=f"not fired on turn {t}: {exc}")
                    continue
                w.msel_update(r.id, status="fired", fired_turn=t, command_id=rec.id)
                fired.append(r.serial)
    return fired


def consistency(game: Game) -> list[tuple[int | None, str]]:
    """(turn, problem) for each MSEL row that fired without exactly one matching inject command, and each MSEL
    inject that no row fired (a row fired twice, or a command whose row was lost)."""
    out: list[tuple[int | None, str]] = []
    with game._file.reading():
        stored = game._file.msel_rows()
        commands = {c.id: c for c in game.commands(include_cancelled=True)}
    refs: Counter[int] = Counter()
    for r in stored:
        if r["status"] != "fired":
            continue
        serial, turn, cid = r["serial"], r["fired_turn"], r["command_id"]
        c = commands.get(cid) if isinstance(cid, int) else None
        if c is None:
            out.append((turn, f"MSEL serial {shorten(serial)} fired on turn {turn} but its inject is not in the game"))
            continue
        refs[c.id] += 1
        if c.seat != "msel" or c.kind != "inject" or c.turn != turn or c.payload != r["attack"]:
            out.append(
                (turn, f"MSEL serial {shorten(serial)} fired on turn {turn} but command #{c.id} is not its inject")
            )
    for cid, n in sorted(refs.items()):
        if n > 1:
            out.append((commands[cid].turn, f"{n} MSEL rows claim the same inject (command #{cid})"))
    for c in commands.values():
        if c.seat == "msel" and c.kind == "inject" and not c.cancelled and refs[c.id] == 0:
            out.append((c.turn, f"an MSEL inject on turn {c.turn} (command #{c.id}) was fired by no MSEL row"))
    return out


def _time_text(turn: int, turn_length_days: float) -> str:
    """``D+n`` (``D+n H+m`` for part days) of the start of ``turn``."""
    hours = round(turn * turn_length_days * 24)
    days, rest = divmod(hours, 24)
    return f"D+{days}" + (f" H+{rest}" if rest else "")


def export_csv(game: Game, path: str | Path, *, force: bool = False) -> Path:
    """Write the game's MSEL back to CSV (with each row's status and the turn it fired): never over the game itself
    or another saved game, over an existing file only with ``force``; text a spreadsheet would run is escaped."""
    from .files import atomic_write

    out = check_output(path, force=force, inputs=[game.path], what="MSEL spreadsheet")
    items = rows(game)
    with atomic_write(out) as fh:
        w = csv.writer(fh)
        w.writerow([*COLUMNS, *EXPORT_EXTRA])
        for r in items:
            a = r.attack
            time = _time_text(r.turn, game.scenario.turn_length_days) if r.turn is not None else "HOLD"
            w.writerow(
                [
                    csv_cell(x)
                    for x in (
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
                    )
                ]
            )
    return out
