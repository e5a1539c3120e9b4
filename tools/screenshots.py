"""Make the README's screenshots: the main window, the inject dialog, the verdict tree and review mode.

Run under a virtual X screen so the windows are real (fonts, decorations, high-DPI as a person sees them)::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x900x24" .venv/bin/python tools/screenshots.py

It plays the demo for a few turns in a temporary file and writes PNGs to ``docs/screenshots/``.
``--review`` writes only ``review.png``: a played demo in review mode with the "what changed" dock.
``--baltic`` writes the Baltic game at turn 12 at 1024×768, 1280×720 and 1920×1080: the window on the alliances
map (forces and control), the treaty-scope map, and presentation mode (``baltic-*.png``); run it on a screen of
at least 1920×1080 (``xvfb-run -a -s "-screen 0 1920x1080x24"``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from wargame.engine import AttackKind, AttackSpec  # noqa: E402
from wargame.gui.main import make_app  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"


def settle(ms: int = 300) -> None:
    """Let the window paint (and the window manager map it)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(widget: QWidget, name: str) -> Path:
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT)} ({widget.width()}x{widget.height()})")
    return path


def review_shot(app: QApplication, tmp: Path) -> int:
    """Review mode at the turn Latvia is retaken, with the diff dock and the bookmarks."""
    from wargame.app import new_game

    path = tmp / "review.wargame"
    with new_game(DEMO, path) as game:
        game.inject(
            AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=40, description="Invasion of Latvia")
        )
        game.advance(12)
        turn = max(e.turn for e in game.events(kinds=["control"]))
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    win.resize(1600, 900)
    win.show()
    if not win.reviewing.review_path(path, turn):
        return 1
    win.map_page.mode_combo.setCurrentText("Opinion")
    win.map_page.set_preset("Europe")
    win.inspection.select_state("LVA")
    win.docks["states"].raise_()
    win.docks["events"].raise_()
    win.reviewing.go(turn)
    settle(800)
    grab(win, "review.png")
    win.close()
    settle(100)
    return 0


SIZES = ((1024, 768), (1280, 720), (1920, 1080))
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"


def baltic_shots(app: QApplication, tmp: Path) -> int:
    """The Baltic game at turn 12 at three sizes: the window (alliances), the treaty scope, presentation mode."""
    from wargame.app import new_game

    path = tmp / "baltic.wargame"
    with new_game(BALTIC, path) as game:
        game.advance(12)
    for w, h in SIZES:
        settings = QSettings(str(tmp / f"settings-{w}.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings)
        win.resize(w, h)
        win.show()
        if not win.files.open_path(path):
            return 1
        settle(900)
        win.resize(w, h)
        win.map_page.mode_combo.setCurrentText("Alliances")
        win.map_page.set_preset(win.map.preset_names()[0])
        win.docks["verdicts"].raise_()
        settle(700)
        grab(win, f"baltic-window-{w}x{h}.png")
        grab(win.map_page, f"baltic-alliances-{w}x{h}.png")
        win.map_page.mode_combo.setCurrentText("Treaty")
        win.map_page.treaty_combo.setCurrentIndex(win.map_page.treaty_combo.findData("NATO"))
        win.map_page.set_preset("Europe")
        settle(700)
        grab(win.map_page, f"baltic-treaty-{w}x{h}.png")
        win.map_page.mode_combo.setCurrentText("Alliances")
        win.map_page.set_preset(win.map.preset_names()[0])
        win.presentation.enter(full_screen=False)
        win.resize(w, h)
        settle(900)
        win.presentation.arrange()
        settle(500)
        grab(win, f"baltic-present-{w}x{h}.png")
        win.presentation.leave()
        win.close()
        settle(200)
    return 0


def main() -> int:
    app: QApplication = make_app()
    if "--baltic" in sys.argv[1:]:
        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            return baltic_shots(app, Path(tmp))
    if "--review" in sys.argv[1:]:
        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            return review_shot(app, Path(tmp))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings)
        win.resize(1600, 900)
        win.show()
        if not win.files.new_game(DEMO, Path(tmp) / "demo.wargame"):
            return 1
        assert win.game is not None
        win.game.inject(
            AttackSpec(
                "RUS",
                "LVA",
                "LVA",
                AttackKind.MISSILE,
                casualties=25,
                attribution=0.9,
                description="Missile strike on a Latvian air base",
            )
        )
        done: list[bool] = []
        win.refreshed.connect(lambda: done.append(True))  # the docks are filled after the turns
        win.turns.advance(7)
        while not done:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        win.map_page.mode_combo.setCurrentText("Verdicts")
        win.map_page.set_preset("Europe")
        win.inspection.select_state("EST")
        win.docks["states"].raise_()
        settle(600)
        grab(win, "main-window.png")

        win.docks["verdicts"].raise_()
        tree = win.verdict_tree
        for item in tree.verdict_items("TRIGGERED")[:1]:
            node = item
            while node is not None:
                node.setExpanded(True)
                node = node.parent()
            tree.scrollToItem(item)
            tree.setCurrentItem(item)
        tree.setColumnWidth(0, 260)
        tree.setColumnWidth(1, 170)
        holder = win.docks["verdicts"]
        holder.setFloating(True)
        holder.resize(1100, 640)
        settle(600)
        grab(holder, "verdict-tree.png")
        holder.setFloating(False)

        dlg = win.commands.open_inject_dialog(victim="EST", location="EST-NAR")
        assert dlg is not None
        dlg.attacker_combo.setCurrentIndex(dlg.attacker_combo.findData("RUS"))
        dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData("shelling"))
        dlg.casualties_spin.setValue(8)
        dlg.target_combo.setCurrentIndex(dlg.target_combo.findData("territory"))
        dlg.victim_combo.setCurrentIndex(dlg.victim_combo.findData("LVA"))  # refused: Narva is Estonian
        settle(400)
        grab(dlg, "inject-dialog.png")
        dlg.reject()
        win.close()
        settle(100)
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
