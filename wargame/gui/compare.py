"""Compare two games of one scenario: verdict and control differences, and overlaid series.

Game A is drawn with solid lines, game B with dashed lines in the same colour per state.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, Game
from wargame.app.review import METRICS, Comparison, compare
from wargame.gui import palette

METRIC_TITLES: dict[str, str] = {
    "support": "Support for defending an ally (%)",
    "budget_musd": "Operations budget (US$ M)",
    "forces_in_theatre": "Forces in theatre (units deployed at an attacked place)",
}


def _table(headers: list[str], rows: list[tuple[str, str, str]], empty: str) -> QTableWidget:
    table = QTableWidget(max(1, len(rows)), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    if not rows:
        table.setItem(0, 0, QTableWidgetItem(empty))
        table.setSpan(0, 0, 1, len(headers))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    return table


class CompareDialog(QDialog):
    """Side by side: two difference tables and three charts; tick states to overlay them.

    The dialog owns ``game_b`` (closed with the dialog); ``game_a`` belongs to the caller.
    """

    def __init__(self, game_a: Game, game_b: Game, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.game_a, self.game_b = game_a, game_b
        self.comparison = comparison
        c = comparison
        self.setWindowTitle(f"Compare {c.a} (solid) with {c.b} (dashed)")
        scenario = game_a.scenario
        branch = f"they share turns 0 to {c.branch_turn}" if c.branch_turn is not None else "they share no turn"
        div = f"; first different turn: {c.first_divergence}" if c.first_divergence is not None else "; no turn differs"
        self.heading = QLabel(
            f"<b>A</b> = {c.a} (turn {game_a.last_turn}, solid lines) · <b>B</b> = {c.b} "
            f"(turn {game_b.last_turn}, dashed lines). {branch.capitalize()}{div}. "
            f"Differences are taken at turn {c.at_turn}."
        )
        self.heading.setWordWrap(True)
        self.verdict_table = _table(
            ["Treaty : article : attack", f"A: {c.a}", f"B: {c.b}"],
            [(k, a or "—", b or "—") for k, a, b in c.verdict_diffs],
            "No verdict differs.",
        )
        self.control_table = _table(
            ["Place", f"A: {c.a}", f"B: {c.b}"],
            [(self._place(k), self._state(a), self._state(b)) for k, a, b in c.control_diffs],
            "No place changed hands differently.",
        )
        tabs = QTabWidget()
        tabs.addTab(self.verdict_table, f"Verdicts ({len(c.verdict_diffs)})")
        tabs.addTab(self.control_table, f"Control ({len(c.control_diffs)})")

        self.state_list = QListWidget()
        self.state_list.setToolTip("Tick the states to overlay")
        self.state_list.setMaximumWidth(160)
        for sid, st in scenario.states.items():
            if st.non_state:
                continue
            item = QListWidgetItem(sid)
            item.setToolTip(st.name)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if sid in c.states else Qt.CheckState.Unchecked)
            self.state_list.addItem(item)
        self.plots: dict[str, pg.PlotWidget] = {}
        plots = QSplitter(Qt.Orientation.Vertical)
        for metric in METRICS:
            plot = pg.PlotWidget(title=METRIC_TITLES.get(metric, metric))
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setLabel("bottom", "turn")
            plot.addLegend(offset=(5, 5), labelTextSize="8pt")
            plot.setMenuEnabled(False)
            self.plots[metric] = plot
            plots.addWidget(plot)
        self.plots["support"].setYRange(0, 100)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.state_list)
        charts.addWidget(plots)
        charts.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(tabs)
        split.addWidget(charts)
        split.setStretchFactor(1, 3)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color:{palette.VERMILLION};")
        self.error_label.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(split, 1)
        box.addWidget(self.error_label)
        box.addWidget(buttons)
        self.resize(1100, 800)
        self._plot()
        self.state_list.itemChanged.connect(lambda _it: self.set_states(self.ticked()))
        self.finished.connect(lambda _r: self._close_b())

    def _state(self, sid: str | None) -> str:
        if not sid:
            return "—"
        st = self.game_a.scenario.states.get(sid)
        return f"{st.name} ({sid})" if st else sid

    def _place(self, key: str) -> str:
        loc = self.game_a.scenario.locations.get(key)
        return f"{loc.name} ({key})" if loc else key

    def ticked(self) -> list[str]:
        return [
            self.state_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.state_list.count())
            if self.state_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_states(self, states: list[str]) -> None:
        """Recompute the series for ``states`` and redraw."""
        if not states:
            for plot in self.plots.values():
                plot.clear()
            return
        try:
            self.comparison = compare(self.game_a, self.game_b, states=states)
        except AppError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            return
        self.error_label.setVisible(False)
        self._plot()

    def _plot(self) -> None:
        c = self.comparison
        for metric, plot in self.plots.items():
            plot.clear()
            lines = c.series.get(metric, {})
            for i, sid in enumerate(c.states):
                color = palette.category(i)
                for label, style in ((c.a, Qt.PenStyle.SolidLine), (c.b, Qt.PenStyle.DashLine)):
                    pts = lines.get(f"{label}:{sid}", [])
                    if not pts:
                        continue
                    pen = pg.mkPen(color, width=2, style=style)
                    plot.plot(
                        [t for t, _ in pts], [v for _, v in pts], pen=pen, name=f"{sid} {'A' if label == c.a else 'B'}"
                    )
            if c.branch_turn is not None:
                plot.addItem(
                    pg.InfiniteLine(
                        c.branch_turn,
                        angle=90,
                        pen=pg.mkPen("#777777", width=1, style=Qt.PenStyle.DotLine),
                        label="branch",
                        labelOpts={"position": 0.92, "color": "#555555"},
                    )
                )

    def curves(self, metric: str) -> list[tuple[str, Qt.PenStyle, list[float], list[float]]]:
        """(legend name, pen style, xs, ys) of every curve of one chart (for tests)."""
        out = []
        for item in self.plots[metric].listDataItems():
            xs, ys = item.getData()
            pen = item.opts.get("pen")
            style = pen.style() if hasattr(pen, "style") else Qt.PenStyle.SolidLine
            out.append(
                (
                    item.name() or "",
                    style,
                    [] if xs is None else [float(x) for x in xs],
                    [] if ys is None else [float(y) for y in ys],
                )
            )
        return out

    def _close_b(self) -> None:
        if self.game_b is not None:
            self.game_b.close()
