"""The crisis decisions from the command line (issue 10): each a command with a one-line error when it cannot be
made, and each reaching the engine (the log shows its outcome)."""

from __future__ import annotations

import json

import pytest

from wargame.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def game(tmp_path, capsys):
    """A demo game with one Russian missile strike on Estonia that Estonia (a seat) has not yet answered."""
    path = tmp_path / "g.wargame"
    assert run(capsys, "new", "demo", "-o", path, "--seed", 5, "--seat", "EST=human", "--seat", "USA=human")[0] == 0
    code, out, err = run(
        capsys, "inject", path, "--attacker", "RUS", "--victim", "EST", "--location", "EST-NAR", "--kind", "missile",
        "--casualties", "12", "--no-request", "--suspect", "RUS=0.6", "--attribution-days", "-1",
    )  # fmt: skip
    assert code == 0, err
    assert run(capsys, "advance", path)[0] == 0
    return path


def test_a_seat_takes_each_step_and_the_engine_answers(game, capsys):
    """Consultations under one treaty, evidence, assistance under a named article, a letter to the Council, a
    Council draft: each recorded, and its outcome in the log."""
    steps = [
        ["decide", game, "--state", "EST", "--action", "consult", "--attack", "A1", "--treaty", "NATO"],
        ["evidence", game, "--attack", "A1", "--candidate", "RUS", "--kind", "intercepts"],
        ["decide", game, "--state", "EST", "--action", "notify", "--attack", "A1"],
    ]
    for argv in steps:
        code, out, err = run(capsys, *argv)
        assert code == 0 and "recorded" in out, err
    assert run(capsys, "advance", game)[0] == 0
    code, out, err = run(capsys, "decide", game, "--state", "EST", "--action", "request", "--attack", "A1",
                         "--treaty", "NATO", "--article", "5")  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "decide", game, "--state", "USA", "--action", "table", "--attack", "A1",
                         "--draft-kind", "condemn")  # fmt: skip
    assert code == 0, err
    assert run(capsys, "advance", game, "--turns", "2")[0] == 0
    code, out, err = run(capsys, "--json", "show", game)
    world = json.loads(out)["world"]
    att = world["attacks"]["A1"]
    assert att["consultations"] == {"NATO:4": ["EST"]} and att["assistance"] == {"NATO:5": 3}
    assert att["notified"] == ["EST"] and att["attribution"] == pytest.approx(0.9)
    assert world["verdicts"]["NATO:5:A1"]["code"] == "TRIGGERED"
    drafts = world["crisis"]["council"]
    assert any(d["kind"] == "condemn" and d["sponsor"] == "USA" for d in drafts.values())
    code, out, err = run(capsys, "show", game)
    assert "Security Council and General Assembly:" in out


def test_only_the_councils_members_vote(tmp_path, capsys):
    """Russia's invasion of Estonia: Estonia's draft awaits the Council's vote; the United States may vote on it,
    Estonia (not a member) may not, in one line."""
    path = tmp_path / "v.wargame"
    assert run(capsys, "new", "demo", "-o", path, "--seed", 5)[0] == 0
    assert run(capsys, "inject", path, "--attacker", "RUS", "--victim", "EST", "--location", "EST-NAR",
               "--kind", "invasion", "--casualties", "40")[0] == 0  # fmt: skip
    assert run(capsys, "advance", path)[0] == 0
    code, out, err = run(capsys, "decide", path, "--state", "EST", "--action", "vote", "--draft", "R1", "--vote", "yes")
    assert (
        code == 2 and err.strip() == "wargame: error: EST does not sit on the Security Council: it cannot vote on R1"
    ), err
    code, out, err = run(capsys, "decide", path, "--state", "USA", "--action", "vote", "--draft", "R1", "--vote", "yes")
    assert code == 0, err
    code, out, err = run(capsys, "show", path)
    assert "R1: condemning and demanding the withdrawal of Russia (A1), by Estonia: tabled" in out


def test_the_white_cell_settles_attribution(game, capsys):
    code, out, err = run(capsys, "override", game, "--target", "attribution", "--key", "A1", "--value", "NONE",
                         "--rationale", "no attack took place")  # fmt: skip
    assert code == 0, err
    assert run(capsys, "advance", game)[0] == 0
    code, out, err = run(capsys, "--json", "show", game)
    assert json.loads(out)["world"]["attacks"]["A1"]["void"] is True


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["decide", "{game}", "--state", "USA", "--action", "request", "--attack", "A1"], "only the victim (EST)"),
        (["decide", "{game}", "--state", "USA", "--action", "declare", "--attack", "A1"], "only the victim (EST)"),
        (["decide", "{game}", "--state", "EST", "--action", "request", "--attack", "A1", "--treaty", "XXX"], "no treaty 'XXX'"),
        (["decide", "{game}", "--state", "EST", "--action", "request", "--attack", "A1", "--treaty", "NATO", "--article", "9"], "has no article '9'"),
        (["decide", "{game}", "--state", "EST", "--action", "request", "--attack", "A1", "--article", "5"], "needs --treaty"),
        (["decide", "{game}", "--state", "EST", "--action", "consult"], "consult needs --attack"),
        (["decide", "{game}", "--state", "EST", "--action", "vote", "--draft", "R9", "--vote", "yes"], "no draft 'R9'"),
        (["decide", "{game}", "--state", "EST", "--action", "vote", "--draft", "R1"], "a vote needs --draft and --vote"),
        (["decide", "{game}", "--state", "USA", "--action", "table", "--attack", "A1"], "needs --draft-kind"),
        (["decide", "{game}", "--state", "USA", "--action", "table", "--attack", "A1", "--draft-kind", "bless"], "unknown draft 'bless'"),
        (["decide", "{game}", "--state", "EST", "--action", "claim", "--attack", "A1"], "EST did not make A1"),
        (["decide", "{game}", "--state", "EST", "--action", "measure", "--attack", "A1", "--treaty", "NATO"], "needs --treaty and --measure"),
        (["decide", "{game}", "--state", "EST", "--action", "measure", "--attack", "A1", "--treaty", "NATO", "--measure", "moon"], "no measure 'moon'"),
        (["decide", "{game}", "--state", "EST", "--action", "frobnicate"], "invalid choice"),
        (["evidence", "{game}", "--attack", "A7", "--candidate", "RUS", "--kind", "radar"], "no attack 'A7'"),
        (["evidence", "{game}", "--attack", "A1", "--candidate", "RUZ", "--kind", "radar"], "unknown candidate 'RUZ' (did you mean 'RUS'?)"),
        (["evidence", "{game}", "--attack", "A1", "--candidate", "RUS", "--kind", "rumour"], "invalid choice"),
        (["override", "{game}", "--target", "attribution", "--key", "A5", "--value", "RUS", "--rationale", "x"], "no attack 'A5'"),
        (["override", "{game}", "--target", "attribution", "--key", "A1", "--value", "MARS", "--rationale", "x"], "unknown attacker 'MARS'"),
        (["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--suspect", "RUS"], "STATE=WEIGHT"),
        (["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--suspect", "XYZ=0.5"], "unknown suspect 'XYZ'"),
        (["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--response-to", "A9"], "no attack 'A9' for response_to"),
        (["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--intent", "sloppy"], "invalid choice"),
    ],
)  # fmt: skip
def test_impossible_crisis_commands_give_one_line(game, tmp_path, capsys, argv, needle):
    argv = [a.format(game=game, tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert needle in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_assess_takes_the_new_attack_fields(capsys):
    """A frontier volley is below an armed attack; the same shelling with a 170-round barrage is one; an unknown
    attacker leaves the defence article pending; the charter's Art 51 is judged too."""
    base = ["--json", "assess", "world", "--date", "2026-01-01", "--attacker", "RUS", "--victim", "EST",
            "--location", "EST-NAR", "--kind", "shelling", "--casualties", "5"]  # fmt: skip

    def codes(*extra):
        code, out, err = run(capsys, *base, *extra)
        assert code == 0, err
        return {f"{v['treaty']}:{v['article']}": v["code"] for v in json.loads(out)["verdicts"]}

    assert codes()["NATO:5"] == "BELOW_THRESHOLD" and codes()["UN:51"] == "BELOW_THRESHOLD"
    assert codes("--weapons", "170")["NATO:5"] == "TRIGGERED"
    unknown = ["--json", "assess", "world", "--date", "2026-01-01", "--attacker", "UNKNOWN", "--victim", "EST",
               "--location", "EST", "--kind", "strike", "--casualties", "20", "--attribution", "0"]  # fmt: skip
    code, out, err = run(capsys, *unknown)
    assert code == 0, err
    assert {v["article"]: v["code"] for v in json.loads(out)["verdicts"] if v["treaty"] == "NATO"}[
        "5"
    ] == "ATTRIBUTION_PENDING"
