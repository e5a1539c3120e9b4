"""MSEL input is bounded (issue 14): file size, rows, cell length and numbers have limits named in their messages;
devices and pipes are refused without reading; problems are capped (the first 50 and a count) with values
shortened; ``msel check`` against a game reports what an import would refuse. (Linear time: benchmarks/bench_msel.py.)
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from wargame.app import msel, new_game
from wargame.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
HEADER = ["serial", "time", "kind", "attacker", "victim", "location", "casualties", "attribution", "message"]
GOOD = ["1", "D+2", "shelling", "RUS", "LVA", "LVA-DGP", "6", "0.9", "Shells"]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def scenario():
    from wargame.app.scenarios import load

    return load(DEMO)


def _only_problem(path: Path, scenario) -> str:
    rows, problems = msel.dry_run(path, scenario)
    assert rows == [] and problems
    return str(problems[0])


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, scenario) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(msel.MAX_MSEL_FILE_BYTES + 1)
    assert "the limit is 256 MB" in _only_problem(big, scenario)


def test_pipes_and_devices_are_refused_without_blocking(tmp_path: Path, scenario) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in _only_problem(fifo, scenario)
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in _only_problem(link, scenario)


def test_more_rows_than_the_limit_are_refused_naming_it(tmp_path: Path, scenario, monkeypatch) -> None:
    monkeypatch.setattr(msel, "MAX_MSEL_ROWS", 100)  # the real limit is 1,000,000 rows; the logic is the same
    path = write(tmp_path / "m.csv", [[str(i), *GOOD[1:]] for i in range(101)])
    assert "more than 100 rows (the limit)" in _only_problem(path, scenario)


def test_a_cell_over_the_limit_is_refused_naming_it(tmp_path: Path, scenario) -> None:
    path = write(tmp_path / "m.csv", [[*GOOD[:-1], "m" * 10_001]])
    assert "a cell of 10,001 characters (the limit is 10,000)" in _only_problem(path, scenario)


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("casualties", "9" * 401, "at most 10,000,000"),
        ("casualties", "1e400", "finite"),
        ("casualties", "2.5", "whole number"),
        ("casualties", "1_000", "not a number"),
        ("attribution", "nan", "finite"),
        ("attribution", "1.01", "between 0 and 1"),
        ("time", "D+" + "9" * 300, "not D+n"),
        ("serial", "s" * 101, "the limit is 100"),
        ("kind", "k" * 5000, "unknown kind"),
    ],
)
def test_values_beyond_their_limits_give_a_short_problem(tmp_path: Path, scenario, column, value, words) -> None:
    row = dict(zip(HEADER, GOOD, strict=True))
    row[column] = value
    rows, problems = msel.dry_run(write(tmp_path / "m.csv", [[row[h] for h in HEADER]]), scenario)
    assert rows == [] and any(words in p.message for p in problems), [str(p) for p in problems]
    assert all(len(str(p)) < 400 for p in problems)


def test_fifty_thousand_bad_rows_give_fifty_problems_and_a_count(tmp_path: Path, capsys) -> None:
    """A 50,000-row invalid MSEL printed 12 MB of problems in 63 s."""
    path = write(
        tmp_path / "bad.csv",
        [[str(i), "D+2", "shelling", "RUS", "LVA", "NOWHERE" + "x" * 300, "1", "1", ""] for i in range(50_000)],
    )
    game = tmp_path / "g.wargame"
    new_game(DEMO, game).close()
    code = main(["msel", "check", str(game), str(path)])
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert code == 1 and out == ""
    assert len(lines) == 52 and lines[-1].strip() == "… and 49,950 more problems"
    assert all(len(line) < 400 for line in lines)
    code = main(["--json", "msel", "check", str(game), str(path)])
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["problem_count"] == 50_000 and len(data["problems"]) == 50


def test_check_against_a_game_reports_what_import_refuses(tmp_path: Path, capsys) -> None:
    game = tmp_path / "g.wargame"
    with new_game(DEMO, game) as g:
        msel.import_msel(g, write(tmp_path / "first.csv", [GOOD]))
        g.advance(3)
    again = write(tmp_path / "again.csv", [GOOD, ["2", "D+1", *GOOD[2:]]])
    code = main(["msel", "check", str(game), str(again)])
    err = capsys.readouterr().err
    assert code == 1
    assert "row 2, serial: serial '1' is already in this game's MSEL" in err
    assert "row 3, time: falls on turn 1, already played" in err
    assert main(["msel", "import", str(game), str(again)]) == 1
