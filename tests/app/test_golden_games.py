"""Games saved by an earlier version re-adjudicate to the same hashes and events (tests/data/golden)."""

from __future__ import annotations

import lzma
import shutil
from pathlib import Path

import pytest

from wargame.app import open_game
from wargame.engine import encode

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
FILES = sorted(GOLDEN.glob("*.wargame.xz"))


def test_golden_games_exist() -> None:
    assert {f.name.split(".")[0] for f in FILES} >= {"demo", "baltic", "korea", "taiwan"}


@pytest.mark.parametrize("packed", FILES, ids=lambda p: p.name.split(".")[0])
def test_golden_game_verifies(packed: Path, tmp_path: Path) -> None:
    """Replaying the stored commands from the stored scenario gives every stored hash and event again."""
    path = tmp_path / packed.name.removesuffix(".xz")
    with lzma.open(packed) as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with open_game(path) as game:
        assert game.last_turn >= 8
        report = game.verify()
    assert report.ok, encode(report)
