"""The saved-game file: one SQLite database per game, opened through SQLAlchemy.

Lifecycle (after Taguette): check the file (SQLite? ours? intact? which schema?), refuse a
newer schema, back up and migrate an older one, create new files at the latest schema.
Every write is its own transaction; a turn (events, snapshot, hash) commits as one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from wargame.engine import encode

from .errors import (
    DamagedFileError,
    InvalidOperationError,
    ReadOnlyError,
    SaveFileError,
    SaveFileExistsError,
)
from .migrate import (
    APPLICATION_ID,
    WRITE_OPTION,
    alembic_config,
    backup_database,
    backup_path_for,
    head_revision,
    inspect_file,
    make_engine,
    remove_database,
    upgrade_file,
    user_version_of,
)
from .records import BookmarkRecord, CommandRecord, EventRecord, GameMeta
from .schema import (
    Base,
    BookmarkRow,
    CommandRow,
    EventRow,
    GameMetaRow,
    HotwashActionRow,
    HotwashFeedbackRow,
    HotwashObservationRow,
    SnapshotRow,
    TurnRow,
)

_INT64 = (-(2**63), 2**63 - 1)
_META_FIELDS = tuple(f.name for f in dataclasses.fields(GameMeta))


def _meta_row_values(meta: GameMeta) -> dict[str, Any]:
    d = encode(meta)
    d["id"] = 1
    return d


def _meta_from_row(row: GameMetaRow) -> GameMeta:
    return GameMeta(**{name: getattr(row, name) for name in _META_FIELDS})


def _check_meta(meta: GameMeta) -> None:
    """Refuse values the file cannot hold, with a one-line message."""
    if not isinstance(meta.seed, int) or not _INT64[0] <= meta.seed <= _INT64[1]:
        raise ValueError(f"seed {meta.seed!r} must be an integer that fits in 64 bits")
    for name in ("scenario_id", "scenario_name", "scenario_hash", "scenario_text", "app_version", "title"):
        if not isinstance(getattr(meta, name), str):
            raise ValueError(f"game meta field {name} must be text, not {type(getattr(meta, name)).__name__}")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.scenario_files.items()):
        raise ValueError("scenario_files must map relative paths (text) to file contents (text)")


def _command(row: Any) -> CommandRecord:
    return CommandRecord(
        id=row.id,
        turn=row.turn,
        seq=row.seq,
        seat=row.seat,
        kind=row.kind,
        payload=dict(row.payload),
        cancelled=bool(row.cancelled),
    )


_HOTWASH: dict[str, type[Base]] = {
    "observation": HotwashObservationRow,
    "action": HotwashActionRow,
    "feedback": HotwashFeedbackRow,
}
"""The hotwash tables (schema 0005_hotwash) by the kind of item they hold."""


def _hotwash_table(kind: str) -> Any:
    try:
        return _HOTWASH[kind]
    except KeyError:
        raise ValueError(f"unknown hotwash item kind {kind!r} (one of {', '.join(_HOTWASH)})") from None


KEYFRAME_EVERY = 10
"""A full snapshot every this many turns; in between only changed entities are stored (schema 0004)."""
_DELETED = {"__deleted__": True}


class GameFile:
    """An open saved game. Build with :meth:`create` or :meth:`open`; close when done.

    Values go in and come out as plain dicts and the dataclasses of :mod:`wargame.store.records`.
    One instance is meant for one thread at a time (the application's database worker).
    """

    path: Path
    readonly: bool
    backup_path: Path | None
    """Where :meth:`open` saved the pre-upgrade copy, if it migrated the file."""

    def __init__(self, path: Path, engine: Engine, *, readonly: bool, backup_path: Path | None = None) -> None:
        """Internal: use :meth:`create` or :meth:`open`."""
        self.path = path
        self.readonly = readonly
        self.backup_path = backup_path
        self._engine: Engine | None = engine
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        try:
            with self._guard("read the game description"), Session(engine) as s:
                row = s.get(GameMetaRow, 1)
                if row is None:
                    raise DamagedFileError(path, "the saved game is damaged (no game description row)")
                self._meta = _meta_from_row(row)
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def create(cls, path: str | os.PathLike[str], meta: GameMeta, *, overwrite: bool = False) -> GameFile:
        """Create a new saved game at the latest schema and return it open for writing.

        The file is built next to ``path`` and moved into place, so an existing file is only
        replaced (with ``overwrite=True``) once the new one is complete.
        """
        path = Path(path).absolute()
        if path.exists() and not overwrite:
            raise SaveFileExistsError(path, "a file with this name exists already (choose another name or overwrite)")
        if path.exists() and not path.is_file():
            raise SaveFileError(path, "a folder with this name exists")
        if not path.parent.is_dir():
            raise SaveFileError(path, "the folder does not exist")
        _check_meta(meta)
        tmp = path.with_name(f".{path.name}.partial")
        remove_database(tmp)
        head = head_revision()
        engine = make_engine(tmp, readonly=False, create=True)
        try:
            with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version={user_version_of(head)}")
                Base.metadata.create_all(conn)
                from alembic import command

                command.stamp(alembic_config(conn), "head")
                conn.execute(insert(GameMetaRow), [_meta_row_values(meta)])
            engine.dispose()
            remove_database(path)
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

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, readonly: bool = False) -> GameFile:
        """Open a saved game: check it, refuse a newer one, back up and upgrade an older one.

        ``readonly`` opens with ``mode=ro`` and never writes; a file that needs an upgrade is
        then refused with :class:`ReadOnlyError`.
        """
        path = Path(path).absolute()
        revision = inspect_file(path)
        backup: Path | None = None
        if revision != head_revision():
            if readonly:
                raise ReadOnlyError(
                    path,
                    f"saved by an older version (schema {revision}); open it for editing once to upgrade it",
                )
            backup = backup_path_for(path, revision)
            backup_database(path, backup)
            try:
                upgrade_file(path)
            except (sa_exc.SQLAlchemyError, ValueError) as exc:
                reason = getattr(exc, "orig", None) or exc
                raise SaveFileError(
                    path,
                    f"upgrade from schema {revision} failed ({reason}); the file is unchanged, a copy is in {backup.name}",
                ) from None
        return cls(path, make_engine(path, readonly=readonly), readonly=readonly, backup_path=backup)

    def close(self) -> None:
        """Close every connection (the last one folds the WAL back into the file)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

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
            orig = exc.orig
            text = " ".join(str(orig).split())
            if "malformed" in text or "not a database" in text:
                raise DamagedFileError(self.path, f"the saved game is damaged ({text})") from None
            raise SaveFileError(self.path, f"could not {action} ({text})") from None
        except sa_exc.StatementError as exc:
            orig = exc.orig
            if isinstance(orig, (TypeError, ValueError)):
                raise ValueError(f"could not {action}: a payload is not plain JSON ({orig})") from None
            raise

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        """One write transaction that takes the write lock at BEGIN."""
        self._check_writable()
        with self._guard(action), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        """One read transaction (a consistent snapshot)."""
        with self._guard(action), self._live().connect() as conn:
            yield conn

    @staticmethod
    def _max_turn(conn: Connection | Session) -> int:
        value = conn.execute(select(func.max(TurnRow.turn))).scalar()
        return -1 if value is None else int(value)

    # ------------------------------------------------------------------ meta
    @property
    def meta(self) -> GameMeta:
        """The game's description (scenario, seed, lineage)."""
        return self._meta

    def set_meta(self, **changes: Any) -> None:
        """Change fields of :attr:`meta` (e.g. ``title``, ``parent_path``, ``parent_turn``)."""
        unknown = sorted(set(changes) - set(_META_FIELDS))
        if unknown:
            raise ValueError(f"unknown game meta field(s): {', '.join(unknown)}")
        new = dataclasses.replace(self._meta, **changes)
        _check_meta(new)
        with self._write("update the game description") as conn:
            conn.execute(update(GameMetaRow).where(GameMetaRow.id == 1).values(**changes))
        self._meta = new

    # ------------------------------------------------------------------ turns
    @property
    def last_turn(self) -> int:
        """The highest committed turn; -1 while not even turn 0 is committed."""
        with self._read("read the last turn") as conn:
            return self._max_turn(conn)

    def commit_turn(
        self,
        turn: int,
        *,
        events: Sequence[EventRecord | Mapping[str, Any]],
        snapshot: Mapping[str, Mapping[str, Mapping[str, Any]]],
        state_hash: str,
        summary: Mapping[str, Any],
    ) -> None:
        """Record a resolved turn (events, snapshot rows, hash, summary) in one transaction.

        ``turn`` must be ``last_turn + 1`` (0 on a file with no turns). An event is an
        :class:`EventRecord` or a dict with ``kind``, ``subject``, ``payload`` and optionally
        ``seq`` (default: its position) and ``turn`` (must equal ``turn``).
        """
        event_rows: list[dict[str, Any]] = []
        for i, ev in enumerate(events):
            d = dataclasses.asdict(ev) if isinstance(ev, EventRecord) else dict(ev)
            if d.get("turn", turn) != turn:
                raise ValueError(f"event {i} is for turn {d['turn']}, not turn {turn}")
            missing = [k for k in ("kind", "subject", "payload") if k not in d]
            if missing:
                raise ValueError(f"event {i} of turn {turn} lacks {', '.join(missing)}")
            event_rows.append(
                {
                    "turn": turn,
                    "seq": int(d.get("seq", i)),
                    "kind": str(d["kind"]),
                    "subject": str(d["subject"]),
                    "payload": dict(d["payload"]),
                }
            )
        try:
            current = {
                (str(kind), str(key)): json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=False)
                for kind, entities in snapshot.items()
                for key, payload in entities.items()
            }
        except (TypeError, ValueError) as exc:
            raise ValueError(f"could not commit turn {turn}: a payload is not plain JSON ({exc})") from None
        with self._write(f"commit turn {turn}") as conn:
            expected = self._max_turn(conn) + 1
            if turn != expected:
                raise InvalidOperationError(self.path, f"cannot commit turn {turn}: the next turn is {expected}")
            if turn % KEYFRAME_EVERY == 0:
                changed = current
                gone: list[tuple[str, str]] = []
            else:
                before = self._snapshot_texts(conn, turn - 1)
                changed = {k: v for k, v in current.items() if before.get(k) != v}
                gone = [k for k in before if k not in current]
            snapshot_rows = [
                {"turn": turn, "entity_kind": kind, "entity_key": key, "payload": json.loads(text)}
                for (kind, key), text in sorted(changed.items())
            ] + [
                {"turn": turn, "entity_kind": kind, "entity_key": key, "payload": dict(_DELETED)}
                for kind, key in sorted(gone)
            ]
            conn.execute(insert(TurnRow), [{"turn": turn, "state_hash": str(state_hash), "summary": dict(summary)}])
            if event_rows:
                conn.execute(insert(EventRow), event_rows)
            if snapshot_rows:
                conn.execute(insert(SnapshotRow), snapshot_rows)
        self._last_texts = (turn, current)

    def _snapshot_texts(self, conn: Connection, turn: int) -> dict[tuple[str, str], str]:
        """Canonical JSON of every entity at ``turn`` (from the cache of the last commit, else the file)."""
        cached = getattr(self, "_last_texts", None)
        if cached is not None and cached[0] == turn:
            return cached[1]
        out = {}
        for (kind, key), payload in self._fold(conn, turn).items():
            out[(kind, key)] = json.dumps(payload, sort_keys=True, separators=(",", ":"), allow_nan=False)
        return out

    @staticmethod
    def _fold(conn: Connection, turn: int) -> dict[tuple[str, str], dict[str, Any]]:
        """The state at ``turn``: the keyframe at or before it, then each later change, in turn order."""
        start = turn - turn % KEYFRAME_EVERY
        q = (
            select(SnapshotRow.entity_kind, SnapshotRow.entity_key, SnapshotRow.payload)
            .where(SnapshotRow.turn >= start, SnapshotRow.turn <= turn)
            .order_by(SnapshotRow.turn)
        )
        state: dict[tuple[str, str], dict[str, Any]] = {}
        for r in conn.execute(q):
            if r.payload == _DELETED:
                state.pop((r.entity_kind, r.entity_key), None)
            else:
                state[(r.entity_kind, r.entity_key)] = r.payload
        return state

    def truncate_after(self, turn: int) -> None:
        """Delete every turn after ``turn`` (events, snapshots, turn rows), their commands and bookmarks, in one transaction."""
        self._last_texts = None
        with self._write(f"remove the turns after turn {turn}") as conn:
            conn.execute(delete(SnapshotRow).where(SnapshotRow.turn > turn))
            conn.execute(delete(EventRow).where(EventRow.turn > turn))
            conn.execute(delete(TurnRow).where(TurnRow.turn > turn))
            conn.execute(delete(CommandRow).where(CommandRow.turn > turn))
            conn.execute(delete(BookmarkRow).where(BookmarkRow.turn > turn))
            conn.execute(delete(HotwashObservationRow).where(HotwashObservationRow.turn > turn))

    def hashes(self) -> dict[int, str]:
        """State hash of every committed turn."""
        with self._read("read the turn hashes") as conn:
            rows = conn.execute(select(TurnRow.turn, TurnRow.state_hash).order_by(TurnRow.turn))
            return {r.turn: r.state_hash for r in rows}

    def turn_summaries(self) -> dict[int, dict[str, Any]]:
        """Summary of every committed turn."""
        with self._read("read the turn summaries") as conn:
            rows = conn.execute(select(TurnRow.turn, TurnRow.summary).order_by(TurnRow.turn))
            return {r.turn: dict(r.summary) for r in rows}

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
        q = select(EventRow.turn, EventRow.seq, EventRow.kind, EventRow.subject, EventRow.payload)
        if turn is not None:
            q = q.where(EventRow.turn == turn)
        if from_turn is not None:
            q = q.where(EventRow.turn >= from_turn)
        if to_turn is not None:
            q = q.where(EventRow.turn <= to_turn)
        if kinds is not None:
            q = q.where(EventRow.kind.in_(list(kinds)))
        q = q.order_by(EventRow.turn, EventRow.seq, EventRow.id)
        with self._read("read events") as conn:
            return [EventRecord(r.turn, r.seq, r.kind, r.subject, dict(r.payload)) for r in conn.execute(q)]

    def snapshot(self, turn: int) -> dict[str, dict[str, dict[str, Any]]]:
        """The state at the end of ``turn``: ``{entity_kind: {entity_key: payload}}``."""
        out: dict[str, dict[str, dict[str, Any]]] = {}
        with self._read(f"read the snapshot of turn {turn}") as conn:
            if conn.execute(select(TurnRow.turn).where(TurnRow.turn == turn)).first() is None:
                raise InvalidOperationError(self.path, f"turn {turn} is not in the saved game")
            for (kind, key), payload in self._fold(conn, turn).items():
                out.setdefault(kind, {})[key] = payload
        return out

    def series(self, entity_kind: str, key: str, field: str) -> list[tuple[int, Any]]:
        """``payload[field]`` of one entity at every turn it appears in (for charts); None where absent."""
        if '"' in field or "\\" in field:
            raise ValueError(f"field name {field!r} may not contain quotes or backslashes")
        path = f'$."{field}"'
        q = (
            select(
                SnapshotRow.turn,
                func.json_type(SnapshotRow.payload, path).label("jtype"),
                func.json_extract(SnapshotRow.payload, path).label("value"),
            )
            .where(SnapshotRow.entity_kind == entity_kind, SnapshotRow.entity_key == key)
            .order_by(SnapshotRow.turn)
        )
        changes: dict[int, Any] = {}
        deleted: set[int] = set()
        with self._read(f"read a series of {entity_kind} {key}") as conn:
            turns = [t for (t,) in conn.execute(select(TurnRow.turn).order_by(TurnRow.turn))]
            for turn, jtype, value in conn.execute(q):
                if jtype in ("object", "array"):
                    value = json.loads(value)
                elif jtype in ("true", "false"):
                    value = jtype == "true"
                changes[turn] = value
            deleted = {
                t
                for (t,) in conn.execute(
                    select(SnapshotRow.turn).where(
                        SnapshotRow.entity_kind == entity_kind,
                        SnapshotRow.entity_key == key,
                        func.json_extract(SnapshotRow.payload, '$."__deleted__"').is_not(None),
                    )
                )
            }
        # Between keyframes only changes are stored: carry each value forward until it changes.
        out: list[tuple[int, Any]] = []
        present, value = False, None
        for t in turns:
            if t in deleted:
                present = False
            elif t in changes:
                present, value = True, changes[t]
            if present:
                out.append((t, value))
        return out

    # ------------------------------------------------------------------ commands
    def add_command(self, turn: int, seat: str, kind: str, payload: Mapping[str, Any]) -> CommandRecord:
        """Record a command for a turn not yet committed; durable when this returns."""
        if not isinstance(turn, int) or turn < 0:
            raise ValueError(f"command turn must be a non-negative integer, not {turn!r}")
        self._check_writable()
        with self._guard("record the command"), Session(self._writer) as s, s.begin():
            last = self._max_turn(s)
            if turn <= last:
                raise InvalidOperationError(
                    self.path, f"cannot add a command to turn {turn}: turns up to {last} are committed"
                )
            top = s.execute(select(func.max(CommandRow.seq)).where(CommandRow.turn == turn)).scalar()
            row = CommandRow(
                turn=turn, seq=(top or 0) + 1, seat=str(seat), kind=str(kind), payload=dict(payload), cancelled=False
            )
            s.add(row)
            s.flush()
            return _command(row)

    def _set_cancelled(self, command_id: int, cancelled: bool) -> None:
        verb = "cancel" if cancelled else "restore"
        self._check_writable()
        with self._guard(f"{verb} command {command_id}"), Session(self._writer) as s, s.begin():
            row = s.get(CommandRow, command_id)
            if row is None:
                raise InvalidOperationError(self.path, f"there is no command #{command_id}")
            last = self._max_turn(s)
            if row.turn <= last:
                raise InvalidOperationError(
                    self.path, f"cannot {verb} command #{command_id}: its turn {row.turn} is already committed"
                )
            row.cancelled = cancelled

    def cancel_command(self, command_id: int) -> None:
        """Undo a pending command (its turn is not committed yet)."""
        self._set_cancelled(command_id, True)

    def restore_command(self, command_id: int) -> None:
        """Redo a cancelled pending command."""
        self._set_cancelled(command_id, False)

    def commands(self, turn: int | None = None, *, include_cancelled: bool = False) -> list[CommandRecord]:
        """Commands ordered by (turn, seq): all, or of one ``turn``; cancelled ones only if asked."""
        q = select(CommandRow)
        if turn is not None:
            q = q.where(CommandRow.turn == turn)
        if not include_cancelled:
            q = q.where(CommandRow.cancelled.is_(False))
        q = q.order_by(CommandRow.turn, CommandRow.seq)
        with self._guard("read commands"), Session(self._live()) as s:
            return [_command(row) for row in s.scalars(q)]

    def pending_commands(self) -> list[CommandRecord]:
        """Commands for turns after the last committed one, not cancelled."""
        with self._guard("read pending commands"), Session(self._live()) as s:
            last = self._max_turn(s)
            q = (
                select(CommandRow)
                .where(CommandRow.turn > last, CommandRow.cancelled.is_(False))
                .order_by(CommandRow.turn, CommandRow.seq)
            )
            return [_command(row) for row in s.scalars(q)]

    # ------------------------------------------------------------------ bookmarks
    def add_bookmark(self, turn: int, note: str) -> BookmarkRecord:
        """Bookmark a committed ``turn`` with a note; durable when this returns."""
        if not isinstance(turn, int) or isinstance(turn, bool) or turn < 0:
            raise ValueError(f"bookmark turn must be a non-negative integer, not {turn!r}")
        if not isinstance(note, str):
            raise ValueError(f"bookmark note must be text, not {type(note).__name__}")
        with self._write("add the bookmark") as conn:
            last = self._max_turn(conn)
            if turn > last:
                raise InvalidOperationError(self.path, f"cannot bookmark turn {turn}: the game has turns 0 to {last}")
            top = conn.execute(select(func.max(BookmarkRow.created_seq))).scalar()
            seq = (top or 0) + 1
            new_id = conn.execute(
                insert(BookmarkRow).values(turn=turn, note=note, created_seq=seq).returning(BookmarkRow.id)
            ).scalar_one()
        return BookmarkRecord(int(new_id), turn, note, seq)

    def remove_bookmark(self, bookmark_id: int) -> None:
        """Delete a bookmark set by hand."""
        with self._write(f"remove bookmark {bookmark_id}") as conn:
            gone = conn.execute(delete(BookmarkRow).where(BookmarkRow.id == bookmark_id)).rowcount
            if not gone:
                raise InvalidOperationError(self.path, f"there is no bookmark #{bookmark_id}")

    def bookmarks(self) -> list[BookmarkRecord]:
        """Bookmarks set by hand, ordered by (turn, created_seq)."""
        q = select(BookmarkRow.id, BookmarkRow.turn, BookmarkRow.note, BookmarkRow.created_seq).order_by(
            BookmarkRow.turn, BookmarkRow.created_seq
        )
        with self._read("read the bookmarks") as conn:
            return [BookmarkRecord(r.id, r.turn, r.note, r.created_seq) for r in conn.execute(q)]

    # ------------------------------------------------------------------ hotwash
    def hotwash_items(self, kind: str) -> list[dict[str, Any]]:
        """The hotwash items of ``kind`` (observation, action, feedback) as dicts, in the order they were made."""
        table = _hotwash_table(kind)
        with self._read(f"read the hotwash {kind}s") as conn:
            rows = conn.execute(select(table).order_by(table.created_seq, table.id)).mappings()
            return [dict(r) for r in rows]

    def add_hotwash_items(self, kind: str, items: Sequence[Mapping[str, Any]]) -> list[int]:
        """Store hotwash items (dicts of column values, no ``id``/``created_seq``) in one transaction: all or none."""
        table = _hotwash_table(kind)
        with self._write(f"add hotwash {kind}s") as conn:
            top = conn.execute(select(func.max(table.created_seq))).scalar() or 0
            ids = []
            for i, item in enumerate(items, start=1):
                values = {k: v for k, v in item.items() if k not in ("id", "created_seq")}
                ids.append(
                    int(
                        conn.execute(
                            insert(table).values(created_seq=top + i, **values).returning(table.id)
                        ).scalar_one()
                    )
                )
            return ids

    def update_hotwash_item(self, kind: str, item_id: int, values: Mapping[str, Any]) -> None:
        """Change the columns of one hotwash item."""
        table = _hotwash_table(kind)
        changes = {k: v for k, v in values.items() if k not in ("id", "created_seq")}
        with self._write(f"update hotwash {kind} {item_id}") as conn:
            if not conn.execute(update(table).where(table.id == item_id).values(**changes)).rowcount:
                raise InvalidOperationError(self.path, f"there is no hotwash {kind} #{item_id}")

    def remove_hotwash_item(self, kind: str, item_id: int) -> None:
        """Delete one hotwash item."""
        table = _hotwash_table(kind)
        with self._write(f"remove hotwash {kind} {item_id}") as conn:
            if not conn.execute(delete(table).where(table.id == item_id)).rowcount:
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
        dest = Path(path).absolute()
        engine = self._live()
        if dest == self.path:
            raise SaveFileError(dest, "cannot copy a saved game onto itself")
        if dest.exists() and not overwrite:
            raise SaveFileExistsError(dest, "a file with this name exists already (choose another name or overwrite)")
        if not dest.parent.is_dir():
            raise SaveFileError(dest, "the folder does not exist")
        if upto_turn is not None:
            last = self.last_turn
            if not 0 <= upto_turn <= last:
                raise InvalidOperationError(
                    self.path, f"cannot copy up to turn {upto_turn}: the game has turns 0 to {last}"
                )
        tmp = dest.with_name(f".{dest.name}.partial")
        remove_database(tmp)
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
            remove_database(dest)
            os.replace(tmp, dest)
        except (OSError, sqlite3.Error, sa_exc.DBAPIError) as exc:
            remove_database(tmp)
            raise SaveFileError(dest, f"cannot copy the saved game ({exc})") from None
        copy = GameFile.open(dest)
        try:
            if upto_turn is not None:
                copy.truncate_after(upto_turn)
            if meta_updates:
                copy.set_meta(**dict(meta_updates))
        except BaseException:
            copy.close()
            remove_database(dest)
            raise
        return copy
