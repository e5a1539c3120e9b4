"""Solo play and the facilitator's toolkit from the command line."""

from __future__ import annotations

import csv
import json

from wargame.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_play_headless_with_ai_others(tmp_path, capsys):
    """`wargame play SCENARIO --seat USA --ai-others --turns N --seed S` runs, logs the AI's reasoning and replays."""
    out_file = tmp_path / "solo.wargame"
    code, out, err = run(
        capsys, "play", "demo", "--seat", "USA", "--ai-others", "--turns", "9", "--seed", "2", "-o", out_file, "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["seats"]["USA"] == "human" and data["seats"]["RUS"] == "ai"
    assert data["ai"], "the aggressor AI must log its reasoning"
    code, out, _ = run(capsys, "verify", out_file)
    assert code == 0 and out.startswith("OK")


def test_play_refuses_unknown_seat(capsys):
    code, _, err = run(capsys, "play", "demo", "--seat", "USX", "--ai-others", "--turns", "2")
    assert code == 2 and "unknown seat state 'USX'" in err and "'USA'" in err


def test_override_from_the_cli_replays_and_needs_a_rationale(tmp_path, capsys):
    g = tmp_path / "g.wargame"
    assert run(capsys, "new", "demo", "-o", g)[0] == 0
    assert (
        run(
            capsys,
            "inject",
            g,
            "--attacker",
            "RUS",
            "--victim",
            "EST",
            "--location",
            "EST-NAR",
            "--kind",
            "shelling",
            "--casualties",
            "3",
        )[0]
        == 0
    )
    assert run(capsys, "advance", g)[0] == 0
    code, _, err = run(
        capsys,
        "override",
        g,
        "--target",
        "verdict",
        "--key",
        "NATO:5:A1",
        "--value",
        "BELOW_THRESHOLD",
        "--rationale",
        " ",
    )
    assert code == 2 and "rationale" in err
    code, out, err = run(
        capsys,
        "override",
        g,
        "--target",
        "verdict",
        "--key",
        "NATO:5:A1",
        "--value",
        "BELOW_THRESHOLD",
        "--rationale",
        "umpire: a frontier incident",
    )
    assert code == 0, err
    assert run(capsys, "advance", g, "--turns", "2")[0] == 0
    code, out, _ = run(capsys, "--json", "show", g)
    v = json.loads(out)["world"]["verdicts"]["NATO:5:A1"]
    assert v["code"] == "BELOW_THRESHOLD" and "umpire" in v["gates"][-1]["detail"]
    code, out, _ = run(capsys, "verify", g)
    assert code == 0, out
    code, out, _ = run(capsys, "log", g, "--kind", "override")
    assert "White cell overrules verdict NATO:5:A1" in out


def test_msel_check_import_and_fire_from_the_cli(tmp_path, capsys):
    g = tmp_path / "g.wargame"
    assert run(capsys, "new", "demo", "-o", g)[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "serial,time,kind,attacker,victim,location\n1,D+2,shelling,RUS,LVA,LVA-DGP\n2,D+x,missile,RUS,POL,NOWHERE\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "msel", "check", g, bad)  # problems are errors: on standard error
    assert code == 1 and out == "" and "row 3, time" in err and "row 3, location" in err
    code, out, err = run(capsys, "msel", "import", g, bad)
    assert code == 1 and out == "" and "nothing imported" in err
    good = tmp_path / "good.csv"
    good.write_text(
        "serial,time,kind,attacker,victim,location,casualties\n1,D+2,shelling,RUS,LVA,LVA-DGP,4\n"
        "2,HOLD,cyber,RUS,EST,EST-TLL,0\n",
        encoding="utf-8",
    )
    assert run(capsys, "msel", "check", "demo", good)[0] == 0
    code, out, _ = run(capsys, "msel", "import", g, good)
    assert code == 0 and "1 scheduled, 1 held back" in out
    assert run(capsys, "msel", "fire", g, "--serial", "2")[0] == 0
    assert run(capsys, "advance", g, "--turns", "2")[0] == 0
    code, out, _ = run(capsys, "--json", "log", g, "--kind", "attack")
    kinds = [(e["turn"], e["data"]["attack"]["spec"]["kind"]) for e in json.loads(out)]
    assert (1, "cyber") in kinds and (2, "shelling") in kinds
    back = tmp_path / "back.csv"
    assert run(capsys, "msel", "export", g, back)[0] == 0
    assert [r["status"] for r in csv.DictReader(back.open(encoding="utf-8"))] == ["fired", "fired"]


def test_score_of_a_fresh_game(tmp_path, capsys):
    g = tmp_path / "g.wargame"
    assert run(capsys, "new", "demo", "-o", g)[0] == 0
    code, out, _ = run(capsys, "score", g)
    assert code == 0 and "Score 80 / 80 at turn 0" in out and "✓ Tallinn stays Estonian" in out


def test_overrides_and_notes_appear_in_the_report(tmp_path, capsys):
    """An override shows in the after-action report with its rationale, and so does a facilitator note."""
    g = tmp_path / "g.wargame"
    assert run(capsys, "new", "demo", "-o", g)[0] == 0
    assert (
        run(
            capsys,
            "inject",
            g,
            "--attacker",
            "RUS",
            "--victim",
            "EST",
            "--location",
            "EST-NAR",
            "--kind",
            "shelling",
            "--casualties",
            "3",
        )[0]
        == 0
    )
    assert run(capsys, "advance", g)[0] == 0
    assert (
        run(
            capsys,
            "override",
            g,
            "--target",
            "verdict",
            "--key",
            "NATO:5:A1",
            "--value",
            "BELOW_THRESHOLD",
            "--rationale",
            "umpire: a frontier incident",
        )[0]
        == 0
    )
    assert run(capsys, "note", g, "Hotwash: discuss the umpire ruling")[0] == 0
    assert run(capsys, "advance", g)[0] == 0
    html = tmp_path / "r.html"
    assert run(capsys, "report", g, "-o", html)[0] == 0
    text = html.read_text(encoding="utf-8")
    assert "umpire: a frontier incident" in text and "Hotwash: discuss the umpire ruling" in text


def test_allies_decline_with_reasons_in_headless_play(tmp_path, capsys):
    """In headless solo play on the Baltic scenario, an ally with low support declines and says why."""
    code, out, err = run(
        capsys,
        "play",
        "baltic",
        "--seat",
        "USA",
        "--ai-others",
        "--turns",
        "5",
        "--seed",
        "3",
        "-o",
        tmp_path / "b.wargame",
        "--json",
    )
    assert code == 0, err
    declines = json.loads(out)["declines"]
    assert declines and any("support" in " ".join(d["reasons"]) for d in declines)
