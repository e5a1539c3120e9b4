"""Commands for the next turn: injects, decisions, white-cell overrides and facilitator notes, undoably.

Each command is recorded in the saved game at once (so a refusal never reaches the undo stack) and
pushed on the session's undo stack; the stack's change is the ``PENDING_CHANGED`` notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QTreeWidgetItem

from wargame.app import AppError
from wargame.app.models import CommandView
from wargame.app.types import AttackSpec, InjectError
from wargame.gui import gates
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.gates import Gate
from wargame.gui.notices import Changes
from wargame.gui.panels import VerdictTree
from wargame.gui.session import Session, Ui
from wargame.gui.undo import RecordCommand, RemoveCommand

if TYPE_CHECKING:
    from wargame.gui.inject_dialog import InjectDialog
    from wargame.gui.override_dialog import OverrideDialog


class CommandsController(Controller):
    """The pending commands: record, edit, remove, undo and redo."""

    listens = Changes.GAME_CLOSED | Changes.REVIEW_STARTED | Changes.BUSY_CHANGED

    def __init__(self, session: Session, ui: Ui) -> None:
        super().__init__(session, ui)
        self.inject_dialog: InjectDialog | None = None
        self.override_dialog: OverrideDialog | None = None
        self._editing: CommandView | None = None
        stack = session.undo_stack
        stack.undoTextChanged.connect(lambda text: self._stack_text("edit.undo", "&Undo", text))
        stack.redoTextChanged.connect(lambda text: self._stack_text("edit.redo", "&Redo", text))

    def action_specs(self) -> list[ActionSpec]:
        stack = self.session.undo_stack
        t = "&Turn"
        return [
            ActionSpec(
                "turn.inject",
                "&Inject attack…",
                lambda: self.open_inject_dialog(),
                ("Ctrl+I",),
                "Inject an attack for the next turn",
                gates.playable,
                t,
            ),
            ActionSpec(
                "turn.override",
                "White-cell &override…",
                lambda: self.open_override_dialog(),
                ("Ctrl+Shift+W",),
                "Overrule a verdict, outcome, decision, engagement, opinion or budget (a rationale is mandatory)",
                gates.writable,
                t,
            ),
            ActionSpec(
                "turn.note",
                "Facilitator &note…",
                self.note_dialog,
                ("Ctrl+Shift+N",),
                "Record a note for this turn (shown in the event log, review and the report)",
                gates.writable,
                t,
            ),
            ActionSpec(
                "edit.undo",
                "&Undo",
                stack.undo,
                tuple(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)),
                "Undo the last change to the pending commands",
                gates.undoable,
                "&Edit",
            ),
            ActionSpec(
                "edit.redo",
                "&Redo",
                stack.redo,
                ("Ctrl+Shift+Z", "Ctrl+Y"),
                "Redo the last change undone",
                gates.redoable,
                "&Edit",
            ),
        ]

    def _stack_text(self, name: str, label: str, text: str) -> None:
        """'Undo Inject attack RUS → LVA at LVA' in the Edit menu."""
        if self.registry is not None and name in self.registry:
            self.registry[name].setText(f"{label} {text}" if text else label)

    def _blocked(self, gate: Gate) -> bool:
        """True (and the reason in the status bar) when ``gate`` says no."""
        why = gate(self.session.state())
        if why and self.session.game is not None:
            self.ui.status(why, 6000)
        return bool(why)

    def on_changes(self, _changes: Changes, session: Session) -> None:
        """Dialogs that hold the game close when it closes, a turn starts or the review starts."""
        if session.game is None or session.busy or session.reviewing:
            self.close_dialogs()

    def close_dialogs(self) -> None:
        if self.inject_dialog is not None:
            self.inject_dialog.reject()
        if self.override_dialog is not None:
            self.override_dialog.reject()

    shutdown = close_dialogs

    # ------------------------------------------------------------------ injects
    def open_inject_dialog(
        self, *, victim: str | None = None, location: str | None = None, spec: AttackSpec | None = None
    ) -> InjectDialog | None:
        """Show the inject dialog (window-modal, non-blocking); OK records the attack undoably."""
        game = self.session.game
        if self._blocked(gates.playable) or game is None:
            return None
        from wargame.gui.inject_dialog import InjectDialog  # built when first asked for

        dlg = InjectDialog(game.scenario, game.world, self.ui.widget(), victim=victim, location=location, spec=spec)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._inject_accepted(dlg))
        dlg.finished.connect(lambda _r: self._inject_closed(dlg))
        self.inject_dialog = dlg
        dlg.open()
        return dlg

    def _inject_closed(self, dlg: InjectDialog) -> None:
        if self.inject_dialog is dlg:
            self.inject_dialog = None
            self._editing = None

    def _inject_accepted(self, dlg: InjectDialog) -> None:
        spec = dlg.spec()
        game = self.session.game
        if spec is None or not self.session.can_touch() or game is None:
            return
        stack = self.session.undo_stack
        editing, self._editing = self._editing, None
        text = f"{'Edit' if editing else 'Inject'} attack {spec.attacker} → {spec.victim} at {spec.location}"
        if editing is not None:
            stack.beginMacro(text)
            stack.push(RemoveCommand(game, editing, "Remove the old attack"))
        try:
            rec = game.inject(spec)
        except (InjectError, AppError) as exc:
            if editing is not None:
                stack.endMacro()
                stack.undo()
            self.ui.error("Attack refused", str(exc))
            return
        stack.push(RecordCommand(game, rec, text))
        self.ui.raise_dock("pending")
        if editing is not None:
            stack.endMacro()
        self.ui.status(f"Recorded for turn {rec.turn}: {rec.description}", 5000)

    def edit_pending(self, rec: CommandView) -> InjectDialog | None:
        """Edit a pending attack in the dialog (replaces it undoably)."""
        if rec.kind != "inject":
            self.ui.status("Only attacks can be edited; remove a decision and take it again.", 4000)
            return None
        dlg = self.open_inject_dialog(spec=rec.attack())
        self._editing = rec if dlg is not None else None
        return dlg

    def remove_pending(self, rec: CommandView) -> None:
        game = self.session.game
        if self.session.can_touch() and game is not None:
            self.session.undo_stack.push(RemoveCommand(game, rec, f"Remove: {rec.description}"))

    # ------------------------------------------------------------------ notes and decisions
    def note_dialog(self) -> bool:
        game = self.session.game
        if self._blocked(gates.writable) or game is None:
            return False
        text, ok = QInputDialog.getMultiLineText(
            self.ui.widget(), "Facilitator note", f"Note for turn {game.last_turn + 1} (the hotwash will see it):"
        )
        return self.record_note(text) if ok else False

    def record_note(self, text: str) -> bool:
        """Record a facilitator's note for the next turn, undoably."""
        game = self.session.game
        if not text.strip() or self._blocked(gates.writable) or game is None:
            return False
        rec = game.note(text.strip())
        self.session.undo_stack.push(RecordCommand(game, rec, f"Note: {text.strip()[:60]}"))
        self.ui.raise_dock("pending")
        return True

    def record_decision(self, state: str, action: str, fields: dict[str, Any], text: str) -> bool:
        """Record a national decision undoably; a refusal shows its one-line reason."""
        game = self.session.game
        if self._blocked(gates.playable) or game is None:
            return False
        try:
            rec = game.decide(state, action, **fields)
        except (InjectError, AppError) as exc:
            self.ui.error("Decision refused", str(exc))
            return False
        self.session.undo_stack.push(RecordCommand(game, rec, text))
        self.ui.status(f"Recorded for turn {rec.turn}: {text}", 5000)
        return True

    # ------------------------------------------------------------------ white cell
    def open_override_dialog(self, *, target: str | None = None, key: str | None = None) -> OverrideDialog | None:
        """Show the white-cell override dialog (window-modal, non-blocking); OK records the override undoably."""
        game = self.session.game
        if self._blocked(gates.writable) or game is None:
            return None
        if self.override_dialog is not None:
            self.override_dialog.reject()
        from wargame.gui.override_dialog import OverrideDialog

        dlg = OverrideDialog(game, self.ui.widget(), target=target, key=key)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._override_accepted(dlg))
        dlg.finished.connect(lambda _r: self._override_closed(dlg))
        self.override_dialog = dlg
        dlg.open()
        return dlg

    def _override_closed(self, dlg: OverrideDialog) -> None:
        if self.override_dialog is dlg:
            self.override_dialog = None

    def _override_accepted(self, dlg: OverrideDialog) -> None:
        rec, game = dlg.record, self.session.game
        if rec is None or game is None:
            return
        p = rec.payload
        text = f"Override {p['target']} {p['key']} → {p['value']}"
        self.session.undo_stack.push(RecordCommand(game, rec, text))
        self.ui.raise_dock("pending")
        self.ui.status(f"Recorded for turn {rec.turn}: {text} ({p['rationale']})", 6000)

    def verdict_menu_for(self, item: QTreeWidgetItem) -> QMenu:
        """The verdict tree's context menu for ``item`` (a verdict or one of its gates)."""
        menu = QMenu(self.ui.widget())
        key = VerdictTree.verdict_key(item)
        why = gates.writable(self.session.state())
        for label, target in (
            ("Overrule this verdict…", "verdict"),
            ("Overrule its collective outcome…", "collective"),
        ):
            act = menu.addAction(label)
            act.setEnabled(bool(key) and not why)
            if why:
                act.setToolTip(why)
            act.triggered.connect(lambda _c=False, t=target: self.open_override_dialog(target=t, key=key))
        attack = VerdictTree.attribution_attack(item)
        if attack:  # an attribution line: the white cell may settle who made the attack, or that none took place
            act = menu.addAction("Settle its attribution…")
            act.setEnabled(not why)
            act.setToolTip(why or "Name the attack's author, or rule that no attack took place")
            act.triggered.connect(lambda _c=False: self.open_override_dialog(target="attribution", key=attack))
        menu.setToolTipsVisible(True)
        return menu

    def verdict_menu(self, item: QTreeWidgetItem, pos: QPoint) -> None:
        self.verdict_menu_for(item).exec(pos)
