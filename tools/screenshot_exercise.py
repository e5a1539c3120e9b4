"""Make ``docs/screenshots/exercise.png``: a seat's window beside the facilitator's dashboard, one hosted exercise.

Run under a virtual X screen so the windows are real::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 3000x1000x24" .venv/bin/python tools/screenshot_exercise.py

It hosts a Baltic exercise on 127.0.0.1 (a held MSEL row, two seats), joins Estonia's seat, records and submits a
decision, advances two turns from the dashboard, and grabs both windows side by side.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402

from wargame.app import msel, new_game  # noqa: E402
from wargame.gui.exercise import ExerciseLink, SeatWindow, host_exercise  # noqa: E402
from wargame.gui.main import make_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "exercise.png"
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"
MSEL_CSV = """serial,time,kind,attacker,victim,location,target,casualties,attribution,message
H1,HOLD,strike,RUS,EST,EST-NAR,territory,5,0.9,Held back: a strike on Narva
W1,D+3,cyber,RUS,LVA,LVA,territory,0,0.5,Banks in Riga go dark
"""


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def until(check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("the exercise did not get there in time")
        settle(50)


def main() -> int:
    make_app()
    tmp = Path(tempfile.mkdtemp(prefix="wargame-shot-"))
    path = tmp / "exercise.wargame"
    seats = {"USA": "human", "EST": "human", "RUS": "ai", "BLR": "ai"}
    with new_game(BALTIC, path, seed=11, seats=seats, title="Exercise Amber") as g:
        (tmp / "m.csv").write_text(MSEL_CSV, encoding="utf-8")
        msel.import_msel(g, tmp / "m.csv")
    dash = host_exercise(
        {"game": str(path), "seats": ["US cell=USA", "Estonia=EST"], "bind": "127.0.0.1", "port": 0, "seconds": 600}
    )
    dash.resize(1500, 900)
    dash.move(0, 0)
    dash.show()
    seat = SeatWindow(ExerciseLink(dash.hosted.links["Estonia"]).start())  # type: ignore[attr-defined]
    seat.resize(1400, 900)
    seat.move(1500, 0)
    seat.show()
    us = ExerciseLink(dash.hosted.links["US cell"]).start()  # type: ignore[attr-defined]
    until(lambda: seat.force.count() > 0 and dash.seats.rowCount() == 2)
    for _turn in range(2):
        seat.record_decision()
        until(lambda: seat.pending.count() > 0)
        seat.submit_turn()
        until(lambda: not seat.submit.isEnabled())
        before = seat.pane.heading.text()
        dash.advance_turn()
        until(lambda b=before: seat.pane.heading.text() != b and seat.submit.isEnabled())
    seat.note.setText("Hold Narva; ask Poland for liaison officers")
    seat.record_decision()
    until(lambda: seat.pending.count() > 0)
    seat.submit_turn()
    until(lambda: dash.seats.item(1, 3) is not None and dash.seats.item(1, 3).text() == "submitted")
    settle(800)
    a, b = dash.grab(), seat.grab()
    canvas = QPixmap(a.width() + b.width() + 16, max(a.height(), b.height()))
    canvas.fill(QColor("#404040"))
    p = QPainter(canvas)
    p.drawPixmap(0, 0, a)
    p.drawPixmap(a.width() + 16, 0, b)
    p.end()
    if not canvas.save(str(OUT)):
        raise SystemExit(f"could not write {OUT}")
    print(f"wrote {OUT.relative_to(ROOT)} ({canvas.width()}x{canvas.height()})")
    us.close()
    seat.close()
    dash.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
