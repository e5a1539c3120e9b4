"""A saved game records the version of the rules it was made with; another version's game is kept for review
but is neither re-adjudicated nor continued, and says why in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.app import AppError, new_game, open_game
from wargame.cli import main
from wargame.engine import RULES_VERSION, AttackKind, AttackSpec

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"


def made_with_other_rules(tmp_path: Path) -> Path:
    path = tmp_path / "old.wargame"
    with new_game(DEMO, path, seed=3) as game:
        assert game.rules_version == RULES_VERSION
        game.advance(2)
        game.set_variant(rules_version=RULES_VERSION + 1)  # as if made by another version
    return path


def test_new_game_records_the_rules_version(tmp_path: Path) -> None:
    with new_game(DEMO, tmp_path / "g.wargame") as game:
        assert game.rules_version == RULES_VERSION
        assert game.rules_mismatch() == ""


def test_other_rules_game_is_reviewable_but_not_continued(tmp_path: Path) -> None:
    path = made_with_other_rules(tmp_path)
    with open_game(path) as game:
        assert game.world_at(2).turn == 2  # review still works
        with pytest.raises(AppError, match="version .* of the rules"):
            game.advance(1)
        spec = AttackSpec("RUS", "EST", "EST", AttackKind.INVASION, casualties=10)
        with pytest.raises(AppError, match="not re-adjudicated or continued"):
            game.inject(spec)
        report = game.verify()
    assert not report.ok and "version" in report.rules_changed and not report.mismatches


def test_cli_verify_says_not_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = made_with_other_rules(tmp_path)
    code = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith("NOT COMPARED: this game was made with version") and "Traceback" not in err
