"""GUI responsiveness benchmark (not a test): prints figures and their ratio to a floor.

* map repaint: a repaint of ``MapView`` at 1600×900 showing the Baltic game at turn 12 in its own view, with
  every military symbol, label, stripe and the key, vs a bare QWidget whose QPainter fills the sea and strokes
  the same country polygons (``MapView.country_paths()``), both grabbed the same way, in alternating rounds:
  a repaint that copies the kept frame, a frame drawn afresh (pan, zoom), and one drawn over the kept sea and
  countries (a new turn, same view and colours);
* GUI-thread stall: the longest gap between ticks of a 5 ms QTimer while 10 turns advance in
  the worker, vs the same timer with nothing running;
* cold start: a subprocess that starts the app and shows ``MainWindow`` until the first event-loop
  turn, vs one that shows a bare ``QMainWindow`` (alternating, medians; ``--phases`` prints where it goes), with
  the modules' bytecode written once beforehand as an installed application has it, and again compiling every
  module on every start (as under ``PYTHONDONTWRITEBYTECODE=1``).

Every figure is a median of several runs of the measure and of its floor, taken in the same run.

The window freezes the garbage collector's survivors after opening a game, as the application does
(``wargame.gui.memory``); ``--no-freeze`` measures it without.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--no-freeze] [--phases]``
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
from PySide6.QtGui import QBrush, QColor, QPainter, QPen  # noqa: E402

from wargame.gui import palette  # noqa: E402
from wargame.gui.main import make_app  # noqa: E402

W, H = 1600, 900
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
FREEZE = "--no-freeze" not in sys.argv[1:]
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"


class _BareMap:
    """The floor of a repaint: a bare QWidget whose paintEvent fills the sea and draws the same country outlines
    with antialiasing (no labels, no symbols), grabbed like the map."""

    def __init__(self, paths, box) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QWidget

        from wargame.render.map import fit_transform

        paths_, box_ = paths, box

        class Bare(QWidget):
            def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
                p = QPainter(self)
                p.setRenderHint(QPainter.RenderHint.Antialiasing)
                p.fillRect(self.rect(), QColor(palette.SEA))
                p.setTransform(fit_transform(box_, self.width(), self.height()))
                pen = QPen(QColor(palette.BORDER), 0.6)
                pen.setCosmetic(True)
                p.setPen(pen)
                p.setBrush(QBrush(QColor(palette.LAND)))
                for path in paths_:
                    p.drawPath(path)
                p.end()

        self.widget = Bare()


def bench_repaint(
    rounds: int = 7, frames: int = 10, *, redraw: bool = False, keep_base: bool = False
) -> tuple[float, float]:
    """(median ms per full repaint of the map at 1600×900 showing the Baltic game at turn 12 in its own view with
    every symbol, label, stripe and the key; median ms of the bare floor), measured in alternating rounds so
    that the machine's load falls on both alike. ``redraw``: the map draws its frame afresh every time (as after
    a pan or a zoom: the sea and the countries too), or with ``keep_base`` only what lies over the countries (a new
    turn in the same view with the same colours); otherwise a repaint copies the frame it keeps (a tooltip, the
    key, an expose)."""
    from wargame.app import mapmodes, new_game
    from wargame.gui.mapview import MapView

    with tempfile.TemporaryDirectory() as tmp:
        with new_game(BALTIC, Path(tmp) / "r.wargame") as game:
            game.advance(12)
            sc, world = game.scenario, game.world
            pic = mapmodes.picture(sc, world, "Alliances")
    view = MapView()
    view.resize(W, H)
    view.show()
    view.set_picture(pic)
    symbols = sum(1 for m in pic.markers if m.kind == "force" and m.symbol)
    assert symbols > 10, "the benchmark draws the symbols"
    bare = _BareMap(list(view.country_paths().values()), pic.view).widget
    bare.resize(W, H)
    bare.show()
    view.grab()  # warm the caches (symbols, labels) once: a repaint after the first is what is measured
    ours, floor = [], []
    for _ in range(rounds):
        for target, out in ((view, ours), (bare, floor)):
            t = time.perf_counter()
            for _f in range(frames):
                if redraw and target is view:
                    view._frame = None  # as after a pan: the frame is drawn afresh
                    if not keep_base:
                        view._base = None  # the sea and the countries too
                target.grab()
            out.append((time.perf_counter() - t) * 1000 / frames)
    view.close()
    bare.close()
    view.deleteLater()
    bare.deleteLater()
    return statistics.median(ours), statistics.median(floor)


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
import sys, time
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
print(time.time())  # the window is shown and the event loop has turned: interactive
sys.stdout.flush()
"""


def bench_cold_start(repeats: int = 7, *, compiled: bool = True) -> tuple[float, float]:
    """(median s from starting a fresh interpreter to an interactive MainWindow, the same for a bare QMainWindow):
    the time runs until the window is shown and the event loop has turned (the process's exit is not counted),
    the two alternating so that the machine's load falls on both alike.

    ``compiled``: as an installed application starts, with its modules' bytecode already written (into a
    temporary ``PYTHONPYCACHEPREFIX``, by one run of each not counted), even where the environment sets
    ``PYTHONDONTWRITEBYTECODE``; otherwise every run compiles every module of the application it imports."""
    out: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        env = os.environ.copy()
        if compiled:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for warm in ([True] if compiled else []) + [False] * repeats:
            for bare in (False, True):
                code = _CHILD.format(root=str(ROOT), bare=bare, ini=str(Path(tmp) / "s.ini"))
                t = time.time()
                res = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
                if not warm:
                    out[bare].append(float(res.stdout.split()[-1]) - t)  # to the first event-loop turn, not the exit
    return statistics.median(out[False]), statistics.median(out[True])


def phases() -> list[tuple[str, float]]:
    """Where a cold start goes (ms, in a fresh interpreter): importing Qt, the application, the window."""
    code = """
import sys, time
sys.path.insert(0, {root!r})
t = [time.perf_counter()]
import PySide6.QtWidgets
t.append(time.perf_counter())
from wargame.gui.main import make_app
app = make_app()
t.append(time.perf_counter())
from wargame.gui.mainwindow import MainWindow
t.append(time.perf_counter())
from PySide6.QtCore import QSettings
w = MainWindow(QSettings({ini!r}, QSettings.Format.IniFormat))
t.append(time.perf_counter())
w.resize(1600, 900); w.show(); app.processEvents()
t.append(time.perf_counter())
print(" ".join(f"{{(b - a) * 1000:.0f}}" for a, b in zip(t, t[1:])))
"""
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run(
            [sys.executable, "-c", code.format(root=str(ROOT), ini=str(Path(tmp) / "s.ini"))],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ.copy(),
        )
    names = ("import Qt", "make the application", "import the window", "build the window", "show and paint")
    return list(zip(names, (float(x) for x in res.stdout.split()), strict=False))


def main() -> int:
    make_app()
    rows = []
    m, b = bench_repaint()
    rows.append(("map repaint 1600x900, symbols on", f"{m:.1f} ms", f"{b:.1f} ms (bare QPainter)", m / b))
    m, b = bench_repaint(redraw=True)
    rows.append(("map redrawn afresh (pan, zoom)", f"{m:.1f} ms", f"{b:.1f} ms (bare QPainter)", m / b))
    m, b = bench_repaint(redraw=True, keep_base=True)
    rows.append(("map redrawn, same view and colours", f"{m:.1f} ms", f"{b:.1f} ms (bare QPainter)", m / b))
    busy, idle = bench_stall()
    rows.append(
        ("longest GUI stall, 10 turns", f"{busy:.1f} ms", f"{idle:.1f} ms (same window, idle)", busy / max(idle, 1e-9))
    )
    for compiled, name in ((True, "cold start to interactive window"), (False, "  the same, compiling every module")):
        cold, bare = bench_cold_start(compiled=compiled)
        rows.append((name, f"{cold * 1000:.0f} ms", f"{bare * 1000:.0f} ms (bare QMainWindow)", cold / bare))
    print(f"{'measure':36} {'wargame':>10}  {'floor':<32} {'ratio':>6}")
    for name, ours, floor, ratio in rows:
        print(f"{name:36} {ours:>10}  {floor:<32} {ratio:6.2f}")
    if "--phases" in sys.argv[1:]:
        print("cold start phases (ms): " + ", ".join(f"{n} {ms:.0f}" for n, ms in phases()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
