"""The saved-game API: create, commands, turns, reads, branch copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import play, sample_meta, turn_content

from wargame.engine import decode, encode
from wargame.store import (
    APPLICATION_ID,
    EventRecord,
    GameFile,
    GameMeta,
    InvalidOperationError,
    ReadOnlyError,
    SaveFileError,
    SaveFileExistsError,
    head_revision,
)
from wargame.store.migrate import user_version_of


def test_create_sets_file_identity_and_meta(tmp_path: Path, meta: GameMeta) -> None:
    """A new file carries our application id, the head revision and the meta row; no turn yet."""
    path = tmp_path / "new.wargame"
    with GameFile.create(path, meta) as g:
        assert g.meta == meta
        assert g.last_turn == -1
        assert g.hashes() == {}
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == user_version_of(head_revision())
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    with GameFile.open(path) as g:
        assert g.meta == meta
        assert g.meta.scenario_files == {"states.toml": '[[state]]\niso3 = "EST"\n'}
        assert g.backup_path is None


def test_create_refuses_existing_file_unless_overwrite(tmp_path: Path, meta: GameMeta) -> None:
    """Creating over an existing file needs overwrite=True; then the old game is gone."""
    path = tmp_path / "g.wargame"
    with GameFile.create(path, meta) as g:
        play(g, 2)
    with pytest.raises(SaveFileExistsError) as err:
        GameFile.create(path, meta)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    with GameFile.create(path, sample_meta(title="Second"), overwrite=True) as g:
        assert g.last_turn == -1
        assert g.meta.title == "Second"


def test_create_in_missing_folder_is_a_clear_error(tmp_path: Path, meta: GameMeta) -> None:
    with pytest.raises(SaveFileError, match="folder does not exist"):
        GameFile.create(tmp_path / "nope" / "g.wargame", meta)


def test_seed_must_fit_64_bits(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="64 bits"):
        GameFile.create(tmp_path / "g.wargame", sample_meta(seed=2**64))
    assert not (tmp_path / "g.wargame").exists()


def test_commit_turn_records_everything(game: GameFile) -> None:
    """Each committed turn keeps its events in order, its snapshot, hash and summary."""
    assert game.last_turn == 3
    assert game.hashes() == {t: f"hash-{t}" for t in range(4)}
    assert game.turn_summaries()[2] == {"turn": 2, "note": "ok"}
    assert game.snapshot(2) == turn_content(2)["snapshot"]
    evs = game.events(2)
    assert [e.seq for e in evs] == list(range(len(turn_content(2)["events"])))
    assert evs[0] == EventRecord(2, 0, "move", "S0", {"turn": 2, "i": 0})


def test_commit_turn_refuses_gaps_and_repeats(game: GameFile) -> None:
    """Only last_turn + 1 can be committed."""
    with pytest.raises(InvalidOperationError, match="next turn is 4"):
        game.commit_turn(5, **turn_content(5))
    with pytest.raises(InvalidOperationError, match="next turn is 4"):
        game.commit_turn(3, **turn_content(3))
    assert game.last_turn == 3


def test_first_turn_must_be_zero(tmp_path: Path, meta: GameMeta) -> None:
    with GameFile.create(tmp_path / "g.wargame", meta) as g:
        with pytest.raises(InvalidOperationError, match="next turn is 0"):
            g.commit_turn(1, **turn_content(1))
        g.commit_turn(0, **turn_content(0))
        assert g.last_turn == 0


def test_failed_commit_leaves_no_half_turn(game: GameFile) -> None:
    """A payload that is not JSON (NaN) aborts the whole turn: no turn row, no events."""
    content = turn_content(4)
    content["snapshot"]["nation"]["N1"] = {"support": float("nan")}
    with pytest.raises(ValueError, match="not plain JSON"):
        game.commit_turn(4, **content)
    assert game.last_turn == 3
    assert game.events(4) == []
    game.commit_turn(4, **turn_content(4))
    assert game.snapshot(4) == turn_content(4)["snapshot"]


def test_event_records_and_turn_mismatch(game: GameFile) -> None:
    """EventRecord values are accepted; an event of another turn is refused."""
    with pytest.raises(ValueError, match="event 0 is for turn 9"):
        game.commit_turn(4, events=[EventRecord(9, 0, "k", "s", {})], snapshot={}, state_hash="h", summary={})
    game.commit_turn(4, events=[EventRecord(4, 7, "k", "s", {"a": [1]})], snapshot={}, state_hash="h", summary={})
    assert game.events(4) == [EventRecord(4, 7, "k", "s", {"a": [1]})]


def test_event_filters(game: GameFile) -> None:
    """events() filters by turn range and kinds, ordered by (turn, seq)."""
    got = game.events(kinds=["verdict"], from_turn=1, to_turn=2)
    assert {e.turn for e in got} == {1, 2}
    assert all(e.kind == "verdict" for e in got)
    assert got == sorted(got, key=lambda e: (e.turn, e.seq))
    assert len(game.events()) == sum(len(turn_content(t)["events"]) for t in range(4))


def test_snapshot_of_missing_turn_is_an_error(game: GameFile) -> None:
    with pytest.raises(InvalidOperationError, match="turn 9 is not in the saved game"):
        game.snapshot(9)


def test_snapshot_of_turn_with_no_entities_is_empty(game: GameFile) -> None:
    game.commit_turn(4, events=[], snapshot={}, state_hash="h4", summary={})
    assert game.snapshot(4) == {}


def test_series_reads_one_field_per_turn(game: GameFile) -> None:
    """series() gives payload[field] of one entity per turn, JSON types kept."""
    assert game.series("nation", "N1", "support") == [(t, 51 + t) for t in range(4)]
    assert game.series("nation", "N0", "alive") == [(t, True) for t in range(4)]
    assert game.series("nation", "N1", "missing") == [(t, None) for t in range(4)]
    assert game.series("nation", "NOPE", "support") == []
    assert game.series("nation", "N1", 'a"b\\') == [(t, None) for t in range(4)]  # any field name (no JSON path)


def test_commands_lifecycle(game: GameFile) -> None:
    """Commands get a per-turn seq; pending ones can be cancelled and restored; committed ones not."""
    a = game.add_command(4, "EST", "inject", {"attacker": "RUS"})
    b = game.add_command(4, "facilitator", "note", {"text": "hi"})
    c = game.add_command(5, "USA", "decide", {"action": "mobilise"})
    assert (a.seq, b.seq, c.seq) == (1, 2, 1)
    assert game.pending_commands() == [a, b, c]
    game.cancel_command(b.id)
    assert game.pending_commands() == [a, c]
    assert [x.cancelled for x in game.commands(4, include_cancelled=True)] == [False, True]
    game.restore_command(b.id)
    assert game.commands(4) == [a, b]
    play(game, 4)
    assert game.pending_commands() == [c]
    with pytest.raises(InvalidOperationError, match="already committed"):
        game.cancel_command(a.id)
    with pytest.raises(InvalidOperationError, match="turns up to 4 are committed"):
        game.add_command(4, "EST", "note", {})
    with pytest.raises(InvalidOperationError, match="no command #999"):
        game.cancel_command(999)


def test_command_is_durable_at_once(game: GameFile) -> None:
    """A second connection sees a command as soon as add_command returns."""
    rec = game.add_command(4, "EST", "inject", {"x": 1})
    with GameFile.open(game.path, readonly=True) as other:
        assert other.pending_commands() == [rec]


def test_truncate_after_removes_later_turns_and_commands(game: GameFile) -> None:
    pending = game.add_command(4, "EST", "note", {})
    game.truncate_after(1)
    assert game.last_turn == 1
    assert set(game.hashes()) == {0, 1}
    assert game.events(from_turn=2) == []
    assert game.pending_commands() == []
    assert pending.id not in {c.id for c in game.commands(include_cancelled=True)}
    game.commit_turn(2, **turn_content(2))
    assert game.snapshot(2) == turn_content(2)["snapshot"]


def test_copy_to_makes_a_branch(game: GameFile, tmp_path: Path) -> None:
    """A branch holds turns 0..N of its parent, records the parent, and leaves the parent alone."""
    game.add_command(4, "EST", "note", {"text": "parent only"})
    dest = tmp_path / "branch.wargame"
    with game.copy_to(dest, upto_turn=2, meta_updates={"parent_path": str(game.path), "parent_turn": 2}) as br:
        assert br.last_turn == 2
        assert br.hashes() == {t: f"hash-{t}" for t in range(3)}
        assert br.meta.parent_path == str(game.path) and br.meta.parent_turn == 2
        assert br.meta.seed == game.meta.seed
        assert br.pending_commands() == []
        br.commit_turn(3, **turn_content(3, n_entities=1))
    assert game.last_turn == 3 and len(game.pending_commands()) == 1
    with GameFile.open(dest) as br:
        assert br.snapshot(3)["nation"].keys() == {"N0"}
    with pytest.raises(SaveFileExistsError):
        game.copy_to(dest)
    with pytest.raises(InvalidOperationError, match="turns 0 to 3"):
        game.copy_to(tmp_path / "x.wargame", upto_turn=7)
    with game.copy_to(dest, overwrite=True) as full:
        assert full.last_turn == 3


def test_copy_from_a_readonly_file(game: GameFile, tmp_path: Path) -> None:
    with GameFile.open(game.path, readonly=True) as ro:
        with ro.copy_to(tmp_path / "c.wargame", upto_turn=1) as c:
            assert c.last_turn == 1


def test_set_meta(game: GameFile) -> None:
    game.set_meta(title="Renamed", variant={"rules": "loose"})
    assert game.meta.title == "Renamed"
    with GameFile.open(game.path, readonly=True) as other:
        assert other.meta.variant == {"rules": "loose"}
    with pytest.raises(ValueError, match="unknown game meta field"):
        game.set_meta(colour="red")


def test_readonly_refuses_writes(game: GameFile) -> None:
    with GameFile.open(game.path, readonly=True) as ro:
        for call in (
            lambda: ro.add_command(9, "EST", "note", {}),
            lambda: ro.commit_turn(4, **turn_content(4)),
            lambda: ro.truncate_after(0),
            lambda: ro.set_meta(title="x"),
        ):
            with pytest.raises(ReadOnlyError, match="read-only"):
                call()
        assert ro.last_turn == 3


def test_closed_file_is_a_clear_error(tmp_path: Path, meta: GameMeta) -> None:
    g = GameFile.create(tmp_path / "g.wargame", meta)
    g.close()
    g.close()
    with pytest.raises(SaveFileError, match="closed"):
        g.hashes()


def test_meta_round_trips_through_dict(meta: GameMeta) -> None:
    assert decode(GameMeta, encode(meta)) == meta
