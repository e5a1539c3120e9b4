"""Print the ``[rules]`` table of docs/scenario-format.md from ``wargame.engine.Rules`` and its docstrings, and
with ``--write`` put it in place of the table there (tests/engine/test_rules.py keeps the two in step).

    .venv/bin/python tools/rules_table.py --write
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wargame.engine import Rules  # noqa: E402

DOC = Path(__file__).resolve().parents[1] / "docs" / "scenario-format.md"


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


def table() -> str:
    docs = docstrings()
    rows = ["| field | default | meaning and source |", "|---|---|---|"]
    for f in dataclasses.fields(Rules):
        share = " (share)" if f.metadata.get("max") == 1.0 else ""
        rows.append(f"| `{f.name}` | {f.default:g}{share} | {docs[f.name].replace('|', '/')} |")
    return "\n".join(rows)


def main() -> None:
    text = table()
    if "--write" in sys.argv:
        doc = DOC.read_text(encoding="utf-8")
        new = re.sub(r"\| field \| default \| meaning and source \|\n(\|.*\|\n)+", text + "\n", doc, count=1)
        DOC.write_text(new, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
