"""What changed, and who is told: the GUI's one notice hub.

An operation (inject, advance, open, step the review …) changes the game or what the window shows,
then *publishes* a :class:`Changes` value saying what kind of thing changed, in the spirit of Anki's
operation changes. Panels and controllers *subscribe* once, each declaring the changes it listens
to, and refresh themselves from the :class:`~wargame.gui.session.Session` when told. Nobody refreshes
another panel by name.

A notice names who must look, the session says what to show: listeners read the session's current
state rather than replaying the flags in order, so notices can be merged (:meth:`NoticeHub.batch`)
without losing anything.

After an advance the notice is *staged*: listeners are told one per event-loop pass, so painting and
input go on between them instead of waiting for every dock to rebuild (``tests/gui`` and
``benchmarks/bench_gui.py`` measure the longest stall). A later notice takes over what is still
queued, merged into its own.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal


class Changes(enum.Flag):
    """Kinds of change an operation reports (combine with ``|``).

    A new kind of change is one member here, added to ``ANY`` too (``tests/gui/test_composition.py`` checks).
    """

    NONE = 0
    GAME_OPENED = enum.auto()
    """Another game is open (new, opened, branched, saved as): everything is new, pickers too."""
    GAME_CLOSED = enum.auto()
    """The game was closed; ``session.game`` may be None."""
    RELOADED = enum.auto()
    """Re-read everything from the file (turns were committed outside the window, or a run failed)."""
    TURN_ADVANCED = enum.auto()
    """New turns were committed; ``session.last_summaries`` holds their summaries."""
    PENDING_CHANGED = enum.auto()
    """The pending commands for the next turn changed (recorded, removed, undone, redone)."""
    MSEL_CHANGED = enum.auto()
    """The game's MSEL changed (imported, fired, postponed, skipped, held)."""
    BOOKMARKS_CHANGED = enum.auto()
    REVIEW_STARTED = enum.auto()
    REVIEW_TURN_CHANGED = enum.auto()
    """The reviewed turn changed (``session.review.turn``)."""
    REVIEW_ENDED = enum.auto()
    BUSY_CHANGED = enum.auto()
    """A turn run started or ended (``session.busy``)."""
    STATE_SELECTED = enum.auto()
    """The user picked a state (``session.selected_state``)."""

    # Groups, for listeners' declarations.
    WORLD = GAME_OPENED | RELOADED | TURN_ADVANCED
    """The world shown outside review may be another one."""
    REVIEW = REVIEW_STARTED | REVIEW_TURN_CHANGED | REVIEW_ENDED
    """The review started, moved or ended."""
    LIFECYCLE = GAME_OPENED | GAME_CLOSED | BUSY_CHANGED | REVIEW_STARTED | REVIEW_ENDED
    """What decides which actions and panels can be used."""
    ANY = (
        GAME_OPENED
        | GAME_CLOSED
        | RELOADED
        | TURN_ADVANCED
        | PENDING_CHANGED
        | MSEL_CHANGED
        | BOOKMARKS_CHANGED
        | REVIEW_STARTED
        | REVIEW_TURN_CHANGED
        | REVIEW_ENDED
        | BUSY_CHANGED
        | STATE_SELECTED
    )


class Listener(Protocol):
    """A panel or controller told about changes: ``listens`` says which, ``on_changes`` refreshes it.

    ``session`` is the window's :class:`~wargame.gui.session.Session` (the hub does not look inside it).
    """

    listens: Changes

    def on_changes(self, changes: Changes, session: Any) -> None: ...


class NoticeHub(QObject):
    """Tells each subscriber about the changes it listens to, at once or one subscriber per event-loop pass.

    ``ready()`` says whether the game may be read now (not while the worker owns it): a staged
    notice waits while it is False and is merged into the next one. ``settled()`` is emitted when a
    notice has reached every subscriber and the game may be read (``last`` holds that notice).
    """

    settled = Signal()

    def __init__(self, session: Any, ready: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._ready = ready
        self._subscribers: list[Listener] = []
        self._queue: list[tuple[Listener, Changes]] = []
        self._queued = Changes.NONE
        self._held: list[tuple[Changes, bool, object]] | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("noticeHubStep")
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self.delivered: list[tuple[str, Changes]] = []
        """The last notice's deliveries (subscriber's class name, its changes), for tests and benchmarks."""
        self.last = Changes.NONE
        """The last notice that reached every subscriber."""

    def subscribe(self, listener: Listener) -> None:
        """Tell ``listener`` about what it listens to, from now on (subscribers are told in this order)."""
        if listener not in self._subscribers:
            self._subscribers.append(listener)

    @property
    def pending(self) -> bool:
        """True while a staged notice still has subscribers to tell."""
        return bool(self._queue)

    def close(self) -> None:
        """Forget every subscriber and what is queued (the window closes)."""
        self.cancel()
        self._subscribers = []

    def cancel(self) -> None:
        """Forget what is still queued (the window closes)."""
        self._timer.stop()
        self._queue = []
        self._queued = Changes.NONE

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Merge every notice published inside into one, published on the way out (staged if any was)."""
        if self._held is not None:  # nested: the outer batch publishes
            yield
            return
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            merged = Changes.NONE
            for changes, _staged, _source in held:
                merged |= changes
            sources = {id(source) for _c, _s, source in held}
            self.publish(
                merged,
                staged=any(staged for _c, staged, _s in held),
                source=held[0][2] if len(sources) == 1 and held else None,
            )

    def publish(self, changes: Changes, *, staged: bool = False, source: object = None) -> None:
        """Tell the subscribers about ``changes``; ``source`` (which made them and is up to date) is skipped.

        ``staged``: one subscriber per event-loop pass (after an advance); else all of them now.
        What an earlier staged notice has not told yet is merged in, unless another game was opened
        or the game was closed (then everything is read afresh anyway).
        """
        if changes == Changes.NONE:
            return
        if self._held is not None:
            self._held.append((changes, staged, source))
            return
        leftovers: dict[int, Changes] = {}
        merged: Changes = changes
        if not changes & (Changes.GAME_OPENED | Changes.GAME_CLOSED):
            leftovers = {id(sub): mine for sub, mine in self._queue}
            merged |= self._queued
        self._timer.stop()
        queue: list[tuple[Listener, Changes]] = []
        for sub in self._subscribers:
            mine = (Changes.NONE if sub is source else changes) | leftovers.get(id(sub), Changes.NONE)
            mine &= sub.listens
            if mine:
                queue.append((sub, mine))
        self.delivered = []
        self._queue, self._queued = queue, merged
        if not staged:
            while self._queue:
                self._deliver(*self._queue.pop(0))
            self._settle()
        elif queue:
            self._timer.start()
        else:
            self._settle()

    def _deliver(self, sub: Listener, changes: Changes) -> None:
        self.delivered.append((type(sub).__name__, changes))
        sub.on_changes(changes, self._session)

    def _step(self) -> None:
        if not self._queue:
            return
        if not self._ready():
            return  # the worker owns the game again: the next notice takes the rest over
        self._deliver(*self._queue.pop(0))
        if self._queue:
            self._timer.start()
        else:
            self._settle()

    def _settle(self) -> None:
        self.last, self._queued = self._queued, Changes.NONE
        if self._ready():
            self.settled.emit()
