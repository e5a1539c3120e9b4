"""Running turns off the GUI thread.

One :class:`TurnRunner` per main window owns a single worker thread.  While a turn runs the
worker is the only code that touches the :class:`~wargame.app.Game`; the GUI thread waits for
``finished``/``failed`` before it reads the game again (see ``busy``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from wargame.app import AppError, Game, TurnSummary


class _Worker(QObject):
    """Lives in the worker thread; runs ``Game.advance`` there."""

    progress = Signal(int, int)
    finished = Signal(object)
    """list[TurnSummary] of the turns resolved."""
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.stop_flag = threading.Event()
        self.after_turn: Callable[[], None] | None = None
        """Called in the worker after each resolved turn (the window's garbage-collector freezer)."""

    @Slot(object, int)
    def advance(self, game: Game, turns: int) -> None:
        """Resolve ``turns`` turns of ``game``; report progress, then the summaries or a one-line error."""
        try:

            def progress(done: int, total: int) -> None:
                if self.after_turn is not None:
                    self.after_turn()
                self.progress.emit(done, total)

            out = game.advance(turns, progress=progress, should_stop=self.stop_flag.is_set)
        except AppError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line, never a traceback
            self.failed.emit(
                f"the turn could not be resolved: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            )
            return
        self.finished.emit(out)


class TurnRunner(QObject):
    """Starts turn resolution in a worker thread and reports back on the GUI thread.

    Signals: ``started(turns)``, ``progress(done, total)``, ``finished(list[TurnSummary])``,
    ``failed(message)``.  Call :meth:`shutdown` before the window goes away.
    """

    started = Signal(int)
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    _request = Signal(object, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._busy = False
        self.after_turn: Callable[[], None] | None = None
        """Called in the worker thread after each resolved turn (set by the window: the GC freezer)."""

    @property
    def busy(self) -> bool:
        """True while the worker owns the game."""
        return self._busy

    @property
    def thread_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _ensure_thread(self) -> _Worker:
        if self._worker is not None:
            return self._worker
        thread = QThread()
        thread.setObjectName("wargame-turns")
        worker = _Worker()
        worker.moveToThread(thread)
        self._request.connect(worker.advance)
        worker.progress.connect(self.progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(worker.deleteLater)
        thread.start()
        self._thread, self._worker = thread, worker
        return worker

    def advance(self, game: Game, turns: int) -> bool:
        """Start resolving ``turns`` turns; False if a run is already going."""
        if self._busy:
            return False
        worker = self._ensure_thread()
        worker.stop_flag.clear()
        worker.after_turn = self.after_turn
        self._busy = True
        self.started.emit(turns)
        self._request.emit(game, turns)
        return True

    def cancel(self) -> None:
        """Ask the worker to stop after the turn it is resolving (that turn is still committed)."""
        if self._worker is not None:
            self._worker.stop_flag.set()

    def shutdown(self) -> None:
        """Stop the worker thread and join it (safe to call twice)."""
        if self._worker is not None:
            self._worker.stop_flag.set()
        thread, worker = self._thread, self._worker
        if thread is not None and worker is not None:
            self._request.disconnect(worker.advance)
            thread.quit()
            thread.wait()
        self._thread = None
        self._worker = None
        self._busy = False

    def _on_finished(self, summaries: list[TurnSummary]) -> None:
        if self._worker is None:  # shut down meanwhile: nobody is listening any more
            return
        self._busy = False
        self.finished.emit(summaries)

    def _on_failed(self, message: str) -> None:
        if self._worker is None:
            return
        self._busy = False
        self.failed.emit(message)


def summaries_text(summaries: list[TurnSummary], scenario: object = None, world: object = None) -> str:
    """Plain text of turn summaries (for the summary panel and tooltips), codes in words when the scenario is
    given (:func:`wargame.app.describe.clean`)."""
    from wargame.app import describe

    lines: list[str] = []
    for s in summaries:
        lines.append(f"Turn {s.turn} — {s.date}")
        lines.extend(f"  • {describe.clean(h, scenario, world)}" for h in s.headlines)
        if not s.headlines:
            lines.append("  • (quiet turn)")
        if s.ended:
            lines.append(f"  ■ The game ended: {s.end_reason}")
    return "\n".join(lines)
