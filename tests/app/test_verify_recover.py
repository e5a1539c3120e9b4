"""verify names what is damaged and up to which turn the file can be trusted; recover writes those turns to a new
file and never modifies the damaged one (issue 14). verify used to pass files whose snapshots were deleted, whose
payloads were not JSON or whose summary was null: it only compared re-adjudicated hashes."""

from __future__ import annotations

import contextlib
import io
import lzma
import sqlite3
from pathlib import Path

import pytest

from wargame.app import AppError, msel, new_game, open_game, recover_game
from wargame.app.types import AttackKind, AttackSpec, TargetKind
from wargame.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
GOLDEN = ROOT / "tests" / "data" / "golden"


def _cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture()
def game(tmp_path: Path) -> Path:
    path = tmp_path / "g.wargame"
    (tmp_path / "m.csv").write_text(
        "serial,time,kind,attacker,victim,location\n7,D+4,shelling,RUS,LVA,LVA-DGP\n8,HOLD,cyber,RUS,EST,EST-TLL\n",
        encoding="utf-8",
    )
    with new_game(DEMO, path, seed=5) as g:
        msel.import_msel(g, tmp_path / "m.csv")
        g.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, TargetKind.TERRITORY, 20, 0.0, 0.9))
        g.advance(6)
        g.add_bookmark(2, "early")
        g.note("for turn 7")
    return path


def _sql(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("statement", "first_bad"),
    [
        ("DELETE FROM frames WHERE turn = 3 AND entity_kind = 'nation'", 3),
        ("UPDATE events SET payload = 'not json' WHERE turn = 4 AND seq = 1", 4),
        ("UPDATE turns SET summary = 'null' WHERE turn = 5", 5),
    ],
    ids=["frame-deleted", "payload-not-json", "summary-null"],
)
def test_verify_names_the_damage_and_recover_keeps_the_turns_before_it(
    game: Path, tmp_path: Path, statement: str, first_bad: int
) -> None:
    _sql(game, statement)
    before = game.read_bytes()
    code, out, err = _cli("verify", game)
    assert code == 1 and "error" not in err
    assert out.startswith("DAMAGED:") and f"turn {first_bad}" in out
    assert f"trusted up to turn {first_bad - 1} (of 6)" in out and "wargame recover" in out
    assert "Checked: " in out
    new = tmp_path / "recovered.wargame"
    code, out, err = _cli("recover", game, "-o", new)
    assert code == 0, err
    assert f"Wrote turns 0 to {first_bad - 1} (of 6)" in out and f"turns {first_bad} to 6 were left out" in out
    assert "the commands recorded for the next turn were left out" in out
    assert game.read_bytes() == before  # the damaged file is only read
    with open_game(new) as g:
        assert g.last_turn == first_bad - 1
        assert g.verify().ok
        assert [b.turn for b in g.manual_bookmarks()] == ([2] if first_bad > 2 else [])
        rows = {r.serial: r.status for r in msel.rows(g)}
        assert rows["8"] == "held" and rows["7"] == ("fired" if first_bad > 4 else "scheduled")
        g.advance(1)  # play continues from the last trusted turn
        assert g.verify().ok


def test_recover_of_an_intact_game_copies_everything_and_refuses_its_own_input(game: Path, tmp_path: Path) -> None:
    done = recover_game(game, tmp_path / "copy.wargame")
    assert (done.turns, done.of_turns, done.pending, done.notes) == (6, 6, True, [])
    with open_game(done.path, readonly=True) as g:
        assert [c.payload.get("text") for c in g.pending()] == ["for turn 7"]
        assert g.verify().ok
    with pytest.raises(AppError, match="own input"):
        recover_game(game, game, overwrite=True)
    with pytest.raises(AppError, match="exists already"):
        recover_game(game, tmp_path / "copy.wargame")


def test_a_damaged_description_cannot_be_recovered(game: Path, tmp_path: Path) -> None:
    _sql(game, "UPDATE game_meta SET seed = seed + 1")
    code, _out, err = _cli("show", game)
    assert code == 2 and "damaged" in err and "verify" in err
    code, out, _err = _cli("verify", game)
    assert code == 1 and "game description" in out and "Nothing in the file can be trusted" in out
    with pytest.raises(AppError, match="game description .* is damaged"):
        recover_game(game, tmp_path / "r.wargame")
    assert not (tmp_path / "r.wargame").exists()


def test_verify_of_a_game_of_other_rules_still_checks_the_file(game: Path) -> None:
    """It cannot re-adjudicate, but it checks the chain, the seals, the structure and the MSEL, and says so."""
    from wargame.engine import RULES_VERSION

    with open_game(game) as g:
        g.set_variant(rules_version=RULES_VERSION + 1)
        rep = g.verify()
    assert not rep.ok and rep.rules_changed and not rep.damage
    assert any("re-adjudication" in n for n in rep.not_checked)
    assert any("integrity chain" in c for c in rep.checked) and any("MSEL" in c for c in rep.checked)
    _sql(game, "UPDATE frames SET data = x'789c030000000001' WHERE turn = 2 AND entity_kind = 'nation'")
    with open_game(game, readonly=True, inspect=True) as g:
        rep = g.verify()
    assert rep.damage and rep.trusted_until == 1 and rep.rules_changed
    code, out, _ = _cli("verify", game)
    assert code == 1 and out.startswith("DAMAGED:") and "Not compared:" in out


def test_a_golden_game_of_an_earlier_schema_says_where_its_chain_began(tmp_path: Path) -> None:
    path = tmp_path / "demo.wargame"
    path.write_bytes(lzma.decompress((GOLDEN / "demo.wargame.xz").read_bytes()))
    conn = sqlite3.connect(path)
    (was,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    with open_game(path) as g:
        rep = g.verify()
    assert rep.ok
    began = next(c for c in rep.checked if "integrity chain" in c)
    assert f"upgraded from schema {was}" in began and "not that they were intact before" in began
