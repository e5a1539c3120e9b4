"""The review cursor: which turn of a saved game is shown, stepping, play/pause, and the data held for it.

The :class:`ReviewController` holds the reviewed game's events in memory (read once) and an LRU
of worlds, so a turn change costs at most one indexed ``SELECT`` of that turn's snapshot rows.
The panels read a :class:`TurnView`, which looks like a :class:`~wargame.app.Game` frozen at
one turn. The review's widgets (toolbar, bookmarks, "what changed") are in :mod:`wargame.gui.review`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from wargame.app import Game
from wargame.app.types import Event, Scenario, WorldState

#: Play speeds: label → milliseconds per turn.
SPEEDS: dict[str, int] = {
    "1 turn / 2 s": 2000,
    "1 turn / s": 1000,
    "2 turns / s": 500,
    "5 turns / s": 200,
    "10 turns / s": 100,
}
DEFAULT_SPEED = "2 turns / s"


# ---------------------------------------------------------------------------------------------
# Data held for a review
# ---------------------------------------------------------------------------------------------


class WorldCache:
    """The last few worlds by turn (least recently used goes first)."""

    def __init__(self, loader: Callable[[int], WorldState], size: int = 12) -> None:
        self._loader = loader
        self._size = max(1, size)
        self._worlds: OrderedDict[int, WorldState] = OrderedDict()
        self.loads = 0
        """How many worlds were read from the file (for tests and benchmarks)."""

    def get(self, turn: int) -> WorldState:
        """The world after ``turn``; read from the file only if not cached."""
        world = self._worlds.get(turn)
        if world is not None:
            self._worlds.move_to_end(turn)
            return world
        world = self._loader(turn)
        self.loads += 1
        self._worlds[turn] = world
        if len(self._worlds) > self._size:
            self._worlds.popitem(last=False)
        return world

    def __contains__(self, turn: object) -> bool:
        return turn in self._worlds

    def clear(self) -> None:
        self._worlds.clear()


class EventIndex:
    """All events of a game in (turn, seq) order, sliced by turn and kind without database work."""

    def __init__(self, events: Iterable[Event]) -> None:
        self.events: list[Event] = sorted(events, key=lambda e: (e.turn, e.seq))
        self._turns = [e.turn for e in self.events]
        self._by_kind: dict[str, tuple[list[int], list[Event]]] = {}
        for ev in self.events:
            turns, evs = self._by_kind.setdefault(ev.kind.value, ([], []))
            turns.append(ev.turn)
            evs.append(ev)

    def of_turn(self, turn: int) -> list[Event]:
        """The events of one turn, in order."""
        return self.events[bisect.bisect_left(self._turns, turn) : bisect.bisect_right(self._turns, turn)]

    def upto(self, turn: int, kinds: Iterable[str] | None = None) -> list[Event]:
        """Events of turns 0..``turn`` (optionally of ``kinds`` only), in order."""
        if kinds is None:
            return self.events[: bisect.bisect_right(self._turns, turn)]
        out: list[Event] = []
        for kind in kinds:
            turns, evs = self._by_kind.get(str(kind), ([], []))
            out.extend(evs[: bisect.bisect_right(turns, turn)])
        out.sort(key=lambda e: (e.turn, e.seq))
        return out


class TurnView:
    """A game as it was at the end of one turn, readable like a :class:`Game` by the docks."""

    def __init__(self, game: Game, world: WorldState, index: EventIndex) -> None:
        self.game = game
        self.scenario: Scenario = game.scenario
        self.world = world
        self.turn = world.turn
        self._index = index

    @property
    def path(self) -> Path:
        return self.game.path

    @property
    def last_turn(self) -> int:
        return self.turn

    def events(self, turn: int | None = None, *, kinds: Iterable[str] | None = None) -> list[Event]:
        """Events up to this turn (or of one ``turn``), from memory."""
        evs = self._index.upto(self.turn, kinds)
        return evs if turn is None else [e for e in evs if e.turn == turn]

    def series(self, kind: str, key: str, field_name: str) -> list[tuple[int, Any]]:
        return [(t, v) for t, v in self.game.series(kind, key, field_name) if t <= self.turn]

    def date_of(self, turn: int) -> dt.date:
        return self.scenario.date_of(turn)

    def pending(self) -> list[Any]:
        return []


# ---------------------------------------------------------------------------------------------
# Controller
# ---------------------------------------------------------------------------------------------


class ReviewController(QObject):
    """The reviewed turn, stepping, play/pause and the slider's debounce.

    Signals: ``turnChanged(turn)`` after the shown turn changed, ``playingChanged(bool)``.
    """

    turnChanged = Signal(int)
    playingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.game: Game | None = None
        self.turn = 0
        self.last = 0
        self.cache: WorldCache | None = None
        self.index = EventIndex([])
        self.world: WorldState | None = None
        self.play_timer = QTimer(self)
        self.play_timer.setObjectName("reviewPlay")
        self.play_timer.setInterval(SPEEDS[DEFAULT_SPEED])
        self.play_timer.timeout.connect(self._tick)

    @property
    def active(self) -> bool:
        return self.game is not None

    @property
    def playing(self) -> bool:
        return self.play_timer.isActive()

    def start(self, game: Game, turn: int | None = None) -> None:
        """Review ``game`` (its events are read once here) and show ``turn`` (default: the last)."""
        self.stop()
        self.game = game
        self.last = max(0, game.last_turn)
        self.cache = WorldCache(game.world_at)
        self.index = EventIndex(game.events())
        self.turn = -1
        self.go(self.last if turn is None else turn)

    def stop(self) -> None:
        """Leave the review: stop playing, forget the game."""
        self.pause()
        self.game = None
        self.cache = None
        self.world = None
        self.index = EventIndex([])

    def view(self) -> TurnView:
        assert self.game is not None and self.world is not None
        return TurnView(self.game, self.world, self.index)

    def go(self, turn: int) -> bool:
        """Show ``turn`` (clamped to the game); True if the shown turn changed."""
        if self.game is None or self.cache is None:
            return False
        turn = max(0, min(self.last, int(turn)))
        if turn == self.turn and self.world is not None:
            return False
        self.world = self.cache.get(turn)
        self.turn = turn
        self.turnChanged.emit(turn)
        return True

    def first(self) -> None:
        self.go(0)

    def previous(self) -> None:
        self.go(self.turn - 1)

    def next(self) -> None:
        self.go(self.turn + 1)

    def last_turn(self) -> None:
        self.go(self.last)

    def set_speed(self, ms_per_turn: int) -> None:
        self.play_timer.setInterval(max(20, int(ms_per_turn)))

    def play(self) -> None:
        """Step forward at the chosen speed (from the first turn if at the end)."""
        if self.game is None or self.playing:
            return
        if self.turn >= self.last:
            self.go(0)
        self.play_timer.start()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.play_timer.isActive():
            self.play_timer.stop()
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def _tick(self) -> None:
        if self.game is None or self.turn >= self.last:
            self.pause()
            return
        self.go(self.turn + 1)
        if self.turn >= self.last:
            self.pause()
