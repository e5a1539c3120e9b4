"""The layers of DESIGN §2 hold: the engine imports no Qt, SQLAlchemy or file-system modules, only the GUI
imports Qt, and ORM code stays in the store."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "wargame"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0] if not node.module.startswith("wargame") else node.module)
    return out


def calls_open(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open" for n in ast.walk(tree))


def test_engine_is_pure():
    for f in sorted((PKG / "engine").rglob("*.py")):
        found = imports(f)
        bad = found & {
            "PySide6",
            "shiboken6",
            "sqlalchemy",
            "alembic",
            "os",
            "pathlib",
            "shutil",
            "io",
            "sqlite3",
            "time",
        }
        assert not bad, f"{f.name} imports {bad}"
        assert not any(
            m.startswith(("wargame.store", "wargame.gui", "wargame.app", "wargame.scenario")) for m in found
        ), f.name
        assert not calls_open(f), f"{f.name} opens files"


def test_only_the_gui_imports_qt():
    """Qt belongs to the presentation layers: the GUI, and the report (QPainter charts, QPdfWriter)."""
    for f in sorted(PKG.rglob("*.py")):
        if f.relative_to(PKG).parts[0] in ("gui", "report"):
            continue
        assert not imports(f) & {"PySide6", "shiboken6", "pyqtgraph"}, f


def test_only_the_store_imports_sqlalchemy():
    for f in sorted(PKG.rglob("*.py")):
        if f.relative_to(PKG).parts[0] == "store":
            continue
        assert not imports(f) & {"sqlalchemy", "alembic"}, f
