"""The central map and its pickers: colour mode, the treaty and the attack shown, and the view.

:class:`MapPanel` is a hub listener like the docks: it redraws itself when the shown world changes
(an advance, a review step, another game, a state picked). The pickers live in the main toolbar; the panel's
``action_specs()`` are the View menu's colour cycling and view shortcuts. A game opens on its scenario's own
view (``[map]`` in the scenario), with the scenario's views listed first.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QVBoxLayout, QWidget

from wargame.app import describe, mapmodes
from wargame.app.types import WorldState
from wargame.gui.actions import ActionSpec
from wargame.gui.mapview import MapView
from wargame.gui.notices import Changes
from wargame.gui.session import Session

MODE_TIPS = {
    "Alliances": "Who is allied with whom: one colour per mutual-defence treaty (cool: the Western system, warm: the "
    "Eastern), stripes for a second treaty",
    "Defence ties": "For the state you click: who must defend it, and whom it must defend",
    "Treaty": "One treaty's parties and the area it covers",
    "Verdicts": "How each treaty judged the attack chosen",
    "Drawn in": "Who is drawn into the attack chosen: forces committed, answering without forces, owing help, declined",
    "Opinion": "Public support for defending an ally",
    "Budget strain": "How much of each state's operations money is spent",
}


class MapPanel(QWidget):
    """The map (``view``) with its colour mode, treaty, attack and view pickers."""

    listens = Changes.WORLD | Changes.REVIEW | Changes.GAME_CLOSED | Changes.STATE_SELECTED

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.view = MapView()
        self.view.setObjectName("map")
        self.view.progressive = True  # a new turn's map is drawn in slices: the window keeps answering
        self.mode_combo = QComboBox()
        for mode in mapmodes.MODES:
            self.mode_combo.addItem(mode, mode)
            self.mode_combo.setItemData(self.mode_combo.count() - 1, MODE_TIPS.get(mode, ""), 3)  # ToolTipRole
        self.mode_combo.setToolTip("Map colours (Ctrl+M cycles)")
        self.mode_combo.setAccessibleName("Map colours")
        self.treaty_combo = QComboBox()
        self.treaty_combo.setToolTip("The treaty shown in 'Treaty' mode")
        self.treaty_combo.setAccessibleName("Treaty shown")
        self.attack_combo = QComboBox()
        self.attack_combo.setToolTip("The attack shown in 'Verdicts' mode")
        self.attack_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.attack_combo.setMinimumContentsLength(24)  # long attack names must not widen the dock or the toolbar
        self.attack_combo.setAccessibleName("Attack shown")
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(MapView.presets())
        self.preset_combo.setToolTip("View (Ctrl+1 … Ctrl+9; the scenario's own views first)")
        self.preset_combo.setAccessibleName("Map view")
        self._treaty_action: QAction | None = None
        self._attack_action: QAction | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        self.mode_combo.currentIndexChanged.connect(self.redraw)
        self.treaty_combo.currentIndexChanged.connect(self.redraw)
        self.attack_combo.currentIndexChanged.connect(self.redraw)
        self.preset_combo.currentTextChanged.connect(self.set_preset)

    def action_specs(self) -> list[ActionSpec]:
        """Colour cycling and one shortcut per view (View menu): the scenario's views take the first numbers."""
        specs = [ActionSpec("view.cycle_mode", "Next map &colours", self.cycle_mode, ("Ctrl+M",), menu="&View")]
        specs += [
            ActionSpec(
                f"view.preset.{i}",
                f"View {i + 1}",
                lambda i=i: self.set_preset_at(i),
                (f"Ctrl+{i + 1}",),
                f"Show view {i + 1} of the list (the scenario's own views first)",
                menu="&View",
            )
            for i in range(9)
        ]
        return specs

    def add_pickers(self, bar: QToolBar) -> None:
        """Put the pickers on ``bar`` (the treaty and attack pickers show only in their modes)."""
        colours = QLabel(" Colours: ")
        colours.setBuddy(self.mode_combo)
        bar.addWidget(colours)
        bar.addWidget(self.mode_combo)
        self._treaty_action = bar.addWidget(self.treaty_combo)
        self._attack_action = bar.addWidget(self.attack_combo)
        view = QLabel(" View: ")
        view.setBuddy(self.preset_combo)
        bar.addWidget(view)
        bar.addWidget(self.preset_combo)
        self._show_pickers(False)

    # ------------------------------------------------------------------ notices
    def on_changes(self, changes: Changes, session: Session) -> None:
        if changes & Changes.GAME_OPENED and session.game is not None:
            sc = session.game.scenario
            self.treaty_combo.blockSignals(True)
            self.treaty_combo.clear()
            for t in sc.treaties:
                self.treaty_combo.addItem(describe.treaty_short(sc, t.id), t.id)
                self.treaty_combo.setItemData(self.treaty_combo.count() - 1, t.name, 3)
            self.treaty_combo.blockSignals(False)
            views = mapmodes.views(sc)
            self.view.set_presets(views)
            self.preset_combo.blockSignals(True)
            self.preset_combo.clear()
            self.preset_combo.addItems(self.view.preset_names())
            self.preset_combo.blockSignals(False)
            self.set_preset(self.view.preset_names()[0])
        if changes == Changes.STATE_SELECTED and self.mode_combo.currentText() != "Defence ties":
            return
        if not session.can_touch():
            self._show_pickers(False)
            return
        self._fill_attacks(session.world())
        self.redraw()

    def _fill_attacks(self, world: WorldState) -> None:
        current = self.attack_combo.currentData()
        sc = self._session.game.scenario if self._session.game is not None else None
        self.attack_combo.blockSignals(True)
        self.attack_combo.clear()
        for aid, _att in sorted(world.attacks.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
            self.attack_combo.addItem(describe.attack(sc, world, aid), aid)
        i = self.attack_combo.findData(current)
        self.attack_combo.setCurrentIndex(i if i >= 0 else self.attack_combo.count() - 1)
        self.attack_combo.blockSignals(False)

    def _show_pickers(self, game_open: bool) -> None:
        mode = self.mode_combo.currentText() if game_open else ""
        if self._treaty_action is not None and self._attack_action is not None:
            self._treaty_action.setVisible(mode == "Treaty")
            self._attack_action.setVisible(mode in ("Verdicts", "Drawn in"))

    def viewpoint(self) -> tuple[str, ...]:
        """Whose side the forces are drawn from: the seats played (a few), else the facilitator's view."""
        game = self._session.game
        seats = tuple(sorted(game.controlled)) if game is not None else ()
        return seats if 0 < len(seats) <= 3 else ()

    def redraw(self) -> None:
        """Colour the map, its markers and arrows for the shown world in the chosen mode."""
        s = self._session
        if not s.can_touch() or s.game is None:
            return
        sc, world = s.game.scenario, s.world()
        mode = self.mode_combo.currentText()
        self._show_pickers(True)
        pic = mapmodes.picture(
            sc,
            world,
            mode,
            treaty=str(self.treaty_combo.currentData() or ""),
            attack=str(self.attack_combo.currentData() or ""),
            state=s.selected_state,
            viewpoint=self.viewpoint(),
            on_map=set(self.view.countries()),
        )
        self.view.set_picture(pic, frame=False)

    # ------------------------------------------------------------------ pickers
    def set_preset(self, name: str) -> None:
        if name in self.view.preset_names():
            self.view.set_preset(name)
            if self.preset_combo.currentText() != name:
                self.preset_combo.blockSignals(True)
                self.preset_combo.setCurrentText(name)
                self.preset_combo.blockSignals(False)

    def set_preset_at(self, index: int) -> None:
        names = self.view.preset_names()
        if 0 <= index < len(names):
            self.set_preset(names[index])

    def cycle_mode(self) -> None:
        self.mode_combo.setCurrentIndex((self.mode_combo.currentIndex() + 1) % self.mode_combo.count())

    def select_attack(self, aid: str) -> None:
        """Show attack ``aid`` in 'Verdicts' mode."""
        i = self.attack_combo.findData(aid)
        if i >= 0:
            self.attack_combo.setCurrentIndex(i)
