"""Keep the garbage collector's full passes short in the long-lived GUI process.

The desktop process holds a large, stable heap (Qt wrappers, pyqtgraph, the map, the scenario). A
full (generation 2) collection walks all of it; triggered by the worker thread's allocations while
turns resolve, it held the GIL for about 80 ms and was the longest stall of the window
(``benchmarks/bench_gui.py``). When a game is opened, :class:`GcFreezer` collects once and then
``gc.freeze()``-s what is alive: later full passes skip those objects. Each opening first unfreezes,
so the cyclic garbage of a closed game is still collected then.

While turns resolve, the heap grows by what each turn keeps (its world, its events in the docks). Frozen objects
do not count as long-lived for the collector's rule "a full pass when the long-lived objects grew by a quarter",
so after a freeze that growth alone set off full passes of 50-90 ms in the middle of an advance. The freezer
therefore also freezes after each resolved turn (:meth:`after_turn`, from the worker) and after each advance
(without a collection: cyclic garbage made by the turns waits for the next opening of a game; the turns make
little of it).
"""

from __future__ import annotations

import gc

from wargame.gui.notices import Changes
from wargame.gui.session import Session


class GcFreezer:
    """A hub listener: after a game opens, collect once and freeze the survivors (``gc.freeze``)."""

    listens = Changes.GAME_OPENED | Changes.TURN_ADVANCED

    def __init__(self) -> None:
        self.frozen = 0
        """How many objects the last freeze moved out of the collector's way."""

    def on_changes(self, changes: Changes, session: Session) -> None:
        if session.game is None:
            return
        if changes & Changes.GAME_OPENED:
            self.freeze()
        else:
            self.after_turn()

    @staticmethod
    def after_turn() -> None:
        """Freeze what is alive now, without a collection (cheap: it moves lists)."""
        gc.freeze()

    def freeze(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.frozen = gc.get_freeze_count()

    @staticmethod
    def release() -> None:
        """Give the frozen objects back to the collector (the window closes)."""
        gc.unfreeze()
