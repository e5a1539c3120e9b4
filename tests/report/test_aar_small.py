"""The report of small games: no attack at all, and a game with an override, a player's decision and a branch."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgame import DEMO

from wargame.app import new_game, open_game
from wargame.app.types import AttackKind, AttackSpec
from wargame.report import write_report
from wargame.report.model import build_report_model


def _demo(folder: Path, *, quiet: bool = False) -> Path:
    """The demo scenario in ``folder``; ``quiet``: without its scheduled injects."""
    shutil.copy(DEMO.with_name("world-treaties.toml"), folder)
    text = DEMO.read_text(encoding="utf-8")
    if quiet:
        head, _, rest = text.partition("[[injects]]")
        text = head + rest[rest.index("[[end]]") :]
    (folder / "demo.toml").write_text(text, encoding="utf-8")
    return folder / "demo.toml"


def test_a_game_without_attacks(tmp_path: Path) -> None:
    with new_game(_demo(tmp_path, quiet=True), tmp_path / "quiet.wargame") as g:
        g.advance(2)
        r = build_report_model(g)
        assert r.crisis[0].startswith("No attack was made in the 2 turn(s) played")
        assert r.key_verdicts == [] and r.moments == [] and r.decisions == []
        for ext in ("pdf", "html", "docx"):
            assert write_report(g, tmp_path / f"aar.{ext}").stat().st_size > 5_000
        html = (tmp_path / "aar.html").read_text(encoding="utf-8")
        assert "No treaty article was judged: no attack was made." in html


def test_overrides_players_and_branches_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "g.wargame"
    with new_game(_demo(tmp_path), path, seats={"DEU": "human"}) as g:
        g.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40, attribution=0.95))
        g.advance(1)
        g.decide("DEU", "stance", treaty="NATO", article="5", attack="A1", stance="object")
        g.override("opinion", "DEU", 70, "umpire: <b>Berlin</b> rallies")
        g.advance(2)
        g.branch(2, tmp_path / "what-if.wargame").close()
    with open_game(path, readonly=True) as g:
        r = build_report_model(g)
    assert any("white cell overruled opinion DEU → 70" in m for m in r.mattered)
    assert any("(a player)" in m and "Germany" in m for m in r.mattered)
    assert r.overrides == [(2, "facilitator", "opinion DEU → 70", "umpire: <b>Berlin</b> rallies")]
    assert r.branches == ["What-if what-if.wargame: branched at turn 2, played to turn 2."]
    assert any(row.who == "Germany" for row in r.decisions)
    with open_game(path, readonly=True) as g:
        html = write_report(g, tmp_path / "aar.html").read_text(encoding="utf-8")
    assert "umpire: &lt;b&gt;Berlin&lt;/b&gt; rallies" in html and "<b>Berlin</b>" not in html
    with open_game(tmp_path / "what-if.wargame", readonly=True) as b:
        assert build_report_model(b).branches[0].startswith("This game is a branch of g.wargame, taken at turn 2")
