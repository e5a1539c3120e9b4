"""Military symbols (APP-6D / MIL-STD-2525D) as images, drawn with QtSvg and cached.

The SVGs come from ``assets/map/symbols.json`` (made offline with the ``milsymbol`` package by
``tools/build_symbols.py``); a code missing from it is made with milsymbol at first use. Each symbol is turned
into an image once per (code, pixel height, device pixel ratio): a repaint only copies images
(``benchmarks/bench_gui.py`` measures it). QtGui and QtSvg only: the report draws them without QtWidgets.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

SYMBOLS_JSON = Path(__file__).resolve().parents[2] / "assets" / "map" / "symbols.json"

__all__ = ["SYMBOLS_JSON", "symbol_image", "symbol_svg"]


@lru_cache(maxsize=1)
def _bundled() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(SYMBOLS_JSON.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=256)
def symbol_svg(code: str) -> tuple[str, tuple[float, float], tuple[float, float]]:
    """(SVG text, anchor (x, y), size (w, h)) of a 20-digit code, from the bundled file or milsymbol."""
    item = _bundled().get(code)
    if isinstance(item, dict):
        ax, ay = item["anchor"]  # type: ignore[misc]
        w, h = item["size"]  # type: ignore[misc]
        return str(item["svg"]), (float(ax), float(ay)), (float(w), float(h))
    from milsymbol import Symbol  # only for a code the bundled file lacks (about 1 s the first time)

    sym = Symbol(code, size=30)
    a, s = sym.get_anchor(), sym.get_size()
    return sym.as_svg(), (float(a["x"]), float(a["y"])), (float(s["width"]), float(s["height"]))


@lru_cache(maxsize=512)
def symbol_image(code: str, height: float, dpr: float = 1.0) -> tuple[QImage, QPointF]:
    """The symbol drawn ``height`` logical pixels tall, and where its anchor (the frame's centre) lies in it."""
    from PySide6.QtSvg import QSvgRenderer

    svg, (ax, ay), (w, h) = symbol_svg(code)
    scale = height / max(h, 1.0)
    width_px, height_px = w * scale, h * scale
    image = QImage(
        max(1, math.ceil(width_px * dpr)), max(1, math.ceil(height_px * dpr)), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0.0, 0.0, width_px, height_px))
    painter.end()
    return image, QPointF(ax * scale, ay * scale)
