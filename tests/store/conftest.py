"""Shared helpers for the saved-game tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wargame.store import GameFile, GameMeta


def sample_meta(**changes: Any) -> GameMeta:
    """A small, complete game description."""
    values: dict[str, Any] = {
        "scenario_id": "baltic-2030",
        "scenario_name": "Baltic crisis",
        "scenario_hash": "sha256:abc",
        "scenario_text": '[scenario]\nid = "baltic-2030"\ninclude = ["states.toml"]\n',
        "seed": 20240607,
        "app_version": "0.1.0",
        "scenario_files": {"states.toml": '[[state]]\niso3 = "EST"\n'},
        "title": "Exercise Amber",
        "variant": {"rules": "strict"},
    }
    values.update(changes)
    return GameMeta(**values)


def turn_content(turn: int, n_entities: int = 4) -> dict[str, Any]:
    """Deterministic events/snapshot/hash/summary for ``turn``."""
    return {
        "events": [
            {"kind": "verdict" if i % 2 else "move", "subject": f"S{i}", "payload": {"turn": turn, "i": i}}
            for i in range(3 + turn % 3)
        ],
        "snapshot": {
            "nation": {f"N{i}": {"support": 50 + turn + i, "alive": i % 2 == 0} for i in range(n_entities)},
            "world": {"_": {"day": turn}},
        },
        "state_hash": f"hash-{turn}",
        "summary": {"turn": turn, "note": "ok"},
    }


def play(game: GameFile, upto: int, n_entities: int = 4) -> None:
    """Commit turns ``last_turn+1 .. upto``."""
    for turn in range(game.last_turn + 1, upto + 1):
        game.commit_turn(turn, **turn_content(turn, n_entities))


@pytest.fixture
def meta() -> GameMeta:
    return sample_meta()


def reopen(game: GameFile, *, readonly: bool = False) -> GameFile:
    """Open the same game again (a second connection: another process's view of it), file or database."""
    if game.url:
        return GameFile.open_db(game.url, readonly=readonly)
    return GameFile.open(game.path, readonly=readonly)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request: pytest.FixtureRequest) -> str:
    """Both stores: a saved-game file (SQLite) and a hosted game (PostgreSQL, a throwaway cluster)."""
    return str(request.param)


@pytest.fixture
def game(tmp_path: Path, meta: GameMeta, store_kind: str, request: pytest.FixtureRequest):
    """A new game with turns 0..3 committed, in a file and in PostgreSQL (the same tests run on both)."""
    if store_kind == "postgresql":
        g = GameFile.create_db(request.getfixturevalue("pg_url"), meta)
    else:
        g = GameFile.create(tmp_path / "game.wargame", meta)
    play(g, 3)
    yield g
    g.close()
