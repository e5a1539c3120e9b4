"""Writing the after-action report or an export without freezing the window.

The report runs in a separate process (``python -m wargame report …``, which needs no QtWidgets)
driven by ``QProcess``, so a long report never holds the window's thread or its open game; its progress
lines on stderr feed a progress bar. The saved game is only read, so the open game is unaffected.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

_PROGRESS = re.compile(r"(\w+): (\d+)/(\d+)")


class ReportJob(QObject):
    """One report or export run. Signals: ``progress(done, total)``, ``finished(ok, message)``."""

    progress = Signal(int, int)
    finished = Signal(bool, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self._stderr = ""
        self._stdout = ""
        self.output: Path | None = None

    @property
    def busy(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning

    def start_report(self, game_path: str | Path, out_path: str | Path) -> None:
        """Write the after-action report (``.pdf`` or ``.html``) of ``game_path``."""
        self._start(["report", str(game_path), "-o", str(out_path)], Path(out_path))

    def start_export(self, game_path: str | Path, out_dir: str | Path, fmt: str = "csv") -> None:
        """Write events and per-turn series as CSV or JSON into ``out_dir``."""
        self._start(["export", str(game_path), "-o", str(out_dir), "--format", fmt], Path(out_dir))

    def _start(self, args: list[str], output: Path) -> None:
        if self.busy:
            raise RuntimeError("a report is already being written")
        self.output = output
        self._stderr = self._stdout = ""
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")  # the child renders off screen, whatever the parent uses
        proc.setProcessEnvironment(env)
        proc.readyReadStandardError.connect(self._on_stderr)
        proc.readyReadStandardOutput.connect(self._on_stdout)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self.process = proc
        proc.start(sys.executable, ["-m", "wargame", *args])

    def cancel(self) -> None:
        """Stop a running job (the partial output is not kept by the writer)."""
        if self.busy and self.process is not None:
            self.process.kill()
            self.process.waitForFinished(5000)

    def _on_stderr(self) -> None:
        assert self.process is not None
        text = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        self._stderr += text
        for m in _PROGRESS.finditer(text):
            self.progress.emit(int(m.group(2)), int(m.group(3)))

    def _on_stdout(self) -> None:
        assert self.process is not None
        self._stdout += bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        ok = code == 0 and status == QProcess.ExitStatus.NormalExit
        if ok:
            msg = self._stdout.strip().splitlines()[-1] if self._stdout.strip() else f"Wrote {self.output}."
        else:
            lines = [ln for ln in self._stderr.splitlines() if ln.startswith("wargame:")]
            msg = lines[-1].removeprefix("wargame: error: ") if lines else f"the report process stopped (exit {code})"
        self.process = None
        self.finished.emit(ok, msg)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.process = None
            self.finished.emit(False, "could not start the report process")
