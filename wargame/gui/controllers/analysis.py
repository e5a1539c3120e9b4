"""Batch analysis: open a batch's results in the Analysis window; a run opens in the main window for review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.controllers.review_mode import ReviewModeController
from wargame.gui.session import Session, Ui

if TYPE_CHECKING:
    from wargame.gui.analysis import AnalysisWindow


class AnalysisController(Controller):
    """Opens Analysis windows (as many as asked for; each closes with the main window, its parent)."""

    def __init__(self, session: Session, ui: Ui, reviewing: ReviewModeController) -> None:
        super().__init__(session, ui)
        self.reviewing = reviewing

    def action_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "file.analysis",
                "&Batch analysis…",
                lambda: self.open_analysis(),
                (),
                "The results of a batch: charts, and any run for review",
                menu="&Game",
            )
        ]

    def open_analysis(self, results: str | Path | None = None) -> AnalysisWindow | None:
        """The Analysis window of a batch's results (asked for when not given); its runs open here for review."""
        from wargame.gui.analysis import AnalysisWindow  # the batch modules load when first asked for, not at start

        win = AnalysisWindow(open_review=self.reviewing.review_path, parent=self.ui.widget())
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not (win.load(results) if results is not None else win.open_dialog()):
            win.close()
            return None
        win.show()
        return win
