"""Actions, shortcuts, menus and toolbars, declared as data.

Each controller lists its actions as :class:`ActionSpec` values (``action_specs()``); the window registers
them here, and the :data:`MENUS` and :data:`TOOLBAR` tables place them. An action is enabled by its
*gate* (:mod:`wargame.gui.gates`): when the gate gives a reason, the action is disabled and its
tooltip and status tip say why ("Review only: this game was made with version 1 of the rules …").

Adding an action with a shortcut:

1. add an ``ActionSpec(name, text, slot, keys=(...), tip=..., gate=..., menu=...)`` to the ``action_specs()``
   of the controller that does the work (names are ``area.verb``: ``turn.advance``);
2. it appears at the end of its ``menu``; to place it elsewhere, put its name in :data:`MENUS` (and in
   :data:`TOOLBAR` for the main toolbar). ``tests/gui/test_composition.py`` checks that no two actions
   share a shortcut.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QPushButton, QToolBar, QWidget

from wargame.gui.gates import Gate, UiState, always
from wargame.gui.notices import Changes
from wargame.gui.session import Session

Key = str | QKeySequence | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One user action: its name, menu text, slot, shortcuts, tooltip, gate and menu."""

    name: str
    text: str
    slot: Callable[[], object]
    keys: tuple[Key, ...] = ()
    tip: str = ""
    gate: Gate = always
    menu: str = ""


#: Menus in order, each a list of action names; ``-`` is a separator, ``prefix.*`` every action whose name
#: starts with ``prefix.`` (in registration order), ``@name`` a submenu or action group given by the window.
#: Actions whose spec names a menu but which are not listed here go at the end of that menu.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&Game",
        (
            "file.new",
            "file.open",
            "review.open",
            "file.save",
            "file.save_as",
            "file.report",
            "file.export",
            "file.analysis",
            "file.close",
            "@recent",
            "-",
            "file.quit",
        ),
    ),
    ("&Edit", ("edit.undo", "edit.redo")),
    (
        "&Turn",
        ("turn.inject", "turn.advance", "turn.advance_n", "turn.cancel", "-", "turn.override", "turn.note", "turn.end"),
    ),
    (
        "Re&view",
        (
            "review.open",
            "review.this",
            "review.leave",
            "-",
            "review.step.*",
            "-",
            "review.bookmark",
            "review.what_if",
            "review.compare",
        ),
    ),
    ("&View", ("view.present", "view.high_contrast", "view.cycle_mode", "view.preset.*", "-", "view.dock.*")),
)

#: The main toolbar's actions (the map pickers follow them).
TOOLBAR: tuple[str, ...] = ("turn.inject", "turn.advance", "turn.advance_n", "edit.undo", "edit.redo", "review.this")

#: Added to the review toolbar after its step buttons.
REVIEW_TOOLBAR: tuple[str, ...] = ("review.bookmark", "review.what_if", "review.compare", "review.leave")


def _keys(keys: Iterable[Key]) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keys]


class ActionRegistry(QObject):
    """Every action by name; enables each by its gate whenever something changes (a hub listener)."""

    listens = Changes.ANY

    def __init__(self, window: QWidget, session: Session) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._actions: dict[str, QAction] = {}
        self._gates: dict[str, Gate] = {}
        self._tips: dict[str, tuple[str, str]] = {}
        self._menus: dict[str, str] = {}

    def add(self, spec: ActionSpec) -> QAction:
        """Make the action of ``spec`` (a shortcut works anywhere in the window)."""
        act = QAction(spec.text, self._window)
        keys = _keys(spec.keys)
        if keys:
            act.setShortcuts(keys)
        act.triggered.connect(lambda _checked=False, slot=spec.slot: slot())
        self._window.addAction(act)
        plain = spec.text.replace("&", "")
        act.setStatusTip(spec.tip or plain)
        return self.adopt(spec.name, act, spec.gate, tip=spec.tip or plain.rstrip("…"), menu=spec.menu)

    def add_all(self, specs: Iterable[ActionSpec]) -> None:
        for spec in specs:
            self.add(spec)

    def adopt(self, name: str, act: QAction, gate: Gate | None = always, *, tip: str = "", menu: str = "") -> QAction:
        """Register an action made elsewhere (a dock's toggle, a review step); ``gate=None`` leaves it alone."""
        if name in self._actions:
            raise ValueError(f"two actions are named {name!r}")
        act.setObjectName(f"action:{name}")
        tip = tip or act.toolTip()
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts())
        base = tip + (f" ({keys})" if keys and keys not in tip else "")
        self._tips[name] = (base, act.statusTip() or tip)
        act.setToolTip(base)
        act.setStatusTip(act.statusTip() or tip)
        self._actions[name] = act
        if gate is not None:
            self._gates[name] = gate
        if menu:
            self._menus[name] = menu
        return act

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actions

    def names(self) -> list[str]:
        return list(self._actions)

    def matching(self, pattern: str) -> list[QAction]:
        """The action named ``pattern``, or with ``prefix.*`` every action under ``prefix.``."""
        if pattern.endswith(".*"):
            prefix = pattern[:-1]
            return [a for n, a in self._actions.items() if n.startswith(prefix)]
        return [self._actions[pattern]] if pattern in self._actions else []

    # ------------------------------------------------------------------ enabling
    def on_changes(self, _changes: Changes, session: Session) -> None:
        self.update(session.state())

    def update(self, state: UiState) -> None:
        """Enable each action by its gate; a disabled one says why in its tooltip and status tip."""
        for name, gate in self._gates.items():
            act = self._actions[name]
            why = gate(state)
            base, status = self._tips[name]
            act.setEnabled(not why)
            act.setToolTip(f"{base}\n{why}" if why else base)
            act.setStatusTip(why or status)

    def why_disabled(self, name: str) -> str:
        """The reason ``name`` is disabled now ('' when it is enabled)."""
        gate = self._gates.get(name)
        return gate(self._session.state()) if gate is not None else ""

    # ------------------------------------------------------------------ placing
    def build_menus(self, bar: QMenuBar, extras: dict[str, QMenu | Sequence[QAction]] | None = None) -> None:
        """Fill the menu bar from :data:`MENUS`, then add the actions that name a menu but are not placed."""
        extras = extras or {}
        placed: set[str] = set()
        menus: dict[str, QMenu] = {}
        for title, items in MENUS:
            menu = menus[title] = bar.addMenu(title)
            for item in items:
                if item == "-":
                    menu.addSeparator()
                elif item.startswith("@"):
                    extra = extras.get(item[1:])
                    if isinstance(extra, QMenu):
                        menu.addMenu(extra)
                    elif extra is not None:
                        menu.addActions(list(extra))
                else:
                    for act in self.matching(item):
                        menu.addAction(act)
                        placed.add(act.objectName())
        for name, title in self._menus.items():
            if f"action:{name}" in placed:
                continue
            if title not in menus:
                menus[title] = bar.addMenu(title)
            menus[title].addAction(self._actions[name])

    def fill_toolbar(self, bar: QToolBar, names: Iterable[str]) -> None:
        for name in names:
            for act in self.matching(name):
                bar.addAction(act)


def button_for(action: QAction, text: str = "") -> QPushButton:
    """A push button that triggers ``action`` and follows its enabled state and tooltip."""
    button = QPushButton(text or action.text().replace("&", ""))

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()
    return button
