"""Looking closer: select a state or an attack, the map's context menu, and the provenance of events and verdicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from wargame.app import AppError
from wargame.app.types import Event
from wargame.gui import gates
from wargame.gui.controllers import Controller
from wargame.gui.controllers.commands import CommandsController
from wargame.gui.map_panel import MapPanel
from wargame.gui.session import Session, Ui

if TYPE_CHECKING:
    from wargame.gui.provenance import ProvenanceDialog


class InspectionController(Controller):
    """Selection (state, attack), the map's context menu, provenance dialogs."""

    def __init__(self, session: Session, ui: Ui, commands: CommandsController, map_panel: MapPanel) -> None:
        super().__init__(session, ui)
        self.commands = commands
        self.map_panel = map_panel
        self.provenance_dialog: ProvenanceDialog | None = None

    # ------------------------------------------------------------------ selection
    def select_state(self, sid: str) -> None:
        """Show ``sid`` in the state inspector (and, outside review, in the decisions panel)."""
        if self.session.select_state(sid):
            self.ui.raise_dock("inspector")

    def select_attack(self, aid: str) -> None:
        self.map_panel.select_attack(aid)

    def marker_clicked(self, marker_id: str) -> None:
        kind, _, key = marker_id.partition(":")
        if kind == "state":
            self.select_state(key)
        elif kind == "attack":
            self.select_attack(key)
        elif kind in ("place", "forces") and self.session.game is not None:
            loc = self.session.game.scenario.locations.get(key)
            if loc is not None and loc.administered_by:
                self.select_state(loc.administered_by)

    # ------------------------------------------------------------------ the map's context menu
    def context_target(self, target: str) -> tuple[str | None, str | None]:
        """(victim, location) to pre-fill the inject dialog for a map target id."""
        game = self.session.game
        if game is None:
            return None, None
        sc = game.scenario
        kind, _, key = target.partition(":")
        if not key:
            key, kind = target, "country"
        if kind in ("country", "state"):
            return (key if key in sc.states else None), (key if key in sc.locations else None)
        if kind in ("place", "forces") and key in sc.locations:
            return sc.locations[key].administered_by, key
        world = self.session.world() if not self.session.busy else None
        if kind == "attack" and world is not None and key in world.attacks:
            spec = world.attacks[key].spec
            return spec.victim, spec.location
        return None, None

    def context_menu_for(self, target: str) -> QMenu:
        """The map's context menu for a target id (country code or marker id)."""
        menu = QMenu(self.ui.widget())
        victim, location = self.context_target(target)
        name, game = target, self.session.game
        if game is not None:
            loc = game.scenario.locations.get(location or "")
            name = loc.name if loc else (game.scenario.states[victim].name if victim else target)
        act = menu.addAction(f"Inject an attack on {name}…")
        why = gates.playable(self.session.state())
        act.setEnabled(not why and bool(victim or location))
        if why:
            act.setToolTip(why)
            menu.setToolTipsVisible(True)
        act.triggered.connect(lambda: self.commands.open_inject_dialog(victim=victim, location=location))
        if victim:
            insp = menu.addAction(f"Inspect {victim}")
            insp.triggered.connect(lambda: self.select_state(victim))
        return menu

    def context_menu(self, target: str, pos: QPoint) -> None:
        if target:
            self.context_menu_for(target).exec(pos)

    # ------------------------------------------------------------------ provenance
    def show_provenance(self, turn: int, seq: int) -> ProvenanceDialog | None:
        """Open the provenance record of event ``seq`` of ``turn``."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        try:
            from wargame.app.review import provenance

            prov = provenance(game, turn, seq)
        except AppError as exc:
            self.ui.error("No provenance", str(exc))
            return None
        if self.provenance_dialog is not None:
            self.provenance_dialog.close()
        from wargame.gui.provenance import ProvenanceDialog

        dlg = ProvenanceDialog(prov, game.scenario, self.ui.widget())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._provenance_closed(dlg))
        self.provenance_dialog = dlg
        dlg.show()
        return dlg

    def _provenance_closed(self, dlg: ProvenanceDialog) -> None:
        if self.provenance_dialog is dlg:
            self.provenance_dialog = None

    def verdict_event(self, key: str) -> Event | None:
        """The event that set the shown verdict ``TREATY:ARTICLE:ATTACK`` (the last one up to the shown turn)."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        review = self.session.review
        if review.active:
            events = review.index.upto(review.turn, ["verdict"])
        else:
            events = game.events(kinds=["verdict"])
        return next((e for e in reversed(events) if e.subject == key), None)

    def verdict_provenance(self, key: str) -> ProvenanceDialog | None:
        ev = self.verdict_event(key)
        return self.show_provenance(ev.turn, ev.seq) if ev is not None else None

    def shutdown(self) -> None:
        if self.provenance_dialog is not None:
            self.provenance_dialog.close()
