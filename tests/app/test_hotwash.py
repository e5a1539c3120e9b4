"""The hotwash through wargame.app and the CLI: every value checked, survey imports all or nothing, old files open."""

from __future__ import annotations

import json
import lzma
import shutil
from pathlib import Path

import pytest

from wargame.app import AppError, hotwash, new_game, open_game
from wargame.app.hotwash import FeedbackImportError
from wargame.cli import main

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"
GOLDEN = (
    Path(__file__).resolve().parents[1] / "data" / "golden" / "demo-v1.wargame.xz"
)  # written before schema 0005 (the current golden games are newer)


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> Path:
    """A 3-turn demo game with an attack (module-scoped; tests copy it)."""
    from wargame.app.types import AttackKind, AttackSpec

    folder = tmp_path_factory.mktemp("hw")
    shutil.copy(DEMO.with_name("world-treaties.toml"), folder)
    shutil.copy(DEMO, folder / "demo.toml")
    with new_game(folder / "demo.toml", folder / "g.wargame") as g:
        g.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40, attribution=0.95))
        g.advance(3)
    return folder / "g.wargame"


@pytest.fixture
def path(played, tmp_path) -> Path:
    p = tmp_path / "g.wargame"
    shutil.copy(played, p)
    return p


def test_observations_are_checked_and_stored(path) -> None:
    with open_game(path) as g:
        seq = g.event_rows(1)[0].seq
        o = hotwash.add_observation(
            g, "estonia", "s", "  asked   at once ", "operational COORDINATION", turn=1, event_seq=seq
        )
        assert (o.team, o.kind, o.text, o.capability) == (
            "EST",
            "strength",
            "asked at once",
            "Operational coordination",
        )
        t = hotwash.add_observation(g, "Blue team", "area for improvement", "slow to brief")
        assert t.team == "Blue team" and t.kind == "improvement" and t.turn is None
        bad = [
            (lambda: hotwash.add_observation(g, "ESX", "strength", "x"), "unknown state 'ESX'.*did you mean"),
            (lambda: hotwash.add_observation(g, "EST", "maybe", "x"), "strength or an improvement"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "   "), "the observation is empty"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "x" * 1001), "at most 1000"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "x", turn=9), "turn 9 does not exist"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "x", turn=1, event_seq=9999), "no event 9999"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "x", event_seq=1), "give the turn too"),
            (lambda: hotwash.add_observation(g, "EST", "strength", "a\x00b"), "control characters"),
            (lambda: hotwash.add_observation(g, "", "strength", "x"), "team or state is empty"),
        ]
        for call, message in bad:
            with pytest.raises(AppError, match=message):
                call()
        changed = hotwash.update_observation(g, t.id, kind="strength", turn=2)
        assert (changed.kind, changed.turn) == ("strength", 2)
        with pytest.raises(AppError, match="no field 'colour'"):
            hotwash.update_observation(g, t.id, colour="red")
    with open_game(path, readonly=True) as g:
        hw = hotwash.hotwash(g)
        assert [o.text for o in hw.observations] == ["asked at once", "slow to brief"]
        with pytest.raises(AppError, match="read-only"):
            hotwash.add_observation(g, "EST", "strength", "no")


def test_plan_rows_and_their_links(path) -> None:
    with open_game(path) as g:
        o = hotwash.add_observation(g, "EST", "improvement", "slow request")
        p = hotwash.add_plan_item(
            g, "Slow request", "Pre-draft the Art 4 letter", "MFA Tallinn", "2027-02-01", observation_id=o.id
        )
        assert p.due.isoformat() == "2027-02-01" and p.observation_id == o.id
        for kwargs, message in [
            ({"due": "1/2/2027"}, "a date like 2027-03-31"),
            ({"due": "2027-02-30"}, "a date like"),
            ({"due": "2199-01-01"}, "not between 2000 and 2100"),
            ({"owner": ""}, "the owner is empty"),
            ({"observation_id": 99}, "no observation #99"),
        ]:
            args = {"issue": "i", "action": "a", "owner": "o", "due": "2027-01-01", **kwargs}
            with pytest.raises(AppError, match=message):
                hotwash.add_plan_item(
                    g, args.pop("issue"), args.pop("action"), args.pop("owner"), args.pop("due"), **args
                )
        hotwash.remove(g, "observation", o.id)  # the plan row stays, unlinked
        (left,) = hotwash.hotwash(g).plan
        assert left.id == p.id and left.observation_id is None
        with pytest.raises(AppError, match="no improvement plan row #99"):
            hotwash.remove(g, "plan", 99)
        with pytest.raises(AppError, match="unknown hotwash item"):
            hotwash.remove(g, "survey", 1)


def test_feedback_forms(path) -> None:
    with open_game(path) as g:
        f = hotwash.add_feedback(
            g, "Ann", {"realism": "4", "tool": 5.0}, ["map", " ", "verdicts"], ["shorter"], team="EST"
        )
        assert f.ratings == {"realism": 4, "tool": 5} and f.strengths == ("map", "verdicts") and f.team == "EST"
        for args, message in [
            (("Ann", {}), "has given feedback already"),
            (("Bo", {"realism": 6}), "from 1 to 5, not 6"),
            (("Bo", {"realism": 0}), "from 1 to 5, not 0"),
            (("Bo", {"realism": "4.5"}), "whole number from 1 to 5"),
            (("Bo", {"realism": True}), "whole number from 1 to 5"),
            (("Bo", {"colour": 3}), "unknown rating 'colour'"),
            (("Bo", {}, ["a", "b", "c", "d"]), "at most three strengths"),
        ]:
            with pytest.raises(AppError, match=message):
                hotwash.add_feedback(g, *args)
        r = {x.key: x for x in hotwash.hotwash(g).ratings()}
        assert r["realism"].mean == 4.0 and r["realism"].counts == (0, 0, 0, 1, 0) and r["organisation"].answers == 0


SURVEY_OK = (
    "Timestamp,Participant,Team,The scenario was plausible and realistic,tool,Strength 1,Improvement 1,Comments\n"
    "2026-10-15,Cara,EST,4,5,clear verdicts,shorter turns,good\n"
    "2026-10-15,Dan,Blue team,2,,the map,,\n"
)


def test_survey_import_is_all_or_nothing(path, tmp_path) -> None:
    good = tmp_path / "survey.csv"
    good.write_text(SURVEY_OK, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(SURVEY_OK + "2026-10-15,Eve,XYZ,7,x,,,\n2026-10-15,,EST,3,3,,,\n", encoding="utf-8")
    with open_game(path) as g:
        with pytest.raises(FeedbackImportError) as err:
            hotwash.import_feedback(g, bad)
        problems = [(p.row, p.column) for p in err.value.problems]
        assert problems == [(4, "team"), (4, "realism"), (4, "tool"), (5, "participant")]
        assert "nothing imported" in str(err.value) and len(str(err.value).splitlines()) == 1
        assert hotwash.hotwash(g).feedback == []  # the good rows of a bad file are not imported either
        forms = hotwash.import_feedback(g, good)
        assert [(f.participant, f.team, f.ratings) for f in forms] == [
            ("Cara", "EST", {"realism": 4, "tool": 5}),
            ("Dan", "Blue team", {"realism": 2}),
        ]
        assert forms[0].source == "imported from survey.csv" and forms[0].comment == "good"
        with pytest.raises(FeedbackImportError, match="Cara has given feedback already"):
            hotwash.import_feedback(g, good)
        assert len(hotwash.hotwash(g).feedback) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"participant,colour\nA,red\n", "colour: unknown column"),
        (b"team,realism\nEST,3\n", "participant: required column is missing"),
        (b"participant,realism,realism\nA,3,3\n", "the column appears twice"),
        (b"participant\n\xff\xfe\n", "not UTF-8 text"),
        (b"participant,realism\nA,3,9,9\n", "a value outside the header's columns"),
        (b"participant,comment\nA," + b"x" * 2001 + b"\n", "at most 2000"),
    ],
)
def test_survey_problems_are_named_by_row_and_column(path, tmp_path, content: bytes, message: str) -> None:
    f = tmp_path / "s.csv"
    f.write_bytes(content)
    with open_game(path) as g:
        _forms, problems = hotwash.check_feedback_csv(g, f)
        assert any(message in str(p) for p in problems), problems
        assert hotwash.hotwash(g).feedback == []


def test_survey_file_errors(path, tmp_path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("participant\n" + "".join(f"p{i}\n" for i in range(501)), encoding="utf-8")
    with open_game(path) as g:
        for name, message in [
            ("missing.csv", "no such file"),
            ("s.xlsx", "expected a .csv file"),
            ("big.csv", "501 forms"),
        ]:
            if name == "s.xlsx":
                (tmp_path / name).write_bytes(b"PK")
            _forms, problems = hotwash.check_feedback_csv(g, tmp_path / name)
            assert problems and message in str(problems[0]), problems


def test_cli_hotwash_verbs(path, tmp_path, capsys) -> None:
    g = str(path)
    assert (
        main(["hotwash", "observe", g, "--team", "EST", "--kind", "strength", "--text", "fast request", "--turn", "1"])
        == 0
    )
    assert "Observation #1 recorded: strength of Estonia" in capsys.readouterr().out
    assert (
        main(
            [
                "hotwash",
                "plan",
                g,
                "--issue",
                "i",
                "--action",
                "a",
                "--owner",
                "o",
                "--due",
                "2027-01-01",
                "--observation",
                "1",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(["hotwash", "feedback", g, "--participant", "Ann", "--rate", "realism=4", "--strength", "map", "--json"])
        == 0
    )
    form = json.loads(capsys.readouterr().out)
    assert (form["participant"], form["ratings"], form["strengths"]) == ("Ann", {"realism": 4}, ["map"])
    assert main(["hotwash", "list", g, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["observations"][0]["team"] == "EST" and data["plan"][0]["due"] == "2027-01-01"
    assert data["feedback"][0]["ratings"] == {"realism": 4}
    assert main(["hotwash", "list", g]) == 0
    assert "Improvement plan (1)" in capsys.readouterr().out
    for argv, message in [
        (["hotwash", "observe", g, "--team", "XYZ", "--kind", "strength", "--text", "x"], "unknown state 'XYZ'"),
        (["hotwash", "plan", g, "--issue", "i", "--action", "a", "--owner", "o", "--due", "soon"], "a date like"),
        (["hotwash", "feedback", g, "--participant", "Bo", "--rate", "realism"], "a rating is KEY=N"),
        (["hotwash", "feedback", g, "--participant", "Bo", "--rate", "realism=9"], "from 1 to 5, not 9"),
        (["hotwash", "remove", g, "plan", "7"], "no improvement plan row #7"),
        (["hotwash", "frobnicate", g], "invalid choice"),
        (["hotwash", "list", str(tmp_path / "none.wargame")], "no saved game"),
    ]:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("wargame: error: ") and message in err and len(err.splitlines()) == 1, err
    survey = tmp_path / "s.csv"
    survey.write_text("participant,realism\nCara,9\nDan,3\n", encoding="utf-8")
    assert main(["hotwash", "import", g, str(survey), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "ok": False,
        "problems": [{"row": 2, "column": "realism", "message": "the rating 'realism' must be from 1 to 5, not 9"}],
    }
    survey.write_text("participant,realism\nCara,5\nDan,3\n", encoding="utf-8")
    assert main(["hotwash", "check", g, str(survey)]) == 0
    assert "would import 2" in capsys.readouterr().out
    assert main(["hotwash", "import", g, str(survey)]) == 0
    assert "imported 2 feedback form(s)" in capsys.readouterr().out
    assert main(["hotwash", "remove", g, "feedback", "1"]) == 0
    with open_game(path, readonly=True) as game:
        assert [f.participant for f in hotwash.hotwash(game).feedback] == ["Cara", "Dan"]


def test_an_old_saved_game_without_hotwash_tables_opens(tmp_path) -> None:
    """A golden game written before schema 0005 is backed up, migrated on open, and gets an empty hotwash."""
    old = tmp_path / "demo.wargame"
    old.write_bytes(lzma.decompress(GOLDEN.read_bytes()))
    import sqlite3

    with sqlite3.connect(old) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "hotwash_observations" not in tables
    with open_game(old) as g:
        assert hotwash.hotwash(g).empty
        hotwash.add_observation(g, "EST", "strength", "kept")
        last = g.last_turn
    assert list(tmp_path.glob("demo.wargame.bak-*"))
    with open_game(old, readonly=True) as g:
        assert g.last_turn == last and [o.text for o in hotwash.hotwash(g).observations] == ["kept"]
