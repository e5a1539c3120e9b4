"""Line charts drawn with QPainter into a QImage, readable in black-and-white print.

Each line has its own dash pattern and marker shape as well as a colour, and the legend shows
all three, so a grey-scale printout still tells the lines apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

__all__ = ["LineSpec", "STYLES", "line_chart", "nice_ticks"]

# Okabe–Ito colours, darkest first, each paired with a dash pattern and a marker.
STYLES: tuple[tuple[str, Qt.PenStyle, str], ...] = (
    ("#000000", Qt.PenStyle.SolidLine, "circle"),
    ("#0072B2", Qt.PenStyle.DashLine, "square"),
    ("#D55E00", Qt.PenStyle.DotLine, "triangle"),
    ("#009E73", Qt.PenStyle.DashDotLine, "diamond"),
    ("#CC79A7", Qt.PenStyle.DashDotDotLine, "cross"),
    ("#56B4E9", Qt.PenStyle.SolidLine, "plus"),
    ("#E69F00", Qt.PenStyle.DashLine, "star"),
    ("#555555", Qt.PenStyle.DotLine, "disc"),
)


@dataclass(frozen=True)
class LineSpec:
    """One line: its legend label and (x, y) points."""

    label: str
    points: list[tuple[float, float]]


def nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^n)."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    if integer:
        step = max(1.0, round(step))
    start = math.floor(lo / step) * step
    ticks, v = [], start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def _fmt(v: float) -> str:
    if abs(v) >= 10000:
        return f"{v / 1000:,.0f}k"
    if float(v).is_integer():
        return f"{v:,.0f}"
    return f"{v:,.1f}"


def _marker(p: QPainter, kind: str, c: QPointF, r: float) -> None:
    if kind == "circle":
        p.drawEllipse(c, r, r)
    elif kind == "disc":
        p.save()
        p.setBrush(p.pen().color())
        p.drawEllipse(c, r, r)
        p.restore()
    elif kind == "square":
        p.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    elif kind == "triangle":
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r * 1.2),
                    QPointF(c.x() + r * 1.1, c.y() + r * 0.8),
                    QPointF(c.x() - r * 1.1, c.y() + r * 0.8),
                ]
            )
        )
    elif kind == "diamond":
        p.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x(), c.y() - r * 1.3),
                    QPointF(c.x() + r, c.y()),
                    QPointF(c.x(), c.y() + r * 1.3),
                    QPointF(c.x() - r, c.y()),
                ]
            )
        )
    elif kind == "cross":
        p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
        p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
    elif kind == "plus":
        p.drawLine(QPointF(c.x() - r * 1.2, c.y()), QPointF(c.x() + r * 1.2, c.y()))
        p.drawLine(QPointF(c.x(), c.y() - r * 1.2), QPointF(c.x(), c.y() + r * 1.2))
    else:  # star: plus and cross together
        _marker(p, "plus", c, r)
        _marker(p, "cross", c, r * 0.8)


def line_chart(
    title: str,
    lines: list[LineSpec],
    *,
    x_label: str = "turn",
    y_label: str = "",
    width: int = 1400,
    height: int = 540,
    y_min: float | None = None,
    y_max: float | None = None,
    integer_y: bool = False,
    step: bool = False,
    marks: list[tuple[float, str]] | None = None,
) -> QImage:
    """A line chart as an image (``width`` × ``height`` pixels, white background).

    ``step`` draws each line as a staircase (counts); ``marks`` are labelled vertical lines (e.g. a branch turn).
    """
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("#ffffff"))
    p = QPainter(img)
    try:
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        unit = width / 1400.0
        f_title = QFont("DejaVu Sans")
        f_title.setPixelSize(int(26 * unit))
        f_title.setBold(True)
        f_text = QFont("DejaVu Sans")
        f_text.setPixelSize(int(20 * unit))
        pts = [pt for ln in lines for pt in ln.points]
        xs = [x for x, _ in pts] or [0.0, 1.0]
        ys = [y for _, y in pts] or [0.0, 1.0]
        x0, x1 = min(xs), max(xs)
        if x1 <= x0:
            x1 = x0 + 1
        lo = min(ys) if y_min is None else y_min
        hi = max(ys) if y_max is None else y_max
        if hi <= lo:
            hi = lo + 1
        yt = nice_ticks(lo, hi, 5, integer_y)
        lo, hi = min(lo, yt[0]), max(hi, yt[-1])
        xt = [t for t in nice_ticks(x0, x1, 10, True) if x0 <= t <= x1]

        legend_w = int(330 * unit)
        left, right = int(100 * unit), width - legend_w
        top, bottom = int(60 * unit), height - int(70 * unit)
        plot = QRectF(left, top, right - left - int(20 * unit), bottom - top)

        def X(x: float) -> float:
            return plot.left() + (x - x0) / (x1 - x0) * plot.width()

        def Y(y: float) -> float:
            return plot.bottom() - (y - lo) / (hi - lo) * plot.height()

        p.setFont(f_title)
        p.setPen(QColor("#000000"))
        p.drawText(QRectF(0, 0, width, top - 10 * unit), Qt.AlignmentFlag.AlignCenter, title)
        p.setFont(f_text)
        grid = QPen(QColor("#c8c8c8"), 1 * unit)
        axis = QPen(QColor("#000000"), 1.6 * unit)
        for t in yt:
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), Y(t)), QPointF(plot.right(), Y(t)))
            p.setPen(axis)
            p.drawText(
                QRectF(0, Y(t) - 14 * unit, plot.left() - 10 * unit, 28 * unit),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _fmt(t),
            )
        for t in xt:
            p.setPen(axis)
            p.drawLine(QPointF(X(t), plot.bottom()), QPointF(X(t), plot.bottom() + 6 * unit))
            p.drawText(
                QRectF(X(t) - 50 * unit, plot.bottom() + 8 * unit, 100 * unit, 26 * unit),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                _fmt(t),
            )
        p.setPen(axis)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        p.drawText(
            QRectF(plot.left(), height - 32 * unit, plot.width(), 30 * unit), Qt.AlignmentFlag.AlignCenter, x_label
        )
        if y_label:
            p.save()
            p.translate(22 * unit, plot.center().y())
            p.rotate(-90)
            p.drawText(
                QRectF(-plot.height() / 2, -14 * unit, plot.height(), 28 * unit), Qt.AlignmentFlag.AlignCenter, y_label
            )
            p.restore()
        for xm, text in marks or []:
            if x0 <= xm <= x1:
                p.setPen(QPen(QColor("#606060"), 1.5 * unit, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(X(xm), plot.top()), QPointF(X(xm), plot.bottom()))
                p.drawText(
                    QRectF(X(xm) + 4 * unit, plot.top(), 200 * unit, 24 * unit), Qt.AlignmentFlag.AlignLeft, text
                )

        every = max(1, int(len(xs) / max(len(lines), 1) / 12))
        p.setClipRect(plot.adjusted(-8 * unit, -8 * unit, 8 * unit, 8 * unit))
        for i, ln in enumerate(lines):
            color, dash, shape = STYLES[i % len(STYLES)]
            pen = QPen(QColor(color), 3.0 * unit, dash)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath()
            for j, (x, y) in enumerate(sorted(ln.points)):
                if j == 0:
                    path.moveTo(X(x), Y(y))
                elif step:
                    path.lineTo(X(x), path.currentPosition().y())
                    path.lineTo(X(x), Y(y))
                else:
                    path.lineTo(X(x), Y(y))
            p.drawPath(path)
            p.setPen(QPen(QColor(color), 2.2 * unit))
            p.setBrush(QColor("#ffffff"))
            for j, (x, y) in enumerate(sorted(ln.points)):
                if (j + i * max(1, every // 3)) % every == 0:
                    _marker(p, shape, QPointF(X(x), Y(y)), 6.5 * unit)
        p.setClipping(False)

        ly = top
        for i, ln in enumerate(lines):
            color, dash, shape = STYLES[i % len(STYLES)]
            lx = right + 4 * unit
            pen = QPen(QColor(color), 3.0 * unit, dash)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            p.drawLine(QPointF(lx, ly + 14 * unit), QPointF(lx + 70 * unit, ly + 14 * unit))
            p.setPen(QPen(QColor(color), 2.2 * unit))
            p.setBrush(QColor("#ffffff"))
            _marker(p, shape, QPointF(lx + 35 * unit, ly + 14 * unit), 6.5 * unit)
            p.setPen(QColor("#000000"))
            p.drawText(
                QRectF(lx + 80 * unit, ly, legend_w - 85 * unit, 28 * unit),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                ln.label,
            )
            ly += 34 * unit
        if not lines:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "no data")
    finally:
        p.end()
    return img
