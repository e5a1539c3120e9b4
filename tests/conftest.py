"""Shared test set-up.

* Qt runs headless (``QT_QPA_PLATFORM=offscreen``) unless the caller chose a platform.
* Engine tests never need Qt: PySide6 is not imported here at module level.  The leak
  guard below imports it only for tests that use ``qtbot``/``qapp`` or when PySide6 has
  already been imported by a GUI test module.
* Leak guard (in the spirit of napari's conftest): a test fails if a ``QThread`` it
  started is still running, a ``QTimer`` it started is still active, or a
  ``QThreadPool`` it used still has work at teardown.  Only starts made from Python
  code outside pytest-qt are tracked, so pytest-qt's own wait timers do not count.
  Opt out with ``@pytest.mark.allow_qt_leaks``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests explore at random on a developer's machine; in CI (CI=true) they replay a fixed set of
# examples, so the same commit always gives the same result.
try:
    from hypothesis import settings as _hyp_settings

    _hyp_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
    if os.environ.get("CI"):
        _hyp_settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass

#: Callers from these modules are not tracked (their timers are their own business).
_UNTRACKED_CALLERS = ("pytestqt", "PySide6", "shiboken6")


def pytest_configure(config: pytest.Config) -> None:
    """Register this conftest's marker (the suite runs with --strict-markers)."""
    config.addinivalue_line("markers", "allow_qt_leaks: do not fail the test on QThreads/QTimers left running")


class QtLeakTracker:
    """Records QThreads, QTimers and QThreadPools started from project or test code.

    ``install(monkeypatch)`` wraps ``QThread.start``, ``QTimer.start`` and
    ``QThreadPool.start``; ``leaks()`` lists what is still running;
    ``clean_up()`` stops it so later tests start from a quiet state.
    """

    def __init__(self) -> None:
        self.threads: list[Any] = []
        self.timers: list[Any] = []
        self.pools: list[Any] = []

    @staticmethod
    def _tracked_caller(depth: int = 2) -> bool:
        """Whether the code calling ``start`` (``depth`` frames up) belongs to the project or its tests."""
        module = sys._getframe(depth).f_globals.get("__name__", "")
        return not module.startswith(_UNTRACKED_CALLERS)

    def _wrap(self, cls: type, registry: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
        """Replace ``cls.start`` by a version that records the instance."""
        original: Callable[..., Any] = cls.start  # type: ignore[attr-defined]
        tracker = self

        def start(instance: Any, *args: Any, **kwargs: Any) -> Any:
            if tracker._tracked_caller() and not any(instance is known for known in registry):
                registry.append(instance)
            return original(instance, *args, **kwargs)

        monkeypatch.setattr(cls, "start", start)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Start tracking (undone by ``monkeypatch`` at teardown)."""
        from PySide6.QtCore import QThread, QThreadPool, QTimer

        self._wrap(QThread, self.threads, monkeypatch)
        self._wrap(QTimer, self.timers, monkeypatch)
        self._wrap(QThreadPool, self.pools, monkeypatch)

    @staticmethod
    def _alive(obj: Any) -> bool:
        """Whether the C++ side of a wrapper still exists."""
        import shiboken6

        return bool(shiboken6.isValid(obj))

    def leaks(self) -> list[str]:
        """One line per thread still running, timer still active or pool still busy."""
        found: list[str] = []
        for thread in self.threads:
            if self._alive(thread) and thread.isRunning():
                found.append(f"QThread {thread.objectName() or type(thread).__name__!r} is still running")
        for timer in self.timers:
            if self._alive(timer) and timer.isActive():
                found.append(
                    f"QTimer {timer.objectName() or type(timer).__name__!r} "
                    f"(interval {timer.interval()} ms) is still active"
                )
        for pool in self.pools:
            if self._alive(pool) and pool.activeThreadCount() > 0:
                found.append(f"QThreadPool has {pool.activeThreadCount()} task(s) still running")
        return found

    def clean_up(self, wait_ms: int = 5000) -> None:
        """Stop leaked timers, ask leaked threads to quit and wait for them and for busy pools."""
        for timer in self.timers:
            if self._alive(timer):
                timer.stop()
        for thread in self.threads:
            if self._alive(thread) and thread.isRunning():
                thread.quit()
                thread.wait(wait_ms)
        for pool in self.pools:
            if self._alive(pool):
                pool.waitForDone(wait_ms)
        self.threads.clear()
        self.timers.clear()
        self.pools.clear()


@pytest.fixture
def qt_leak_tracker() -> Iterator[QtLeakTracker]:
    """A fresh, not yet installed ``QtLeakTracker`` (for tests of the guard itself); cleaned up afterwards."""
    tracker = QtLeakTracker()
    yield tracker
    tracker.clean_up()


def _qt_in_play(request: pytest.FixtureRequest) -> bool:
    """Whether this test touches Qt (so the guard may import PySide6 without slowing engine tests)."""
    return "PySide6.QtCore" in sys.modules or bool({"qtbot", "qapp"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _fail_on_qt_leaks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if it leaves a QThread running or a QTimer active (see the module docstring)."""
    if not _qt_in_play(request):
        yield
        return
    tracker = QtLeakTracker()
    tracker.install(monkeypatch)
    yield
    leaks = tracker.leaks()
    tracker.clean_up()
    if leaks and request.node.get_closest_marker("allow_qt_leaks") is None:
        pytest.fail("Qt objects left running by the test:\n  " + "\n  ".join(leaks), pytrace=False)


# --------------------------------------------------------------------------- PostgreSQL (hosted games)
@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster on a loopback port (tests/pgcluster.py), shared by the session; the tests
    that need it are skipped only when PostgreSQL is not installed."""
    sys.path.insert(0, os.path.dirname(__file__))
    from pgcluster import Cluster, pg_bin

    if pg_bin() is None:
        if os.environ.get("CI"):  # CI installs it (.ci/run): a missing server there is a failure, not a skip
            pytest.fail("PostgreSQL is not installed, and CI must run the PostgreSQL store tests (.ci/run)")
        pytest.skip("PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)")
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Any) -> str:
    """The URL of a new, empty PostgreSQL database."""
    return str(pg_cluster.new_database())
