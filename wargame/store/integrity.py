"""The saved game's integrity seals (schema 0006): what was written is what is read, or the damage is named.

* **The chain.** Every row of ``commands``, ``events``, ``snapshots``, ``frames`` (schema 0007) and ``turns`` holds its place in one chain
  (``chain_seq`` = 1, 2, 3 … in the order the rows were written) and ``chain`` = sha256(the previous row's
  ``chain``, this row's content). A turn is written as its commands (recorded while it was pending), then its
  events, its snapshot rows (frames since schema 0007: the chain seals their compressed bytes) and last its turn row, whose content includes the cancelled flags of the turn's
  commands: so the commands a turn was resolved with are sealed when the turn commits. A pending command's
  cancelled flag is not sealed until then (it may still change).
* **The head.** The ``integrity`` table holds the last row's place and chain (``head``): opening a file checks the
  head against the last row (:func:`check_head`), ``verify`` walks the whole chain (:func:`check_all`).
* **Digests.** ``integrity.meta`` is the digest of the game description (``game_meta``, settings included);
  the tables changed in place (the MSEL, bookmarks, the hotwash's observations, plan and feedback) have a
  ``row_hash`` per row and their sum (with the row count) in ``integrity.sum:<table>``, so a changed, lost or
  added row is seen.
* **Origin.** ``integrity.origin`` says where the chain began: at the file's creation, or when a file of an
  older schema was upgraded (its rows were sealed as they were found then).

The seals are SHA-256 without a key. They detect damage (a changed, lost or added row, a flipped bit) and edits
made by tools that do not maintain them; someone who knows the format can rewrite a file and seal it again
(see ``docs/security.md``). Everything here is portable SQLAlchemy Core (no SQLite-only SQL), so the same chain
works on PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Connection, Integer, Table, Text, func, insert, select, type_coerce, update

from .schema import (
    BookmarkRow,
    CommandRow,
    EventRow,
    FrameRow,
    GameMetaRow,
    HotwashActionRow,
    HotwashFeedbackRow,
    HotwashObservationRow,
    IntegrityRow,
    MselRowRecord,
    SnapshotRow,
    TurnRow,
)

FORMAT = "1"
"""The version of the seals' format (``integrity.format``)."""

GENESIS = hashlib.sha256(b"wargame saved-game chain, format 1").hexdigest()
"""The chain value before the first row."""

COMMANDS: Table = CommandRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
SNAPSHOTS: Table = SnapshotRow.__table__  # type: ignore[assignment]
FRAMES: Table = FrameRow.__table__  # type: ignore[assignment]
TURNS: Table = TurnRow.__table__  # type: ignore[assignment]
META: Table = GameMetaRow.__table__  # type: ignore[assignment]
INTEGRITY: Table = IntegrityRow.__table__  # type: ignore[assignment]
MSEL: Table = MselRowRecord.__table__  # type: ignore[assignment]
BOOKMARKS: Table = BookmarkRow.__table__  # type: ignore[assignment]

CHAINED: tuple[Table, ...] = (COMMANDS, EVENTS, SNAPSHOTS, FRAMES, TURNS)
SEALED_TABLES: dict[str, Table] = {
    "msel": MSEL,
    "bookmarks": BOOKMARKS,
    "hotwash_observations": HotwashObservationRow.__table__,  # type: ignore[dict-item]
    "hotwash_actions": HotwashActionRow.__table__,  # type: ignore[dict-item]
    "hotwash_feedback": HotwashFeedbackRow.__table__,  # type: ignore[dict-item]
}
"""Tables changed in place, sealed row by row (``row_hash``) and by the sum of their row hashes."""

_MOD = 2**256
_LABELS = {
    "msel": "MSEL row",
    "bookmarks": "bookmark",
    "hotwash_observations": "hotwash observation",
    "hotwash_actions": "improvement-plan row",
    "hotwash_feedback": "feedback form",
}


class SealError(ValueError):
    """A row cannot be sealed or its seal does not hold (raised while writing; the message is one line)."""


def short(value: Any, limit: int = 60) -> str:
    """``repr``-like text of a value, cut to ``limit`` characters (for messages about damaged data)."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------------------------------ hashing
def canonical(value: Any) -> str:
    """The one JSON text of a value that the seals hash (sorted keys, no spaces, UTF-8, no NaN)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def link(prev: str, content: str) -> str:
    """The chain value of a row: sha256 of the previous row's chain and this row's content."""
    return _sha(prev + "\n" + content)


def _json(raw: Any) -> Any:
    """A JSON column's value from its raw stored form (text on SQLite, already parsed on some drivers)."""
    if isinstance(raw, (bytes, bytearray)):
        raw = bytes(raw).decode("utf-8")
    if isinstance(raw, str):
        return json.loads(raw)
    return raw


def command_content(row: Mapping[str, Any], payload_text: str | None = None) -> str:
    """What the chain seals of a command: id, turn, seq, seat, kind and payload (not ``cancelled``)."""
    head = canonical(["command", row["id"], row["turn"], row["seq"], row["seat"], row["kind"]])
    return head + "\n" + (payload_text if payload_text is not None else canonical(row["payload"]))


def event_content(row: Mapping[str, Any], payload_text: str | None = None) -> str:
    head = canonical(["event", row["turn"], row["seq"], row["kind"], row["subject"]])
    return head + "\n" + (payload_text if payload_text is not None else canonical(row["payload"]))


def snapshot_content(row: Mapping[str, Any], payload_text: str | None = None) -> str:
    head = canonical(["snapshot", row["turn"], row["entity_kind"], row["entity_key"]])
    return head + "\n" + (payload_text if payload_text is not None else canonical(row["payload"]))


def frame_content(row: Mapping[str, Any]) -> str:
    """A frame (schema 0007): its turn and kind, and the sha256 of its stored (compressed) bytes."""
    data = row["data"]
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("a frame's data is not bytes")
    head = canonical(["frame", row["turn"], row["entity_kind"]])
    return head + "\n" + hashlib.sha256(bytes(data)).hexdigest()


def turn_content(row: Mapping[str, Any], flags: Sequence[Sequence[int]]) -> str:
    """A turn row: its number, state hash, summary, and ``[chain_seq, cancelled]`` of each of its commands."""
    head = canonical(["turn", row["turn"], row["state_hash"], [list(f) for f in flags]])
    return head + "\n" + canonical(row["summary"])


def row_hash(table: str, values: Mapping[str, Any], values_text: str | None = None) -> str:
    """The seal of a row of a table changed in place: every column but ``row_hash`` (``values_text``: their
    :func:`canonical` text, when the caller has it already)."""
    if values_text is None:
        values_text = canonical({k: v for k, v in values.items() if k != "row_hash"})
    return _sha("[" + canonical(table) + "," + values_text + "]")


def meta_digest(values: Mapping[str, Any]) -> str:
    """The digest of the game description (every ``game_meta`` column)."""
    return _sha(canonical(["game_meta", dict(values)]))


# ------------------------------------------------------------------------------------------ the integrity table
def read_info(conn: Connection) -> dict[str, str]:
    return {str(r.name): str(r.value) for r in conn.execute(select(INTEGRITY.c.name, INTEGRITY.c.value))}


def _put(conn: Connection, name: str, value: str) -> None:
    if conn.execute(update(INTEGRITY).where(INTEGRITY.c.name == name).values(value=value)).rowcount == 0:
        conn.execute(insert(INTEGRITY).values(name=name, value=value))


def read_head(conn: Connection) -> tuple[int, str]:
    """The chain's head: (place, chain) of the last row; (0, GENESIS) before the first."""
    raw = conn.execute(select(INTEGRITY.c.value).where(INTEGRITY.c.name == "head")).scalar()
    try:
        seq_text, chain = str(raw).split(" ")
        return int(seq_text), chain
    except (TypeError, ValueError):
        raise SealError(f"the integrity record of the chain's head is damaged ({short(raw)})") from None


def write_head(conn: Connection, seq: int, chain: str) -> None:
    _put(conn, "head", f"{seq} {chain}")


class Chain:
    """Appends rows to the chain inside one write transaction: ``next(content)`` → (chain_seq, chain)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.seq, self.chain = read_head(conn)
        self._start = self.seq

    def next(self, content: str) -> tuple[int, str]:
        self.seq += 1
        self.chain = link(self.chain, content)
        return self.seq, self.chain

    def save(self) -> None:
        if self.seq != self._start:
            write_head(self.conn, self.seq, self.chain)


def _meta_values(conn: Connection) -> dict[str, Any] | None:
    cols = [c for c in META.c if c.name != "id"]
    json_cols = {"scenario_files", "variant"}
    q = select(*(type_coerce(c, Text) if c.name in json_cols else c for c in cols))
    row = conn.execute(q).first()
    if row is None:
        return None
    values = dict(zip([c.name for c in cols], row, strict=True))
    for name in json_cols:
        values[name] = _json(values[name])
    return values


def write_meta_digest(conn: Connection) -> None:
    """Seal the game description as it is now in this transaction."""
    values = _meta_values(conn)
    if values is None:
        raise SealError("the game description row is missing")
    _put(conn, "meta", meta_digest(values))


def _read_sum(conn: Connection, table: str) -> tuple[int, int]:
    raw = conn.execute(select(INTEGRITY.c.value).where(INTEGRITY.c.name == f"sum:{table}")).scalar()
    if raw is None:
        return 0, 0
    try:
        count, total = str(raw).split(" ")
        return int(count), int(total, 16)
    except ValueError:
        raise SealError(f"the integrity record of the {table} table is damaged") from None


def adjust_sum(conn: Connection, table: str, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
    """Keep ``sum:<table>`` (row count and the sum of row hashes) in step with inserted and deleted rows."""
    count, total = _read_sum(conn, table)
    for h in added:
        count, total = count + 1, (total + int(h, 16)) % _MOD
    for h in removed:
        count, total = count - 1, (total - int(h, 16)) % _MOD
    _put(conn, f"sum:{table}", f"{count} {total:064x}")


def stored_rows(conn: Connection, table: Table, where: Any = None) -> list[dict[str, Any]]:
    """Rows of a table changed in place as stored (JSON columns parsed), for resealing or checking."""
    cols = [type_coerce(c, Text).label(c.name) if isinstance(c.type, JSON) else c for c in table.c]
    q = select(*cols)
    if where is not None:
        q = q.where(where)
    out = []
    for r in conn.execute(q.order_by(table.c.id)):
        d = dict(r._mapping)
        for c in table.c:
            if isinstance(c.type, JSON):
                d[c.name] = _json(d[c.name])
        out.append(d)
    return out


def check_row(table_name: str, row: Mapping[str, Any]) -> None:
    """:class:`SealError` if a stored row of a table changed in place does not match its ``row_hash``."""
    if row.get("row_hash") != row_hash(table_name, row):
        label = _LABELS.get(table_name, table_name)
        key = row.get("serial", row.get("id"))
        raise SealError(f"{label} {short(key)} does not match its seal (the saved game is damaged)")


# ------------------------------------------------------------------------------------------ sealing a whole file
def seal_existing(conn: Connection, origin: Mapping[str, Any]) -> None:
    """Seal every row of a file that has no seals yet (a new file, or one upgraded to schema 0006).

    Rows are chained turn by turn (commands, events, snapshots, the turn row), then the pending commands. (A file
    is sealed this way when created, before any turn, or when upgraded to schema 0006, before ``frames`` existed.)
    A payload that is not JSON cannot be sealed: :class:`SealError` names it (the upgrade is then refused).
    """
    _put(conn, "format", FORMAT)
    _put(conn, "origin", canonical(dict(origin)))
    chain = Chain.__new__(Chain)
    chain.conn, chain.seq, chain.chain, chain._start = conn, 0, GENESIS, -1
    turns = [int(t) for (t,) in conn.execute(select(TURNS.c.turn).order_by(TURNS.c.turn))]
    for t in [*turns, None]:
        _seal_turn(conn, chain, t, turns[-1] if turns else -1)
    chain.save()
    for name, table in SEALED_TABLES.items():
        hashes = []
        for row in _parsed(conn, table):
            h = row_hash(name, row)
            conn.execute(update(table).where(table.c.id == row["id"]).values(row_hash=h))
            hashes.append(h)
        _put(conn, f"sum:{name}", "0 " + "0" * 64)
        adjust_sum(conn, name, hashes)
    if _meta_values(conn) is not None:  # a file made for tests or tools may have no description yet
        write_meta_digest(conn)


def _parsed(conn: Connection, table: Table, where: Any = None) -> list[dict[str, Any]]:
    try:
        return stored_rows(conn, table, where)
    except (ValueError, TypeError) as exc:
        raise SealError(f"a row of {table.name} is damaged ({short(str(exc))})") from None


def _seal_turn(conn: Connection, chain: Chain, turn: int | None, last: int) -> None:
    """Chain the rows of one turn (``None``: the commands after the last turn) in the order they were written."""
    cq = select(COMMANDS.c.id, COMMANDS.c.turn, COMMANDS.c.seq, COMMANDS.c.seat, COMMANDS.c.kind)
    cq = cq.add_columns(type_coerce(COMMANDS.c.payload, Text).label("payload"))
    cq = cq.where(COMMANDS.c.turn == turn) if turn is not None else cq.where(COMMANDS.c.turn > last)
    flags = []
    for r in conn.execute(cq.order_by(COMMANDS.c.turn, COMMANDS.c.seq, COMMANDS.c.id)).mappings().all():
        seq, value = chain.next(command_content(r, _payload_text(r["payload"], f"command #{r['id']}")))
        conn.execute(update(COMMANDS).where(COMMANDS.c.id == r["id"]).values(chain_seq=seq, chain=value))
        flags.append(seq)
    if turn is None:
        return
    eq = select(EVENTS.c.id, EVENTS.c.turn, EVENTS.c.seq, EVENTS.c.kind, EVENTS.c.subject)
    eq = eq.add_columns(type_coerce(EVENTS.c.payload, Text).label("payload")).where(EVENTS.c.turn == turn)
    for r in conn.execute(eq.order_by(EVENTS.c.seq, EVENTS.c.id)).mappings().all():
        seq, value = chain.next(event_content(r, _payload_text(r["payload"], f"event {r['seq']} of turn {turn}")))
        conn.execute(update(EVENTS).where(EVENTS.c.id == r["id"]).values(chain_seq=seq, chain=value))
    sq = select(SNAPSHOTS.c.turn, SNAPSHOTS.c.entity_kind, SNAPSHOTS.c.entity_key)
    sq = sq.add_columns(type_coerce(SNAPSHOTS.c.payload, Text).label("payload")).where(SNAPSHOTS.c.turn == turn)
    for r in conn.execute(sq.order_by(SNAPSHOTS.c.entity_kind, SNAPSHOTS.c.entity_key)).mappings().all():
        label = f"snapshot {r['entity_kind']} {r['entity_key']} of turn {turn}"
        seq, value = chain.next(snapshot_content(r, _payload_text(r["payload"], label)))
        conn.execute(
            update(SNAPSHOTS)
            .where(
                SNAPSHOTS.c.turn == turn,
                SNAPSHOTS.c.entity_kind == r["entity_kind"],
                SNAPSHOTS.c.entity_key == r["entity_key"],
            )
            .values(chain_seq=seq, chain=value)
        )
    tr = (
        conn.execute(
            select(TURNS.c.turn, TURNS.c.state_hash, type_coerce(TURNS.c.summary, Text).label("summary")).where(
                TURNS.c.turn == turn
            )
        )
        .mappings()
        .one()
    )
    cancelled = {
        s: c
        for s, c in conn.execute(
            select(COMMANDS.c.chain_seq, type_coerce(COMMANDS.c.cancelled, Integer)).where(COMMANDS.c.turn == turn)
        )
    }
    row = dict(tr)
    try:
        row["summary"] = _json(row["summary"])
    except ValueError:
        raise SealError(f"the summary of turn {turn} is not JSON") from None
    seq, value = chain.next(turn_content(row, [[s, int(cancelled[s])] for s in flags]))
    conn.execute(update(TURNS).where(TURNS.c.turn == turn).values(chain_seq=seq, chain=value))


def _payload_text(raw: Any, label: str) -> str:
    try:
        return canonical(_json(raw))
    except (ValueError, TypeError):
        raise SealError(f"{label} is damaged (its payload is not JSON)") from None


def turn_flags(conn: Connection, turn: int) -> list[list[int]]:
    """``[chain_seq, cancelled]`` of each command of ``turn``, in chain order (sealed by the turn row)."""
    rows = conn.execute(
        select(COMMANDS.c.chain_seq, type_coerce(COMMANDS.c.cancelled, Integer))
        .where(COMMANDS.c.turn == turn)
        .order_by(COMMANDS.c.chain_seq)
    )
    return [[int(s) if s is not None else -1, int(c) if c is not None else -1] for s, c in rows]


# ------------------------------------------------------------------------------------------ checking
@dataclass(frozen=True)
class Damage:
    """One damaged thing: the turn it belongs to (None: the file as a whole) and what is wrong, in words."""

    turn: int | None
    what: str

    def __str__(self) -> str:
        return self.what


@dataclass
class IntegrityReport:
    """What :func:`check_all` found."""

    damage: list[Damage] = field(default_factory=list)
    rows: int = 0
    """Chained rows checked."""
    last_turn: int = -1
    """The last turn the file holds."""
    origin: dict[str, Any] = field(default_factory=dict)
    description_ok: bool = True
    """The game description (scenario, seed, settings) matches its seal."""
    pending_ok: bool = True
    """The commands recorded for the next turn are intact."""
    msel_ok: bool = True
    bookmarks_ok: bool = True
    hotwash_ok: bool = True

    @property
    def ok(self) -> bool:
        return not self.damage

    @property
    def first_bad_turn(self) -> int | None:
        """The first turn holding a damaged row (None when every turn is intact)."""
        turns = [d.turn for d in self.damage if d.turn is not None and d.turn <= self.last_turn]
        return min(turns) if turns else None


def _event_label(r: Mapping[str, Any]) -> str:
    return f"event {short(r['seq'])} of turn {short(r['turn'])} ({short(r['kind'])} {short(r['subject'], 40)})"


def check_all(conn: Connection) -> IntegrityReport:
    """Walk the whole chain, the digests and the sums: every damaged row is named with its turn."""
    rep = IntegrityReport()
    info = read_info(conn)
    try:
        rep.origin = json.loads(info.get("origin", "{}"))
    except ValueError:
        rep.damage.append(Damage(None, "the record of where the integrity chain began is damaged"))
    if info.get("format") != FORMAT:
        rep.damage.append(
            Damage(None, f"the integrity format record is damaged or unknown ({short(info.get('format'))})")
        )
    _check_meta(conn, info, rep)
    _check_chain(conn, info, rep)
    for name, table in SEALED_TABLES.items():
        _check_sealed_table(conn, info, name, table, rep)
    return rep


def _check_meta(conn: Connection, info: Mapping[str, str], rep: IntegrityReport) -> None:
    try:
        values = _meta_values(conn)
        good = values is not None and info.get("meta") == meta_digest(values)
    except (ValueError, TypeError):
        good = False
    if not good:
        rep.description_ok = False
        rep.damage.append(Damage(None, "the game description (scenario, seed and settings) does not match its seal"))


class _Walk:
    """The chain walk: checks each row against its stored predecessor, so one damaged row is named alone."""

    def __init__(self, rep: IntegrityReport) -> None:
        self.rep = rep
        self.prev: str | None = GENESIS
        self.expect = 1

    def visit(self, turn: int | None, seq: Any, chain: Any, content: Any, label: str) -> None:
        rep = self.rep
        rep.rows += 1
        if not isinstance(seq, int) or not isinstance(chain, str):
            rep.damage.append(Damage(turn, f"{label} carries no seal"))
            self.prev = None
            return
        if seq < self.expect:  # a row that belongs elsewhere (its turn number changed): named, then skipped
            rep.damage.append(Damage(turn, f"{label} is out of its place in the chain"))
            return
        if seq > self.expect:
            n = seq - self.expect
            rep.damage.append(
                Damage(
                    turn,
                    f"{n} row{'s' if n > 1 else ''} of the chain {'are' if n > 1 else 'is'} missing "
                    f"just before {label}",
                )
            )
            self.prev = None
        if content is None:
            rep.damage.append(Damage(turn, f"{label} cannot be read (a value is not what was written)"))
        elif self.prev is not None and link(self.prev, content) != chain:
            rep.damage.append(Damage(turn, f"{label} does not match its seal"))
        self.prev, self.expect = chain, seq + 1


def _safe(fn: Any, *args: Any) -> str | None:
    try:
        return str(fn(*args))
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None


def _check_chain(conn: Connection, info: Mapping[str, str], rep: IntegrityReport) -> None:
    walk = _Walk(rep)
    turn_rows = (
        conn.execute(
            select(
                TURNS.c.turn,
                TURNS.c.state_hash,
                type_coerce(TURNS.c.summary, Text).label("summary"),
                TURNS.c.chain_seq,
                TURNS.c.chain,
            ).order_by(TURNS.c.turn)
        )
        .mappings()
        .all()
    )
    expected_turn = 0
    for tr in turn_rows:
        t = tr["turn"]
        if not isinstance(t, int):
            rep.damage.append(Damage(None, f"a turn record has a damaged turn number ({short(t)})"))
            continue
        if t != expected_turn:
            rep.damage.append(Damage(expected_turn, f"turn {expected_turn} is missing"))
        expected_turn = t + 1
        rep.last_turn = t
        items = _turn_items(conn, t, tr)
        for _key, seq, chain, content, label in sorted(items, key=lambda x: x[0]):
            walk.visit(t, seq, chain, content, label)
    last = rep.last_turn
    pending = conn.execute(_command_query().where(COMMANDS.c.turn > last).order_by(COMMANDS.c.chain_seq)).mappings()
    for r in pending.all():
        before = len(rep.damage)
        walk.visit(
            r["turn"] if isinstance(r["turn"], int) else None,
            r["chain_seq"],
            r["chain"],
            _safe(_cmd, r),
            f"command #{short(r['id'])} (pending, for turn {short(r['turn'])})",
        )
        if len(rep.damage) > before:
            rep.pending_ok = False
    total = sum(int(conn.execute(select(func.count()).select_from(t)).scalar() or 0) for t in CHAINED)
    if total != rep.rows:
        rep.damage.append(
            Damage(None, f"{total - rep.rows} row(s) claim a turn the file does not hold (a turn number is damaged)")
        )
    try:
        head_seq, head_chain = str(info.get("head", "")).split(" ")
        head_ok = int(head_seq) == walk.expect - 1 and head_chain == walk.prev
    except ValueError:
        head_ok = False
    if not head_ok:
        rep.pending_ok = False
        rep.damage.append(
            Damage(
                None,
                "the chain's head record does not match its last row: rows written last are missing, "
                "or the record itself is damaged",
            )
        )


def _command_query() -> Any:
    return select(
        COMMANDS.c.id,
        COMMANDS.c.turn,
        COMMANDS.c.seq,
        COMMANDS.c.seat,
        COMMANDS.c.kind,
        type_coerce(COMMANDS.c.payload, Text).label("payload"),
        type_coerce(COMMANDS.c.cancelled, Integer).label("cancelled"),
        COMMANDS.c.chain_seq,
        COMMANDS.c.chain,
    )


def _cmd(r: Mapping[str, Any]) -> str:
    return command_content(r, canonical(_json(r["payload"])))


def _turn_items(conn: Connection, t: int, tr: Mapping[str, Any]) -> list[tuple[tuple[int, int], Any, Any, Any, str]]:
    """(sort key, chain_seq, chain, content or None, label) of every chained row of turn ``t``."""
    items: list[tuple[tuple[int, int], Any, Any, Any, str]] = []

    def key(seq: Any) -> tuple[int, int]:
        return (0, seq) if isinstance(seq, int) else (1, 0)

    cmds = conn.execute(_command_query().where(COMMANDS.c.turn == t)).mappings().all()
    for r in cmds:
        label = f"command #{short(r['id'])} of turn {t}"
        items.append((key(r["chain_seq"]), r["chain_seq"], r["chain"], _safe(_cmd, r), label))
    evq = select(
        EVENTS.c.turn,
        EVENTS.c.seq,
        EVENTS.c.kind,
        EVENTS.c.subject,
        type_coerce(EVENTS.c.payload, Text).label("payload"),
        EVENTS.c.chain_seq,
        EVENTS.c.chain,
    ).where(EVENTS.c.turn == t)
    for r in conn.execute(evq).mappings().all():
        content = _safe(lambda r: event_content(r, canonical(_json(r["payload"]))), r)
        items.append((key(r["chain_seq"]), r["chain_seq"], r["chain"], content, _event_label(r)))
    snq = select(
        SNAPSHOTS.c.turn,
        SNAPSHOTS.c.entity_kind,
        SNAPSHOTS.c.entity_key,
        type_coerce(SNAPSHOTS.c.payload, Text).label("payload"),
        SNAPSHOTS.c.chain_seq,
        SNAPSHOTS.c.chain,
    ).where(SNAPSHOTS.c.turn == t)
    for r in conn.execute(snq).mappings().all():
        content = _safe(lambda r: snapshot_content(r, canonical(_json(r["payload"]))), r)
        label = f"the snapshot of {short(r['entity_kind'])} {short(r['entity_key'], 40)} at turn {t}"
        items.append((key(r["chain_seq"]), r["chain_seq"], r["chain"], content, label))
    frq = select(FRAMES.c.turn, FRAMES.c.entity_kind, FRAMES.c.data, FRAMES.c.chain_seq, FRAMES.c.chain)
    for r in conn.execute(frq.where(FRAMES.c.turn == t)).mappings().all():
        label = f"the frame of {short(r['entity_kind'])} at turn {t}"
        items.append((key(r["chain_seq"]), r["chain_seq"], r["chain"], _safe(frame_content, r), label))
    ordered = sorted((r for r in cmds if isinstance(r["chain_seq"], int)), key=lambda r: r["chain_seq"])
    flags = [[r["chain_seq"], r["cancelled"] if isinstance(r["cancelled"], int) else -1] for r in ordered]
    flags += [[-1, -1] for r in cmds if not isinstance(r["chain_seq"], int)]

    def content_of_turn(tr: Mapping[str, Any]) -> str:
        row = dict(tr)
        row["summary"] = _json(row["summary"])
        return turn_content(row, flags)

    items.append(
        (key(tr["chain_seq"]), tr["chain_seq"], tr["chain"], _safe(content_of_turn, tr), f"the record of turn {t}")
    )
    return items


def _check_sealed_table(
    conn: Connection, info: Mapping[str, str], name: str, table: Table, rep: IntegrityReport
) -> None:
    label = _LABELS.get(name, name)
    bad = False
    try:
        rows = stored_rows(conn, table)
    except (ValueError, TypeError):
        rows, bad = [], True
        rep.damage.append(Damage(None, f"the {name} table cannot be read (a value is not what was written)"))
    count, total = 0, 0
    for r in rows:
        h = row_hash(name, r) if _safe(row_hash, name, r) is not None else None
        if h is None or r.get("row_hash") != h:
            bad = True
            rep.damage.append(Damage(None, f"{label} {short(r.get('serial', r.get('id')))} does not match its seal"))
        stored = r.get("row_hash")
        if isinstance(stored, str):
            try:
                count, total = count + 1, (total + int(stored, 16)) % _MOD
            except ValueError:
                pass
    if not bad and info.get(f"sum:{name}", "0 " + "0" * 64) != f"{count} {total:064x}":
        bad = True
        rep.damage.append(Damage(None, f"the {name} table's seal does not match: rows are missing or were added"))
    if bad:
        if name == "msel":
            rep.msel_ok = False
        elif name == "bookmarks":
            rep.bookmarks_ok = False
        else:
            rep.hotwash_ok = False


def check_head(conn: Connection) -> str:
    """The cheap check made on every opening: the game description's digest, and the chain's head against the last
    row (its place, its chain, and its link to the row before). Returns what is wrong ('' when it holds)."""
    info = read_info(conn)
    if info.get("format") != FORMAT:
        return "its integrity records are missing or damaged"
    try:
        values = _meta_values(conn)
    except (ValueError, TypeError):
        values = None
    if values is None or info.get("meta") != meta_digest(values):
        return "the game description (scenario, seed and settings) does not match its seal"
    try:
        seq, chain = str(info.get("head", "")).split(" ")
        head_seq = int(seq)
    except ValueError:
        return "the record of the chain's head is damaged"
    tops = [conn.execute(select(func.max(t.c.chain_seq))).scalar() for t in CHAINED]
    top = max((x for x in tops if x is not None), default=0)
    if top != head_seq:
        return f"its chain ends at row {top} but its head record says {head_seq}: rows are missing or were added"
    if head_seq == 0:
        return "" if chain == GENESIS else "the record of the chain's head is damaged"
    found = _row_at(conn, head_seq)
    prev = GENESIS if head_seq == 1 else _row_at(conn, head_seq - 1)
    if found is None or prev is None:
        return "the last rows of its chain are missing"
    stored, content = found
    prev_chain = prev if isinstance(prev, str) else prev[0]
    if stored != chain:
        return "its last row does not match the chain's head record"
    if content is None or link(prev_chain, content) != chain:
        return "its last row does not match its seal"
    return ""


def _row_at(conn: Connection, seq: int) -> tuple[str, str | None] | None:
    """(chain, content) of the row at place ``seq`` of the chain, or None."""
    r = conn.execute(_command_query().where(COMMANDS.c.chain_seq == seq)).mappings().first()
    if r is not None:
        return r["chain"], _safe(_cmd, r)
    r = (
        conn.execute(
            select(
                EVENTS.c.turn,
                EVENTS.c.seq,
                EVENTS.c.kind,
                EVENTS.c.subject,
                type_coerce(EVENTS.c.payload, Text).label("payload"),
                EVENTS.c.chain,
            ).where(EVENTS.c.chain_seq == seq)
        )
        .mappings()
        .first()
    )
    if r is not None:
        return r["chain"], _safe(lambda r: event_content(r, canonical(_json(r["payload"]))), r)
    r = (
        conn.execute(
            select(
                SNAPSHOTS.c.turn,
                SNAPSHOTS.c.entity_kind,
                SNAPSHOTS.c.entity_key,
                type_coerce(SNAPSHOTS.c.payload, Text).label("payload"),
                SNAPSHOTS.c.chain,
            ).where(SNAPSHOTS.c.chain_seq == seq)
        )
        .mappings()
        .first()
    )
    if r is not None:
        return r["chain"], _safe(lambda r: snapshot_content(r, canonical(_json(r["payload"]))), r)
    r = (
        conn.execute(
            select(FRAMES.c.turn, FRAMES.c.entity_kind, FRAMES.c.data, FRAMES.c.chain).where(FRAMES.c.chain_seq == seq)
        )
        .mappings()
        .first()
    )
    if r is not None:
        return r["chain"], _safe(frame_content, r)
    r = (
        conn.execute(
            select(
                TURNS.c.turn, TURNS.c.state_hash, type_coerce(TURNS.c.summary, Text).label("summary"), TURNS.c.chain
            ).where(TURNS.c.chain_seq == seq)
        )
        .mappings()
        .first()
    )
    if r is not None:
        flags = turn_flags(conn, r["turn"]) if isinstance(r["turn"], int) else []

        def content_of_turn(tr: Mapping[str, Any]) -> str:
            row = dict(tr)
            row["summary"] = _json(row["summary"])
            return turn_content(row, flags)

        return r["chain"], _safe(content_of_turn, r)
    return None
