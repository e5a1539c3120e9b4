"""Charts of a batch's distribution, drawn with QPainter into a QImage: shared by the batch report and the
desktop application's Analysis window, so both show the same pictures.

* :func:`frequency_chart` — horizontal bars of shares with their confidence intervals as whiskers;
* :func:`histogram_chart` — counts of a whole-number measure (a turn), with the runs where it never happened;
* :func:`tornado_chart` — for each varied value, the metric's mean at its lowest and highest, around the mean.

Readable in black-and-white print: bars are dark grey on white, whiskers black, the tornado's two sides have
different hatching as well as different colours (Okabe–Ito blue and vermilion).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from wargame.app.batch_analysis import Analysis, Timing

__all__ = [
    "TIMING_ORDER",
    "Bar",
    "Side",
    "analysis_images",
    "frequency_chart",
    "histogram_chart",
    "ordered_timings",
    "tornado_chart",
]

INK = QColor("#000000")
GRID = QColor("#c8c8c8")
BAR = QColor("#555555")
LOW = QColor("#0072B2")
HIGH = QColor("#D55E00")


@dataclass(frozen=True)
class Bar:
    """A share with its interval: label, share, lower and upper bound (0-1), and the counts as text."""

    label: str
    share: float
    low: float
    high: float
    note: str = ""


@dataclass(frozen=True)
class Side:
    """One bar of a tornado: its name, the metric at the value giving the lowest and the highest mean."""

    name: str
    low: float
    high: float
    low_label: str
    high_label: str


def _fonts(unit: float) -> tuple[QFont, QFont]:
    title = QFont("DejaVu Sans")
    title.setPixelSize(max(8, int(24 * unit)))
    title.setBold(True)
    text = QFont("DejaVu Sans")
    text.setPixelSize(max(7, int(18 * unit)))
    return title, text


def _steps(lo: float, hi: float, count: int) -> list[float]:
    """Round axis values from ``lo`` to ``hi`` (about ``count`` of them, steps of 1, 2 or 5 × 10^n)."""
    span = hi - lo if hi > lo else 1.0
    power = 10.0 ** math.floor(math.log10(span / count))
    step = min((m * power for m in (1, 2, 5, 10) if span / (m * power) <= count), default=10 * power)
    first = math.ceil(lo / step - 1e-9)
    return [round(k * step, 10) for k in range(first, int(math.floor(hi / step + 1e-9)) + 1)]


def _text(v: float) -> str:
    if abs(v) >= 10000:
        return f"{v / 1000:,.0f}k"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _canvas(width: int, height: int) -> tuple[QImage, QPainter]:
    img = QImage(width, height, QImage.Format.Format_RGB32)
    img.fill(QColor("#ffffff"))
    p = QPainter(img)
    p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    return img, p


def _title(p: QPainter, font: QFont, width: int, height: float, text: str) -> None:
    p.setFont(font)
    p.setPen(INK)
    p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)


def _elide(p: QPainter, text: str, width: float) -> str:
    return QFontMetricsF(p.font()).elidedText(text, Qt.TextElideMode.ElideRight, width)


def frequency_chart(title: str, bars: Sequence[Bar], *, width: int = 1400, row: int = 40) -> QImage:
    """Shares (0-100 %) as horizontal bars, with whiskers for their intervals and the counts at the right."""
    unit = width / 1400.0
    top, bottom = int(70 * unit), int(60 * unit)
    height = top + bottom + max(1, len(bars)) * int(row * unit)
    img, p = _canvas(width, height)
    try:
        f_title, f_text = _fonts(unit)
        _title(p, f_title, width, top - 10 * unit, title)
        p.setFont(f_text)
        left, right = 520 * unit, width - 190 * unit
        plot = QRectF(left, top, right - left, height - top - bottom)

        def X(v: float) -> float:
            return plot.left() + v * plot.width()

        for t in _steps(0, 1, 5):
            p.setPen(QPen(GRID, 1 * unit))
            p.drawLine(QPointF(X(t), plot.top()), QPointF(X(t), plot.bottom()))
            p.setPen(INK)
            p.drawText(
                QRectF(X(t) - 40 * unit, plot.bottom() + 6 * unit, 80 * unit, 24 * unit),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{t:.0%}",
            )
        step = plot.height() / max(1, len(bars))
        for i, b in enumerate(bars):
            y = plot.top() + i * step
            mid = y + step / 2
            p.setPen(INK)
            p.drawText(
                QRectF(10 * unit, y, left - 20 * unit, step),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _elide(p, b.label, left - 30 * unit),
            )
            p.fillRect(QRectF(X(0), y + step * 0.2, X(b.share) - X(0), step * 0.6), BAR)
            p.setPen(QPen(INK, 2.2 * unit))
            p.drawLine(QPointF(X(b.low), mid), QPointF(X(b.high), mid))
            for v in (b.low, b.high):
                p.drawLine(QPointF(X(v), mid - step * 0.22), QPointF(X(v), mid + step * 0.22))
            p.setPen(INK)
            p.drawText(
                QRectF(right + 10 * unit, y, width - right - 12 * unit, step),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                b.note or f"{b.share:.0%}",
            )
        p.setPen(QPen(INK, 1.6 * unit))
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        if not bars:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "no outcome happened in any run")
    finally:
        p.end()
    return img


def histogram_chart(
    title: str, values: Sequence[int], *, never: int = 0, x_label: str = "turn", width: int = 700, height: int = 380
) -> QImage:
    """Counts of each whole-number value (e.g. the turn of the first invocation); ``never`` runs are noted."""
    unit = width / 700.0
    img, p = _canvas(width, height)
    try:
        f_title, f_text = _fonts(unit * 0.8)
        _title(p, f_title, width, 44 * unit, title)
        p.setFont(f_text)
        counts = Counter(values)
        lo, hi = (min(counts), max(counts)) if counts else (0, 1)
        peak = max(counts.values(), default=1)
        plot = QRectF(70 * unit, 50 * unit, width - 90 * unit, height - 120 * unit)
        slots = hi - lo + 1

        def X(v: float) -> float:
            return plot.left() + (v - lo) / slots * plot.width()

        def Y(c: float) -> float:
            return plot.bottom() - c / peak * plot.height()

        for t in _steps(0, peak, 4):
            p.setPen(QPen(GRID, 1 * unit))
            p.drawLine(QPointF(plot.left(), Y(t)), QPointF(plot.right(), Y(t)))
            p.setPen(INK)
            p.drawText(
                QRectF(0, Y(t) - 12 * unit, plot.left() - 8 * unit, 24 * unit),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _text(t),
            )
        for v, c in counts.items():
            p.fillRect(QRectF(X(v) + 1 * unit, Y(c), plot.width() / slots - 2 * unit, plot.bottom() - Y(c)), BAR)
        for t in _steps(lo, hi, 8):
            if t.is_integer():
                p.setPen(INK)
                p.drawText(
                    QRectF(X(t + 0.5) - 30 * unit, plot.bottom() + 4 * unit, 60 * unit, 22 * unit),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    _text(t),
                )
        p.setPen(QPen(INK, 1.6 * unit))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        foot = f"{x_label}; {len(values)} runs" + (f", never in {never}" if never else "")
        p.drawText(QRectF(0, height - 40 * unit, width, 34 * unit), Qt.AlignmentFlag.AlignCenter, foot)
    finally:
        p.end()
    return img


def tornado_chart(title: str, sides: Sequence[Side], baseline: float, *, metric: str, width: int = 1400) -> QImage:
    """A bar per varied name from the metric's lowest to its highest mean, around ``baseline`` (largest first).

    The part below the baseline is blue with hatching one way, the part above vermilion the other way; each end
    is labelled with the value that gives it.
    """
    unit = width / 1400.0
    row = int(56 * unit)
    top, bottom = int(70 * unit), int(70 * unit)
    height = top + bottom + max(1, len(sides)) * row
    img, p = _canvas(width, height)
    try:
        f_title, f_text = _fonts(unit)
        _title(p, f_title, width, top - 10 * unit, title)
        p.setFont(f_text)
        vals = [baseline] + [v for s in sides for v in (s.low, s.high)]
        lo, hi = min(vals), max(vals)
        pad = (hi - lo) * 0.08 or 1.0
        lo, hi = lo - pad, hi + pad
        left, right = 420 * unit, width - 20 * unit
        room = 220 * unit  # for the value labels outside the bars' ends
        plot = QRectF(left + room, top, right - left - 2 * room, height - top - bottom)

        def X(v: float) -> float:
            return plot.left() + (v - lo) / (hi - lo) * plot.width()

        for t in _steps(lo, hi, 6):
            p.setPen(QPen(GRID, 1 * unit))
            p.drawLine(QPointF(X(t), plot.top()), QPointF(X(t), plot.bottom()))
            p.setPen(INK)
            p.drawText(
                QRectF(X(t) - 50 * unit, plot.bottom() + 6 * unit, 100 * unit, 24 * unit),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                _text(t),
            )
        for i, s in enumerate(sides):
            y = plot.top() + i * row
            p.setPen(INK)
            p.drawText(
                QRectF(10 * unit, y, left - 20 * unit, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _elide(p, s.name, left - 30 * unit),
            )
            box = (y + row * 0.18, row * 0.64)
            for a, b, color, pattern in (
                (min(s.low, baseline), baseline, LOW, Qt.BrushStyle.BDiagPattern),
                (baseline, max(s.high, baseline), HIGH, Qt.BrushStyle.FDiagPattern),
            ):
                if b > a:
                    rect = QRectF(X(a), box[0], X(b) - X(a), box[1])
                    p.fillRect(rect, color.lighter(150))
                    p.fillRect(rect, QBrush(color.darker(130), pattern))
                    p.setPen(QPen(color.darker(130), 1.2 * unit))
                    p.drawRect(rect)
            p.setPen(INK)
            if s.high == s.low:
                p.drawText(
                    QRectF(X(s.low) + 10 * unit, y, 400 * unit, row),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"no effect ({_text(round(s.low, 2))} at every value)",
                )
                continue
            for v, label, align in (
                (s.low, s.low_label, Qt.AlignmentFlag.AlignRight),
                (s.high, s.high_label, Qt.AlignmentFlag.AlignLeft),
            ):
                x = X(v)
                rect = (
                    QRectF(x - 210 * unit, y, 200 * unit, row)
                    if align is Qt.AlignmentFlag.AlignRight
                    else QRectF(x + 10 * unit, y, 200 * unit, row)
                )
                p.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, label)
        p.setPen(QPen(INK, 2.0 * unit, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(X(baseline), plot.top() - 6 * unit), QPointF(X(baseline), plot.bottom()))
        p.setPen(INK)
        p.drawText(
            QRectF(0, height - 36 * unit, width, 30 * unit),
            Qt.AlignmentFlag.AlignCenter,
            f"mean {metric} (dashed: all runs, {_text(round(baseline, 2))})",
        )
        if not sides:
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "nothing was varied")
    finally:
        p.end()
    return img


# ------------------------------------------------------------------------------------------
# A batch's charts
# ------------------------------------------------------------------------------------------

TIMING_ORDER = (
    "first_attack_turn",
    "first_armed_attack_turn",
    "first_triggered_turn",
    "first_invocation_turn",
    "first_arrival_turn",
    "first_engagement_turn",
    "first_control_change_turn",
    "deterrence_failed_turn",
    "first_exhausted_turn",
)
"""Timings drawn first (in this order); the others follow by name."""


def ordered_timings(a: Analysis) -> list[Timing]:
    """The analysis's timings, the usual ones first (:data:`TIMING_ORDER`)."""
    rank = {c: i for i, c in enumerate(TIMING_ORDER)}
    return sorted(a.timings, key=lambda t: (rank.get(t.column, len(rank)), t.column))


def analysis_images(a: Analysis, *, max_histograms: int = 8) -> dict[str, QImage]:
    """The analysis's charts: name → QImage (``frequencies``, ``tornado`` and ``hist_COLUMN``)."""
    out: dict[str, QImage] = {}
    bars = [Bar(f.label, f.share, f.low, f.high, f"{f.k}/{f.n}  {f.share:.0%}") for f in a.frequencies]
    out["frequencies"] = frequency_chart("How often each outcome happened (bars: 95 % Wilson intervals)", bars)
    for t in ordered_timings(a)[:max_histograms]:
        out[f"hist_{t.column}"] = histogram_chart(t.label, list(t.values), never=t.never)
    if a.tornado and a.baseline is not None:
        sides = [
            Side(b.name, b.low, b.high, f"{b.low_value}: {b.low:,.2f}", f"{b.high_value}: {b.high:,.2f}")
            for b in a.tornado
        ]
        out["tornado"] = tornado_chart(
            f"Sensitivity of {a.metric} to the varied values", sides, a.baseline, metric=a.metric
        )
    return out
