"""The crisis in the docks: the Decisions dock offers the new decisions (declare, request or consult under a
chosen article, notify the Council, measures, drafts and votes, Uniting for Peace, an anticipatory claim) and the
verdict dock shows attribution, the Council, consultations, judgements and reports in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402

from wargame.app.crisis_view import SECTIONS, crisis_lines, drafts_awaiting  # noqa: E402
from wargame.app.types import AttackKind, AttackSpec  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402
from wargame.gui.override_dialog import TARGET_LABELS  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


@pytest.fixture
def win(qtbot: Any, settings: QSettings, tmp_path: Path) -> MainWindow:
    """The demo after Russia's invasion of Estonia at Narva (turn 1: Estonia tables a draft in the Council)."""
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    assert w.files.new_game(DEMO, tmp_path / "g.wargame")
    w.game.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=40))
    _advance(qtbot, w)
    return w


def _advance(qtbot: Any, win: MainWindow) -> None:
    with qtbot.waitSignals([win.session.runner.finished, win.refreshed], timeout=30_000):
        assert win.turns.advance(1)


def _pick(combo: Any, text: str) -> None:
    i = next((i for i in range(combo.count()) if text in combo.itemText(i)), -1)
    assert i >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(i)


def _click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_requests_name_the_article_chosen(qtbot: Any, win: MainWindow, errors: list[tuple[str, str]]) -> None:
    panel = win.decisions
    panel.set_state("EST")
    _pick(panel.invocation_combo, "A1")
    forums = [panel.forum_combo.itemText(i) for i in range(panel.forum_combo.count())]
    assert "North Atlantic Treaty, Art 5 (defence)" in forums and any("UN Charter, Art 51" in f for f in forums)
    _pick(panel.forum_combo, "UN Charter, Art 51")
    _click(qtbot, panel.request_button)
    _pick(panel.forum_combo, "North Atlantic Treaty, Art 4")
    _click(qtbot, panel.consult_button)
    _pick(panel.forum_combo, "North Atlantic Treaty, Art 5")
    _click(qtbot, panel.consult_button)  # a defence article chosen: consultations under the treaty's own article
    _click(qtbot, panel.declare_button)
    _click(qtbot, panel.notify_button)
    got = [dict(r.payload) for r in win.pending_panel.records()]
    assert got == [
        {"state": "EST", "action": "request", "attack": "A1", "treaty": "UN", "article": "51"},
        {"state": "EST", "action": "consult", "attack": "A1", "treaty": "NATO", "article": "4"},
        {"state": "EST", "action": "consult", "attack": "A1", "treaty": "NATO"},
        {"state": "EST", "action": "declare", "attack": "A1"},
        {"state": "EST", "action": "notify", "attack": "A1"},
    ]
    assert not errors
    panel.set_state("POL")  # only the victim requests assistance: refused in one line, nothing recorded
    _pick(panel.invocation_combo, "A1")
    _click(qtbot, panel.request_button)
    assert errors and errors[-1][1] == "only the victim (EST) can request for A1"
    assert len(win.pending_panel.records()) == 5


def test_council_votes_drafts_and_claims(qtbot: Any, win: MainWindow, errors: list[tuple[str, str]]) -> None:
    panel = win.decisions
    awaiting = drafts_awaiting(win.game.scenario, win.game.world)
    assert awaiting and awaiting[0][0] == "R1"  # Estonia's draft, before the Council's vote
    panel.set_state("EST")
    assert panel.vote_combo.count() == len(awaiting)
    assert not panel.yes_button.isEnabled() and "does not sit on the Security Council" in panel.yes_button.toolTip()
    panel.set_state("USA")
    _pick(panel.vote_combo, "R1")
    _click(qtbot, panel.yes_button)
    panel.set_state("RUS")
    _click(qtbot, panel.no_button)
    panel.set_state("GBR")
    _pick(panel.invocation_combo, "A1")
    _pick(panel.draft_combo, "ceasefire")
    _click(qtbot, panel.table_button)
    _click(qtbot, panel.uniting_button)
    panel.set_state("RUS")
    _pick(panel.invocation_combo, "A1")
    panel.imminent_spin.setValue(2)  # Russia made A1: it may claim it forestalled an attack expected in 2 days
    _click(qtbot, panel.claim_button)
    got = [dict(r.payload) for r in win.pending_panel.records()]
    assert got == [
        {"state": "USA", "action": "vote", "draft": "R1", "vote": "yes"},
        {"state": "RUS", "action": "vote", "draft": "R1", "vote": "no"},
        {"state": "GBR", "action": "table", "attack": "A1", "kind": "ceasefire"},
        {"state": "GBR", "action": "uniting", "attack": "A1"},
        {"state": "RUS", "action": "claim", "attack": "A1", "imminent_days": 2.0},
    ]
    assert not errors
    panel.set_state("EST")  # the victim cannot claim self-defence for an attack it did not make
    _pick(panel.invocation_combo, "A1")
    _click(qtbot, panel.claim_button)
    assert errors[-1][1] == "EST did not make A1: only its author can claim self-defence for it"
    _advance(qtbot, win)
    r1 = win.game.world.crisis.council["R1"]
    assert r1.status == "vetoed" and r1.votes["USA"] == "yes" and r1.votes["RUS"] == "no"


def test_the_verdict_dock_tells_the_crisis_in_words(win: MainWindow) -> None:
    tree = win.verdict_tree
    lines = crisis_lines(win.game.scenario, win.game.world)
    shown = [(it.text(0), it.text(1), it.text(2)) for it in tree.crisis_items()]
    by_section = [(ln.label, ln.status, ln.why) for s in SECTIONS for ln in lines if ln.section == s]
    assert shown == by_section and shown
    attribution = tree.crisis_items("Attribution")
    assert attribution[0].text(0) == "A1: Russia → Estonia at Narva (invasion)"
    assert attribution[0].text(1) == "Russia, 1.00"
    assert attribution[0].text(2) == "attributed to Russia with confidence 1.00"
    council = [it.text(0) for it in tree.crisis_items("Security Council and General Assembly")]
    assert council == ["R1: condemning and demanding the withdrawal of Russia (A1), by Estonia"]
    assert not any("RUS" in t or "EST" in t for it in tree.crisis_items() for t in (it.text(0), it.text(1)))
    with_signal = []
    tree.attackSelected.connect(with_signal.append)
    tree.itemClicked.emit(attribution[0], 0)
    assert with_signal == ["A1"]
    assert "attribution" in TARGET_LABELS


def test_an_attribution_line_offers_to_settle_it(win: MainWindow) -> None:
    """Right-click an attribution line: the white cell settles the author in the override dialog, preset."""
    tree = win.verdict_tree
    line = tree.crisis_items("Attribution")[0]
    menu = win.commands.verdict_menu_for(line)
    settle = next(a for a in menu.actions() if a.text() == "Settle its attribution…")
    assert settle.isEnabled()
    settle.trigger()
    dlg = win.commands.override_dialog
    assert dlg is not None and dlg.target_combo.currentData() == "attribution"
    assert dlg.key_combo.currentData() == "A1"
    dlg.reject()
    other = tree.crisis_items("Security Council and General Assembly")[0]
    assert "Settle its attribution…" not in [a.text() for a in win.commands.verdict_menu_for(other).actions()]


def test_a_narrow_verdict_tree_shows_the_article_and_its_verdict_whole(qtbot) -> None:
    """In a dock at 1024x768 (about 340 px) the verdict column is not cut off; wider, the three columns return."""
    from wargame.gui.panels import VerdictTree

    tree = VerdictTree()
    qtbot.addWidget(tree)
    tree.resize(340, 400)
    tree.show()
    qtbot.waitExposed(tree)
    width = tree.viewport().width()
    assert tree.columnWidth(0) + tree.columnWidth(1) <= width
    assert tree.columnWidth(1) >= 80
    tree.resize(900, 400)
    qtbot.waitUntil(lambda: tree.viewport().width() > 800)
    assert (tree.columnWidth(0), tree.columnWidth(1)) == (210, 130)
