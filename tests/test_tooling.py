"""The code stays linted and formatted: ruff's checks and its formatter run as part of the test command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREES = ["wargame", "tests", "benchmarks", "tools", "db"]


def ruff() -> str:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert exe, "ruff is a test dependency (requirements.txt); install it with the test command"
    return exe


def test_ruff_check_passes() -> None:
    """Lint rules of pyproject.toml ([tool.ruff.lint]) hold everywhere."""
    proc = subprocess.run(
        [ruff(), "check", "--output-format", "concise", *TREES], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean() -> None:
    """Every file is as ruff's formatter would write it (run `ruff format` to fix)."""
    proc = subprocess.run([ruff(), "format", "--check", *TREES], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_check_fails_on_a_violation(tmp_path: Path) -> None:
    """The lint test can fail: an unused import in a scratch file is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    proc = subprocess.run(
        [ruff(), "check", "--config", str(ROOT / "pyproject.toml"), str(bad)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1 and "F401" in proc.stdout


def mypy() -> str:
    exe = shutil.which("mypy", path=str(Path(sys.executable).parent))
    assert exe, "mypy is a test dependency (requirements.txt); install it with the test command"
    return exe


def test_mypy_strict_passes_on_the_engine(tmp_path: Path) -> None:
    """wargame/engine type-checks in strict mode ([tool.mypy] in pyproject.toml)."""
    proc = subprocess.run(
        [mypy(), "--cache-dir", str(tmp_path / "cache")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    checked = re.search(r"no issues found in (\d+) source files", proc.stdout)
    assert checked and int(checked.group(1)) >= 20, proc.stdout  # the whole engine, phases included


def test_mypy_strict_fails_on_an_untyped_function(tmp_path: Path) -> None:
    """The mypy test can fail: a function without annotations is an error under the project's strict settings."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x):\n    return x\n")
    proc = subprocess.run(
        [mypy(), "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"), str(bad)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and "no-untyped-def" in proc.stdout
