"""GUI responsiveness benchmark (not a test): prints figures and their ratio to a floor.

* map repaint: full-frame ``MapView`` render at 1600×900, median of N, vs a bare QPainter
  filling and stroking the same country polygons (``MapView.country_paths()``);
* GUI-thread stall: the longest gap between ticks of a 5 ms QTimer while 10 turns advance in
  the worker, vs the same timer with nothing running;
* cold start: a subprocess that starts the app and shows ``MainWindow`` until the first event-loop
  turn, vs one that shows a bare ``QMainWindow``.

The window freezes the garbage collector's survivors after opening a game, as the application does
(``wargame.gui.memory``); ``--no-freeze`` measures it without.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--no-freeze]``
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QTransform  # noqa: E402

from wargame.gui import palette  # noqa: E402
from wargame.gui.main import make_app  # noqa: E402

W, H = 1600, 900
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
FREEZE = "--no-freeze" not in sys.argv[1:]
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"


def bench_repaint(repeats: int = 30) -> tuple[float, float]:
    """(median ms MapView full render, median ms bare QPainter) at 1600×900."""
    from wargame.gui.mapview import PRESETS, MapView, box_to_scene

    view = MapView()
    view.resize(W, H)
    view.show()
    view.set_preset("World")
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        p = QPainter(image)
        view.render(p)
        p.end()
        times.append((time.perf_counter() - t) * 1000)
    paths = list(view.country_paths().values())
    rect = box_to_scene(*PRESETS["World"])
    transform = QTransform()
    s = min(W / rect.width(), H / rect.height())
    transform.scale(s, s)
    transform.translate(-rect.left(), -rect.top())
    pen = QPen(QColor(palette.BORDER), 0.6)
    pen.setCosmetic(True)
    brush = QBrush(QColor(palette.LAND))
    bare = []
    for _ in range(repeats):
        t = time.perf_counter()
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(0, 0, W, H, QColor(palette.SEA))
        p.setTransform(transform)
        p.setPen(pen)
        p.setBrush(brush)
        for path in paths:
            p.drawPath(path)
        p.end()
        bare.append((time.perf_counter() - t) * 1000)
    view.close()
    view.deleteLater()
    return statistics.median(times), statistics.median(bare)


def _longest_gap(
    run: callable[[], None] | None, until: callable[[], bool], tail_ms: int = 300, idle_ms: int = 0
) -> float:
    """Longest gap between 5 ms timer ticks while ``run`` works and for ``tail_ms`` after ``until()`` holds
    (so the GUI-thread refresh after the last turn is inside the window); ``idle_ms`` of nothing for a floor."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(5)
    timer.timeout.connect(tick)
    loop = QEventLoop()

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    spin(0.05)  # let pending paint events settle before measuring
    timer.start()
    spin(0.02)
    gaps.clear()
    last[0] = clock.elapsed()
    if run is not None:
        run()
    deadline = time.perf_counter() + 120
    while not until() and time.perf_counter() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    spin((tail_ms + idle_ms) / 1000)
    timer.stop()
    return max(gaps) if gaps else 0.0


def bench_stall() -> tuple[float, float]:
    """(longest GUI gap ms while 10 turns of the Baltic scenario advance, longest gap ms over as long idle)."""
    from wargame.engine import AttackKind, AttackSpec
    from wargame.gui.mainwindow import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        win = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), freeze_gc=FREEZE)
        win.resize(W, H)
        win.show()
        win.files.new_game(BALTIC, Path(tmp) / "bench.wargame")
        assert win.game is not None
        win.game.inject(AttackSpec("RUS", "LVA", "LVA-DGP", AttackKind.INVASION, casualties=100))
        done: list[bool] = []
        win.refreshed.connect(lambda: done.append(True))  # turns resolved and every dock refreshed
        t0 = time.perf_counter()
        busy = _longest_gap(lambda: win.turns.advance(10), lambda: bool(done))
        window_ms = (time.perf_counter() - t0) * 1000
        idle = _longest_gap(None, lambda: True, tail_ms=0, idle_ms=int(window_ms))
        win.close()
        win.deleteLater()
    return busy, idle


_CHILD = """
import sys, time, os
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer, QSettings
from wargame.gui.main import make_app
app = make_app()
if {bare}:
    from PySide6.QtWidgets import QMainWindow
    w = QMainWindow()
else:
    from wargame.gui.mainwindow import MainWindow
    w = MainWindow(QSettings({ini!r}, QSettings.Format.IniFormat))
w.resize(1600, 900)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
print(time.perf_counter() - t0)
w.close()
"""


def bench_cold_start(repeats: int = 5) -> tuple[float, float]:
    """(median s to an interactive MainWindow, median s for a bare QMainWindow), each a fresh interpreter."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for bare in (False, True):
            runs = []
            for _ in range(repeats):
                t = time.perf_counter()
                code = _CHILD.format(root=str(ROOT), bare=bare, ini=str(Path(tmp) / "s.ini"))
                subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=os.environ.copy())
                runs.append(time.perf_counter() - t)
            out[bare] = statistics.median(runs)
    return out[False], out[True]


def main() -> int:
    make_app()
    rows = []
    m, b = bench_repaint()
    rows.append(("map repaint 1600x900, median", f"{m:.1f} ms", f"{b:.1f} ms (bare QPainter)", m / b))
    busy, idle = bench_stall()
    rows.append(
        ("longest GUI stall, 10 turns", f"{busy:.1f} ms", f"{idle:.1f} ms (same window, idle)", busy / max(idle, 1e-9))
    )
    cold, bare = bench_cold_start()
    rows.append(
        (
            "cold start to interactive window",
            f"{cold * 1000:.0f} ms",
            f"{bare * 1000:.0f} ms (bare QMainWindow)",
            cold / bare,
        )
    )
    print(f"{'measure':36} {'wargame':>10}  {'floor':<32} {'ratio':>6}")
    for name, ours, floor, ratio in rows:
        print(f"{name:36} {ours:>10}  {floor:<32} {ratio:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
