"""Rewrite the Rules table of docs/scenario-format.md from the docstrings of wargame/engine/rules.py.

.venv/bin/python tools/rules_table.py
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wargame.engine import Rules  # noqa: E402

DOCS = ROOT / "docs" / "scenario-format.md"


def docstrings() -> dict[str, str]:
    tree = ast.parse(Path(inspect.getsourcefile(Rules) or "").read_text(encoding="utf-8"))
    cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "Rules")
    out: dict[str, str] = {}
    for node, after in zip(cls.body, [*cls.body[1:], None], strict=True):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = (
                str(after.value.value) if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) else ""
            )
            out[node.target.id] = " ".join(doc.split())
    return out


def main() -> None:
    docs = docstrings()
    rows = []
    for f in dataclasses.fields(Rules):
        share = " (share)" if f.metadata.get("max") else ""
        rows.append(f"| `{f.name}` | {f.default:g}{share} | {docs[f.name].replace('|', '/')} |")
    text = DOCS.read_text(encoding="utf-8")
    table = "| field | default | meaning and source |\n|---|---|---|\n" + "\n".join(rows) + "\n"
    new = re.sub(r"\| field \| default \| meaning and source \|\n\|---\|---\|---\|\n(?:\|.*\|\n)+", table, text)
    DOCS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
