"""Schema 0007_compressed_snapshots: a game saved before (per-entity snapshot rows, sealed by 0006) opens, upgrades and
verifies; read-only it opens through an upgraded private copy and reads every turn as before; continued after the
upgrade it reads through both forms, and verify (seals and re-adjudication) still passes."""

from __future__ import annotations

import lzma
import shutil
import sqlite3
from pathlib import Path

import pytest

from wargame.app import open_game
from wargame.engine import RULES_VERSION, encode
from wargame.store import GameFile, head_revision
from wargame.store.migrate import upgrade_file

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"


def _old_game(tmp_path: Path) -> Path:
    """The Baltic golden game (schema 0005_hotwash, today's rules) upgraded to 0006_integrity only: its snapshots are
    per-entity rows, sealed in the chain, as every game saved before 0007 has them."""
    path = tmp_path / "baltic.wargame"
    with lzma.open(GOLDEN / "baltic.wargame.xz") as src, open(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    upgrade_file(path, "0006_integrity", from_revision="0005_hotwash")
    return path


def _tables(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("snapshots", "frames") if t in names
        }
        return {"version": version, **counts}
    finally:
        con.close()


def test_an_old_file_opens_upgrades_verifies_and_continues(tmp_path: Path) -> None:
    path = _old_game(tmp_path)
    before = path.read_bytes()
    assert _tables(path)["version"] == "0006_integrity" and "frames" not in _tables(path)

    # Read-only: a private upgraded copy; the file keeps every byte.
    with GameFile.open(path, readonly=True) as gf:
        assert gf.check_integrity().ok
        last = gf.last_turn
        states = [gf.snapshot(t) for t in range(last + 1)]
        support = gf.series("nation", "EST", "support")
    assert path.read_bytes() == before and last == 12
    assert [t for t, _ in support] == list(range(last + 1))
    assert support == [(t, states[t]["nation"]["EST"]["support"]) for t in range(last + 1)]

    # Read-write: backed up, upgraded (no row rewritten: the old rows keep their seals), then played on.
    with open_game(path) as game:
        assert game.rules_version == RULES_VERSION
        assert [game._file.snapshot(t) for t in range(last + 1)] == states
        game.advance(3)  # turns 13..15 go to frames; 13 and 14 fold onto the keyframe of turn 10 (old rows)
        assert game.last_turn == last + 3
        report = game.verify()
        assert report.ok, report
        assert [t for t, _ in game.series("nation", "EST", "support")] == list(range(last + 4))
    assert (tmp_path / "baltic.wargame.bak-0006_integrity").read_bytes() == before
    counts = _tables(path)
    assert counts["version"] == head_revision() and counts["frames"] > 0 and counts["snapshots"] > 0
    with GameFile.open(path, readonly=True, inspect=True) as gf:
        rep = gf.check_integrity()
        assert rep.ok and rep.last_turn == last + 3, rep.damage


def test_damage_to_an_old_row_is_still_named_after_the_upgrade(tmp_path: Path) -> None:
    path = _old_game(tmp_path)
    GameFile.open(path).close()  # upgrade in place
    con = sqlite3.connect(path)
    con.execute("UPDATE snapshots SET payload = '{\"support\": 1}' WHERE turn = 3 AND entity_key = 'EST'")
    con.commit()
    con.close()
    with GameFile.open(path, readonly=True, inspect=True) as gf:
        rep = gf.check_integrity()
    assert rep.first_bad_turn == 3 and any("snapshot of nation EST at turn 3" in d.what for d in rep.damage)


@pytest.mark.parametrize("turns", [1, 9, 10, 11, 23])
def test_a_new_game_reads_back_every_turn_exactly(tmp_path: Path, turns: int) -> None:
    """Frames (keyframes and changes) give back the world the engine made, turn by turn (verify re-adjudicates and
    compares every stored snapshot with the engine's)."""
    from wargame.app import new_game

    with new_game(BALTIC, tmp_path / "g.wargame", seed=5) as game:
        game.advance(turns)
        assert game.verify().ok
        assert encode(game.world_at(turns)) == encode(game.world)  # the stored form rounds floats
