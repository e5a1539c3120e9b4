"""Controllers: the window's operations, one module per area, each with its own actions.

A controller does the work behind a group of actions (and the panels' requests): it checks the
action's gate, calls :mod:`wargame.app`, pushes undoable commands, opens dialogs, and publishes what
changed on the session's notice hub. It never refreshes a panel itself.

* :mod:`.files` — new, open, save as, recent files, close, report and export jobs;
* :mod:`.commands` — injects, decisions, overrides and notes for the next turn, with undo;
* :mod:`.turns` — advancing off the GUI thread, progress and cancel, the end-of-game summary;
* :mod:`.review_mode` — review mode, bookmarks, what if (branch), compare;
* :mod:`.inspection` — selecting states and attacks, the map's and the verdict tree's menus, provenance;
* :mod:`.analysis` — a batch's results in the Analysis window, whose runs open here for review.

Adding a controller: subclass :class:`Controller`, list its actions in ``action_specs()`` (see
:mod:`wargame.gui.actions`), set ``listens`` and ``on_changes`` if it must react to changes (closing
its dialogs when the game closes, say), and construct it in ``MainWindow._make_controllers``; the window
registers its actions and subscribes it. Controllers may use each other only through the constructor
arguments the window passes (never the window itself).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from wargame.gui.actions import ActionRegistry, ActionSpec
from wargame.gui.notices import Changes
from wargame.gui.session import Session, Ui


class Controller(QObject):
    """Base of the window's controllers: the session, the window's services (``ui``) and the hub."""

    listens = Changes.NONE

    def __init__(self, session: Session, ui: Ui) -> None:
        super().__init__(session)
        self.session = session
        self.ui = ui
        self.hub = session.hub
        self.registry: ActionRegistry | None = None
        """The window's actions by name (set when the window registers this controller's actions)."""

    def action_specs(self) -> list[ActionSpec]:
        """The actions this controller contributes (menus, shortcuts, toolbar)."""
        return []

    def on_changes(self, changes: Changes, session: Session) -> None:
        """React to a notice (only the changes in ``listens`` arrive)."""

    def shutdown(self) -> None:
        """The window closes: close dialogs, stop jobs."""
