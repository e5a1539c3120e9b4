"""Files: new game, open, save as, the recent files, close; the report and export jobs (another process)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from wargame.app import AppError, Game, new_game, open_game
from wargame.app.types import InjectError
from wargame.gui import gates
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.notices import Changes
from wargame.gui.report_job import ReportJob
from wargame.gui.seats_dialog import seats_text
from wargame.gui.session import Session, Ui
from wargame.gui.startpage import StartPage

MAX_RECENT = 8
FILE_FILTER = "Saved games (*.wargame);;All files (*)"
K = QKeySequence.StandardKey


class FilesController(Controller):
    """Opens and closes games (every other controller sees them through the hub) and writes reports."""

    listens = Changes.GAME_OPENED

    def __init__(self, session: Session, ui: Ui, start_page: StartPage) -> None:
        super().__init__(session, ui)
        self.start_page = start_page
        self.recent_menu = QMenu("Open &recent", ui.widget())
        self.report_job = ReportJob(self)
        self.report_job.progress.connect(lambda done, total: self.ui.status(f"Writing: {done}/{total}…"))
        self.report_job.finished.connect(self._report_finished)
        start_page.newGameRequested.connect(self.new_game_dialog)
        start_page.openRequested.connect(self.open_dialog)
        start_page.recentRequested.connect(self.open_path)
        self._update_recent()

    def action_specs(self) -> list[ActionSpec]:
        g = "&Game"
        return [
            ActionSpec("file.new", "&New game…", self.show_start, (K.New,), "Start a new game from a scenario", menu=g),
            ActionSpec("file.open", "&Open…", self.open_dialog, (K.Open,), "Open a saved game", menu=g),
            ActionSpec(
                "file.save", "&Save", self.save, (K.Save,), "Every turn is saved when it is committed", gates.live, g
            ),
            ActionSpec(
                "file.save_as",
                "Save &As…",
                self.save_as_dialog,
                (K.SaveAs,),
                "Copy the game to a new file and continue there",
                gates.live,
                g,
            ),
            ActionSpec(
                "file.report",
                "After-action &report…",
                self.report_dialog,
                ("Ctrl+Shift+P",),
                "Write the after-action report (PDF or self-contained HTML) in the background",
                gates.with_game,
                g,
            ),
            ActionSpec(
                "file.export",
                "&Export for analysts…",
                self.export_dialog,
                ("Ctrl+Shift+E",),
                "Write the events and per-turn series as CSV files",
                gates.with_game,
                g,
            ),
            ActionSpec(
                "file.close",
                "&Close game",
                self.close_game,
                (K.Close,),
                "Close the game and return to the start page",
                gates.idle,
                g,
            ),
            ActionSpec(
                "file.quit", "&Quit", lambda: self.ui.widget().close(), (K.Quit,), "Quit the application", menu=g
            ),
        ]

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        value = self.ui.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if str(v)]

    def _add_recent(self, path: Path) -> None:
        p = str(path.resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        self.ui.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._update_recent()

    def _update_recent(self) -> None:
        files = self.recent_files()
        self.start_page.set_recent(files)
        self.recent_menu.clear()
        for f in files:
            act = self.recent_menu.addAction(Path(f).name)
            act.setToolTip(f)
            act.triggered.connect(lambda _c=False, p=f: self.open_path(p))
        self.recent_menu.setEnabled(bool(files))

    def on_changes(self, _changes: Changes, session: Session) -> None:
        """A game was opened: remember it and say so (and, for a game made with other rules, why it is review only)."""
        game = session.game
        if game is None:
            return
        self.ui.settings.setValue("lastDir", str(game.path.parent))
        self._add_recent(game.path)
        message = f"Opened {game.path.name} — {seats_text(game.controlled, game.ai_states)}"
        if session.rules:  # the first clause; the actions' tooltips and the panels' banners give it whole
            self.ui.status(f"{message}. Review only: {session.rules.split(':')[0]}.", 20000)
        else:
            self.ui.status(message, 4000)

    # ------------------------------------------------------------------ opening and closing
    def _last_dir(self) -> str:
        return str(self.ui.settings.value("lastDir", str(Path.home())))

    def show_start(self) -> None:
        """Back to the start page (closing the game first)."""
        if self.session.game is not None:
            self.close_game()

    def new_game_dialog(self, scenario_path: str) -> bool:
        """Ask where to save, then create the game from ``scenario_path``."""
        if not scenario_path:
            return False
        out, _ = QFileDialog.getSaveFileName(
            self.ui.widget(),
            "Save the new game as",
            str(Path(self._last_dir()) / (Path(scenario_path).stem + ".wargame")),
            FILE_FILTER,
        )
        if not out:
            return False
        if not out.endswith(".wargame"):
            out += ".wargame"
        choice = self.start_page.seat_choice()
        return self.new_game(
            scenario_path,
            out,
            overwrite=Path(out).exists(),
            seats=choice.seats,
            difficulty=choice.difficulty,
            tag=choice.tag,
        )

    def new_game(
        self,
        scenario_path: str | Path,
        out_path: str | Path,
        *,
        overwrite: bool = False,
        seats: dict[str, str] | None = None,
        difficulty: str = "normal",
        tag: str = "",
    ) -> bool:
        """Create a saved game (with its seats, difficulty and tag) and show it; errors go to a message box."""
        if not self.release():
            return False
        try:
            game = new_game(scenario_path, out_path, overwrite=overwrite, seats=seats, difficulty=difficulty, tag=tag)
        except AppError as exc:
            self.ui.error("Cannot create the game", str(exc))
            return False
        self.session.set_game(game)
        return True

    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self.ui.widget(), "Open a saved game", self._last_dir(), FILE_FILTER)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, *, readonly: bool = False) -> bool:
        """Open a saved game; a damaged or newer file gives a message box with the one-line reason."""
        if not self.release():
            return False
        try:
            game = open_game(path, readonly=readonly)
        except AppError as exc:
            self.ui.error("Cannot open the game", str(exc))
            return False
        self.session.set_game(game)
        return True

    def release(self) -> bool:
        """Close the open game, if any (refused while a turn runs)."""
        if self.session.release():
            return True
        self.ui.status("A turn is being resolved; wait or cancel first.", 4000)
        return False

    def close_game(self) -> bool:
        """Close the game and return to the start page."""
        return self.release()

    def save(self) -> None:
        if self.session.game is not None:
            self.ui.status(
                f"{self.session.game.path.name} is saved: every turn and command is written as it happens.", 5000
            )

    def save_as_dialog(self) -> bool:
        game = self.session.game
        if gates.live(self.session.state()) or game is None:
            return False
        out, _ = QFileDialog.getSaveFileName(
            self.ui.widget(),
            "Save the game as",
            str(game.path.with_name(game.path.stem + "-copy.wargame")),
            FILE_FILTER,
        )
        return self.save_as(out) if out else False

    def save_as(self, out_path: str | Path) -> bool:
        """Copy the game to ``out_path`` (pending commands too) and continue there."""
        game = self.session.game
        if gates.live(self.session.state()) or game is None:
            return False
        try:
            new: Game = game.save_as(out_path, overwrite=Path(out_path).exists())
        except (AppError, InjectError) as exc:
            self.ui.error("Cannot save the game", str(exc))
            return False
        self.session.replace_game(new)
        return True

    # ------------------------------------------------------------------ report & export (another process)
    def report_dialog(self) -> bool:
        game = self.session.game
        if game is None:
            return False
        out, _ = QFileDialog.getSaveFileName(
            self.ui.widget(),
            "Write the after-action report",
            str(game.path.with_suffix(".pdf")),
            "PDF (*.pdf);;Self-contained web page (*.html);;Word document, editable (*.docx)",
        )
        return self.write_report(out) if out else False

    def write_report(self, out_path: str | Path) -> bool:
        """Start writing the report of the open game; the window stays responsive."""
        if self.session.game is None or self.report_job.busy:
            return False
        self.report_job.start_report(self.session.game.path, out_path)
        self.ui.status(f"Writing the after-action report to {out_path}…")
        return True

    def export_dialog(self) -> bool:
        game = self.session.game
        if game is None:
            return False
        out = QFileDialog.getExistingDirectory(self.ui.widget(), "Export events and series into", str(game.path.parent))
        return self.export_to(out) if out else False

    def export_to(self, out_dir: str | Path, fmt: str = "csv") -> bool:
        if self.session.game is None or self.report_job.busy:
            return False
        self.report_job.start_export(self.session.game.path, out_dir, fmt)
        self.ui.status(f"Exporting to {out_dir}…")
        return True

    def _report_finished(self, ok: bool, message: str) -> None:
        if ok:
            self.ui.status(message, 8000)
        else:
            self.ui.error("Report not written", message)

    def shutdown(self) -> None:
        self.report_job.cancel()
