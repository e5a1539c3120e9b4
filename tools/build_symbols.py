"""Build ``assets/map/symbols.json``: the military symbols the map draws, as SVG, made offline with ``milsymbol``.

Every code :func:`wargame.app.mapmodes.symbol_code` can produce (each standard identity × each unit icon ×
each echelon) is rendered once here, so the application draws symbols without loading milsymbol's 2 MB of
symbol data at run time (it falls back to milsymbol for a code missing from the file)::

    .venv/bin/python tools/build_symbols.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from milsymbol import Symbol  # noqa: E402

from wargame.app.mapmodes import SYMBOL_SIZE, all_symbol_codes  # noqa: E402

OUT = ROOT / "assets" / "map" / "symbols.json"


def main() -> int:
    out = {}
    for code in sorted(all_symbol_codes()):
        sym = Symbol(code, size=SYMBOL_SIZE)
        anchor, size = sym.get_anchor(), sym.get_size()
        out[code] = {
            "svg": sym.as_svg(),
            "anchor": [round(anchor["x"], 2), round(anchor["y"], 2)],
            "size": [round(size["width"], 2), round(size["height"], 2)],
        }
    OUT.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} symbols")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
