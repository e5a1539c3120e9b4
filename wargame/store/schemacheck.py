"""Saved games carry no code: an opened file's schema must be the schema of its revision, and nothing more.

SQLite keeps a database's schema as SQL text inside the file. A file can therefore bring triggers (which would run
on the application's own writes: rewrite or delete commands, loop in a recursive query), views, extra tables or
indexes, generated columns, CHECK or DEFAULT expressions that wargame never wrote. Before a file is read or
migrated, :func:`schema_problems` describes its schema and compares it with the description of the schema its
revision must have, built in an in-memory database from the models (the head) or from the migrations (an older
revision). Any difference refuses the file.

The description is semantic, not the SQL text: the objects (type and name), each table's columns
(``pragma_table_xinfo``: name, declared type, NOT NULL, default, key, hidden/generated), foreign keys, flags
(``pragma_table_list``: WITHOUT ROWID, STRICT), the CHECK expressions and COLLATE names read from its SQL, and each
index's columns, uniqueness, origin and partial flag. The text of one schema differs between a file created new and
one migrated to it (``ALTER TABLE ADD COLUMN`` appends to the text) and between versions of SQLAlchemy; the
description does not.

SQLite only (the file check of :mod:`wargame.store.migrate` calls it for SQLite files); a hosted PostgreSQL
database is created by the server, not opened from a file a user was sent.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from typing import Any

_TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?(?:\*/|$)|'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?"""
    r"""|[A-Za-z_][A-Za-z_0-9$]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|<>|<=|>=|!=|==|\|\||<<|>>|\S""",
    re.S,
)


def _tokens(sql: str) -> list[str]:
    """SQL tokens without spaces or comments; identifiers unquoted and lower-cased, string literals kept."""
    out = []
    for m in _TOKEN.finditer(sql):
        tok = m.group(0)
        if tok.isspace() or tok.startswith(("--", "/*")):
            continue
        if tok[0] in '"`[':
            tok = tok[1:-1] if len(tok) > 1 else tok
            tok = tok.lower()
        elif tok[0] != "'":
            tok = tok.lower()
        out.append(tok)
    return out


def clauses(sql: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The CHECK expressions and the COLLATE names in a CREATE statement (normalised), sorted."""
    toks = _tokens(sql or "")
    checks: list[str] = []
    collations: list[str] = []
    for i, tok in enumerate(toks):
        if tok == "check" and i + 1 < len(toks) and toks[i + 1] == "(":
            depth, j = 0, i + 1
            while j < len(toks):
                depth += {"(": 1, ")": -1}.get(toks[j], 0)
                if depth == 0:
                    break
                j += 1
            checks.append(" ".join(toks[i + 2 : j]))
        elif tok == "collate" and i + 1 < len(toks):
            collations.append(toks[i + 1])
    return tuple(sorted(checks)), tuple(sorted(collations))


def describe(conn: sqlite3.Connection) -> dict[str, Any]:
    """The semantic description of a database's schema: ``"<type> <name>"`` → its description."""
    out: dict[str, Any] = {}
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    for typ, name, tbl, sql in objects:
        key = f"{typ} {name}"
        if typ == "table":
            cols = tuple(
                (r[0], str(r[1] or "").upper(), r[2], r[3], r[4], r[5])
                for r in conn.execute(
                    'SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid',
                    (name,),
                )
            )
            fks = tuple(
                sorted(
                    tuple(r)
                    for r in conn.execute(
                        'SELECT seq, "table", "from", "to", on_update, on_delete, match FROM pragma_foreign_key_list(?)',
                        (name,),
                    )
                )
            )
            flags = tuple(
                tuple(r)
                for r in conn.execute(
                    "SELECT type, ncol, wr, strict FROM pragma_table_list(?) WHERE schema = 'main'", (name,)
                )
            )
            out[key] = ("table", tbl, cols, fks, flags, clauses(sql))
        elif typ == "index":
            listed = tuple(
                tuple(r)
                for r in conn.execute(
                    'SELECT "unique", origin, partial FROM pragma_index_list(?) WHERE name = ?', (tbl, name)
                )
            )
            cols = tuple(
                tuple(r)
                for r in conn.execute(
                    'SELECT seqno, cid, name, "desc", coll, "key" FROM pragma_index_xinfo(?) ORDER BY seqno', (name,)
                )
            )
            out[key] = ("index", tbl, listed, cols, clauses(sql))
        else:  # trigger, view: never part of a wargame schema; described by their table and text
            out[key] = (typ, tbl, " ".join(_tokens(sql or "")))
    return out


@functools.cache
def expected_schema(revision: str) -> dict[str, Any]:
    """The description of the schema a file at ``revision`` must have (built once per process).

    The head's comes from the models (``create_all`` and a stamp, as a new file is made); an older revision's
    from its migrations. ``tests/store/test_schemacheck.py`` checks that both routes agree at the head.
    """
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from .migrate import alembic_config, head_revision

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            from alembic import command

            if revision == head_revision():
                from .schema import Base

                Base.metadata.create_all(conn)
                command.stamp(alembic_config(conn), revision)
            else:
                command.upgrade(alembic_config(conn), revision)
        raw = engine.raw_connection()
        try:
            return describe(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    finally:
        engine.dispose()


_KINDS = {"trigger": 0, "view": 1, "table": 2, "index": 3}


def schema_problems(conn: sqlite3.Connection, revision: str) -> str:
    """What makes the file's schema differ from its revision's ('' when it is exactly that schema).

    One line: the objects wargame never writes (triggers and views first), then the missing and changed ones.
    """
    actual = describe(conn)
    expected = expected_schema(revision)
    extra = sorted(set(actual) - set(expected), key=lambda k: (_KINDS.get(k.split(" ")[0], 9), k))
    missing = sorted(set(expected) - set(actual))
    changed = sorted(k for k in set(actual) & set(expected) if actual[k] != expected[k])
    if extra:
        names = ", ".join(_name(k) for k in extra[:3]) + (f" and {len(extra) - 3} more" if len(extra) > 3 else "")
        return f"it carries SQL objects that wargame never writes ({names}); a saved game must not bring code"
    parts = [f"{_name(k)} is missing" for k in missing[:2]] + [f"{_name(k)} differs" for k in changed[:2]]
    if parts:
        more = len(missing) + len(changed) - len(parts)
        return (
            f"its schema is not the schema of revision {revision} ("
            + "; ".join(parts)
            + (f"; {more} more" if more > 0 else "")
            + ")"
        )
    return ""


def _name(key: str) -> str:
    typ, _, name = key.partition(" ")
    shown = name if len(name) <= 40 else name[:39] + "…"
    return f"{typ} {shown!r}"
