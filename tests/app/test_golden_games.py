"""Games saved by earlier versions (tests/data/golden) still open; those made with today's rules re-adjudicate to
the same hashes and events, and those made with other rules say so instead of reporting damage."""

from __future__ import annotations

import lzma
import shutil
from pathlib import Path

import pytest

from wargame.app import open_game
from wargame.engine import RULES_VERSION

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
FILES = sorted(GOLDEN.glob("*.wargame.xz"))


def unpack(packed: Path, tmp_path: Path) -> Path:
    path = tmp_path / packed.name.removesuffix(".xz")
    with lzma.open(packed) as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def test_golden_games_cover_the_scenarios_at_todays_rules(tmp_path: Path) -> None:
    """Every bundled scenario has a golden game made with today's rules (regenerate them when the rules change)."""
    current = set()
    for packed in FILES:
        with open_game(unpack(packed, tmp_path)) as game:
            if game.rules_version == RULES_VERSION:
                current.add(game.meta.scenario_id)
    assert current >= {"demo", "baltic", "korea", "taiwan"}


@pytest.mark.parametrize("packed", FILES, ids=lambda p: p.name.removesuffix(".wargame.xz"))
def test_golden_game(packed: Path, tmp_path: Path) -> None:
    """Replaying the stored commands from the stored scenario gives every stored hash and event again, or, for a
    game made with other rules, verify says so and the game can still be reviewed."""
    with open_game(unpack(packed, tmp_path)) as game:
        assert game.last_turn >= 8
        report = game.verify()
        if game.rules_version == RULES_VERSION:
            assert report.ok, report
        else:
            assert not report.ok and "version" in report.rules_changed and not report.mismatches
            assert game.world_at(game.last_turn).turn == game.last_turn
