"""Host and join from the app (issue 15): the facilitator's dashboard (seats, who has submitted, the timer, Advance,
the MSEL, view as, the room display) and a seat's window, which shows only what the server sent that seat."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from wargame.app import load_scenario, msel, new_game
from wargame.gui.exercise import DashboardWindow, ExerciseLink, SeatWindow, host_exercise, open_joined

BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"
MSEL_CSV = """serial,time,kind,attacker,victim,location,target,casualties,attribution,message
H1,HOLD,strike,RUS,EST,EST-NAR,territory,5,0.9,CANARY-HELD-ROW a strike on Narva
"""


@pytest.fixture
def dashboard(qtbot: Any, tmp_path: Path) -> Any:
    path = tmp_path / "ex.wargame"
    seats = {"USA": "human", "EST": "human", "RUS": "ai", "BLR": "ai"}
    with new_game(BALTIC, path, seed=5, seats=seats) as g:
        (tmp_path / "m.csv").write_text(MSEL_CSV, encoding="utf-8")
        msel.import_msel(g, tmp_path / "m.csv")
    values = {"game": str(path), "seats": ["US cell=USA", "Estonia=EST"], "bind": "127.0.0.1", "port": 0}
    win = host_exercise(values)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _rows(table: Any) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_seat_plays_a_sealed_turn_the_facilitator_watches_and_advances(qtbot: Any, dashboard: Any) -> None:
    dash: DashboardWindow = dashboard
    qtbot.waitUntil(lambda: dash.seats.rowCount() == 2, timeout=20_000)
    assert [r[:4] for r in _rows(dash.seats)] == [
        ["US cell", "USA", "no", "not yet"],
        ["Estonia", "EST", "no", "not yet"],
    ]
    assert "Turn 1 open" in dash.turn_label.text() and dash.timer_label.text() == "no turn timer"
    assert any("CANARY-HELD-ROW" in r[4] for r in _rows(dash.msel)), "the white cell sees the held row"
    assert "Estonia" in dash.links_box.toPlainText() and "ws://127.0.0.1:" in dash.links_box.toPlainText()

    seat = SeatWindow(ExerciseLink(dash.hosted.links["Estonia"]).start())  # type: ignore[attr-defined]
    qtbot.addWidget(seat)
    seat.show()
    qtbot.waitUntil(lambda: "Turn 0" in seat.pane.heading.text() and seat.force.count() > 0, timeout=20_000)
    assert "Estonia (EST)" in seat.windowTitle() and "as seen by Estonia (EST)" in seat.pane.heading.text()
    estonian = sorted(f.id for f in load_scenario(BALTIC).forces if f.owner == "EST")
    assert sorted(seat.force.itemData(i) for i in range(seat.force.count())) == estonian, "only its own forces"
    first = [seat.destination.itemText(i) for i in range(3)]
    assert all("whole state" not in t for t in first) and "Akcakale, Turkiye" in first, first  # places first
    texts = seat.pane.texts()
    assert not re.search(r"\b[A-Z]+_[A-Z_]+\b", texts), "no raw codes in the seat's view"
    qtbot.waitUntil(lambda: _rows(dash.seats)[1][2] == "yes", timeout=10_000)

    seat.note.setText("hold Narva")
    seat.record_decision()
    qtbot.waitUntil(lambda: seat.pending.count() == 1, timeout=10_000)
    qtbot.waitUntil(
        lambda: "EST-1BDE" in _rows(dash.seats)[1][4] or "Estonia" in _rows(dash.seats)[1][4], timeout=10_000
    )
    seat.submit_turn()
    qtbot.waitUntil(lambda: _rows(dash.seats)[1][3] == "submitted", timeout=10_000)
    qtbot.waitUntil(lambda: not seat.submit.isEnabled(), timeout=10_000)
    assert "sealed" in seat.turn_label.text()

    dash.advance_turn()
    qtbot.waitUntil(lambda: "Turn 1" in seat.pane.heading.text(), timeout=30_000)
    qtbot.waitUntil(lambda: "Turn 2 open" in dash.turn_label.text(), timeout=10_000)
    assert seat.submit.isEnabled() and seat.pending.count() == 0

    # view as a seat, and the room display: their own views, from the server
    dash.view_as.setCurrentIndex(dash.view_as.findData("Estonia"))
    qtbot.waitUntil(lambda: "as seen by Estonia" in dash.pane.heading.text(), timeout=10_000)
    room = dash.show_room()
    qtbot.waitUntil(lambda: "room display" in room.pane.heading.text(), timeout=10_000)

    # the seat never received the white cell's: the held row, the seed, the AI's reasoning
    seen = seat.pane.texts() + "\n".join(str(m) for m in seat.link.latest.values())
    assert "CANARY-HELD-ROW" not in seen and '"seed"' not in seen and '"kind": "ai"' not in seen
    assert "CANARY-HELD-ROW" not in room.pane.texts()
    # a refusal reaches the seat's status bar in words
    seat.link.send({"type": "decide", "turn": 2, "state": "USA", "action": "mobilise", "fields": {}})
    qtbot.waitUntil(lambda: "does not play" in seat.last_error, timeout=10_000)
    seat.close()


def test_a_used_link_opens_a_window_that_says_why(qtbot: Any, dashboard: Any) -> None:
    link = dashboard.hosted.links["US cell"]
    first = ExerciseLink(link).start()
    qtbot.waitUntil(lambda: first.role is not None, timeout=20_000)
    again = ExerciseLink(link).start()
    holder = open_joined(again)
    qtbot.waitUntil(lambda: "refused" in again.latest, timeout=20_000)
    win = again.parent()  # the window adopts its link
    assert isinstance(win, SeatWindow)
    qtbot.addWidget(win)
    assert "Cannot join" in win.pane.heading.text() and "used already" in win.pane.heading.text()
    assert holder is again
    win.close()
    first.close()
    # the observer's link opens the public picture, with nothing to decide
    observer = ExerciseLink(dashboard.hosted.links["observer"]).start()
    open_joined(observer)
    qtbot.waitUntil(lambda: isinstance(observer.parent(), SeatWindow) and observer.role is not None, timeout=20_000)
    owin = observer.parent()
    qtbot.addWidget(owin)
    qtbot.waitUntil(lambda: "as seen by observer" in owin.pane.heading.text(), timeout=20_000)
    assert owin.side.isHidden() and "observer" in owin.windowTitle()
    owin.close()


def test_a_views_events_read_in_words_for_the_room() -> None:
    """A seat's event list names states, places and forces, writes codes as words and leaves out the verdicts of
    treaties the attack does not concern (as the main window folds them)."""
    from wargame.gui.exercise import readable_events

    view = {
        "names": {
            "states": {"EST": "Estonia", "RUS": "Russia"},
            "locations": {"EST-NAR": "Narva", "EST": "Estonia"},
            "forces": {"EST-1BDE": "1st Infantry Brigade"},
        },
        "events": [
            {"kind": "verdict", "summary": "North Atlantic Treaty, Art 4: CONSULT (was NOT_REQUESTED) for A2"},
            {"kind": "verdict", "summary": "US-Japan Security Treaty, Art IV: NOT_A_PARTY for A3"},
            {"kind": "movement", "summary": "EST-1BDE (EST) arrives at EST-NAR"},
        ],
    }
    lines = readable_events(view)
    assert lines == [
        "North Atlantic Treaty, Art 4: consultations (was no request yet) for A2",
        "1st Infantry Brigade (Estonia) arrives at Narva",
    ]
