"""Charts: opinion and budget per state over turns (pyqtgraph).

pyqtgraph (and numpy) are imported, and the plots made, the first time the dock is shown; a hidden dock only
notes that its curves are out of date. Starting the application and advancing turns pay nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from wargame.app import Game
from wargame.gui import palette
from wargame.gui.a11y import name_widgets
from wargame.gui.docks import on_screen
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session


def _pg() -> Any:
    """pyqtgraph, imported (and set up) at first use."""
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return pg


class ChartsPanel(QWidget):
    """Two plots (support %, operations budget $M) with one curve per ticked state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_list = QListWidget()
        self.state_list.setToolTip("Tick the states to plot (the states in the crisis are ticked first)")
        self.state_list.setAccessibleName("States to plot")
        self.state_list.setMaximumWidth(170)
        self.opinion_plot: Any = None
        self.budget_plot: Any = None
        self._plots = QSplitter(Qt.Orientation.Horizontal)  # side by side: each gets the dock's whole height
        self._stale = False
        plots = self._plots
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.state_list)
        split.addWidget(plots)
        split.setStretchFactor(1, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(split)
        self._game: Game | None = None
        self.cursor_turn: int | None = None
        self._cursors: list[Any] = []
        self.state_list.itemChanged.connect(lambda _it: self._replot())

    def _ensure_plots(self) -> bool:
        """Make the two plots (the first time the charts are needed); False if they exist already."""
        if self.opinion_plot is not None:
            return False
        pg = _pg()
        self.opinion_plot = pg.PlotWidget(title="Support for defending an ally (%)")
        self.budget_plot = pg.PlotWidget(title="Operations budget (US$ M)")
        for plot in (self.opinion_plot, self.budget_plot):
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setLabel("bottom", "turn")
            plot.addLegend(offset=(5, 5), labelTextSize="8pt")
            plot.setMenuEnabled(False)
            plot.setMinimumSize(220, 150)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setStyle(tickLength=-5, maxTickLevel=1)
            self._plots.addWidget(plot)
        self.opinion_plot.setAccessibleName("Support chart")
        self.budget_plot.setAccessibleName("Budget chart")
        self.opinion_plot.setYRange(0, 100)
        name_widgets(self)  # the plots' own scroll bars
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_shown()

    def on_shown(self) -> None:
        """The dock came up (shown, or its tab chosen): make the plots and catch up."""
        if self.isVisible() and (self._ensure_plots() or self._stale):
            self._replot(force=True)

    listens = Changes.WORLD | Changes.REVIEW

    def on_changes(self, changes: Changes, session: Session) -> None:
        """The game's curves (whole, also in review mode) with a line at the reviewed turn."""
        if session.game is None:
            return
        if changes & Changes.GAME_OPENED:
            self.state_list.clear()  # another game may have other states
        if changes & (Changes.WORLD | Changes.REVIEW_STARTED | Changes.REVIEW_ENDED):
            self.show_game(session.game)
        self.set_cursor(session.review.turn if session.reviewing else None)

    def show_game(self, game: Game) -> None:
        """Fill the state list on first use (ticking the states attacked or fighting) and replot."""
        self._game = game
        world = game.world
        from wargame.app import mapmodes

        crisis = [*mapmodes.theatre(game.scenario)]
        crisis += sorted({a.spec.victim for a in world.attacks.values()} - set(crisis))
        crisis += sorted({a.spec.attacker for a in world.attacks.values()} - set(crisis))
        involved = [sid for sid in crisis if sid in world.nations]
        self.state_list.blockSignals(True)
        if self.state_list.count() == 0:
            for sid, st in sorted(game.scenario.states.items(), key=lambda kv: kv[1].name):
                if st.non_state:
                    continue
                item = QListWidgetItem(st.name)
                item.setToolTip(st.name)
                item.setData(Qt.ItemDataRole.UserRole, sid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.state_list.addItem(item)
        ticked = self.ticked()
        if not ticked:
            pick = involved or [
                self.state_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(min(4, self.state_list.count()))
            ]
            for i in range(self.state_list.count()):
                it = self.state_list.item(i)
                if it.data(Qt.ItemDataRole.UserRole) in pick[:6]:
                    it.setCheckState(Qt.CheckState.Checked)
        self.state_list.blockSignals(False)
        self._replot()

    def set_cursor(self, turn: int | None) -> None:
        """Draw (or with None remove) a vertical line at ``turn`` on both plots (review mode)."""
        self.cursor_turn = turn
        if self.opinion_plot is None:
            return  # drawn with the plots when they are made
        if turn is None:
            for plot, line in zip((self.opinion_plot, self.budget_plot), self._cursors, strict=False):
                plot.removeItem(line)
            self._cursors = []
            return
        if not self._cursors:
            pg = _pg()
            pen = pg.mkPen(palette.VERMILLION, width=2)
            self._cursors = [pg.InfiniteLine(turn, angle=90, pen=pen), pg.InfiniteLine(turn, angle=90, pen=pen)]
            for plot, line in zip((self.opinion_plot, self.budget_plot), self._cursors, strict=False):
                plot.addItem(line, ignoreBounds=True)
        for line in self._cursors:
            line.setValue(turn)

    def ticked(self) -> list[str]:
        return [
            self.state_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.state_list.count())
            if self.state_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _replot(self, *, force: bool = False) -> None:
        if self._game is None:
            return
        if not force and (self.opinion_plot is None or not on_screen(self)):
            self._stale = True  # drawn when the dock is shown
            return
        self._stale = False
        pg = _pg()
        for plot in (self.opinion_plot, self.budget_plot):
            plot.clear()
        self._cursors = []
        if self.cursor_turn is not None:
            self.set_cursor(self.cursor_turn)
        for i, sid in enumerate(self.ticked()):
            pen = pg.mkPen(palette.category(i), width=2)
            for plot, field in ((self.opinion_plot, "support"), (self.budget_plot, "budget_musd")):
                pts = [(t, float(v)) for t, v in self._game.series("nation", sid, field) if v is not None]
                if pts:
                    plot.plot(
                        [t for t, _ in pts],
                        [v for _, v in pts],
                        pen=pen,
                        name=self._game.scenario.states[sid].name if sid in self._game.scenario.states else sid,
                        symbol="o",
                        symbolSize=4,
                        symbolBrush=palette.category(i),
                    )

    def curves(self) -> dict[str, list[tuple[list[float], list[float]]]]:
        """Data of every curve per plot ('opinion', 'budget'), for tests and reports (made now if out of date)."""
        if self._ensure_plots() or self._stale:
            self._replot(force=True)
        out: dict[str, list[tuple[list[float], list[float]]]] = {}
        for name, plot in (("opinion", self.opinion_plot), ("budget", self.budget_plot)):
            out[name] = []
            for item in plot.listDataItems():
                xs, ys = item.getData()
                out[name].append(
                    ([] if xs is None else [float(x) for x in xs], [] if ys is None else [float(y) for y in ys])
                )
        return out
