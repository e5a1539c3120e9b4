"""MSEL import: a dry run reports every problem by row and column; a clean one schedules injects that fire."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wargame.app import msel, new_game, open_game
from wargame.engine import InjectError

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
HEADER = [
    "Serial",
    "Time",
    "Kind",
    "Attacker",
    "Victim",
    "Location",
    "Target",
    "Casualties",
    "Attribution",
    "Message",
    "Expected action",
]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


GOOD = [
    [
        "10",
        "D+2",
        "shelling",
        "RUS",
        "LVA",
        "LVA-DGP",
        "territory",
        "6",
        "0.9",
        "Shells land in Latgale",
        "LVA requests Art 4",
    ],
    [
        "11",
        "D+3 H+6",
        "missile",
        "RUS",
        "POL",
        "POL-RZE",
        "territory",
        "12",
        "0.8",
        "Missile on Rzeszow hub",
        "NAC meets",
    ],
    ["12", "HOLD", "cyber", "RUS", "EST", "EST-TLL", "territory", "0", "0.3", "Held: cyber on Tallinn", ""],
    ["13", "D+6", "airspace violation", "RUS", "FIN", "FIN", "territory", "0", "1", "Overflight", ""],
]


@pytest.fixture()
def game(tmp_path):
    g = new_game(DEMO, tmp_path / "g.wargame", seed=3)
    yield g
    g.close()


def test_dry_run_reports_every_problem_by_row_and_column(tmp_path, game):
    bad = write(
        tmp_path / "bad.csv",
        [
            ["1", "D+2", "shellling", "RUS", "LVA", "LVA-DGP", "territory", "6", "0.9", "", ""],
            ["2", "tomorrow", "missile", "RUX", "POL", "POL-RZE", "territory", "x", "1.4", "", ""],
            ["2", "D+400", "missile", "RUS", "POL", "ATLANTIS", "forces", "-1", "0.5", "", ""],
            ["4", "D+3", "strike", "RUS", "LVA", "EST-NAR", "territory", "1", "1", "", ""],
        ],
    )
    rows, problems = msel.dry_run(bad, game.scenario)
    found = {(p.row, p.column) for p in problems}
    assert (2, "kind") in found and "did you mean 'shelling'" in next(str(p) for p in problems if p.row == 2)
    assert {(3, "time"), (3, "attacker"), (3, "casualties"), (3, "attribution")} <= found
    assert {(4, "serial"), (4, "time"), (4, "location"), (4, "casualties")} <= found
    assert (5, "location") in found and "administered by EST" in next(str(p) for p in problems if p.row == 5)
    assert rows == []
    with pytest.raises(msel.MselError) as exc:
        msel.import_msel(game, bad)
    assert "row 3, attacker" in str(exc.value)
    assert msel.rows(game) == []  # nothing imported


def test_missing_columns_and_unreadable_files(tmp_path, game):
    p = tmp_path / "cols.csv"
    p.write_text("serial,when\n1,D+1\n", encoding="utf-8")
    _, problems = msel.dry_run(p, game.scenario)
    assert {(1, "kind"), (1, "attacker"), (1, "when")} <= {(x.row, x.column) for x in problems}
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    _, problems = msel.dry_run(junk, game.scenario)
    assert problems and "cannot be read" in problems[0].message


def test_clean_msel_schedules_injects_that_fire_on_their_turns(tmp_path, game):
    path = write(tmp_path / "msel.csv", GOOD)
    imported = msel.import_msel(game, path)
    assert [r.turn for r in imported] == [2, 4, None, 6]  # D+3 H+6 rounds up to turn 4
    game.advance(4)
    attacks = {
        e.turn: e.data["attack"]["spec"]["location"] for e in game.events(kinds=["attack"]) if e.data["seat"] == "msel"
    }
    assert attacks[2] == "LVA-DGP" and attacks[4] == "POL-RZE"
    status = {r.serial: r.status for r in msel.rows(game)}
    assert status == {"10": "fired", "11": "fired", "12": "held", "13": "scheduled"}
    assert game.verify().ok


def test_fire_now_postpone_skip_and_the_held_back_deck(tmp_path, game):
    msel.import_msel(game, write(tmp_path / "msel.csv", GOOD))
    msel.postpone(game, "10", 2)  # 10 → turn 4; 11 (turn 4) → 6; 13 (turn 6) → 8
    turns = {r.serial: r.turn for r in msel.rows(game)}
    assert turns == {"10": 4, "11": 6, "12": None, "13": 8}
    msel.fire_now(game, "12")  # from the held-back deck
    msel.skip(game, "13")
    game.advance(1)
    fired = [e for e in game.events(1, kinds=["attack"])]
    assert fired and fired[0].data["attack"]["spec"]["kind"] == "cyber"
    with pytest.raises(InjectError):
        msel.fire_now(game, "12")
    with pytest.raises(InjectError):
        msel.postpone(game, "13", 1)
    out = msel.export_csv(game, tmp_path / "back.csv")
    back = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["serial"], r["status"]) for r in back] == [
        ("10", "scheduled"),
        ("11", "scheduled"),
        ("12", "fired"),
        ("13", "skipped"),
    ]
    # the exported file imports again (dry run) without problems
    _, problems = msel.dry_run(out, game.scenario)
    assert problems == []


def test_xlsx_import(tmp_path, game):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in GOOD:
        ws.append(r)
    path = tmp_path / "msel.xlsx"
    wb.save(path)
    rows, problems = msel.dry_run(path, game.scenario)
    assert problems == [] and len(rows) == 4


def test_msel_survives_reopen(tmp_path, game):
    msel.import_msel(game, write(tmp_path / "msel.csv", GOOD))
    path = game.path
    game.close()
    with open_game(path) as g:
        assert [r.serial for r in msel.rows(g)] == ["10", "11", "12", "13"]


def test_cancelling_a_fired_inject_returns_the_row_to_the_deck(tmp_path, game):
    """Fire now puts an inject on the pending list; undoing (cancelling) it puts the row back in the held deck."""
    msel.import_msel(game, write(tmp_path / "msel.csv", GOOD))
    msel.fire_now(game, "10")
    (pending,) = game.pending()
    game.cancel(pending.id)
    row = {r.serial: r for r in msel.rows(game)}["10"]
    assert row.status == "held"
    msel.fire_now(game, "10")
    game.advance(1)
    assert [e.data["attack"]["spec"]["location"] for e in game.events(1, kinds=["attack"])] == ["LVA-DGP"]
