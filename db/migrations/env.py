"""Alembic environment for wargame saved games.

The application runs migrations from code (``wargame.store.migrate``) and hands the open
connection in ``config.attributes["connection"]``; there is no alembic.ini at runtime.
From the command line, ``-x db=PATH`` or ``sqlalchemy.url`` names a file instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from wargame.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    """The database URL for command-line use (``-x db=PATH`` wins over ``sqlalchemy.url``)."""
    db = context.get_x_argument(as_dictionary=True).get("db")
    if db:
        return f"sqlite:///{db}"
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection given: pass config.attributes['connection'] or -x db=PATH")
    return url


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL for a URL without connecting."""
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through the caller's connection, or one opened from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
