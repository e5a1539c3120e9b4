"""Readers and a writer on one file at the same time (WAL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import play, turn_content

from wargame.store import GameFile


def test_reader_follows_a_writer(game: GameFile) -> None:
    """A read-only GameFile sees each turn once the writer commits it."""
    with GameFile.open(game.path, readonly=True) as reader:
        assert reader.last_turn == 3
        play(game, 6)
        assert reader.last_turn == 6
        assert reader.snapshot(6) == turn_content(6)["snapshot"]
        assert reader.hashes() == game.hashes()


def test_reader_is_not_blocked_by_an_open_write(game: GameFile, tmp_path: Path) -> None:
    """While another connection holds an uncommitted write, a reader sees the last committed state."""
    other = sqlite3.connect(game.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO turns (turn, state_hash, summary) VALUES (4, 'uncommitted', '{}')")
        with GameFile.open(game.path, readonly=True) as reader:
            assert reader.last_turn == 3
            assert 4 not in reader.hashes()
        other.execute("ROLLBACK")
    finally:
        other.close()
    game.commit_turn(4, **turn_content(4))
    assert game.last_turn == 4


def test_two_readers_and_a_writer(game: GameFile) -> None:
    with GameFile.open(game.path, readonly=True) as r1, GameFile.open(game.path, readonly=True) as r2:
        game.add_command(4, "EST", "inject", {"x": 1})
        play(game, 4)
        assert r1.events(4) == r2.events(4) == game.events(4)
        assert r1.commands(4) == game.commands(4)
