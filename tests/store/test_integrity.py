"""The integrity chain (schema 0006): damage that verify used to miss is named, with its turn; opening checks the head.

Each test damages a file the way the adversarial run did (deleted snapshot rows, a payload that is not JSON, a
null summary, a flipped cancelled flag, rows added or lost at the end, a changed game description) and expects the
store to say what is damaged and from which turn, never to pass and never to raise anything but a one-line error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import play, sample_meta

from wargame.store import DamagedFileError, GameFile, SaveFileError
from wargame.store.integrity import GENESIS, check_all


def _game(path: Path, turns: int = 5) -> Path:
    with GameFile.create(path, sample_meta()) as g:
        for t in range(turns + 1):
            if t:
                g.add_command(t, "EST", "inject", {"attacker": "RUS", "n": t})
                g.add_command(t, "facilitator", "note", {"text": f"note {t}"})
            play(g, t)
        g.add_command(turns + 1, "EST", "note", {"text": "pending"})
        g.add_bookmark(2, "a moment")
    return path


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


def _report(path: Path):
    with GameFile.open(path, readonly=True, inspect=True) as g:
        return g.check_integrity()


def test_a_healthy_file_passes_and_every_row_is_in_the_chain(tmp_path: Path) -> None:
    path = _game(tmp_path / "g.wargame")
    rep = _report(path)
    assert rep.ok, rep.damage
    conn = sqlite3.connect(path)
    try:
        total = sum(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("commands", "events", "snapshots", "frames", "turns")
        )
        seqs = sorted(
            s
            for t in ("commands", "events", "snapshots", "frames", "turns")
            for (s,) in conn.execute(f"SELECT chain_seq FROM {t}")
        )
        head = conn.execute("SELECT value FROM integrity WHERE name = 'head'").fetchone()[0]
    finally:
        conn.close()
    assert rep.rows == total and seqs == list(range(1, total + 1))
    assert head.startswith(f"{total} ") and not head.endswith(GENESIS)
    assert rep.last_turn == 5 and rep.first_bad_turn is None


DAMAGES: list[tuple[str, str, int | None, str]] = [
    ("frame-deleted", "DELETE FROM frames WHERE turn = 2 AND entity_kind = 'nation'", 2, "missing"),
    (
        "frame-changed",  # another well-formed frame: {"full":{}} compressed
        "UPDATE frames SET data = x'789cab564a2bcdc951b2aaaead050017dc0422' WHERE turn = 3 AND entity_kind = 'nation'",
        3,
        "frame of nation at turn 3",
    ),
    ("frame-bit-flipped", "UPDATE frames SET data = zeroblob(9) WHERE turn = 4 AND entity_kind = 'world'", 4, "frame"),
    ("frame-made-text", "UPDATE frames SET data = 'text' WHERE turn = 1 AND entity_kind = 'world'", 1, "frame"),
    ("payload-not-json", "UPDATE events SET payload = '{not json' WHERE turn = 1 AND seq = 0", 1, "event 0 of turn 1"),
    ("summary-null", "UPDATE turns SET summary = 'null' WHERE turn = 4", 4, "record of turn 4"),
    ("hash-forged", "UPDATE turns SET state_hash = 'forged' WHERE turn = 2", 2, "record of turn 2"),
    ("cancel-flipped", "UPDATE commands SET cancelled = 1 WHERE turn = 3 AND seq = 1", 3, "record of turn 3"),
    (
        "command-changed",
        'UPDATE commands SET payload = \'{"attacker": "USA"}\' WHERE turn = 2 AND seq = 1',
        2,
        "command",
    ),
    (
        "event-added",
        "INSERT INTO events (turn, seq, kind, subject, payload) VALUES (2, 9, 'move', 'X', '{}')",
        2,
        "carries no seal",
    ),
    ("turn-number-moved", "UPDATE events SET turn = 4 WHERE turn = 1 AND seq = 1", 1, "missing"),
    ("text-type-changed", "UPDATE events SET kind = 7 WHERE turn = 3 AND seq = 2", 3, "event 2 of turn 3"),
]


@pytest.mark.parametrize(("name", "statement", "turn", "words"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_damage_to_an_earlier_turn_is_named_with_its_turn(
    tmp_path: Path, name: str, statement: str, turn: int | None, words: str
) -> None:
    """verify used to pass these files (it only compared re-adjudicated hashes); the chain names each."""
    path = _game(tmp_path / f"{name}.wargame")
    _sql(path, statement)
    rep = _report(path)
    assert not rep.ok
    assert rep.first_bad_turn == turn, rep.damage
    assert any(words in d.what for d in rep.damage), [d.what for d in rep.damage]
    assert all("\n" not in d.what and len(d.what) < 300 for d in rep.damage)


def test_damage_to_the_last_turn_is_refused_at_open_with_what_to_do(tmp_path: Path) -> None:
    path = _game(tmp_path / "g.wargame")
    _sql(path, "DELETE FROM commands WHERE turn = 6")  # the pending command is the head of the chain
    with pytest.raises(DamagedFileError) as err:
        GameFile.open(path, readonly=True)
    message = str(err.value)
    assert "\n" not in message and "verify" in message and "recover" in message
    rep = _report(path)  # an inspecting open still works, and says what is wrong
    assert not rep.ok and not rep.pending_ok and rep.first_bad_turn is None


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE game_meta SET seed = seed + 1",
        "UPDATE game_meta SET scenario_text = scenario_text || ' '",
        'UPDATE game_meta SET variant = \'{"rules": "lax"}\'',
        "UPDATE integrity SET value = '3 abc' WHERE name = 'head'",
        "DELETE FROM integrity WHERE name = 'format'",
        "DELETE FROM turns WHERE turn = 5",
    ],
)
def test_damage_seen_by_the_cheap_check_on_open(tmp_path: Path, statement: str) -> None:
    path = _game(tmp_path / "g.wargame")
    _sql(path, statement)
    for readonly in (True, False):
        with pytest.raises(DamagedFileError, match="damaged"):
            GameFile.open(path, readonly=readonly)


def test_msel_and_bookmark_rows_are_sealed(tmp_path: Path) -> None:
    path = _game(tmp_path / "g.wargame")
    with GameFile.open(path) as g, g.writing("import") as w:
        w.msel_add(
            [
                {
                    "serial": "10",
                    "turn": 7,
                    "attack": {"attacker": "RUS"},
                    "message": "m",
                    "expected": "",
                    "status": "scheduled",
                    "time_text": "D+7",
                    "fired_turn": None,
                    "command_id": None,
                },
                {
                    "serial": "11",
                    "turn": None,
                    "attack": {"attacker": "RUS"},
                    "message": "",
                    "expected": "",
                    "status": "held",
                    "time_text": "",
                    "fired_turn": None,
                    "command_id": None,
                },
            ]
        )
    assert _report(path).ok
    _sql(path, "UPDATE msel SET turn = 8 WHERE serial = '10'")
    rep = _report(path)
    assert not rep.msel_ok and any("MSEL row 10" in d.what for d in rep.damage)
    _sql(path, "UPDATE msel SET turn = 7 WHERE serial = '10'", "DELETE FROM msel WHERE serial = '11'")
    rep = _report(path)
    assert not rep.msel_ok and any("rows are missing" in d.what for d in rep.damage)
    _sql(path, "DELETE FROM bookmarks")
    assert not _report(path).bookmarks_ok


def test_a_damaged_msel_row_is_not_changed_in_place(tmp_path: Path) -> None:
    """Writing over a row whose seal fails would seal the damage in: refused as damage."""
    path = _game(tmp_path / "g.wargame")
    with GameFile.open(path) as g, g.writing("import") as w:
        w.msel_add(
            [
                {
                    "serial": "10",
                    "turn": 7,
                    "attack": {},
                    "message": "",
                    "expected": "",
                    "status": "scheduled",
                    "time_text": "",
                    "fired_turn": None,
                    "command_id": None,
                }
            ]
        )
    _sql(path, "UPDATE msel SET message = 'forged' WHERE serial = '10'")
    with GameFile.open(path) as g:
        row_id = g.msel_rows()[0]["id"]
        with pytest.raises(DamagedFileError, match="MSEL row 10 does not match its seal"):
            with g.writing("skip") as w:
                w.msel_update(row_id, status="skipped")


def test_truncation_for_a_branch_keeps_a_whole_chain(tmp_path: Path) -> None:
    path = _game(tmp_path / "g.wargame")
    with GameFile.open(path) as g, g.copy_to(tmp_path / "b.wargame", upto_turn=2) as b:
        assert b.check_integrity().ok
        b.add_command(3, "EST", "note", {"text": "branch"})
        play(b, 3)
        assert b.check_integrity().ok and b.bookmarks()[0].turn == 2


def test_upgraded_file_is_sealed_as_found_and_says_so(tmp_path: Path) -> None:
    """A file of schema 0004 is backed up, migrated and sealed; ``origin`` says the chain began at the upgrade."""
    from test_migrations import _fill_rev_0001

    path = tmp_path / "old.wargame"
    _fill_rev_0001(path)
    with GameFile.open(path) as g:
        rep = g.check_integrity()
        assert rep.ok, rep.damage
        assert rep.origin["how"] == "upgraded" and rep.origin["last_turn"] == 1
        assert [c.turn for c in g.pending_commands()] == [2]
        play(g, 3)
        assert g.check_integrity().ok


def test_an_old_file_with_a_payload_that_is_not_json_is_not_sealed(tmp_path: Path) -> None:
    """Sealing damage would make it look intact: the upgrade is refused and the file stays as it was."""
    from test_migrations import _fill_rev_0001

    path = tmp_path / "old.wargame"
    _fill_rev_0001(path)
    _sql(path, "UPDATE events SET payload = '{broken' WHERE turn = 1")
    before = path.read_bytes()
    with pytest.raises(SaveFileError, match="not JSON") as err:
        GameFile.open(path)
    assert "\n" not in str(err.value)
    assert path.read_bytes() == before


def test_check_all_reads_every_table_through_portable_core(tmp_path: Path) -> None:
    """check_all takes any SQLAlchemy connection (no sqlite3 calls): the chain is the same on another database."""
    import inspect

    from wargame.store import integrity

    source = inspect.getsource(integrity)
    assert "sqlite3" not in source and "PRAGMA" not in source and "exec_driver_sql" not in source
    path = _game(tmp_path / "g.wargame")
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert check_all(conn).ok
    finally:
        engine.dispose()


def test_hotwash_rows_are_sealed(tmp_path: Path) -> None:
    """The hotwash tables (0005_hotwash) are changed in place: each row is sealed and their sums kept; a changed row
    is named by verify and never written over (its damage would be sealed in)."""
    path = _game(tmp_path / "g.wargame")
    with GameFile.open(path) as g:
        (oid,) = g.add_hotwash_items(
            "observation",
            [
                {
                    "team": "EST",
                    "kind": "strength",
                    "text": "fast request",
                    "capability": "",
                    "turn": 2,
                    "event_seq": None,
                }
            ],
        )
        g.add_hotwash_items(
            "feedback",
            [{"participant": "P1", "team": "EST", "ratings": {"q1": 4}, "strengths": ["a"], "improvements": [],
              "comment": "", "source": "typed"}],
        )  # fmt: skip
        g.update_hotwash_item("observation", oid, {"text": "a fast request"})
        assert g.check_integrity().ok
        b = g.copy_to(tmp_path / "b.wargame", upto_turn=1)  # the observation of turn 2 goes with the turn
        assert b.hotwash_items("observation") == [] and b.check_integrity().ok
        b.close()
    _sql(path, "UPDATE hotwash_feedback SET comment = 'forged'")
    rep = _report(path)
    assert not rep.hotwash_ok and any("feedback form" in d.what for d in rep.damage)
    _sql(path, "UPDATE hotwash_observations SET text = 'forged'")
    with GameFile.open(path) as g, pytest.raises(DamagedFileError, match="hotwash observation"):
        g.update_hotwash_item("observation", oid, {"text": "again"})
