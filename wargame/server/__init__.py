"""The exercise server: one authoritative game, many computers (issue 15).

A layer above :mod:`wargame.app` and below the CLI and the GUI: it reaches the game only through ``wargame.app``
and sends each client only what :mod:`wargame.app.views` lets its role see.

* :mod:`.protocol`: the messages, their checks, limits and the join links;
* :mod:`.exercise`: seats, tokens, sealed turns and the turn timer over one game (no network);
* :mod:`.host`: the WebSocket server (``websockets``, asyncio; one worker thread owns the game);
* :mod:`.client`: the client (a worker thread; reconnects and resends what was not answered).
"""

from __future__ import annotations

from pathlib import Path

from wargame.app import AppError, Game, host_database, open_game
from wargame.app.views import Role

from .client import ExerciseClient, JoinRefused
from .exercise import Exercise, parse_seat
from .host import Host
from .protocol import join_link, split_link

__all__ = [
    "Exercise",
    "ExerciseClient",
    "Host",
    "JoinRefused",
    "join_link",
    "open_hosted",
    "parse_seat",
    "split_link",
]


def open_hosted(game: str | Path, db: str | None = None) -> Game:
    """The game to host: the saved game itself (a quick LAN game on a SQLite file), or, with ``db``, the game held
    in that PostgreSQL database (made from the saved game when the database is empty, resumed otherwise)."""
    if db:
        if not db.startswith(("postgresql://", "postgresql+psycopg://")):
            raise AppError("--db takes a PostgreSQL URL: postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE")
        return host_database(game, db)
    return open_game(game)


def seat_roles(specs: list[str]) -> list[Role] | None:
    """Seats from ``NAME=STATE,…[+ALLY,…]`` texts (None when there are none: the game's own)."""
    if not specs:
        return None
    try:
        return [parse_seat(s) for s in specs]
    except ValueError as exc:
        raise AppError(str(exc)) from None
