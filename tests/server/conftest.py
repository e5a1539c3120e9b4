"""Fixtures for the exercise server's tests: a server in a thread on 127.0.0.1 (helpers in ``exkit``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from exkit import SEATS, Served
from faultdrill import long_baltic

from wargame.app import Game, new_game
from wargame.server import Exercise, Host, join_link, parse_seat


@pytest.fixture
def baltic_game(tmp_path: Path) -> Iterator[Game]:
    g = new_game(
        long_baltic(tmp_path, 30),
        tmp_path / "exercise.wargame",
        seed=774411993,
        seats={"USA": "human", "EST": "human", "POL": "human", "DEU": "human", "RUS": "ai", "BLR": "ai"},
    )
    yield g
    g.close()


@pytest.fixture
def served(baltic_game: Game) -> Iterator[Served]:
    ex = Exercise(baltic_game, [parse_seat(s) for s in SEATS])
    host = Host(ex, "127.0.0.1", 0)
    thread = host.run_in_thread()
    tokens = ex.issue_tokens()
    links = {name: join_link("127.0.0.1", host.port, tok) for name, tok in tokens.items()}
    try:
        yield Served(baltic_game, host, ex, links)
    finally:
        host.stop()
        thread.join(30)
