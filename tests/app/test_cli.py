"""The command line as a user runs it: outputs, JSON, and one-line errors for every wrong argument."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import encode

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def game(tmp_path, capsys):
    path = tmp_path / "g.wargame"
    code, out, err = run(capsys, "new", "demo", "-o", path, "--seed", 11)
    assert code == 0, err
    return path


def test_new_inject_advance_show_log(game, capsys):
    code, out, err = run(
        capsys,
        "inject",
        game,
        "--attacker",
        "RUS",
        "--victim",
        "LVA",
        "--location",
        "LVA-DGP",
        "--kind",
        "shelling",
        "--casualties",
        "7",
        "--attribution",
        "0.9",
    )
    assert code == 0 and "turn 1" in out
    code, out, err = run(capsys, "advance", game, "--turns", "3")
    assert code == 0 and "Turn 1" in out and "Turn 3" in out
    code, out, err = run(capsys, "show", game, "--turn", "2")
    assert code == 0 and "turn 2" in out and "Verdicts" in out
    code, out, _ = run(capsys, "log", game, "--reasons")
    assert code == 0 and "== Turn 1" in out and "✓" in out
    code, out, _ = run(capsys, "--json", "show", game)
    data = json.loads(out)
    assert data["turn"] == 3 and "A1" in data["world"]["attacks"]


def test_json_verdicts_use_the_stable_codes(capsys):
    code, out, _ = run(
        capsys,
        "assess",
        "demo",
        "--json",
        "--attacker",
        "RUS",
        "--victim",
        "EST",
        "--location",
        "EST-NAR",
        "--kind",
        "invasion",
        "--date",
        "2026-03-02",
    )
    assert code == 0
    codes = {(v["treaty"], v["article"]): v["code"] for v in json.loads(out)["verdicts"]}
    assert codes[("NATO", "5")] == "TRIGGERED"
    assert set(codes.values()) <= {
        "TRIGGERED",
        "CONSULT",
        "NOT_IN_FORCE",
        "NOT_A_PARTY",
        "SUSPENDED",
        "VICTIM_INITIATED",
        "ADVERSARY_EXCLUDED",
        "OUT_OF_SCOPE",
        "AMBIGUOUS_SCOPE",
        "BELOW_THRESHOLD",
        "ATTRIBUTION_PENDING",
        "NOT_REQUESTED",
    }


def test_assess_before_finland_joined(capsys):
    code, out, _ = run(
        capsys,
        "assess",
        "demo",
        "--attacker",
        "RUS",
        "--victim",
        "FIN",
        "--location",
        "FIN",
        "--kind",
        "missile",
        "--casualties",
        "5",
        "--date",
        "2022-06-01",
    )
    assert code == 0 and "NOT_A_PARTY" in out


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--attacker", "RUX", "--victim", "EST", "--location", "EST", "--kind", "strike"], "unknown attacker 'RUX'"),
        (["--attacker", "RUS", "--victim", "EST", "--location", "ATLANTIS", "--kind", "strike"], "unknown location"),
        (["--attacker", "EST", "--victim", "EST", "--location", "EST", "--kind", "strike"], "cannot attack itself"),
        (
            ["--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--casualties", "-3"],
            "must be 0 or more",
        ),
        (
            ["--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike", "--attribution", "1.7"],
            "between 0 and 1",
        ),
        (["--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "nuke"], "invalid choice"),
        (["--attacker", "RUS", "--victim", "EST", "--location", "LVA-RIX", "--kind", "strike"], "administered by LVA"),
    ],
)
def test_wrong_inject_arguments_give_one_line(game, capsys, argv, needle):
    code, out, err = run(capsys, "inject", game, *argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["show", "{game}", "--turn", "99"], "turn 99 does not exist"),
        (["branch", "{game}", "--turn", "5", "-o", "{tmp}/b.wargame"], "turn 5 does not exist"),
        (["advance", "{game}", "--turns", "0"], "must be 1 or more"),
        (["show", "{tmp}/missing.wargame"], "no saved game"),
        (["new", "nosuch", "-o", "{tmp}/x.wargame"], "no scenario file 'nosuch'"),
        (
            ["assess", "balitc", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike"],
            "no scenario file 'balitc' (did you mean 'baltic'?)",
        ),
        (
            ["assess", "demo", "--attacker", "RUS", "--victim", "EST", "--location", "ESTX", "--kind", "strike"],
            "unknown location 'ESTX' (did you mean 'EST'?)",
        ),
        (["msel", "check", "nosuch", "{tmp}/x.csv"], "no scenario file 'nosuch'"),
        (["score", "{tmp}/missing.wargame"], "no saved game"),
        (["new", "demo", "-o", "{game}"], "exists already"),
        (["frobnicate"], "invalid choice"),
        (["decide", "{game}", "--state", "EST", "--action", "request", "--attack", "A9"], "no attack 'A9'"),
        (["decide", "{game}", "--state", "EST", "--action", "mobilise", "--force", "USA-82-IRF"], "belongs to USA"),
        (
            ["decide", "{game}", "--state", "POL", "--action", "permit", "--kind", "transit"],
            "needs --kind and --beneficiary",
        ),
        (
            ["decide", "{game}", "--state", "POL", "--action", "permit", "--kind", "transit", "--beneficiary", "DUE"],
            "unknown beneficiary 'DUE'",
        ),
        (["decide", "{game}", "--state", "EST", "--action", "alert"], "needs --level"),
        (["decide", "{game}", "--state", "EST", "--action", "alert", "--level", "2"], "no nuclear posture"),
    ],
)
def test_wrong_arguments_give_one_line_and_nonzero(game, tmp_path, capsys, argv, needle):
    argv = [a.format(game=game, tmp=tmp_path) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert needle in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_damaged_and_foreign_files_are_refused_untouched(tmp_path, game, capsys):
    junk = tmp_path / "junk.wargame"
    junk.write_bytes(b"this is not a database" * 10)
    half = tmp_path / "half.wargame"
    data = game.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    for f in (junk, half):
        before = f.read_bytes()
        code, out, err = run(capsys, "show", f)
        assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert f.read_bytes() == before


def test_bad_scenario_validate_lists_paths(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(DEMO.read_text(encoding="utf-8").replace('owner = "EST"', 'owner = "ESR"', 1), encoding="utf-8")
    shutil.copy(DEMO.with_name("world-treaties.toml"), tmp_path)  # the demo's treaties come from the pack
    code, out, err = run(capsys, "validate", bad)
    assert code == 1 and out == ""  # problems are errors: on standard error
    assert "forces[" in err and "did you mean 'EST'" in err


def test_same_seed_and_commands_give_identical_logs(tmp_path, capsys):
    logs = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.wargame"
        assert run(capsys, "new", "demo", "-o", path, "--seed", 5)[0] == 0
        assert (
            run(
                capsys,
                "inject",
                path,
                "--attacker",
                "RUS",
                "--victim",
                "EST",
                "--location",
                "EST-TLL",
                "--kind",
                "missile",
                "--casualties",
                "20",
            )[0]
            == 0
        )
        assert run(capsys, "advance", path, "--turns", "8")[0] == 0
        logs.append(run(capsys, "log", path, "--reasons")[1])
    assert logs[0] == logs[1] and "== Turn 8" in logs[0]


def test_branch_and_verify(game, tmp_path, capsys):
    assert run(capsys, "advance", game, "--turns", "6")[0] == 0
    br = tmp_path / "branch.wargame"
    code, out, err = run(capsys, "branch", game, "--turn", "3", "-o", br)
    assert code == 0, err
    code, out, _ = run(capsys, "--json", "show", br)
    assert json.loads(out)["turn"] == 3
    assert run(capsys, "advance", br, "--turns", "2")[0] == 0
    code, out, _ = run(capsys, "verify", br)
    assert code == 0 and out.startswith("OK")
    code, out, _ = run(capsys, "verify", game)
    assert code == 0 and "6 turns" in out


def test_verify_detects_tampering(game, capsys):
    import sqlite3

    assert run(capsys, "advance", game, "--turns", "3")[0] == 0
    con = sqlite3.connect(game)
    con.execute("UPDATE turns SET state_hash = 'forged' WHERE turn = 2")
    con.commit()
    con.close()
    code, out, _ = run(capsys, "verify", game)
    assert code == 1 and "turn 2" in out


def test_headless_run_plays_the_demo_in_the_terminal():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, "-m", "wargame", "demo", "--turns", "3"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Turn 3" in proc.stdout
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from wargame.cli import launch_gui, has_display; sys.exit(0 if not has_display() else 3)",
        ],
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0


def test_kill_during_advance_keeps_every_committed_turn(tmp_path):
    """A kill -9 while `wargame advance` runs leaves a file that opens and holds every committed turn."""
    long = tmp_path / "long.toml"
    text = DEMO.read_text(encoding="utf-8")
    import re

    text = re.sub(r"(?m)^max_turns\s*=\s*\d+", "max_turns = 5000", text, count=1)
    text = re.sub(r"(?m)^\[\[end\]\][^\[]*", "", text)
    long.write_text(text, encoding="utf-8")
    shutil.copy(DEMO.with_name("world-treaties.toml"), tmp_path)
    game = tmp_path / "crash.wargame"
    subprocess.run(
        [sys.executable, "-m", "wargame", "new", str(long), "-o", str(game)], check=True, cwd=ROOT, timeout=60
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "advance", str(game), "--turns", "4000"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    from wargame.app import open_game

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.3)
        with open_game(game, readonly=True) as g:
            if g.last_turn >= 5:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with open_game(game) as g:
        last = g.last_turn
        assert last >= 5
        for t in range(last + 1):
            assert g.world_at(t).turn == t
        assert g.summaries().keys() == set(range(last + 1))
        rep = g.verify()
        assert rep.ok, encode(rep)
        g.advance(1)
        assert g.last_turn == last + 1


def test_a_game_whose_creation_was_interrupted_is_refused_clearly(tmp_path, capsys):
    """A file created but never given its turn 0 (a crash inside `new`) opens with a clear message."""
    from wargame.app import new_game
    from wargame.store import GameFile

    new_game(DEMO, tmp_path / "ref.wargame").close()
    with GameFile.open(tmp_path / "ref.wargame", readonly=True) as ref:
        meta = ref.meta  # the store's record (Game.meta is the app's read model)
    GameFile.create(tmp_path / "half.wargame", meta).close()
    code, out, err = run(capsys, "show", tmp_path / "half.wargame")
    assert code == 2 and "never started" in err and len(err.strip().splitlines()) == 1


def test_decide_permit_alert_and_release(game, capsys):
    """The military decisions of issue 11 from the command line: a state grants or refuses transit, a nuclear power
    sets its alert, a force is deployed with a logged release."""
    code, out, err = run(
        capsys, "decide", game, "--state", "POL", "--action", "permit", "--kind", "transit", "--beneficiary", "DEU"
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        "decide",
        game,
        "--state",
        "LTU",
        "--action",
        "permit",
        "--kind",
        "overflight",
        "--beneficiary",
        "RUS",
        "--refuse",
        "--json",
    )
    assert code == 0 and json.loads(out)["payload"]["grant"] is False
    code, out, err = run(capsys, "decide", game, "--state", "RUS", "--action", "alert", "--level", "2", "--json")
    assert code == 0 and json.loads(out)["payload"]["level"] == 2
    code, out, err = run(
        capsys,
        "decide",
        game,
        "--state",
        "USA",
        "--action",
        "deploy",
        "--force",
        "USA-82-IRF",
        "--destination",
        "EST-TLL",
        "--release",
        "the President's order",
        "--json",
    )
    assert code == 0 and json.loads(out)["payload"]["release"] == "the President's order"
    code, out, err = run(capsys, "advance", game)
    assert code == 0, err
    code, out, err = run(capsys, "log", game, "--kind", "permission", "--kind", "nuclear")
    assert "Poland grants transit for Germany" in out and "Lithuania refuses overflight for Russia" in out
    assert "nuclear posture" in out
