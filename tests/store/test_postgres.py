"""Hosted games in PostgreSQL: one schema with the files, the same seals, and the lifecycle of a database."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import play, sample_meta, turn_content
from sqlalchemy import create_engine
from sqlalchemy import inspect as sa_inspect

from wargame.store import GameFile, NotAGameFile, SaveFileExistsError
from wargame.store.migrate import database_label, is_database_url
from wargame.store.schema import Base


def _columns(url: str) -> dict[str, list[tuple[str, str, bool]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            insp = sa_inspect(conn)
            return {
                t: sorted((c["name"], str(c["type"]), bool(c["nullable"])) for c in insp.get_columns(t))
                for t in sorted(insp.get_table_names())
                if t != "alembic_version"
            }
    finally:
        engine.dispose()


def test_migrations_build_the_models_schema_on_postgresql(pg_cluster) -> None:
    """The Alembic migrations (run from an empty database, as a hosted game is made) give the schema the models
    describe (create_all): one schema for SQLite files and PostgreSQL."""
    made = pg_cluster.new_database()
    GameFile.create_db(made, sample_meta()).close()
    modelled = pg_cluster.new_database()
    engine = create_engine(modelled)
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
    engine.dispose()
    assert _columns(made) == _columns(modelled)


def test_chain_and_seals_are_the_same_on_both_stores(tmp_path: Path, pg_url: str) -> None:
    """The integrity chain is computed from the rows' canonical JSON: the same rows give the same chain in a file and
    in PostgreSQL, and a hosted game copied to a file verifies there."""
    file_game = GameFile.create(tmp_path / "g.wargame", sample_meta())
    db_game = GameFile.create_db(pg_url, sample_meta())
    for g in (file_game, db_game):
        play(g, 12)
        g.add_command(13, "US cell", "decide", {"state": "USA", "action": "mobilise", "note": "ünïcode ✓ 0.1"})
        g.add_bookmark(2, "a note")
    try:
        from wargame.store import integrity

        with file_game._read("x") as a, db_game._read("y") as b:
            assert integrity.read_head(a) == integrity.read_head(b)
        assert db_game.check_integrity().damage == []
        assert db_game.series("nation", "N1", "support") == file_game.series("nation", "N1", "support")
        copy, notes = db_game.copy_turns_to(tmp_path / "export.wargame", upto_turn=12, pending=True)
        with copy:
            assert notes == [] and copy.check_integrity().damage == []
            assert copy.hashes() == file_game.hashes() and [c.payload for c in copy.pending_commands()] == [
                c.payload for c in file_game.pending_commands()
            ]
    finally:
        file_game.close()
        db_game.close()


def test_a_database_with_a_game_is_not_overwritten(pg_url: str) -> None:
    GameFile.create_db(pg_url, sample_meta()).close()
    with pytest.raises(SaveFileExistsError, match="holds a game already"):
        GameFile.create_db(pg_url, sample_meta())
    with GameFile.create_db(pg_url, sample_meta(title="Again"), overwrite=True) as g:
        assert g.meta.title == "Again" and g.last_turn == -1


def test_empty_or_foreign_databases_are_refused_in_one_line(pg_cluster) -> None:
    empty = pg_cluster.new_database()
    with pytest.raises(NotAGameFile, match="the database is empty"):
        GameFile.open_db(empty)
    foreign = pg_cluster.new_database()
    engine = create_engine(foreign)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id integer)")
    engine.dispose()
    with pytest.raises(NotAGameFile, match="not a wargame game"):
        GameFile.open_db(foreign)


def test_unreachable_database_is_a_clear_error() -> None:
    from wargame.store import SaveFileError

    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"
    with pytest.raises(SaveFileError) as err:
        GameFile.open_db(url)
    assert "secret" not in str(err.value) and str(err.value).startswith("postgresql:127.0.0.1:1/none: could not")


def test_pg_reader_is_not_blocked_by_an_open_write(pg_url: str) -> None:
    """The PostgreSQL twin of the file test: an uncommitted write is not seen, nor does it block a reader; a
    second writer waits for the game's lock."""
    g = GameFile.create_db(pg_url, sample_meta())
    play(g, 3)
    other = GameFile.open_db(pg_url)
    try:
        with g.writing("hold the lock") as w:
            w.commit_turn(4, **turn_content(4))
            assert other.last_turn == 3 and 4 not in other.hashes()
        assert other.last_turn == 4
        with other.reading():
            play(g, 5)
            assert other.last_turn == 4  # one snapshot for the whole read block
        assert other.last_turn == 5
    finally:
        other.close()
        g.close()


def test_database_urls_are_named_without_their_password() -> None:
    assert is_database_url("postgresql+psycopg://u:pw@db.example:6543/games")
    assert not is_database_url("games/postgresql.wargame")
    assert str(database_label("postgresql+psycopg://u:pw@db.example:6543/games")) == "postgresql:db.example:6543/games"
