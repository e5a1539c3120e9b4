"""The Analysis window: a batch's distribution (the batch report's charts and tables) and its runs, any of
which opens for review.

The charts are :mod:`wargame.render.stats` pictures of :func:`wargame.app.batch_analysis.analyse`, the same
as in ``wargame batch report``. Opening a run replays it into a temporary saved game in another process
(``python -m wargame batch replay …``, as the report job runs the report), so the window never waits on it;
then ``open_review(path)`` is called (the main window's review mode).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError
from wargame.app.batch import BatchResults, open_results
from wargame.app.batch_analysis import Analysis, analyse
from wargame.gui.report_job import ReportJob

__all__ = ["AnalysisWindow", "ReplayJob", "RUN_COLUMNS"]

RUN_COLUMNS = (
    "run",
    "seed",
    "difficulty",
    "end_turn",
    "end_reason",
    "score",
    "deterrence_held",
    "first_invocation_turn",
    "first_arrival_turn",
    "casualties_total",
    "spent_total_musd",
    "invoked",
)
"""The run table's columns shown first (then the varied values); the report lists them all."""


class ReplayJob(ReportJob):
    """Replays one run of a batch into a saved game in another process (progress from its stderr)."""

    def start_replay(self, results: str | Path, run: int, out_path: str | Path) -> None:
        self._start(
            ["batch", "replay", str(results), "--run", str(run), "-o", str(out_path), "--force"], Path(out_path)
        )


def _image_label(image: QImage, width: int | None = None) -> QLabel:
    label = QLabel()
    pix = QPixmap.fromImage(image)
    if width is not None and pix.width() > width:
        pix = pix.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    label.setPixmap(pix)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _scroll(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class _Item(QTableWidgetItem):
    """A cell that sorts by its value (numbers as numbers, none first), not by its text."""

    def __init__(self, text: str, key: tuple[int, Any]) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _Item):
            try:
                return bool(self.key < other.key)
            except TypeError:
                return str(self.key) < str(other.key)
        return super().__lt__(other)


def _cell(value: Any) -> QTableWidgetItem:
    if value is None:
        item = _Item("–", (0, 0))
    elif isinstance(value, bool):
        item = _Item("yes" if value else "no", (1, int(value)))
    elif isinstance(value, float):
        item = _Item(f"{value:,.1f}", (1, value))
    elif isinstance(value, int):
        item = _Item(str(value), (1, value))
    else:
        item = _Item(str(value), (1, str(value)))
    if isinstance(value, int | float) and not isinstance(value, bool):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(head: list[str], rows: list[list[Any]]) -> QTableWidget:
    t = QTableWidget(len(rows), len(head))
    t.setHorizontalHeaderLabels(head)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.setItem(r, c, _cell(v))
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class AnalysisWindow(QMainWindow):
    """A batch's results: Outcomes, Timings, Sensitivity and Runs tabs; *Open for review* replays a run.

    ``open_review(path)`` is called with the replayed saved game (the main window's ``review_path``); without
    it the window only says where the game was written. Signals: ``replayed(path)``, ``failed(message)``.
    """

    replayed = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        results: str | Path | None = None,
        *,
        open_review: Callable[[str], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Batch analysis")
        self.resize(1280, 860)
        self.open_review = open_review
        self.results: BatchResults | None = None
        self.analysis: Analysis | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="wargame-runs-"))
        self.job = ReplayJob(self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_replayed)
        self.job_run: int | None = None

        central = QWidget()
        lay = QVBoxLayout(central)
        self.summary = QLabel("Open the results of a batch (File → Open results…).")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.summary)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        bar = QHBoxLayout()
        self.open_button = QPushButton("Open the selected run for review")
        self.open_button.setToolTip("Replay the run into a saved game (in the background), then review it")
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        bar.addWidget(self.open_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.status, 1)
        lay.addLayout(bar)
        self.setCentralWidget(central)
        m = self.menuBar().addMenu("&File")
        act = m.addAction("&Open results…")
        act.triggered.connect(self.open_dialog)
        act = m.addAction("&Close")
        act.triggered.connect(self.close)
        self.run_table: QTableWidget | None = None
        self.typical_table: QTableWidget | None = None
        if results is not None:
            self.load(results)

    # ------------------------------------------------------------------ loading
    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, "Open batch results", str(Path.home()), "Batch results (*.parquet)")
        return self.load(path) if path else False

    def load(self, path: str | Path) -> bool:
        """Read a results file and fill the tabs; a bad file gives a message box and changes nothing."""
        try:
            res = open_results(path)
            a = analyse(res)
        except AppError as exc:
            QMessageBox.critical(self, "Cannot open the results", str(exc))
            return False
        self.results, self.analysis = res, a
        self.setWindowTitle(f"Batch analysis — {a.scenario} — {res.path.name}")
        partial = (
            ""
            if a.complete
            else f" <b style='color:#D55E00'>PARTIAL: {a.runs} of {a.planned} planned runs ({a.stopped}).</b>"
        )
        vary = "; ".join(f"{n} = {', '.join(vs)}" for n, vs in a.variations) or "nothing (seeds only)"
        self.summary.setText(
            f"<b>{a.scenario}</b>: {a.runs} runs, {a.turns} turns at most, batch seed {a.batch_seed}; varied: {vary}."
            + partial
        )
        self._fill()
        return True

    def _fill(self) -> None:
        from wargame.render.stats import analysis_images

        assert self.analysis is not None and self.results is not None
        a = self.analysis
        images = analysis_images(a)
        self.tabs.clear()
        # Outcomes
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(_image_label(images["frequencies"], 1180))
        rows = [[f.label, f"{f.k} / {f.n}", f"{f.share:.1%}", f"{f.low:.1%} – {f.high:.1%}"] for f in a.frequencies]
        lay.addWidget(_table(["outcome", "runs", "share", "95 % interval (Wilson)"], rows))
        if a.never:
            never = QLabel("Never happened: " + ", ".join(a.never))
            never.setWordWrap(True)
            lay.addWidget(never)
        self.tabs.addTab(_scroll(page), "Outcomes")
        # Timings
        page = QWidget()
        grid = QGridLayout(page)
        hists = [k for k in images if k.startswith("hist_")]
        for i, name in enumerate(hists):
            grid.addWidget(_image_label(images[name], 580), i // 2, i % 2)
        if not hists:
            grid.addWidget(QLabel("Nothing with a timing happened in any run."), 0, 0)
        self.tabs.addTab(_scroll(page), "Timings")
        # Sensitivity
        page = QWidget()
        lay = QVBoxLayout(page)
        if "tornado" in images:
            lay.addWidget(_image_label(images["tornado"], 1180))
            rows = [[b.name, v, m, n] for b in a.tornado for v, m, n in b.means]
            lay.addWidget(_table(["varied", "value", f"mean {a.metric}", "runs"], rows))
        else:
            lay.addWidget(QLabel("No value was varied (or only one value of each): no sensitivity to show."))
        self.tabs.addTab(_scroll(page), "Sensitivity")
        # Runs
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("<b>Typical runs</b> (closest to their group's medians): double-click to review"))
        self.typical_table = _table(
            ["typical of", "run", "runs in group", "why this one"],
            [[t.label, t.run, t.group, t.detail] for t in a.typical],
        )
        self.typical_table.itemSelectionChanged.connect(self._selection_changed)
        self.typical_table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        lay.addWidget(self.typical_table, 1)
        cols = self.results.columns
        shown = [c for c in RUN_COLUMNS if c in cols] + [c for c in cols if c.startswith("vary_")]
        rows = [[cols[c][i] for c in shown] for i in range(len(self.results.runs))]
        lay.addWidget(QLabel("<b>Every run</b>: sort by a column, double-click to review"))
        self.run_table = _table([c.replace("_", " ") for c in shown], rows)
        self.run_table.setSortingEnabled(True)
        self.run_table.sortItems(0, Qt.SortOrder.AscendingOrder)
        self.run_table.itemSelectionChanged.connect(self._selection_changed)
        self.run_table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        lay.addWidget(self.run_table, 3)
        self.tabs.addTab(page, "Runs")
        self._selection_changed()

    # ------------------------------------------------------------------ runs
    def _table_run(self, table: QTableWidget | None, column: int) -> int | None:
        if table is None:
            return None
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if not rows:
            return None
        item = table.item(rows[0].row(), column)
        try:
            return int(item.text()) if item is not None else None
        except ValueError:
            return None

    def selected_run(self) -> int | None:
        """The run selected in the typical-runs or the runs table (the one selected last)."""
        focus = self.focusWidget()
        first, second = (self.typical_table, self.run_table)
        if focus is self.run_table:
            first, second = second, first
        for table in (first, second):
            run = self._table_run(table, 1 if table is self.typical_table else 0)
            if run is not None:
                return run
        return None

    def _selection_changed(self) -> None:
        run = self.selected_run()
        self.open_button.setEnabled(run is not None and not self.job.busy)
        self.open_button.setText(
            f"Open run {run} for review" if run is not None else "Open the selected run for review"
        )

    def open_selected(self) -> bool:
        run = self.selected_run()
        return self.open_run(run) if run is not None else False

    def open_run(self, run: int) -> bool:
        """Replay ``run`` into a temporary saved game in the background; review it when done."""
        if self.results is None or self.job.busy:
            return False
        try:
            self.results.row(run)
        except AppError as exc:
            QMessageBox.critical(self, "Cannot open the run", str(exc))
            return False
        self.job_run = run
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText(f"Replaying run {run}…")
        self.open_button.setEnabled(False)
        self.job.start_replay(self.results.path, run, self._tmp / f"run-{run:05d}.wargame")
        return True

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_replayed(self, ok: bool, message: str) -> None:
        self.progress.setVisible(False)
        self._selection_changed()
        if not ok or self.job.output is None:
            self.status.setText(f"Run {self.job_run} could not be replayed.")
            self.failed.emit(message)
            QMessageBox.critical(self, "Cannot replay the run", message)
            return
        path = str(self.job.output)
        self.status.setText(f"Run {self.job_run} replayed into {path}.")
        self.replayed.emit(path)
        if self.open_review is not None:
            self.open_review(path)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self.job.cancel()
        super().closeEvent(event)
