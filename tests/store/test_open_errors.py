"""Files that are not ours, damaged or newer: a specific one-line error, and the file untouched."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import play, sample_meta

from wargame.store import (
    DamagedFileError,
    GameFile,
    NewerVersionError,
    NotAGameFile,
    SaveFileError,
)


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("turn,hash\n0,abc\n", encoding="utf-8")


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def _other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.commit()
    conn.close()


def _game(path: Path, turns: int = 0) -> None:
    with GameFile.create(path, sample_meta()) as g:
        play(g, turns, n_entities=40)


def _newer(path: Path) -> None:
    _game(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    _game(path, turns=30)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _our_id_no_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1464290609")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _short_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


CASES: list[tuple[str, Callable[[Path], None], type[SaveFileError], str]] = [
    ("empty", _empty, NotAGameFile, "empty"),
    ("text", _text, NotAGameFile, "not an SQLite database"),
    ("random", _random_bytes, NotAGameFile, "not an SQLite database"),
    ("other-app", _other_app, NotAGameFile, "another application"),
    ("our-id-no-tables", _our_id_no_tables, NotAGameFile, "tables are missing"),
    ("newer", _newer, NewerVersionError, "newer version"),
    ("truncated", _truncated, DamagedFileError, "damaged"),
    ("short-header", _short_header, DamagedFileError, "damaged"),
]


@pytest.mark.parametrize("readonly", [False, True], ids=["rw", "ro"])
@pytest.mark.parametrize(("name", "make", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_its_error_and_is_not_modified(
    tmp_path: Path,
    name: str,
    make: Callable[[Path], None],
    error: type[SaveFileError],
    words: str,
    readonly: bool,
) -> None:
    """Each bad file raises its own error class, a one-line message naming the file, and stays byte-identical."""
    path = tmp_path / f"{name}.wargame"
    make(path)
    before = _fingerprint(path)
    with pytest.raises(error) as err:
        GameFile.open(path, readonly=readonly)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message
    assert words in message
    assert _fingerprint(path) == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_newer_error_names_the_revision(tmp_path: Path) -> None:
    path = tmp_path / "newer.wargame"
    _newer(path)
    with pytest.raises(NewerVersionError) as err:
        GameFile.open(path)
    assert err.value.revision == "ffffffffffff"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SaveFileError, match="no such file"):
        GameFile.open(tmp_path / "absent.wargame")


def test_folder_is_not_a_game(tmp_path: Path) -> None:
    with pytest.raises(SaveFileError, match="not a file"):
        GameFile.open(tmp_path)


def test_readonly_open_does_not_modify_a_good_file(tmp_path: Path) -> None:
    """Reading a closed game read-only leaves its bytes and mtime alone."""
    path = tmp_path / "g.wargame"
    _game(path, turns=5)
    before = _fingerprint(path)
    with GameFile.open(path, readonly=True) as g:
        assert g.last_turn == 5
        assert g.snapshot(5)["world"]["_"] == {"day": 5}
    assert _fingerprint(path) == before
    assert os.path.getsize(path) > 0
