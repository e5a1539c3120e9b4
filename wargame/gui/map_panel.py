"""The central map and its pickers: colour mode, the treaty and the attack shown, and the theatre.

:class:`MapPanel` is a hub listener like the docks: it redraws itself when the shown world changes
(an advance, a review step, another game). The pickers live in the main toolbar; the panel's
``action_specs()`` are the View menu's colour cycling and theatre shortcuts.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QVBoxLayout, QWidget

from wargame.app import mapmodes
from wargame.app.types import WorldState
from wargame.gui.actions import ActionSpec
from wargame.gui.mapview import MapView
from wargame.gui.notices import Changes
from wargame.gui.session import Session


class MapPanel(QWidget):
    """The map (``view``) with its colour mode, treaty, attack and theatre pickers."""

    listens = Changes.WORLD | Changes.REVIEW | Changes.GAME_CLOSED

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.view = MapView()
        self.view.setObjectName("map")
        self.mode_combo = QComboBox()
        self.mode_combo.addItems(list(mapmodes.MODES))
        self.mode_combo.setToolTip("Map colours (Ctrl+M cycles)")
        self.treaty_combo = QComboBox()
        self.treaty_combo.setToolTip("The treaty shown in 'Treaty' mode")
        self.attack_combo = QComboBox()
        self.attack_combo.setToolTip("The attack shown in 'Verdicts' mode")
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(MapView.presets())
        self.preset_combo.setToolTip("Theatre (Ctrl+1 … Ctrl+5)")
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
        """Colour cycling and one shortcut per theatre (View menu)."""
        specs = [ActionSpec("view.cycle_mode", "Next map &colours", self.cycle_mode, ("Ctrl+M",), menu="&View")]
        specs += [
            ActionSpec(
                f"view.preset.{i}",
                f"View {name}",
                lambda n=name: self.set_preset(n),
                (f"Ctrl+{i + 1}",),
                f"Show the {name} theatre",
                menu="&View",
            )
            for i, name in enumerate(MapView.presets()[:9])
        ]
        return specs

    def add_pickers(self, bar: QToolBar) -> None:
        """Put the pickers on ``bar`` (the treaty and attack pickers show only in their modes)."""
        bar.addWidget(QLabel(" Colours: "))
        bar.addWidget(self.mode_combo)
        self._treaty_action = bar.addWidget(self.treaty_combo)
        self._attack_action = bar.addWidget(self.attack_combo)
        bar.addWidget(QLabel(" View: "))
        bar.addWidget(self.preset_combo)
        self._show_pickers(False)

    # ------------------------------------------------------------------ notices
    def on_changes(self, changes: Changes, session: Session) -> None:
        if changes & Changes.GAME_OPENED and session.game is not None:
            self.treaty_combo.blockSignals(True)
            self.treaty_combo.clear()
            for t in session.game.scenario.treaties:
                self.treaty_combo.addItem(t.id, t.id)
            self.treaty_combo.blockSignals(False)
        if not session.can_touch():
            self._show_pickers(False)
            return
        self._fill_attacks(session.world())
        self.redraw()

    def _fill_attacks(self, world: WorldState) -> None:
        current = self.attack_combo.currentData()
        self.attack_combo.blockSignals(True)
        self.attack_combo.clear()
        for aid, att in sorted(world.attacks.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
            self.attack_combo.addItem(f"{aid}: {att.spec.attacker} → {att.spec.victim}", aid)
        i = self.attack_combo.findData(current)
        self.attack_combo.setCurrentIndex(i if i >= 0 else self.attack_combo.count() - 1)
        self.attack_combo.blockSignals(False)

    def _show_pickers(self, game_open: bool) -> None:
        mode = self.mode_combo.currentText() if game_open else ""
        if self._treaty_action is not None and self._attack_action is not None:
            self._treaty_action.setVisible(mode == "Treaty")
            self._attack_action.setVisible(mode == "Verdicts")

    def redraw(self) -> None:
        """Colour the map, its markers and arrows for the shown world in the chosen mode."""
        s = self._session
        if not s.can_touch() or s.game is None:
            return
        sc, world = s.game.scenario, s.world()
        mode = self.mode_combo.currentText()
        self._show_pickers(True)
        lay = mapmodes.layer(
            sc,
            world,
            mode,
            treaty=str(self.treaty_combo.currentData() or ""),
            attack=str(self.attack_combo.currentData() or ""),
        )
        self.view.set_country_colors(lay.colors)
        self.view.set_country_tooltips(lay.tooltips)
        self.view.set_legend(lay.legend, lay.title)
        self.view.set_markers(mapmodes.markers(sc, world, set(self.view.countries()), lay.marker_colors))
        self.view.set_arrows(mapmodes.arrows(sc, world))

    # ------------------------------------------------------------------ pickers
    def set_preset(self, name: str) -> None:
        if name in MapView.presets():
            self.view.set_preset(name)
            if self.preset_combo.currentText() != name:
                self.preset_combo.setCurrentText(name)

    def cycle_mode(self) -> None:
        self.mode_combo.setCurrentIndex((self.mode_combo.currentIndex() + 1) % self.mode_combo.count())

    def select_attack(self, aid: str) -> None:
        """Show attack ``aid`` in 'Verdicts' mode."""
        i = self.attack_combo.findData(aid)
        if i >= 0:
            self.attack_combo.setCurrentIndex(i)
