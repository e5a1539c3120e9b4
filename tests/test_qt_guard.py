"""Guards for the Qt binding itself and for the leak guard in ``conftest.py``.

PySide6/shiboken6 6.12.0 on CPython 3.11 drops a reference to ``None`` on
every Qt call that returns nothing; after a few thousand such calls the
interpreter aborts with ``Fatal Python error: none_dealloc`` (exit 134).  A
small GUI test still passes, so the bug hides until the world map is drawn.
The first test makes ~50,000 such calls in a subprocess, so an abort shows
as a clear failure naming the installed version instead of killing pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

VOID_CALLS_SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QPainterPath
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    before = sys.getrefcount(None)
    path = QPainterPath()
    color = QColor()
    label = QLabel()
    calls = 0
    for i in range(20000):
        path.lineTo(QPointF(i % 360, i % 180))
        calls += 1
    for i in range(15000):
        color.setRgb(i % 256, (i * 7) % 256, (i * 13) % 256)
        calls += 1
    for i in range(15000):
        label.setText("n" if i % 2 else "m")
        calls += 1
    after = sys.getrefcount(None)
    print(f"calls={calls} none_refcount_drift={before - after}")
    """
)


def _pyside_version() -> str:
    """The installed PySide6 version (from the distribution metadata, without importing Qt)."""
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    pytest.fail("PySide6 is not installed (neither PySide6-Essentials nor PySide6)")


def test_pyside6_is_pinned_to_6_11() -> None:
    """The project pins PySide6 6.11.x: 6.12.0 aborts CPython 3.11 (none_dealloc)."""
    import PySide6
    import shiboken6

    assert PySide6.__version__.startswith("6.11."), (
        f"PySide6 {PySide6.__version__} is installed; the project needs 6.11.x (see tests/test_qt_guard.py)"
    )
    assert shiboken6.__version__ == PySide6.__version__, (
        f"shiboken6 {shiboken6.__version__} does not match PySide6 {PySide6.__version__}"
    )
    assert _pyside_version() == PySide6.__version__


def test_fifty_thousand_void_qt_calls_do_not_abort() -> None:
    """~50,000 Qt calls returning nothing run in one process without freeing ``None``."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS_SCRIPT], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    version = _pyside_version()
    if result.returncode in (134, -6):
        pytest.fail(
            f"PySide6 {version} on Python {sys.version.split()[0]} aborted after void Qt calls "
            f"(exit code {result.returncode}, none_dealloc): pin PySide6-Essentials==6.11.3\n{result.stderr[-500:]}"
        )
    assert result.returncode == 0, (
        f"void-call guard subprocess failed with exit code {result.returncode} "
        f"under PySide6 {version}:\n{result.stderr[-1000:]}"
    )
    fields = dict(part.split("=") for part in result.stdout.split())
    assert int(fields["calls"]) == 50_000
    # A binding that leaks a None reference per call would show a drift near 50,000.
    assert abs(int(fields["none_refcount_drift"])) < 1000, (
        f"PySide6 {version} changed None's reference count by {fields['none_refcount_drift']} over 50,000 calls"
    )


def test_leak_tracker_reports_a_running_timer(qtbot: object, qt_leak_tracker: Any) -> None:
    """The conftest guard's tracker sees a timer started by test code and left running."""
    from PySide6.QtCore import QTimer

    with pytest.MonkeyPatch.context() as monkeypatch:
        qt_leak_tracker.install(monkeypatch)
        timer = QTimer()
        timer.setObjectName("leaky")
        timer.start(60_000)
        assert qt_leak_tracker.leaks() == ["QTimer 'leaky' (interval 60000 ms) is still active"]
        timer.stop()
        assert qt_leak_tracker.leaks() == []


def test_leak_tracker_reports_a_running_thread(qtbot: object, qt_leak_tracker: Any) -> None:
    """A QThread left running is reported, and ``clean_up`` stops it."""
    from PySide6.QtCore import QThread

    with pytest.MonkeyPatch.context() as monkeypatch:
        qt_leak_tracker.install(monkeypatch)
        thread = QThread()
        thread.setObjectName("worker")
        thread.start()  # runs an event loop until quit()
        assert qt_leak_tracker.leaks() == ["QThread 'worker' is still running"]
        qt_leak_tracker.clean_up()
        assert not thread.isRunning()
        assert qt_leak_tracker.leaks() == []


def test_leak_tracker_ignores_pytest_qt_timers(qtbot: Any, qt_leak_tracker: Any) -> None:
    """The timeout timer pytest-qt starts inside ``waitSignal`` is not counted as the test's own."""
    from PySide6.QtCore import QObject, QTimer, Signal

    class Emitter(QObject):
        fired = Signal()

    with pytest.MonkeyPatch.context() as monkeypatch:
        qt_leak_tracker.install(monkeypatch)
        emitter = Emitter()
        with qtbot.waitSignal(emitter.fired, timeout=5000) as blocker:
            QTimer.singleShot(0, emitter.fired.emit)
        assert blocker.signal_triggered
        assert qt_leak_tracker.timers == []
        assert qt_leak_tracker.leaks() == []


LEAKY_TESTS = textwrap.dedent(
    """
    import pytest
    from PySide6.QtCore import QTimer

    def test_leaks_timer(qtbot):
        QTimer().start(60_000)

    @pytest.mark.allow_qt_leaks
    def test_leak_allowed(qtbot):
        QTimer().start(60_000)

    def test_stops_its_timer(qtbot):
        timer = QTimer()
        timer.start(60_000)
        timer.stop()
    """
)


def test_autouse_guard_fails_a_test_that_leaks_a_timer(tmp_path: Path) -> None:
    """End to end, in a child pytest run with this conftest: a leaked QTimer errors the test; the marker opts out."""
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n", encoding="utf-8")
    (tmp_path / "test_leaky.py").write_text(LEAKY_TESTS, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # The leaking test's body passes and its teardown errors; the other two pass cleanly.
    assert "3 passed, 1 error" in output, output
    assert "ERROR at teardown of test_leaks_timer" in output, output
    assert "test_leak_allowed" not in output and "test_stops_its_timer" not in output, output
    assert "Qt objects left running by the test" in output, output
    assert "QTimer 'QTimer' (interval 60000 ms) is still active" in output, output
