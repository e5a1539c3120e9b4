"""The layers hold: `lint-imports` checks the import-linter contracts of pyproject.toml as part of the tests.

The contracts ([tool.importlinter]): engine < scenario < store < app < render < (gui | report) < cli;
GUI, report and CLI reach the engine, the scenario loader and the store only through wargame.app; nothing
imports the GUI but the CLI's launch of it; the engine imports no Qt, SQLAlchemy, file system or clock;
Qt stays above app; pyqtgraph and the ORM stay in their layers; in the GUI the controllers never reach
back to the main window that composes them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports() -> str:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a test dependency (requirements.txt); install it with the test command"
    return exe


def run(cwd: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the ``wargame`` package found in ``cwd``, with this repository's contracts."""
    return subprocess.run(
        [lint_imports(), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )


def test_the_import_contracts_are_kept() -> None:
    proc = run(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 8 kept, 0 broken." in proc.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("gui/_bad.py", "from wargame.engine import Scenario\n", "GUI, report and CLI go through wargame.app"),
        ("report/_bad.py", "import wargame.gui.mapview\n", "Nothing imports the GUI except the entry point"),
        ("engine/_bad.py", "from PySide6 import QtCore\n", "The engine imports no Qt"),
        ("engine/_io.py", "import pathlib\n", "The engine imports no Qt"),
        ("app/_bad.py", "import wargame.render.map\n", "Layers: engine < scenario"),
        ("gui/controllers/_bad.py", "import wargame.gui.mainwindow\n", "GUI composition"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """The check can fail: a copy of the package with one forbidden import added breaks the named contract."""
    shutil.copytree(ROOT / "wargame", tmp_path / "wargame", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "wargame" / module).write_text(f'"""A deliberate violation."""\n\n{line}', encoding="utf-8")
    proc = run(tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "0 broken" not in proc.stdout and f"wargame.{module[:-3].replace('/', '.')}" in proc.stdout
    broken = proc.stdout.split("Broken contracts", 1)[1]
    assert contract in broken, proc.stdout
