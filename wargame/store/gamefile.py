"""The saved-game file: one SQLite database per game, opened through SQLAlchemy.

Lifecycle (after Taguette): check the file (SQLite? ours? intact? which schema? no SQL of its own?), refuse a
newer schema, back up and migrate an older one, create new files at the latest schema. Opening also checks the
head of the integrity chain and the game description's seal (:mod:`wargame.store.integrity`).

Writes: every change is one short transaction that takes the write lock at BEGIN and re-reads what it changes
(:meth:`GameFile.writing` gives a :class:`Writer`, the unit of work). A second writer waits up to
:data:`~wargame.store.migrate.BUSY_TIMEOUT_S`, then is refused with :class:`GameBusyError`. Inside a writing block
every read of this thread goes through the writer's connection (it sees its own writes); inside
:meth:`GameFile.reading` every read of this thread goes through one read transaction (one consistent snapshot,
whatever other processes commit meanwhile).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from wargame.engine import encode

from . import frames as frames_
from . import integrity as seals
from .errors import (
    DamagedFileError,
    GameBusyError,
    InvalidOperationError,
    NotAGameFile,
    ReadOnlyError,
    SaveFileError,
    SaveFileExistsError,
    StaleTurnError,
)
from .integrity import Damage, IntegrityReport, SealError, canonical
from .migrate import (
    APPLICATION_ID,
    WRITE_OPTION,
    alembic_config,
    backup_database,
    backup_path_for,
    database_label,
    head_revision,
    inspect_database,
    inspect_file,
    is_database_url,
    make_engine,
    make_pg_engine,
    remove_database,
    sqlite_connect,
    upgrade_database,
    upgrade_file,
    user_version_of,
)
from .records import BookmarkRecord, CommandRecord, EventRecord, GameMeta
from .schema import (
    Base,
    BookmarkRow,
    CommandRow,
    EventRow,
    FrameRow,
    GameMetaRow,
    HotwashActionRow,
    HotwashFeedbackRow,
    HotwashObservationRow,
    MselRowRecord,
    SnapshotRow,
    TurnRow,
)

_INT64 = (-(2**63), 2**63 - 1)
_META_FIELDS = tuple(f.name for f in dataclasses.fields(GameMeta))
_MUTABLE_META = ("title", "variant", "parent_path", "parent_turn")
MSEL_COLUMNS = ("serial", "turn", "attack", "message", "expected", "status", "time_text", "fired_turn", "command_id")
"""The columns of an MSEL row as the application sees it (besides ``id``)."""


def _meta_row_values(meta: GameMeta) -> dict[str, Any]:
    d = encode(meta)
    d["id"] = 1
    return d


def _meta_from_row(row: Any) -> GameMeta:
    return GameMeta(**{name: getattr(row, name) for name in _META_FIELDS})


def _check_meta(meta: GameMeta) -> None:
    """Refuse values the file cannot hold, with a one-line message."""
    if not isinstance(meta.seed, int) or isinstance(meta.seed, bool) or not _INT64[0] <= meta.seed <= _INT64[1]:
        raise ValueError(f"seed {seals.short(meta.seed)} must be an integer that fits in 64 bits")
    for name in ("scenario_id", "scenario_name", "scenario_hash", "scenario_text", "app_version", "title"):
        if not isinstance(getattr(meta, name), str):
            raise ValueError(f"game meta field {name} must be text, not {type(getattr(meta, name)).__name__}")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.scenario_files.items()):
        raise ValueError("scenario_files must map relative paths (text) to file contents (text)")
    if not isinstance(meta.variant, dict):
        raise ValueError("the game's variant must be a table of settings")


def _command(row: Any) -> CommandRecord:
    payload = row.payload
    if not isinstance(payload, dict) or not isinstance(row.turn, int) or not isinstance(row.seq, int):
        raise SealError(f"command #{seals.short(row.id)} is damaged")
    return CommandRecord(
        id=int(row.id),
        turn=row.turn,
        seq=row.seq,
        seat=str(row.seat),
        kind=str(row.kind),
        payload=dict(payload),
        cancelled=bool(row.cancelled),
    )


_HOTWASH: dict[str, type[Base]] = {
    "observation": HotwashObservationRow,
    "action": HotwashActionRow,
    "feedback": HotwashFeedbackRow,
}
"""The hotwash tables (schema 0005_hotwash) by the kind of item they hold; their rows are sealed (0006)."""


def _hotwash_table(kind: str) -> Any:
    try:
        return _HOTWASH[kind]
    except KeyError:
        raise ValueError(f"unknown hotwash item kind {kind!r} (one of {', '.join(_HOTWASH)})") from None


KEYFRAME_EVERY = 10
"""A full snapshot every this many turns; in between only the changes (schema 0004; compressed frames since 0007)."""

COMMANDS = CommandRow.__table__
EVENTS = EventRow.__table__
SNAPSHOTS = SnapshotRow.__table__
FRAMES = FrameRow.__table__
TURNS = TurnRow.__table__
MSEL = MselRowRecord.__table__
BOOKMARKS = BookmarkRow.__table__
META = GameMetaRow.__table__


def _max_turn(conn: Connection) -> int:
    value = conn.execute(select(func.max(TURNS.c.turn))).scalar()
    return -1 if value is None else int(value)


def _stored(conn: Connection, lo: int, hi: int, kind: str | None = None) -> Iterator[tuple[int, str, Any, Any]]:
    """What the file holds of the state of turns ``lo..hi``, in turn order: ``(turn, kind, key, payload)`` for a
    per-entity row of ``snapshots`` (schema 0004), ``(turn, kind, None, frame)`` for a frame (schema 0007)."""
    rows = select(SNAPSHOTS.c.turn, SNAPSHOTS.c.entity_kind, SNAPSHOTS.c.entity_key, SNAPSHOTS.c.payload).where(
        SNAPSHOTS.c.turn >= lo, SNAPSHOTS.c.turn <= hi
    )
    frames = select(FRAMES.c.turn, FRAMES.c.entity_kind, FRAMES.c.data).where(FRAMES.c.turn >= lo, FRAMES.c.turn <= hi)
    if kind is not None:
        rows = rows.where(SNAPSHOTS.c.entity_kind == kind)
        frames = frames.where(FRAMES.c.entity_kind == kind)
    old = conn.execute(rows.order_by(SNAPSHOTS.c.turn)).all()
    new = conn.execute(frames.order_by(FRAMES.c.turn, FRAMES.c.entity_kind)).all()
    if not old:  # a file written since schema 0007
        for t, k, data in new:
            yield t, k, None, frames_.unpack(data, f"the frame of {seals.short(k)} at turn {t}")
        return
    items: list[tuple[int, str, Any, Any]] = [(r[0], r[1], r[2], r[3]) for r in old]
    items += [(t, k, None, data) for t, k, data in new]
    items.sort(key=lambda x: x[0])  # stable: a turn is stored in one form or the other
    for t, k, key, value in items:
        if key is None:
            yield t, k, None, frames_.unpack(value, f"the frame of {seals.short(k)} at turn {t}")
        else:
            yield t, k, key, value


def _fold(conn: Connection, turn: int) -> frames_.State:
    """The state at ``turn``: the keyframe at or before it, then each later change, in turn order."""
    state: frames_.State = {}
    for t, kind, key, value in _stored(conn, turn - turn % KEYFRAME_EVERY, turn):
        if key is None:
            frames_.apply_frame(state.setdefault(kind, {}), value, f"the frame of {seals.short(kind)} at turn {t}")
        else:
            frames_.apply_row(state, kind, key, value)
    return {kind: entities for kind, entities in state.items() if entities}


def _object_text(items: Iterable[tuple[str, str]]) -> str:
    """The canonical JSON text of a table from its keys and the canonical texts of their values (keys sorted)."""
    return "{" + ",".join(f"{canonical(k)}:{v}" for k, v in sorted(items)) + "}"


def _frame_data(
    keyframe: bool,
    now: Mapping[str, str],
    before: Mapping[str, str],
) -> bytes | None:
    """The stored frame of one kind (None: nothing changed): ``now``/``before`` map keys to canonical payload texts."""
    if keyframe:
        text = '{"full":' + _object_text(now.items()) + "}"
    else:
        put = [(k, v) for k, v in now.items() if k not in before]
        patch = [
            (k, canonical(frames_.diff(json.loads(before[k]), json.loads(v))))
            for k, v in now.items()
            if k in before and before[k] != v
        ]
        gone = sorted(k for k in before if k not in now)
        if not (put or patch or gone):
            return None
        parts = []  # in canonical key order: gone, patch, put
        if gone:
            parts.append('"gone":' + canonical(gone))
        if patch:
            parts.append('"patch":' + _object_text(patch))
        if put:
            parts.append('"put":' + _object_text(put))
        text = "{" + ",".join(parts) + "}"
    return zlib.compress(text.encode("utf-8"), frames_.LEVEL)


def _command_rows(conn: Connection, where: Any) -> list[CommandRecord]:
    q = select(
        COMMANDS.c.id,
        COMMANDS.c.turn,
        COMMANDS.c.seq,
        COMMANDS.c.seat,
        COMMANDS.c.kind,
        COMMANDS.c.payload,
        COMMANDS.c.cancelled,
    )
    return [_command(r) for r in conn.execute(q.where(where).order_by(COMMANDS.c.turn, COMMANDS.c.seq))]


def _msel_rows(conn: Connection, where: Any = None) -> list[dict[str, Any]]:
    q = select(MSEL.c.id, *(MSEL.c[name] for name in MSEL_COLUMNS)).order_by(MSEL.c.id)
    if where is not None:
        q = q.where(where)
    out = []
    for r in conn.execute(q):
        d = dict(r._mapping)
        if not isinstance(d["attack"], dict):
            raise SealError(f"MSEL row {seals.short(d['serial'])} is damaged")
        out.append(d)
    return out


def _unique_temp(dest: Path) -> Path:
    """A new empty file next to ``dest`` with a name no other process uses (for a build-then-rename)."""
    fd, name = tempfile.mkstemp(prefix=f".{dest.name[:80]}.", suffix=".partial", dir=dest.parent)
    os.close(fd)
    return Path(name)


def _in_use(path: Path) -> bool:
    """Whether another connection may have ``path`` open (its WAL files are there)."""
    return any(path.with_name(path.name + s).exists() for s in ("-wal", "-shm"))


class Writer:
    """One write transaction on a saved game (the unit of work). Get it from :meth:`GameFile.writing`.

    Everything done through it commits together when the ``with`` block ends, or not at all. Each method re-reads
    what it changes inside the transaction, so nothing another process committed before is overwritten.
    """

    def __init__(self, gf: GameFile, conn: Connection) -> None:
        self.file = gf
        self.conn = conn
        self._chain: seals.Chain | None = None
        self.cache: tuple[int, dict[str, dict[str, str]]] | None = None

    def _links(self) -> seals.Chain:
        if self._chain is None:
            self._chain = seals.Chain(self.conn)
        return self._chain

    def finish(self) -> None:
        """Write the chain's head (called by :meth:`GameFile.writing` before the commit)."""
        if self._chain is not None:
            self._chain.save()

    # ------------------------------------------------------------------ meta
    @property
    def last_turn(self) -> int:
        return _max_turn(self.conn)

    def meta(self) -> GameMeta:
        """The game description as it is now (read inside this transaction)."""
        row = self.conn.execute(select(*(META.c[n] for n in _META_FIELDS))).first()
        if row is None:
            raise SealError("the game description row is missing")
        return _meta_from_row(row)

    def set_meta(self, **changes: Any) -> GameMeta:
        unknown = sorted(set(changes) - set(_META_FIELDS))
        if unknown:
            raise ValueError(f"unknown game meta field(s): {', '.join(unknown)}")
        new = dataclasses.replace(self.meta(), **changes)
        _check_meta(new)
        if changes:
            self.conn.execute(update(META).where(META.c.id == 1).values(**changes))
            seals.write_meta_digest(self.conn)
        return new

    def update_variant(self, changes: Mapping[str, Any]) -> GameMeta:
        """Change some entries of the variant; every other entry stays as it is in the file now."""
        variant = dict(self.meta().variant or {})
        variant.update(changes)
        return self.set_meta(variant=variant)

    # ------------------------------------------------------------------ commands
    def commands(self, turn: int | None = None, *, include_cancelled: bool = False) -> list[CommandRecord]:
        where = COMMANDS.c.turn == turn if turn is not None else COMMANDS.c.id.is_not(None)
        if not include_cancelled:
            where = where & COMMANDS.c.cancelled.is_(False)
        return _command_rows(self.conn, where)

    def add_command(
        self,
        turn: int,
        seat: str,
        kind: str,
        payload: Mapping[str, Any],
        *,
        expect_last: int | None = None,
        cancelled: bool = False,
    ) -> CommandRecord:
        """Record a command for a turn not yet committed. ``expect_last``: the last committed turn the caller
        checked the command against; if another process committed a turn since, :class:`StaleTurnError`."""
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise ValueError(f"command turn must be a non-negative integer, not {seals.short(turn)}")
        last = _max_turn(self.conn)
        if expect_last is not None and last != expect_last:
            raise StaleTurnError(self.file.path, expect_last + 1, last)
        if turn <= last:
            raise InvalidOperationError(
                self.file.path, f"cannot add a command to turn {turn}: turns up to {last} are committed"
            )
        try:
            payload_text = canonical(dict(payload))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"could not record the command: its payload is not plain JSON ({exc})") from None
        top = self.conn.execute(select(func.max(COMMANDS.c.seq)).where(COMMANDS.c.turn == turn)).scalar()
        new_id = int(self.conn.execute(select(func.coalesce(func.max(COMMANDS.c.id), 0))).scalar() or 0) + 1
        row = {
            "id": new_id,
            "turn": turn,
            "seq": (top or 0) + 1,
            "seat": str(seat),
            "kind": str(kind),
            "payload": json.loads(payload_text),
            "cancelled": bool(cancelled),
        }
        row["chain_seq"], row["chain"] = self._links().next(seals.command_content(row, payload_text))
        self.conn.execute(insert(COMMANDS), [row])
        return CommandRecord(new_id, turn, row["seq"], row["seat"], row["kind"], dict(row["payload"]), row["cancelled"])

    def set_cancelled(self, command_id: int, cancelled: bool) -> CommandRecord:
        verb = "cancel" if cancelled else "restore"
        found = _command_rows(self.conn, COMMANDS.c.id == command_id)
        if not found:
            raise InvalidOperationError(self.file.path, f"there is no command #{command_id}")
        last = _max_turn(self.conn)
        if found[0].turn <= last:
            raise InvalidOperationError(
                self.file.path, f"cannot {verb} command #{command_id}: its turn {found[0].turn} is already committed"
            )
        self.conn.execute(update(COMMANDS).where(COMMANDS.c.id == command_id).values(cancelled=cancelled))
        return dataclasses.replace(found[0], cancelled=cancelled)

    # ------------------------------------------------------------------ turns
    def snapshot(self, turn: int) -> dict[str, dict[str, dict[str, Any]]]:
        return self.file._snapshot_of(self.conn, turn)

    def commit_turn(
        self,
        turn: int,
        *,
        events: Sequence[EventRecord | Mapping[str, Any]],
        snapshot: Mapping[str, Mapping[str, Mapping[str, Any]]],
        state_hash: str,
        summary: Mapping[str, Any],
    ) -> None:
        """Record a resolved turn (events, snapshot rows, hash, summary); see :meth:`GameFile.commit_turn`."""
        event_rows: list[dict[str, Any]] = []
        texts: list[str] = []
        for i, ev in enumerate(events):
            d = dataclasses.asdict(ev) if isinstance(ev, EventRecord) else dict(ev)
            if d.get("turn", turn) != turn:
                raise ValueError(f"event {i} is for turn {d['turn']}, not turn {turn}")
            missing = [k for k in ("kind", "subject", "payload") if k not in d]
            if missing:
                raise ValueError(f"event {i} of turn {turn} lacks {', '.join(missing)}")
            try:
                text = canonical(dict(d["payload"]))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"could not commit turn {turn}: a payload is not plain JSON ({exc})") from None
            texts.append(text)
            event_rows.append(
                {
                    "turn": turn,
                    "seq": int(d.get("seq", i)),
                    "kind": str(d["kind"]),
                    "subject": str(d["subject"]),
                    "payload": json.loads(text),
                }
            )
        current: dict[str, dict[str, str]] = {}
        try:
            for kind, entities in snapshot.items():
                texts_of_kind = {}
                for key, payload in entities.items():
                    if not isinstance(payload, Mapping):
                        raise ValueError(f"the snapshot of {seals.short(kind)} {seals.short(key)} is not a table")
                    texts_of_kind[str(key)] = canonical(dict(payload))
                if texts_of_kind:
                    current[str(kind)] = texts_of_kind
            summary_d = json.loads(canonical(dict(summary)))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"could not commit turn {turn}: a payload is not plain JSON ({exc})") from None
        conn = self.conn
        expected = _max_turn(conn) + 1
        if turn != expected:
            raise InvalidOperationError(self.file.path, f"cannot commit turn {turn}: the next turn is {expected}")
        keyframe = turn % KEYFRAME_EVERY == 0
        before = {} if keyframe else self.file._snapshot_texts(conn, turn - 1)
        chain = self._links()
        for row, text in zip(event_rows, texts, strict=True):
            row["chain_seq"], row["chain"] = chain.next(seals.event_content(row, text))
        frame_rows = []
        for kind in sorted(set(current) | set(before)):
            data = _frame_data(keyframe, current.get(kind, {}), before.get(kind, {}))
            if data is None:
                continue
            row = {"turn": turn, "entity_kind": kind, "data": data}
            row["chain_seq"], row["chain"] = chain.next(seals.frame_content(row))
            frame_rows.append(row)
        turn_row: dict[str, Any] = {"turn": turn, "state_hash": str(state_hash), "summary": summary_d}
        flags = seals.turn_flags(conn, turn)
        turn_row["chain_seq"], turn_row["chain"] = chain.next(seals.turn_content(turn_row, flags))
        conn.execute(insert(TURNS), [turn_row])
        if event_rows:
            conn.execute(insert(EVENTS), event_rows)
        if frame_rows:
            conn.execute(insert(FRAMES), frame_rows)
        self.cache = (turn, current)

    # ------------------------------------------------------------------ tables changed in place (sealed rows)
    def sealed_insert(self, table: Any, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert rows into a table changed in place (``id`` given here), each sealed, the table's sum kept."""
        t = table.__table__ if hasattr(table, "__table__") else table
        top = int(self.conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar() or 0)
        new = []
        for i, r in enumerate(rows, start=1):
            values = {"id": top + i, **{k: v for k, v in r.items() if k not in ("id", "row_hash")}}
            try:
                text = canonical(values)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"a row of {t.name} is not plain JSON ({exc})") from None
            values["row_hash"] = seals.row_hash(t.name, values, text)
            new.append(values)
        if new:
            self.conn.execute(insert(t), new)
            seals.adjust_sum(self.conn, t.name, [v["row_hash"] for v in new])
        return [v["id"] for v in new]

    def sealed_update(self, table: Any, row_id: int, values: Mapping[str, Any]) -> bool:
        """Change one row of a table changed in place: its seal is checked first (damage is never sealed in), then
        renewed. False if there is no such row."""
        t = table.__table__ if hasattr(table, "__table__") else table
        stored = seals.stored_rows(self.conn, t, t.c.id == row_id)
        if not stored:
            return False
        old = stored[0]
        seals.check_row(t.name, old)
        new = json.loads(canonical({**{k: v for k, v in old.items() if k != "row_hash"}, **values}))
        new["row_hash"] = seals.row_hash(t.name, new)
        self.conn.execute(update(t).where(t.c.id == row_id).values(**new))
        seals.adjust_sum(self.conn, t.name, [new["row_hash"]], [old["row_hash"]])
        return True

    def sealed_delete(self, table: Any, where: Any) -> int:
        """Delete the rows of a table changed in place that ``where`` selects (their seals checked first)."""
        t = table.__table__ if hasattr(table, "__table__") else table
        rows = seals.stored_rows(self.conn, t, where)
        for r in rows:
            seals.check_row(t.name, r)
        if rows:
            self.conn.execute(delete(t).where(t.c.id.in_([r["id"] for r in rows])))
            seals.adjust_sum(self.conn, t.name, removed=[r["row_hash"] for r in rows])
        return len(rows)

    # ------------------------------------------------------------------ the MSEL
    def msel_rows(self) -> list[dict[str, Any]]:
        """The MSEL rows as stored (``id`` and :data:`MSEL_COLUMNS`), in the order they were imported."""
        return _msel_rows(self.conn)

    def msel_due(self, turn: int) -> list[dict[str, Any]]:
        """The MSEL rows scheduled for ``turn`` or before (not fired, skipped or held)."""
        where = (MSEL.c.status == "scheduled") & (MSEL.c.turn <= turn)
        return _msel_rows(self.conn, where)

    def msel_add(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Add MSEL rows (dicts of :data:`MSEL_COLUMNS`); a serial already in the MSEL is an error."""
        self.sealed_insert(MSEL, [{name: r.get(name) for name in MSEL_COLUMNS} for r in rows])

    def msel_update(self, row_id: int, **values: Any) -> None:
        """Change columns of one MSEL row (its seal is checked first, then renewed)."""
        unknown = sorted(set(values) - set(MSEL_COLUMNS))
        if unknown:
            raise ValueError(f"unknown MSEL column(s): {', '.join(unknown)}")
        if not self.sealed_update(MSEL, row_id, values):
            raise InvalidOperationError(self.file.path, f"there is no MSEL row #{row_id}")

    def msel_clear(self) -> None:
        """Remove every MSEL row."""
        self.conn.execute(delete(MSEL))
        self.conn.execute(
            update(seals.INTEGRITY).where(seals.INTEGRITY.c.name == "sum:msel").values(value="0 " + "0" * 64)
        )

    def _reset_msel_after(self, turn: int) -> None:
        """MSEL rows that fired after ``turn`` go back to the schedule (or the held deck): a branch replays them."""
        for r in seals.stored_rows(self.conn, MSEL, MSEL.c.fired_turn > turn):
            status = "held" if r["turn"] is None else "scheduled"
            self.msel_update(int(r["id"]), status=status, fired_turn=None, command_id=None)

    # ------------------------------------------------------------------ bookmarks
    def add_bookmark(self, turn: int, note: str) -> BookmarkRecord:
        last = _max_turn(self.conn)
        if turn > last:
            raise InvalidOperationError(self.file.path, f"cannot bookmark turn {turn}: the game has turns 0 to {last}")
        top = self.conn.execute(select(func.max(BOOKMARKS.c.created_seq))).scalar()
        seq = (top or 0) + 1
        new_id = int(self.conn.execute(select(func.coalesce(func.max(BOOKMARKS.c.id), 0))).scalar() or 0) + 1
        (got,) = self.sealed_insert(BOOKMARKS, [{"id": new_id, "turn": turn, "note": note, "created_seq": seq}])
        return BookmarkRecord(got, turn, note, seq)

    def remove_bookmarks(self, where: Any) -> int:
        return self.sealed_delete(BOOKMARKS, where)

    # ------------------------------------------------------------------ truncation (branches)
    def truncate_after(self, turn: int) -> None:
        conn = self.conn
        conn.execute(delete(SNAPSHOTS).where(SNAPSHOTS.c.turn > turn))
        conn.execute(delete(FRAMES).where(FRAMES.c.turn > turn))
        conn.execute(delete(EVENTS).where(EVENTS.c.turn > turn))
        conn.execute(delete(TURNS).where(TURNS.c.turn > turn))
        conn.execute(delete(COMMANDS).where(COMMANDS.c.turn > turn))
        self.remove_bookmarks(BOOKMARKS.c.turn > turn)
        self.sealed_delete(HotwashObservationRow, HotwashObservationRow.__table__.c.turn > turn)
        self._reset_msel_after(turn)
        last = conn.execute(select(TURNS.c.chain_seq, TURNS.c.chain).where(TURNS.c.turn == turn)).first()
        tops = [conn.execute(select(func.max(t.c.chain_seq))).scalar() for t in seals.CHAINED]
        top = max((x for x in tops if x is not None), default=0)
        if last is None or last.chain_seq != top:
            raise SealError(f"the chain does not end with turn {turn} after removing the later turns")
        self._chain = None
        seals.write_head(conn, int(last.chain_seq), str(last.chain))


class GameFile:
    """An open saved game. Build with :meth:`create` or :meth:`open`; close when done.

    Values go in and come out as plain dicts and the dataclasses of :mod:`wargame.store.records`.
    Reads and writes may come from several threads; each thread has its own connection.
    """

    path: Path
    readonly: bool
    backup_path: Path | None
    """Where :meth:`open` saved the pre-upgrade copy, if it migrated the file."""

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        readonly: bool,
        backup_path: Path | None = None,
        inspect: bool = False,
        url: str | None = None,
    ) -> None:
        """Internal: use :meth:`create` or :meth:`open` (:meth:`create_db`, :meth:`open_db` for PostgreSQL)."""
        self.path = path
        self.url = url
        """The database URL of a hosted game (PostgreSQL); None for a saved-game file."""
        self.readonly = readonly
        self.backup_path = backup_path
        self._scratch: Path | None = None
        """A private folder holding the upgraded copy that a read-only opening of an older file reads."""
        self._engine: Engine | None = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        self._local = threading.local()
        self._last_texts: tuple[int, dict[str, dict[str, str]]] | None = None
        self._meta_seal = ""
        self._timelines: dict[str, tuple[tuple[int | None, str | None], list[int], dict[str, Any]]] = {}
        """kind → (the last turn and its chain when read, the turns, the timeline): see :meth:`_timeline`."""
        try:
            with self._guard("read the game description"), engine.connect() as conn:
                row = conn.execute(select(*(META.c[n] for n in _META_FIELDS))).first()
                if row is None:
                    raise DamagedFileError(path, "the saved game is damaged (no game description row)")
                self._meta = _meta_from_row(row)
                _check_meta(self._meta)
                if not inspect:
                    problem = seals.check_head(conn)
                    if problem:
                        raise DamagedFileError(
                            path,
                            f"the saved game is damaged: {problem}. `wargame verify` says what is damaged; "
                            "`wargame recover` writes the turns that can be trusted to a new file",
                        )
        except ValueError as exc:
            self.close()
            raise DamagedFileError(path, f"the saved game is damaged (its description: {exc})") from None
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        meta: GameMeta,
        *,
        overwrite: bool = False,
        build: Callable[[Writer], None] | None = None,
    ) -> GameFile:
        """Create a new saved game at the latest schema and return it open for writing.

        The file is built under a unique temporary name next to ``path`` (``build``, if given, writes its first
        contents, e.g. turn 0, in the same transaction) and renamed into place only when complete, so an existing
        file is replaced (with ``overwrite=True``) by a whole game or not at all.
        """
        path = Path(path).absolute()
        _check_meta(meta)
        cls._check_destination(path, overwrite)
        try:
            tmp = _unique_temp(path)
        except OSError as exc:
            raise SaveFileError(path, f"cannot create the saved game ({exc.strerror or exc})") from None
        head = head_revision()
        engine = make_engine(tmp, readonly=False, create=True)
        try:
            with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version={user_version_of(head)}")
                Base.metadata.create_all(conn)
                from alembic import command

                command.stamp(alembic_config(conn), "head")
                conn.execute(insert(META), [_meta_row_values(meta)])
                seals.seal_existing(conn, {"how": "created", "app_version": meta.app_version})
                if build is not None:
                    draft = cls.__new__(cls)
                    draft.path, draft.readonly, draft._last_texts = path, False, None
                    w = Writer(draft, conn)
                    build(w)
                    w.finish()
            engine.dispose()
            cls._check_destination(path, overwrite)
            remove_database(path, keep_main=True)
            os.replace(tmp, path)
        except OSError as exc:
            engine.dispose()
            remove_database(tmp)
            raise SaveFileError(path, f"cannot create the saved game ({exc.strerror or exc})") from None
        except sa_exc.DBAPIError as exc:
            engine.dispose()
            remove_database(tmp)
            raise SaveFileError(path, f"cannot create the saved game ({exc.orig})") from None
        except BaseException:
            engine.dispose()
            remove_database(tmp)
            raise
        return cls(path, make_engine(path, readonly=False), readonly=False)

    @staticmethod
    def _check_destination(path: Path, overwrite: bool) -> None:
        if path.is_dir():
            raise SaveFileError(path, "a folder with this name exists")
        if path.exists() and not overwrite:
            raise SaveFileExistsError(path, "a file with this name exists already (choose another name or overwrite)")
        if path.exists() and _in_use(path):
            raise SaveFileError(
                path,
                "is open in another process (its -wal/-shm files are there); close it there before replacing it",
            )
        if not path.parent.is_dir():
            raise SaveFileError(path, "the folder does not exist")

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False, inspect: bool = False) -> GameFile:
        """Open a saved game: check it, refuse a newer one, back up and upgrade an older one.

        ``readonly`` opens without ever writing (it works in a read-only folder and leaves no ``-wal``/``-shm``
        files); a file saved by an older version is then copied to a private temporary folder, the copy upgraded
        and opened instead (the file itself is never touched; the copy goes when the game is closed). ``inspect`` (for verify
        and recover) skips SQLite's structure check and the integrity head check, so that a damaged file can be
        examined; a file carrying SQL of its own is refused even then.
        """
        path = Path(path).absolute()
        revision = inspect_file(path, quick_check=not inspect)
        backup: Path | None = None
        if revision != head_revision():
            if readonly:
                return cls._open_upgraded_copy(path, revision, inspect=inspect)
            backup = backup_path_for(path, revision)
            backup_database(path, backup)
            try:
                upgrade_file(path, from_revision=revision)
            except (sa_exc.SQLAlchemyError, ValueError) as exc:
                reason = getattr(exc, "orig", None) or exc
                raise SaveFileError(
                    path,
                    f"upgrade from schema {revision} failed ({reason}); the file is unchanged, a copy is in {backup.name}",
                ) from None
            inspect_file(path)
        return cls(path, make_engine(path, readonly=readonly), readonly=readonly, backup_path=backup, inspect=inspect)

    # ------------------------------------------------------------------ hosted games (PostgreSQL)
    @classmethod
    def create_db(
        cls,
        url: str,
        meta: GameMeta,
        *,
        overwrite: bool = False,
        build: Callable[[Writer], None] | None = None,
    ) -> GameFile:
        """Create a game in an empty PostgreSQL database (the same models, migrations and seals as a file): the
        schema is built by the Alembic migrations, then the description and ``build``'s first contents are written,
        all in one transaction. A database that holds a game already is refused unless ``overwrite``."""
        label = database_label(url)
        _check_meta(meta)
        engine = make_pg_engine(url)
        try:
            with cls._pg_guard(label, "create the hosted game"):
                with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                    if inspect_database(label, conn) is not None:
                        if not overwrite:
                            raise SaveFileExistsError(
                                label, "the database holds a game already (host it, or give an empty database)"
                            )
                        Base.metadata.drop_all(conn)
                        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
                    upgrade_database(conn, None)
                    conn.execute(insert(META), [_meta_row_values(meta)])
                    seals.seal_existing(conn, {"how": "created", "app_version": meta.app_version})
                    if build is not None:
                        draft = cls.__new__(cls)
                        draft.path, draft.readonly, draft._last_texts = label, False, None
                        w = Writer(draft, conn)
                        build(w)
                        w.finish()
        except BaseException:
            engine.dispose()
            raise
        return cls(label, engine, readonly=False, url=url)

    @classmethod
    def open_db(cls, url: str, *, readonly: bool = False) -> GameFile:
        """Open the game held in a PostgreSQL database: check its schema revision (an older one is migrated in one
        transaction; a newer one is refused) and, as for a file, the head of its integrity chain."""
        label = database_label(url)
        engine = make_pg_engine(url)
        try:
            with cls._pg_guard(label, "open the hosted game"):
                with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                    revision = inspect_database(label, conn)
                    if revision is None:
                        raise NotAGameFile(label, "the database is empty (host a game into it first)")
                    if revision != head_revision():
                        if readonly:
                            raise ReadOnlyError(label, f"the hosted game has an older schema ({revision})")
                        upgrade_database(conn, revision)
        except BaseException:
            engine.dispose()
            raise
        return cls(label, engine, readonly=readonly, url=url)

    @staticmethod
    @contextmanager
    def _pg_guard(label: Path, action: str) -> Iterator[None]:
        try:
            yield
        except sa_exc.DBAPIError as exc:
            text = " ".join(str(exc.orig).split())
            raise SaveFileError(label, f"could not {action} ({seals.short(text, 160)})") from None
        except sa_exc.SQLAlchemyError as exc:
            raise SaveFileError(label, f"could not {action} ({seals.short(str(exc), 160)})") from None

    @property
    def dialect(self) -> str:
        """``sqlite`` (a saved-game file) or ``postgresql`` (a hosted game)."""
        return "postgresql" if self.url else "sqlite"

    @classmethod
    def _open_upgraded_copy(cls, path: Path, revision: str, *, inspect: bool) -> GameFile:
        """Read-only opening of an older file: upgrade a private copy, never the file (see :meth:`open`)."""
        scratch = Path(tempfile.mkdtemp(prefix="wargame-readonly-"))
        copy = scratch / path.name
        try:
            source = sqlite_connect(path, readonly=True)
            try:
                target = sqlite3.connect(copy)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            try:
                upgrade_file(copy, from_revision=revision)
            except (sa_exc.SQLAlchemyError, ValueError) as exc:
                reason = getattr(exc, "orig", None) or exc
                raise SaveFileError(
                    path, f"cannot read it: upgrading a copy from schema {revision} failed ({reason})"
                ) from None
            inspect_file(copy)
            game = cls(copy, make_engine(copy, readonly=True), readonly=True, inspect=inspect)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        game.path = path  # what the user opened; the engine reads the upgraded copy
        game._scratch = scratch
        return game

    def close(self) -> None:
        """Close every connection (the last one folds the WAL back into the file)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> GameFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "closed" if self._engine is None else ("read-only" if self.readonly else "read-write")
        return f"<GameFile {str(self.path)!r} {mode}>"

    # ------------------------------------------------------------------ plumbing
    def _live(self) -> Engine:
        if self._engine is None:
            raise SaveFileError(self.path, "the saved game is closed")
        return self._engine

    def _check_writable(self) -> None:
        self._live()
        if self.readonly:
            raise ReadOnlyError(self.path, "the saved game is open read-only")

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Turn database errors into one-line :class:`SaveFileError` messages."""
        try:
            yield
        except sa_exc.DBAPIError as exc:
            text = " ".join(str(exc.orig).split())
            if "database is locked" in text or "database table is locked" in text or "lock timeout" in text:
                raise GameBusyError(self.path, action) from None
            if any(w in text for w in ("malformed", "not a database", "Could not decode", "disk image")):
                raise DamagedFileError(self.path, f"the saved game is damaged ({text})") from None
            raise SaveFileError(self.path, f"could not {action} ({text})") from None
        except sa_exc.StatementError as exc:
            orig = exc.orig
            if isinstance(orig, (TypeError, ValueError)):
                raise ValueError(f"could not {action}: a payload is not plain JSON ({orig})") from None
            raise
        except SealError as exc:
            raise DamagedFileError(self.path, f"the saved game is damaged ({exc})") from None
        except UnicodeDecodeError:
            raise DamagedFileError(
                self.path, f"the saved game is damaged (could not {action}: text is not UTF-8)"
            ) from None

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        """A connection to read through: this thread's writer or pinned read transaction if there is one, else a
        new read transaction. A value that is not what was written is :class:`DamagedFileError`."""
        writer: Writer | None = getattr(self._local, "writer", None)
        pinned: Connection | None = getattr(self._local, "pinned", None)
        with self._guard(action):
            try:
                if writer is not None:
                    yield writer.conn
                elif pinned is not None:
                    yield pinned
                else:
                    with self._live().connect() as conn:
                        yield conn
            except (json.JSONDecodeError, UnicodeDecodeError, TypeError, KeyError) as exc:
                raise DamagedFileError(
                    self.path, f"the saved game is damaged (could not {action}: {seals.short(str(exc))})"
                ) from None

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Make every read of this thread inside the block one read transaction: one consistent state of the file,
        whatever another process commits meanwhile (verify, show, report and export read this way)."""
        if getattr(self._local, "pinned", None) is not None or getattr(self._local, "writer", None) is not None:
            yield
            return
        with self._guard("read the saved game"), self._live().connect() as conn:
            if self.url:  # PostgreSQL: one snapshot for the whole block
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                conn.execute(select(func.count()).select_from(TURNS)).scalar()  # the snapshot starts here
                self._local.pinned = conn
                try:
                    yield
                finally:
                    self._local.pinned = None

    @contextmanager
    def writing(self, action: str) -> Iterator[Writer]:
        """One write transaction (the write lock is taken at BEGIN; a second writer waits, then is refused with
        :class:`GameBusyError`). Nested calls on the same thread share the outer transaction."""
        active: Writer | None = getattr(self._local, "writer", None)
        if active is not None:
            yield active
            return
        self._check_writable()
        if getattr(self._local, "pinned", None) is not None:
            raise RuntimeError("cannot write inside GameFile.reading()")
        w: Writer | None = None
        with self._guard(action), self._writer.begin() as conn:
            w = Writer(self, conn)
            self._local.writer = w
            try:
                yield w
                w.finish()
            finally:
                self._local.writer = None
        if w is not None and w.cache is not None:
            self._last_texts = w.cache

    # ------------------------------------------------------------------ meta
    @property
    def meta(self) -> GameMeta:
        """The game's description (scenario, seed, lineage); its settings as they are in the file now."""
        with self._read("read the game description") as conn:
            seal = conn.execute(select(seals.INTEGRITY.c.value).where(seals.INTEGRITY.c.name == "meta")).scalar()
            if seal != self._meta_seal or seal is None:
                row = conn.execute(select(*(META.c[n] for n in _MUTABLE_META))).first()
                if row is None:
                    raise SealError("the game description row is missing")
                self._meta = dataclasses.replace(self._meta, **dict(row._mapping))
                self._meta_seal = str(seal)
        return self._meta

    def set_meta(self, **changes: Any) -> None:
        """Change fields of :attr:`meta` (e.g. ``title``, ``parent_path``, ``parent_turn``)."""
        with self.writing("update the game description") as w:
            w.set_meta(**changes)

    def update_variant(self, changes: Mapping[str, Any]) -> None:
        """Change entries of the game's variant (settings); the others stay as they are in the file now."""
        with self.writing("update the game's settings") as w:
            w.update_variant(changes)

    # ------------------------------------------------------------------ turns
    @property
    def last_turn(self) -> int:
        """The highest committed turn; -1 while not even turn 0 is committed."""
        with self._read("read the last turn") as conn:
            return _max_turn(conn)

    def commit_turn(
        self,
        turn: int,
        *,
        events: Sequence[EventRecord | Mapping[str, Any]],
        snapshot: Mapping[str, Mapping[str, Mapping[str, Any]]],
        state_hash: str,
        summary: Mapping[str, Any],
    ) -> None:
        """Record a resolved turn (events, snapshot rows, hash, summary) in one transaction, sealed in the chain.

        ``turn`` must be ``last_turn + 1`` (0 on a file with no turns). An event is an
        :class:`EventRecord` or a dict with ``kind``, ``subject``, ``payload`` and optionally
        ``seq`` (default: its position) and ``turn`` (must equal ``turn``).
        """
        with self.writing(f"commit turn {turn}") as w:
            w.commit_turn(turn, events=events, snapshot=snapshot, state_hash=state_hash, summary=summary)

    def _snapshot_texts(self, conn: Connection, turn: int) -> dict[str, dict[str, str]]:
        """Canonical JSON of every entity at ``turn``, kind → key → text (from the cache of the last commit, else
        the file)."""
        cached = self._last_texts
        if cached is not None and cached[0] == turn:
            return cached[1]
        return {
            kind: {key: canonical(payload) for key, payload in entities.items()}
            for kind, entities in _fold(conn, turn).items()
        }

    def truncate_after(self, turn: int) -> None:
        """Delete every turn after ``turn`` (events, snapshots, turn rows), their commands and bookmarks, in one
        transaction; MSEL rows fired after ``turn`` go back to the schedule."""
        self._last_texts = None
        with self.writing(f"remove the turns after turn {turn}") as w:
            w.truncate_after(turn)

    def hashes(self) -> dict[int, str]:
        """State hash of every committed turn."""
        with self._read("read the turn hashes") as conn:
            rows = conn.execute(select(TURNS.c.turn, TURNS.c.state_hash).order_by(TURNS.c.turn))
            return {int(r.turn): str(r.state_hash) for r in rows}

    def turn_summaries(self) -> dict[int, dict[str, Any]]:
        """Summary of every committed turn (a summary that is not a table, in a damaged file: ``{}``; ``verify``
        names it)."""
        with self._read("read the turn summaries") as conn:
            rows = conn.execute(select(TURNS.c.turn, TURNS.c.summary).order_by(TURNS.c.turn))
            return {int(r.turn): dict(r.summary) if isinstance(r.summary, dict) else {} for r in rows}

    # ------------------------------------------------------------------ events and snapshots
    def events(
        self,
        turn: int | None = None,
        *,
        kinds: Sequence[str] | None = None,
        from_turn: int | None = None,
        to_turn: int | None = None,
    ) -> list[EventRecord]:
        """Events ordered by (turn, seq): of one ``turn``, or ``from_turn..to_turn`` (inclusive), of ``kinds``."""
        q = select(EVENTS.c.turn, EVENTS.c.seq, EVENTS.c.kind, EVENTS.c.subject, EVENTS.c.payload)
        if turn is not None:
            q = q.where(EVENTS.c.turn == turn)
        if from_turn is not None:
            q = q.where(EVENTS.c.turn >= from_turn)
        if to_turn is not None:
            q = q.where(EVENTS.c.turn <= to_turn)
        if kinds is not None:
            q = q.where(EVENTS.c.kind.in_(list(kinds)))
        q = q.order_by(EVENTS.c.turn, EVENTS.c.seq, EVENTS.c.id)
        with self._read("read events") as conn:
            return [
                EventRecord(int(r.turn), int(r.seq), str(r.kind), str(r.subject), dict(r.payload))
                for r in conn.execute(q)
            ]

    def _snapshot_of(self, conn: Connection, turn: int) -> dict[str, dict[str, dict[str, Any]]]:
        if conn.execute(select(TURNS.c.turn).where(TURNS.c.turn == turn)).first() is None:
            raise InvalidOperationError(self.path, f"turn {turn} is not in the saved game")
        return _fold(conn, turn)

    def snapshot(self, turn: int) -> dict[str, dict[str, dict[str, Any]]]:
        """The state at the end of ``turn``: ``{entity_kind: {entity_key: payload}}``."""
        with self._read(f"read the snapshot of turn {turn}") as conn:
            return self._snapshot_of(conn, turn)

    def series(self, entity_kind: str, key: str, field: str) -> list[tuple[int, Any]]:
        """``payload[field]`` of one entity at every turn it appears in (for charts); None where absent.

        The first call for a kind reads every turn's state of that kind once (inflating its frames); later calls read
        that timeline of changes until the file gains or loses a turn."""
        turns, timeline = self._timeline(entity_kind)
        changes = timeline.get(key, [])
        out: list[tuple[int, Any]] = []
        i, payload = 0, None
        for t in turns:
            while i < len(changes) and changes[i][0] <= t:
                payload = changes[i][1]
                i += 1
            if payload is not None:
                out.append((t, payload.get(field)))
        return out

    def _timeline(self, kind: str) -> tuple[list[int], dict[str, list[tuple[int, dict[str, Any] | None]]]]:
        """The committed turns, and key → [(turn, payload from that turn on, or None once the entity is gone)] for
        every entity of ``kind``."""
        with self._read(f"read the history of every {kind}") as conn:
            top = conn.execute(select(TURNS.c.turn, TURNS.c.chain).order_by(TURNS.c.turn.desc()).limit(1)).first()
            stamp = (None, None) if top is None else (int(top.turn), str(top.chain))
            cached = self._timelines.get(kind)
            if cached is not None and cached[0] == stamp:
                return cached[1], cached[2]
            turns = [int(t) for (t,) in conn.execute(select(TURNS.c.turn).order_by(TURNS.c.turn))]
            out: dict[str, list[tuple[int, dict[str, Any] | None]]] = {}
            state: frames_.State = {}
            stored = _stored(conn, 0, stamp[0] if stamp[0] is not None else -1, kind)
            pending = next(stored, None)
            for t in turns:
                prev = dict(state.get(kind, {}))
                if t % KEYFRAME_EVERY == 0:
                    state = {}
                while pending is not None and pending[0] <= t:
                    pt, k, entity_key, value = pending
                    if pt == t:
                        label = f"the frame of {seals.short(k)} at turn {t}"
                        if entity_key is None:
                            frames_.apply_frame(state.setdefault(k, {}), value, label)
                        else:
                            frames_.apply_row(state, k, entity_key, value)
                    pending = next(stored, None)
                now = state.get(kind, {})
                for entity_key, payload in now.items():
                    old = prev.get(entity_key)
                    if old is not payload and old != payload:
                        out.setdefault(entity_key, []).append((t, payload))
                for entity_key in prev:
                    if entity_key not in now:
                        out[entity_key].append((t, None))
            self._timelines[kind] = (stamp, turns, out)
            return turns, out

    # ------------------------------------------------------------------ commands
    def add_command(
        self, turn: int, seat: str, kind: str, payload: Mapping[str, Any], *, expect_last: int | None = None
    ) -> CommandRecord:
        """Record a command for a turn not yet committed; durable when this returns.

        ``expect_last``: the last committed turn the caller checked the command against; if another process has
        committed a turn since, nothing is recorded and :class:`StaleTurnError` says so.
        """
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise ValueError(f"command turn must be a non-negative integer, not {seals.short(turn)}")
        with self.writing("record the command") as w:
            return w.add_command(turn, seat, kind, payload, expect_last=expect_last)

    def cancel_command(self, command_id: int) -> None:
        """Undo a pending command (its turn is not committed yet)."""
        with self.writing(f"cancel command {command_id}") as w:
            w.set_cancelled(command_id, True)

    def restore_command(self, command_id: int) -> None:
        """Redo a cancelled pending command."""
        with self.writing(f"restore command {command_id}") as w:
            w.set_cancelled(command_id, False)

    def commands(self, turn: int | None = None, *, include_cancelled: bool = False) -> list[CommandRecord]:
        """Commands ordered by (turn, seq): all, or of one ``turn``; cancelled ones only if asked."""
        where = COMMANDS.c.turn == turn if turn is not None else COMMANDS.c.id.is_not(None)
        if not include_cancelled:
            where = where & COMMANDS.c.cancelled.is_(False)
        with self._read("read commands") as conn:
            return _command_rows(conn, where)

    def pending_commands(self) -> list[CommandRecord]:
        """Commands for turns after the last committed one, not cancelled."""
        with self._read("read pending commands") as conn:
            last = _max_turn(conn)
            return _command_rows(conn, (COMMANDS.c.turn > last) & COMMANDS.c.cancelled.is_(False))

    # ------------------------------------------------------------------ the MSEL
    def msel_rows(self) -> list[dict[str, Any]]:
        """The game's MSEL rows as stored (``id`` and :data:`MSEL_COLUMNS`), in the order they were imported."""
        with self._read("read the MSEL") as conn:
            return _msel_rows(conn)

    def msel_serials(self) -> set[str]:
        """The serials of the game's MSEL (cheap: for checking a new MSEL file against it)."""
        with self._read("read the MSEL") as conn:
            return {str(s) for (s,) in conn.execute(select(MSEL.c.serial))}

    # ------------------------------------------------------------------ bookmarks
    def add_bookmark(self, turn: int, note: str) -> BookmarkRecord:
        """Bookmark a committed ``turn`` with a note; durable when this returns."""
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise ValueError(f"bookmark turn must be a non-negative integer, not {turn!r}")
        if not isinstance(note, str):
            raise ValueError(f"bookmark note must be text, not {type(note).__name__}")
        with self.writing("add the bookmark") as w:
            return w.add_bookmark(turn, note)

    def remove_bookmark(self, bookmark_id: int) -> None:
        """Delete a bookmark set by hand."""
        with self.writing(f"remove bookmark {bookmark_id}") as w:
            if not w.remove_bookmarks(BOOKMARKS.c.id == bookmark_id):
                raise InvalidOperationError(self.path, f"there is no bookmark #{bookmark_id}")

    def bookmarks(self) -> list[BookmarkRecord]:
        """Bookmarks set by hand, ordered by (turn, created_seq)."""
        q = select(BOOKMARKS.c.id, BOOKMARKS.c.turn, BOOKMARKS.c.note, BOOKMARKS.c.created_seq).order_by(
            BOOKMARKS.c.turn, BOOKMARKS.c.created_seq
        )
        with self._read("read the bookmarks") as conn:
            return [BookmarkRecord(int(r.id), int(r.turn), str(r.note), int(r.created_seq)) for r in conn.execute(q)]

    # ------------------------------------------------------------------ integrity
    def check_integrity(self) -> IntegrityReport:
        """Walk the whole integrity chain, the seals of the description, MSEL and bookmarks, and (SQLite) the full
        structure check; every damage is named with its turn (:class:`~wargame.store.integrity.Damage`)."""
        with self._read("check the saved game's integrity") as conn:
            structure: list[str] = []
            if conn.dialect.name == "sqlite":
                try:
                    lines = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check(20)")]
                except sa_exc.DBAPIError as exc:
                    lines = [" ".join(str(exc.orig).split())]
                if lines != ["ok"]:
                    structure = lines
            try:
                rep = seals.check_all(conn)
            except sa_exc.DBAPIError as exc:
                rep = IntegrityReport()
                rep.damage.append(Damage(0, f"the file cannot be read ({seals.short(str(exc.orig), 120)})"))
        for line in reversed(structure[:3]):
            rep.damage.insert(0, Damage(None, f"SQLite's structure check: {seals.short(line, 120)}"))
        return rep

    # ------------------------------------------------------------------ hotwash
    def hotwash_items(self, kind: str) -> list[dict[str, Any]]:
        """The hotwash items of ``kind`` (observation, action, feedback) as dicts, in the order they were made."""
        table = _hotwash_table(kind)
        cols = [c for c in table.__table__.c if c.name != "row_hash"]
        with self._read(f"read the hotwash {kind}s") as conn:
            rows = conn.execute(select(*cols).order_by(table.created_seq, table.id)).mappings()
            return [dict(r) for r in rows]

    def add_hotwash_items(self, kind: str, items: Sequence[Mapping[str, Any]]) -> list[int]:
        """Store hotwash items (dicts of column values, no ``id``/``created_seq``) in one transaction: all or none;
        each row is sealed (schema 0006)."""
        table = _hotwash_table(kind)
        with self.writing(f"add hotwash {kind}s") as w:
            top = w.conn.execute(select(func.max(table.created_seq))).scalar() or 0
            rows = [
                {
                    **{k: v for k, v in item.items() if k not in ("id", "created_seq", "row_hash")},
                    "created_seq": top + i,
                }
                for i, item in enumerate(items, start=1)
            ]
            return w.sealed_insert(table, rows)

    def update_hotwash_item(self, kind: str, item_id: int, values: Mapping[str, Any]) -> None:
        """Change the columns of one hotwash item (its seal is checked, then renewed)."""
        table = _hotwash_table(kind)
        changes = {k: v for k, v in values.items() if k not in ("id", "created_seq", "row_hash")}
        with self.writing(f"update hotwash {kind} {item_id}") as w:
            if not w.sealed_update(table, item_id, changes):
                raise InvalidOperationError(self.path, f"there is no hotwash {kind} #{item_id}")

    def remove_hotwash_item(self, kind: str, item_id: int) -> None:
        """Delete one hotwash item."""
        table = _hotwash_table(kind)
        with self.writing(f"remove hotwash {kind} {item_id}") as w:
            if not w.sealed_delete(table, table.__table__.c.id == item_id):
                raise InvalidOperationError(self.path, f"there is no hotwash {kind} #{item_id}")

    # ------------------------------------------------------------------ copies
    def copy_to(
        self,
        path: str | os.PathLike[str],
        *,
        upto_turn: int | None = None,
        meta_updates: Mapping[str, Any] | None = None,
        overwrite: bool = False,
    ) -> GameFile:
        """Copy the game to ``path`` (sqlite3 backup API), keep turns up to ``upto_turn``, update meta.

        For a branch pass ``meta_updates={"parent_path": ..., "parent_turn": N}``. Returns the
        copy, open for writing. The source is only read.
        """
        if self.url:  # a hosted game is copied row by row into a new file (and sealed anew there)
            last = self.last_turn
            upto = last if upto_turn is None else upto_turn
            if not 0 <= upto <= last:
                raise InvalidOperationError(self.path, f"cannot copy up to turn {upto}: the game has turns 0 to {last}")
            copy, _notes = self.copy_turns_to(
                path, upto_turn=upto, pending=upto_turn is None, meta_updates=meta_updates, overwrite=overwrite
            )
            return copy
        dest = Path(path).absolute()
        engine = self._live()
        if dest == self.path or (dest.exists() and os.path.samefile(dest, self.path)):
            raise SaveFileError(dest, "cannot copy a saved game onto itself")
        self._check_destination(dest, overwrite)
        if upto_turn is not None:
            last = self.last_turn
            if not 0 <= upto_turn <= last:
                raise InvalidOperationError(
                    self.path, f"cannot copy up to turn {upto_turn}: the game has turns 0 to {last}"
                )
        try:
            tmp = _unique_temp(dest)
        except OSError as exc:
            raise SaveFileError(dest, f"cannot copy the saved game ({exc.strerror or exc})") from None
        try:
            raw = engine.raw_connection()
            try:
                out = sqlite3.connect(str(tmp))
                try:
                    raw.driver_connection.backup(out)  # type: ignore[union-attr]
                finally:
                    out.close()
            finally:
                raw.close()
            copy = GameFile.open(tmp)
            try:
                if upto_turn is not None:
                    copy.truncate_after(upto_turn)
                if meta_updates:
                    copy.set_meta(**dict(meta_updates))
            finally:
                copy.close()
            self._check_destination(dest, overwrite)
            remove_database(dest, keep_main=True)
            os.replace(tmp, dest)
        except (OSError, sqlite3.Error, sa_exc.DBAPIError) as exc:
            remove_database(tmp)
            raise SaveFileError(dest, f"cannot copy the saved game ({exc})") from None
        except BaseException:
            remove_database(tmp)
            raise
        return GameFile.open(dest)

    def copy_turns_to(
        self,
        path: str | os.PathLike[str],
        *,
        upto_turn: int,
        pending: bool,
        meta_updates: Mapping[str, Any] | None = None,
        overwrite: bool = False,
    ) -> tuple[GameFile, list[str]]:
        """A new saved game holding turns 0..``upto_turn`` of this one, rewritten row by row and sealed anew (for
        recovering a damaged file: nothing beyond ``upto_turn`` is read, and this file is only read).

        Copied: the description, every command of those turns (cancelled ones too), their events, snapshots, hashes
        and summaries; the commands pending for the next turn if ``pending``; the MSEL rows and bookmarks whose own
        seals hold (MSEL rows fired after ``upto_turn`` go back to the schedule). Returns the new file, open for
        writing, and a line for each thing left out.
        """
        to_db = is_database_url(path)
        dest = database_label(str(path)) if to_db else Path(path).absolute()
        if not to_db and (dest == self.path or (not self.url and dest.exists() and os.path.samefile(dest, self.path))):
            raise SaveFileError(dest, "cannot recover a saved game onto itself")
        notes: list[str] = []
        meta = dataclasses.replace(self.meta, **dict(meta_updates or {}))
        with self.reading():
            hashes, summaries = self.hashes(), self.turn_summaries()
            turns = [
                (
                    t,
                    self.commands(t, include_cancelled=True),
                    self.events(t),
                    self.snapshot(t),
                    hashes[t],
                    summaries[t],
                )
                for t in range(upto_turn + 1)
            ]
            later = [c for c in self.commands(include_cancelled=True) if c.turn > upto_turn] if pending else []
            with self._read("read the MSEL and bookmarks") as conn:
                msel_rows = seals.stored_rows(conn, MSEL)
                marks = seals.stored_rows(conn, BOOKMARKS, BOOKMARKS.c.turn <= upto_turn)
        good_msel = [r for r in msel_rows if r.get("row_hash") == seals.row_hash("msel", r)]
        good_marks = [r for r in marks if r.get("row_hash") == seals.row_hash("bookmarks", r)]
        if len(good_msel) < len(msel_rows):
            notes.append(f"{len(msel_rows) - len(good_msel)} damaged MSEL row(s) left out")
        if len(good_marks) < len(marks):
            notes.append(f"{len(marks) - len(good_marks)} damaged bookmark(s) left out")

        def build(w: Writer) -> None:
            ids: dict[int, int] = {}
            for t, cmds, events, snap, state_hash, summary in turns:
                for c in cmds:
                    ids[c.id] = w.add_command(t, c.seat, c.kind, c.payload, cancelled=c.cancelled).id
                w.commit_turn(t, events=events, snapshot=snap, state_hash=state_hash, summary=summary)
            for c in later:
                ids[c.id] = w.add_command(c.turn, c.seat, c.kind, c.payload, cancelled=c.cancelled).id
            rows = []
            for r in good_msel:
                row = {name: r[name] for name in MSEL_COLUMNS}
                fired = row["fired_turn"]
                if fired is not None and (fired > upto_turn + 1 or row["command_id"] not in ids):
                    row.update(status="held" if row["turn"] is None else "scheduled", fired_turn=None, command_id=None)
                elif row["command_id"] is not None:
                    row["command_id"] = ids.get(row["command_id"])
                rows.append(row)
            w.msel_add(rows)
            for r in good_marks:
                w.add_bookmark(r["turn"], r["note"])

        if to_db:
            return GameFile.create_db(str(path), meta, overwrite=overwrite, build=build), notes
        return GameFile.create(dest, meta, overwrite=overwrite, build=build), notes
