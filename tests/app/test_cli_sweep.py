"""A sweep of wrong command lines (issue 14): of 310 in the adversarial run, 24 ended in "internal error" (a
5,000-character path, a seed of 2^63, ``--damage inf``, ``msel export`` to a folder) and 9 printed their error on
standard output. Here every wrong command line of every command must: exit non-zero, print nothing on standard
output, say what is wrong on standard error in a few short lines, never "internal error", and change nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wargame.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
LONG = "x" * 5000
NUMBERS_INT = ["2**63", "-1", "inf", "nan", "1e3", "abc", "", "9" * 401]
NUMBERS_FLOAT = ["inf", "-inf", "nan", "1e309", "-1", "abc", "", "9" * 401]
ATTACK = ["--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "strike"]


def _int(text: str) -> str:
    return str(2**63) if text == "2**63" else text


def _cases() -> list[tuple[str, list[str]]]:
    """(id, argv) with {game}, {other}, {dir}, {text}, {scn}, {fifo} and {tmp} to fill in."""
    c: list[tuple[str, list[str]]] = []
    missing, folder, huge = "{tmp}/missing.wargame", "{dir}", LONG
    for cmd in (
        "inject",
        "decide",
        "note",
        "advance",
        "show",
        "log",
        "branch",
        "verify",
        "recover",
        "score",
        "override",
        "report",
        "export",
    ):
        for name, game in (
            ("missing", missing),
            ("folder", folder),
            ("huge", huge),
            ("text", "{text}"),
            ("fifo", "{fifo}"),
        ):
            extra = {
                "inject": ATTACK,
                "decide": ["--state", "EST", "--action", "consult", "--attack", "A1"],
                "note": ["hello"],
                "branch": ["--turn", "0", "-o", "{tmp}/b1.wargame"],
                "recover": ["-o", "{tmp}/r1.wargame"],
                "override": ["--target", "opinion", "--key", "EST", "--value", "50", "--rationale", "r"],
                "report": ["-o", "{tmp}/r.html"],
                "export": ["-o", "{tmp}/exp"],
            }.get(cmd, [])
            c.append((f"{cmd}-game-{name}", [cmd, game, *extra]))
    for bad in NUMBERS_INT:
        c.append((f"new-seed-{bad[:8]}", ["new", "demo", "-o", "{tmp}/n.wargame", "--seed", _int(bad)]))
        c.append((f"inject-casualties-{bad[:8]}", ["inject", "{game}", *ATTACK, "--casualties", _int(bad)]))
        c.append((f"advance-turns-{bad[:8]}", ["advance", "{game}", "--turns", _int(bad)]))
        c.append((f"show-turn-{bad[:8]}", ["show", "{game}", "--turn", _int(bad)]))
        c.append((f"play-turns-{bad[:8]}", ["play", "demo", "--turns", _int(bad), "-o", "{tmp}/p.wargame"]))
        c.append((f"postpone-{bad[:8]}", ["msel", "postpone", "{game}", "--serial", "1", "--turns", _int(bad)]))
        c.append((f"branch-turn-{bad[:8]}", ["branch", "{game}", "--turn", _int(bad), "-o", "{tmp}/b2.wargame"]))
    for bad in NUMBERS_FLOAT:
        c.append((f"inject-damage-{bad[:8]}", ["inject", "{game}", *ATTACK, "--damage", bad]))
        c.append((f"inject-attribution-{bad[:8]}", ["inject", "{game}", *ATTACK, "--attribution", bad]))
        c.append((f"assess-damage-{bad[:8]}", ["assess", "demo", *ATTACK, "--damage", bad]))
        c.append(
            (
                f"override-opinion-{bad[:8]}",
                ["override", "{game}", "--target", "opinion", "--key", "EST", "--value", bad, "--rationale", "r"],
            )
        )
        c.append(
            (
                f"override-budget-{bad[:8]}",
                ["override", "{game}", "--target", "budget", "--key", "EST", "--value", bad, "--rationale", "r"],
            )
        )
    c += [
        ("inject-casualties-too-many", ["inject", "{game}", *ATTACK, "--casualties", "10000001"]),
        ("inject-damage-too-much", ["inject", "{game}", *ATTACK, "--damage", "1e20"]),
        ("inject-attribution-1.5", ["inject", "{game}", *ATTACK, "--attribution", "1.5"]),
        (
            "inject-attacker-huge",
            ["inject", "{game}", "--attacker", LONG, "--victim", "EST", "--location", "EST", "--kind", "strike"],
        ),
        (
            "inject-location-unknown",
            ["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "ATLANTIS", "--kind", "strike"],
        ),
        (
            "inject-kind-bad",
            ["inject", "{game}", "--attacker", "RUS", "--victim", "EST", "--location", "EST", "--kind", "nuke"],
        ),
        ("inject-description-huge", ["inject", "{game}", *ATTACK, "--description", "d" * 200_000]),
        (
            "inject-self",
            ["inject", "{game}", "--attacker", "EST", "--victim", "EST", "--location", "EST", "--kind", "strike"],
        ),
        ("decide-state-unknown", ["decide", "{game}", "--state", "ZZZ", "--action", "consult", "--attack", "A1"]),
        ("decide-action-bad", ["decide", "{game}", "--state", "EST", "--action", "surrender"]),
        ("decide-attack-missing", ["decide", "{game}", "--state", "EST", "--action", "request", "--attack", "A9"]),
        ("decide-attack-huge", ["decide", "{game}", "--state", "EST", "--action", "request", "--attack", LONG]),
        ("decide-force-unknown", ["decide", "{game}", "--state", "USA", "--action", "mobilise", "--force", "F0"]),
        ("decide-stance-incomplete", ["decide", "{game}", "--state", "EST", "--action", "stance"]),
        (
            "override-target-bad",
            ["override", "{game}", "--target", "weather", "--key", "EST", "--value", "1", "--rationale", "r"],
        ),
        (
            "override-no-rationale",
            ["override", "{game}", "--target", "opinion", "--key", "EST", "--value", "5", "--rationale", "   "],
        ),
        (
            "override-rationale-huge",
            ["override", "{game}", "--target", "opinion", "--key", "EST", "--value", "5", "--rationale", "r" * 200_000],
        ),
        (
            "override-opinion-101",
            ["override", "{game}", "--target", "opinion", "--key", "EST", "--value", "101", "--rationale", "r"],
        ),
        (
            "override-key-unknown",
            ["override", "{game}", "--target", "opinion", "--key", "ZZZ", "--value", "5", "--rationale", "r"],
        ),
        (
            "override-control-value-bad",
            [
                "override",
                "{game}",
                "--target",
                "control",
                "--key",
                "EST-NAR",
                "--value",
                "ATLANTIS",
                "--rationale",
                "r",
            ],
        ),
        (
            "override-decision-key-bad",
            ["override", "{game}", "--target", "decision", "--key", "EST", "--value", "full", "--rationale", "r"],
        ),
        (
            "override-verdict-none",
            [
                "override",
                "{game}",
                "--target",
                "verdict",
                "--key",
                "NATO:5:A1",
                "--value",
                "TRIGGERED",
                "--rationale",
                "r",
            ],
        ),
        ("note-huge", ["note", "{game}", "n" * 200_000]),
        ("new-scenario-missing", ["new", "{tmp}/none.toml", "-o", "{tmp}/n.wargame"]),
        ("new-scenario-folder", ["new", "{dir}", "-o", "{tmp}/n.wargame"]),
        ("new-scenario-huge", ["new", LONG, "-o", "{tmp}/n.wargame"]),
        ("new-scenario-fifo", ["new", "{fifo}", "-o", "{tmp}/n.wargame"]),
        ("new-output-huge", ["new", "demo", "-o", LONG]),
        ("new-output-folder", ["new", "demo", "-o", "{dir}"]),
        ("new-output-no-folder", ["new", "demo", "-o", "{tmp}/nowhere/n.wargame"]),
        ("new-output-exists", ["new", "demo", "-o", "{game}"]),
        ("new-over-its-scenario", ["new", "{scn}", "-o", "{scn}", "--force"]),
        ("new-seat-bad", ["new", "demo", "-o", "{tmp}/n.wargame", "--seat", "EST=robot"]),
        ("new-seat-unknown", ["new", "demo", "-o", "{tmp}/n.wargame", "--seat", "ZZZ=human"]),
        ("new-difficulty-bad", ["new", "demo", "-o", "{tmp}/n.wargame", "--difficulty", "insane"]),
        ("play-seat-unknown", ["play", "demo", "--seat", "ZZZ", "-o", "{tmp}/p.wargame"]),
        ("play-over-existing", ["play", "demo", "--turns", "1", "-o", "{game}"]),
        ("show-turn-99", ["show", "{game}", "--turn", "99"]),
        ("log-turn-99", ["log", "{game}", "--turn", "99"]),
        ("log-kind-huge", ["log", "{game}", "--kind", LONG]),
        ("branch-onto-itself", ["branch", "{game}", "--turn", "0", "-o", "{game}", "--force"]),
        ("branch-onto-existing", ["branch", "{game}", "--turn", "0", "-o", "{other}"]),
        ("branch-onto-folder", ["branch", "{game}", "--turn", "0", "-o", "{dir}"]),
        ("branch-output-huge", ["branch", "{game}", "--turn", "0", "-o", LONG]),
        ("branch-turn-99", ["branch", "{game}", "--turn", "99", "-o", "{tmp}/b3.wargame"]),
        ("recover-onto-itself", ["recover", "{game}", "-o", "{game}", "--force"]),
        ("recover-onto-existing", ["recover", "{game}", "-o", "{other}"]),
        ("recover-onto-folder", ["recover", "{game}", "-o", "{dir}"]),
        ("validate-missing", ["validate", "{tmp}/none.toml"]),
        ("validate-folder", ["validate", "{dir}"]),
        ("validate-huge", ["validate", LONG]),
        ("validate-fifo", ["validate", "{fifo}"]),
        ("validate-empty", ["validate", "{empty}"]),
        ("assess-date-bad", ["assess", "demo", *ATTACK, "--date", "2026-13-45"]),
        ("assess-date-huge", ["assess", "demo", *ATTACK, "--date", LONG]),
        ("assess-scenario-missing", ["assess", "{tmp}/none.toml", *ATTACK]),
        ("demo-turns-0", ["demo", "--turns", "0"]),
        ("demo-over-existing", ["demo", "--turns", "1", "-o", "{game}"]),
        ("demo-output-folder", ["demo", "--turns", "1", "-o", "{dir}"]),
        ("report-extension", ["report", "{game}", "-o", "{tmp}/r.txt"]),
        ("report-exists", ["report", "{game}", "-o", "{existing_html}"]),
        ("report-over-a-game", ["report", "{game}", "-o", "{game_html}", "--force"]),
        ("report-folder", ["report", "{game}", "-o", "{dir}/"]),
        ("report-no-folder", ["report", "{game}", "-o", "{tmp}/nowhere/r.html"]),
        ("export-onto-file", ["export", "{game}", "-o", "{text}"]),
        ("export-existing-files", ["export", "{game}", "-o", "{expdir}"]),
        ("export-format-bad", ["export", "{game}", "-o", "{tmp}/e2", "--format", "xml"]),
        ("msel-check-missing", ["msel", "check", "{game}", "{tmp}/none.csv"]),
        ("msel-check-folder", ["msel", "check", "{game}", "{dir}"]),
        ("msel-check-fifo", ["msel", "check", "{game}", "{fifo}"]),
        ("msel-check-huge", ["msel", "check", "{game}", LONG]),
        ("msel-check-no-file", ["msel", "check", "{game}"]),
        ("msel-check-scenario-missing", ["msel", "check", "nosuch", "{tmp}/x.csv"]),
        ("msel-import-missing", ["msel", "import", "{game}", "{tmp}/none.csv"]),
        ("msel-import-xls", ["msel", "import", "{game}", "{tmp}/x.ods"]),
        ("msel-export-folder", ["msel", "export", "{game}", "{dir}"]),
        ("msel-export-onto-game", ["msel", "export", "{game}", "{game}", "--force"]),
        ("msel-export-onto-other-game", ["msel", "export", "{game}", "{other}", "--force"]),
        ("msel-export-exists", ["msel", "export", "{game}", "{text}"]),
        ("msel-fire-no-serial", ["msel", "fire", "{game}"]),
        ("msel-fire-unknown", ["msel", "fire", "{game}", "--serial", "99"]),
        ("msel-serial-huge", ["msel", "fire", "{game}", "--serial", LONG]),
        ("msel-action-bad", ["msel", "burn", "{game}"]),
        ("hotwash-list-missing", ["hotwash", "list", "{tmp}/missing.wargame"]),
        (
            "hotwash-observe-text-huge",
            ["hotwash", "observe", "{game}", "--team", "EST", "--kind", "strength", "--text", "t" * 200_000],
        ),
        (
            "hotwash-observe-turn-huge",
            [
                "hotwash",
                "observe",
                "{game}",
                "--team",
                "EST",
                "--kind",
                "strength",
                "--text",
                "t",
                "--turn",
                str(2**63),
            ],
        ),
        (
            "hotwash-observe-turn-99",
            ["hotwash", "observe", "{game}", "--team", "EST", "--kind", "strength", "--text", "t", "--turn", "99"],
        ),
        ("hotwash-observe-kind-bad", ["hotwash", "observe", "{game}", "--team", "EST", "--kind", "meh", "--text", "t"]),
        (
            "hotwash-observe-team-huge",
            ["hotwash", "observe", "{game}", "--team", LONG, "--kind", "strength", "--text", "t"],
        ),
        (
            "hotwash-plan-due-bad",
            ["hotwash", "plan", "{game}", "--issue", "i", "--action", "a", "--owner", "o", "--due", "someday"],
        ),
        ("hotwash-feedback-rate-bad", ["hotwash", "feedback", "{game}", "--participant", "p", "--rate", "x=9"]),
        ("hotwash-feedback-rate-junk", ["hotwash", "feedback", "{game}", "--participant", "p", "--rate", "abc"]),
        ("hotwash-import-missing", ["hotwash", "import", "{game}", "{tmp}/none.csv"]),
        ("hotwash-import-fifo", ["hotwash", "import", "{game}", "{fifo}"]),
        ("hotwash-remove-0", ["hotwash", "remove", "{game}", "observation", "0"]),
        ("hotwash-remove-huge", ["hotwash", "remove", "{game}", "observation", str(2**63)]),
        ("hotwash-remove-missing", ["hotwash", "remove", "{game}", "observation", "999"]),
        ("batch-runs-0", ["batch", "demo", "--runs", "0", "-o", "{tmp}/r.parquet"]),
        ("batch-runs-inf", ["batch", "demo", "--runs", "inf", "-o", "{tmp}/r.parquet"]),
        ("batch-scenario-missing", ["batch", "{tmp}/none.toml", "--runs", "1", "-o", "{tmp}/r.parquet"]),
        ("batch-output-folder", ["batch", "demo", "--runs", "1", "--turns", "1", "-o", "{dir}"]),
        ("batch-vary-bad", ["batch", "demo", "--runs", "1", "--vary", "nonsense", "-o", "{tmp}/r.parquet"]),
        ("batch-seed-huge", ["batch", "demo", "--runs", "1", "--seed", str(2**63), "-o", "{tmp}/r.parquet"]),
        ("batch-replay-missing", ["batch", "replay", "{tmp}/none.parquet", "--run", "1", "-o", "{tmp}/x.wargame"]),
        ("batch-replay-text", ["batch", "replay", "{text}", "--run", "1", "-o", "{tmp}/x.wargame"]),
        ("batch-report-missing", ["batch", "report", "{tmp}/none.parquet", "-o", "{tmp}/b.html"]),
        (
            "evidence-game-missing",
            ["evidence", "{tmp}/missing.wargame", "--attack", "A1", "--candidate", "RUS", "--kind", "forensics"],
        ),
        (
            "evidence-attack-unknown",
            ["evidence", "{game}", "--attack", "A9", "--candidate", "RUS", "--kind", "forensics"],
        ),
        (
            "evidence-candidate-huge",
            ["evidence", "{game}", "--attack", "A1", "--candidate", LONG, "--kind", "forensics"],
        ),
        ("evidence-kind-bad", ["evidence", "{game}", "--attack", "A1", "--candidate", "RUS", "--kind", "rumour"]),
        (
            "evidence-description-huge",
            [
                "evidence",
                "{game}",
                "--attack",
                "A1",
                "--candidate",
                "RUS",
                "--kind",
                "forensics",
                "--description",
                "d" * 200_000,
            ],
        ),
        ("decide-vote-no-draft", ["decide", "{game}", "--state", "USA", "--action", "vote", "--draft", "R9"]),
        (
            "decide-claim-days-inf",
            ["decide", "{game}", "--state", "EST", "--action", "claim", "--imminent-days", "inf"],
        ),
        ("inject-troops-huge", ["inject", "{game}", *ATTACK, "--troops", str(2**63)]),
        ("inject-attribution-days-nan", ["inject", "{game}", *ATTACK, "--attribution-days", "nan"]),
        ("inject-suspect-bad", ["inject", "{game}", *ATTACK, "--suspect", "ZZZ=2"]),
        ("gui-missing", ["gui", "{tmp}/missing.wargame"]),
        ("bare-missing", ["{tmp}/missing.wargame"]),
        ("bare-folder", ["{dir}/x.wargame"]),
        ("bare-huge", [LONG + ".wargame"]),
        ("unknown-command", ["frobnicate"]),
        ("unknown-option", ["show", "{game}", "--colour"]),
        ("json-bad", ["--json", "show", "{game}", "--turn", "abc"]),
    ]
    return c


CASES = _cases()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("sweep")
    assert main(["new", "demo", "-o", str(tmp / "g.wargame"), "--seed", "4"]) == 0
    assert main(["new", "demo", "-o", str(tmp / "other.wargame")]) == 0
    (tmp / "dir").mkdir()
    (tmp / "text.txt").write_text("not a game\n", encoding="utf-8")
    (tmp / "empty.toml").write_text("", encoding="utf-8")
    (tmp / "existing.html").write_text("<p>keep me</p>", encoding="utf-8")
    shutil.copy(tmp / "other.wargame", tmp / "game.html")
    os.mkfifo(tmp / "pipe")
    shutil.copy(DEMO, tmp / "demo.toml")
    (tmp / "exp").mkdir()
    (tmp / "exp" / "events.csv").write_text("keep", encoding="utf-8")
    return {
        "tmp": str(tmp),
        "game": str(tmp / "g.wargame"),
        "other": str(tmp / "other.wargame"),
        "dir": str(tmp / "dir"),
        "text": str(tmp / "text.txt"),
        "empty": str(tmp / "empty.toml"),
        "fifo": str(tmp / "pipe"),
        "scn": str(tmp / "demo.toml"),
        "existing_html": str(tmp / "existing.html"),
        "game_html": str(tmp / "game.html"),
        "expdir": str(tmp / "exp"),
    }


def _snapshot(world: dict[str, str]) -> dict[str, bytes]:
    tmp = Path(world["tmp"])
    return {p.name: p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file() and not p.is_fifo()}


def test_the_sweep_covers_every_command() -> None:
    from wargame.cli import COMMANDS

    covered = {argv[0] for _name, argv in CASES}
    assert set(COMMANDS) - {"play", "demo"} <= covered | {"play", "demo"} and len(CASES) >= 250


@pytest.mark.parametrize(("name", "argv"), CASES, ids=[c[0] for c in CASES])
def test_a_wrong_command_line_says_what_is_wrong_on_stderr(
    world: dict[str, str], name: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(world)
    code = main([a.format(**world) if "{" in a and len(a) < 200 else a for a in argv])
    out, err = capsys.readouterr()
    assert code in (1, 2), (code, out[:300], err[:300])
    assert out == "", f"printed on standard output: {out[:300]}"
    assert "internal error" not in err and "Traceback" not in err, err[:500]
    lines = err.strip().splitlines()
    assert 1 <= len(lines) <= 55 and all(len(line) <= 2_100 for line in lines), err[:500]
    assert _snapshot(world) == before, "a wrong command line changed a file"
