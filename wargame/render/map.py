"""The one map renderer: draws a :class:`~wargame.app.mapmodel.MapPicture` with a QPainter (QtGui only).

The desktop application's ``MapView`` paints its viewport with :class:`MapRenderer`, and the report
paints its map images with :func:`render_image`, so the two draw the same picture. Scene coordinates
are degrees × :data:`SCALE` (x = lon, y = -lat); country fills and borders are drawn in scene
coordinates, markers, arrowheads, labels and the legend in device pixels (their size does not change
with the zoom). Labels are laid out most important first and a label that would overlap another is
left out: attack and force markers, then arrows, then places and states (from a zoom of
:data:`PLACE_LABEL_PX_PER_DEGREE` on), then country names where the country has room for them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from wargame.app import palette
from wargame.app.mapmodel import (
    DEFAULT_GEOJSON,
    MARKER_KINDS,
    Arrow,
    LegendEntry,
    MapPicture,
    Marker,
    load_outlines,
    split_at_antimeridian,
)
from wargame.render import ensure_gui_app, qcolor
from wargame.render.symbols import symbol_image

__all__ = [
    "PLACE_LABEL_PX_PER_DEGREE",
    "SCALE",
    "CountryShape",
    "MapRenderer",
    "box_to_scene",
    "fit_transform",
    "legend_covers",
    "legend_size",
    "legend_spot",
    "legend_spots",
    "load_countries",
    "marker_box",
    "visible_entries",
    "paint_legend",
    "project",
    "render_image",
    "render_report_map",
    "unproject",
]

#: Scene units per degree of latitude/longitude.
SCALE = 10.0
#: Place and state marker names appear from this zoom (pixels per degree) on.
PLACE_LABEL_PX_PER_DEGREE = 8.0
#: How much bigger the selected marker is drawn.
SELECTED_MARKER_SCALE = 1.4

_BORDER_PX = 0.6
_SELECTED_BORDER_PX = 2.2
_LEGEND_MARGIN = (8.0, 6.0)
_LEGEND_SPACING = 3.0
_SWATCH = 14.0


# --- Geometry --------------------------------------------------------------------------------------


def project(lat: float, lon: float) -> QPointF:
    """Scene position of a (lat, lon) in degrees."""
    return QPointF(lon * SCALE, -lat * SCALE)


def unproject(point: QPointF) -> tuple[float, float]:
    """(lat, lon) in degrees of a scene position."""
    return -point.y() / SCALE, point.x() / SCALE


def box_to_scene(lat_min: float, lat_max: float, lon_min: float, lon_max: float) -> QRectF:
    """Scene rectangle of a lat/lon box."""
    return QRectF(QPointF(lon_min * SCALE, -lat_max * SCALE), QPointF(lon_max * SCALE, -lat_min * SCALE))


def fit_transform(box: tuple[float, float, float, float], width: float, height: float) -> QTransform:
    """Scene → pixel transform that fits a lat/lon box into ``width`` × ``height``, centred, in proportion
    (the offset snapped to whole pixels, as a scrolled view places it)."""
    rect = box_to_scene(*box)
    s = min(width / rect.width(), height / rect.height())
    centre = rect.center()
    return QTransform(s, 0.0, 0.0, s, round(width / 2.0 - centre.x() * s), round(height / 2.0 - centre.y() * s))


@dataclass(frozen=True, eq=False)
class CountryShape:
    """One country's outline in scene coordinates, with where to put its name."""

    iso3: str
    name: str
    continent: str
    non_iso: bool
    path: QPainterPath
    label_pos: QPointF
    area: float
    """Square degrees, all polygons, holes subtracted."""
    label_box: QRectF
    """Scene bounding box of the largest polygon: the room for the name."""
    bounds: QRectF
    """Scene bounding box of the whole outline."""
    parts: tuple[QPainterPath, ...] = ()
    """Each polygon (outer ring and holes) on its own, for a part coloured apart (French Guiana in France)."""

    def part_at(self, lat: float, lon: float) -> QPainterPath | None:
        """The polygon holding (lat, lon), if any."""
        point = project(lat, lon)
        return next((p for p in self.parts if p.contains(point)), None)


@lru_cache(maxsize=4)
def _countries(path: str) -> tuple[CountryShape, ...]:
    out = []
    for o in load_outlines(path):
        qp = QPainterPath()
        qp.setFillRule(Qt.FillRule.OddEvenFill)
        parts = []
        for polygon in o.polygons:
            part = QPainterPath()
            part.setFillRule(Qt.FillRule.OddEvenFill)
            for ring in polygon:
                poly = QPolygonF([QPointF(x * SCALE, -y * SCALE) for x, y in ring])
                qp.addPolygon(poly)
                qp.closeSubpath()
                part.addPolygon(poly)
                part.closeSubpath()
            parts.append(part)
        out.append(
            CountryShape(
                o.iso3,
                o.name,
                o.continent,
                o.non_iso,
                qp,
                project(*o.label),
                o.area,
                box_to_scene(*o.label_box),
                qp.controlPointRect(),
                tuple(parts),
            )
        )
    return tuple(out)


def load_countries(path: str | Path = DEFAULT_GEOJSON) -> tuple[CountryShape, ...]:
    """Country shapes of a GeoJSON file (:func:`~wargame.app.mapmodel.load_outlines`), built once per file."""
    return _countries(str(Path(path).resolve()))


# --- Pens, glyphs and text --------------------------------------------------------------------------


def _cosmetic_pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen whose width is in pixels whatever the zoom."""
    pen = QPen(qcolor(color), width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


@lru_cache(maxsize=8)
def marker_glyph(kind: str) -> QPainterPath:
    """The glyph of a marker kind in pixels around (0, 0)."""
    path = QPainterPath()
    if kind == "place":
        path.addEllipse(QPointF(0.0, 0.0), 4.0, 4.0)
    elif kind == "state":
        path.addRect(QRectF(-5.0, -5.0, 10.0, 10.0))
    elif kind == "force":
        path.addPolygon(QPolygonF([QPointF(0, -7), QPointF(7, 0), QPointF(0, 7), QPointF(-7, 0)]))
        path.closeSubpath()
    elif kind == "control":
        path.addEllipse(QPointF(0.0, 0.0), 10.0, 10.0)
        path.addEllipse(QPointF(0.0, 0.0), 7.0, 7.0)
    elif kind in ("friend", "hostile", "neutral", "unknown"):
        path.addRect(QRectF(-8.0, -6.0, 16.0, 12.0))
    else:  # attack: an eight-pointed burst
        corners = []
        for i in range(16):
            radius = 9.0 if i % 2 == 0 else 4.0
            angle = math.pi * i / 8.0
            corners.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
        path.addPolygon(QPolygonF(corners))
        path.closeSubpath()
    return path


SYMBOL_PX = 22.0
"""Height of a force's military symbol on the map, in pixels (times the renderer's ``text_scale``)."""


def _glyph_box(kind: str) -> QRectF:
    """The glyph's pixel box with its outline (pen 1.2)."""
    return marker_glyph(kind).boundingRect().adjusted(-0.6, -0.6, 0.6, 0.6)


def marker_box(marker: Marker, scale: float = 1.0) -> QRectF:
    """The pixel box a marker covers around its place as :meth:`MapRenderer._paint_markers` draws it at text
    scale ``scale`` (the symbol's whole image with its count's tag, the control ring with its halo, the attack's
    burst grown with the scale), moved by its offset."""
    if marker.kind == "force" and marker.symbol:
        from wargame.render.symbols import symbol_svg

        _svg, (ax, ay), (w, h) = symbol_svg(marker.symbol)
        k = SYMBOL_PX * scale / max(h, 1.0)
        box = QRectF(-ax * k, -ay * k, w * k, h * k)
        if marker.count > 1:  # the count's tag, centred at (0.8, 0.7) of the anchor's distance to the corner
            tag = QRectF(-11.0 * scale, -7.5 * scale, 22.0 * scale, 15.0 * scale)
            box = box.united(tag.translated(ax * k * 0.8, ay * k * 0.7))
    elif marker.kind == "control":
        r = (11.0 + 2.5) * scale  # the ring and its halo pen
        box = QRectF(-r, -r, 2.0 * r, 2.0 * r)
    elif marker.kind in ("attack", "force"):
        g = _glyph_box(marker.kind)
        box = QRectF(g.left() * scale, g.top() * scale, g.width() * scale, g.height() * scale)
    else:
        box = _glyph_box(marker.kind)
    return box.translated(marker.offset[0] * scale, marker.offset[1] * scale)


_ARROW_HEAD = QPolygonF([QPointF(0, 0), QPointF(-12, -6), QPointF(-9, 0), QPointF(-12, 6)])


@dataclass(frozen=True, eq=False)
class _Text:
    """A label around its anchor: its words and font, where its baseline starts, and its box with the halo."""

    text: str
    font: QFont
    origin: QPointF
    box: QRectF


@lru_cache(maxsize=4096)
def _text(text: str, pixel_size: int, bold: bool, centered: bool, dx: float) -> _Text:
    font = QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    rect = QFontMetricsF(font).tightBoundingRect(text)
    shift_x = -rect.center().x() if centered else -rect.left()
    origin = QPointF(shift_x + dx, -rect.center().y())
    return _Text(text, font, origin, rect.translated(origin).adjusted(-2.5, -2.5, 2.5, 2.5))


@lru_cache(maxsize=4096)
def _sprite(text: _Text, dpr: float) -> tuple[QImage, QPointF]:
    """The label drawn once (halo, then glyphs) into a transparent image, and where its corner goes
    relative to the anchor: stroking text outlines is the costly part of a repaint, so each label is
    stroked once and then copied."""
    box = text.box
    image = QImage(
        math.ceil(box.width() * dpr) + 1, math.ceil(box.height() * dpr) + 1, QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.translate(-box.left(), -box.top())
    painter.setFont(text.font)
    painter.setPen(_color(palette.LABEL_HALO))  # the halo: the words drawn around them (glyphs are cached:
    for ox, oy in _HALO:  # far quicker than stroking their outlines)
        painter.drawText(text.origin + QPointF(ox, oy), text.text)
    painter.setPen(_color(palette.LABEL_TEXT))
    painter.drawText(text.origin, text.text)
    painter.end()
    return image, box.topLeft()


_HALO = tuple((1.5 * math.cos(math.pi * k / 4.0), 1.5 * math.sin(math.pi * k / 4.0)) for k in range(8))
"""Offsets of the halo's copies: a ring of 1.5 px."""


def _marker_text(marker: Marker, scale: float = 1.0, label: str | None = None) -> _Text:
    radius = marker_box(marker, scale).right()
    bold = marker.kind in ("attack", "control")
    return _text(
        marker.label if label is None else label, round((11 if bold else 10) * scale), bold, False, radius + 3.0
    )


def _short_label(marker: Marker) -> str | None:
    """An attack's label without its kind when the whole has no room: "Narva (A4)" for "Russian invasion at Narva
    (A4)" (the tooltip keeps the whole)."""
    if marker.kind == "attack" and " at " in marker.label:
        return marker.label.rsplit(" at ", 1)[1]
    return None


@lru_cache(maxsize=2048)
def _arrow_runs(arrow: Arrow) -> list[list[tuple[float, float]]]:
    """The arrow's line split at the antimeridian (computed once per arrow: arrows are frozen values)."""
    return split_at_antimeridian(arrow.points())


@lru_cache(maxsize=2048)
def _arrow_path(arrow: Arrow) -> tuple[QPainterPath, QRectF]:
    """The arrow's line as a path in scene coordinates, and its bounding box (made once per arrow)."""
    path = QPainterPath()
    for run in _arrow_runs(arrow):
        path.moveTo(project(*run[0]))
        for lat, lon in run[1:]:
            path.lineTo(project(lat, lon))
    return path, path.boundingRect()


@lru_cache(maxsize=512)
def _color(hex_color: str) -> QColor:
    """A QColor per hex string, made once (a repaint asks for the same few colours thousands of times)."""
    return qcolor(hex_color)


# --- Label layout -----------------------------------------------------------------------------------


@dataclass
class _Placed:
    """A label to draw: its text, its anchor in scene coordinates and its pixel shift from there."""

    text: _Text
    anchor: QPointF
    shift: QPointF


@dataclass
class _Layout:
    marker_labels: dict[str, _Placed] = field(default_factory=dict)
    arrow_labels: dict[str, _Placed] = field(default_factory=dict)
    country_labels: list[_Placed] = field(default_factory=list)
    visible: set[str] = field(default_factory=set)


class _Grid:
    """Rectangles already taken, in a coarse grid for quick overlap tests."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(int(box[0] // c), int(box[2] // c) + 1)
            for j in range(int(box[1] // c), int(box[3] // c) + 1)
        ]

    def put(self, rect: QRectF) -> None:
        """Take ``rect`` whatever it overlaps (a marker, an overlay: they are drawn anyway)."""
        box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def free(self, rect: QRectF) -> bool:
        """True if ``rect`` overlaps nothing taken."""
        box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                    return False
        return True

    def take(self, rect: QRectF) -> bool:
        """Take ``rect`` if it overlaps nothing taken; False (nothing taken) otherwise."""
        if not self.free(rect):
            return False
        self.put(rect)
        return True


def _layout(
    picture: MapPicture,
    shapes: Sequence[CountryShape],
    scale: float,
    text_scale: float = 1.0,
    sight: QRectF | None = None,
    keep_out: Sequence[QRectF] = (),
) -> _Layout:
    """Which labels show at ``scale`` pixels per scene unit, and where: the theatre's country names first
    (``picture.focus``), then attacks (by their place alone when the whole has no room), control of places, arrows, forces and places by priority, then the other countries
    where they have room; a label that would cover another is left out.

    ``sight`` (scene coordinates times ``scale``: the device pixels less the pan) is the part in view: a label
    there is placed whole inside it or not at all (never cut by the map's edge); ``keep_out`` (same coordinates)
    are the overlays over the map (the key, the banner, the card), which no label goes under."""
    out = _Layout()
    grid = _Grid()
    px_per_degree = scale * SCALE
    ts = text_scale

    def at(anchor: QPointF, local: QRectF) -> QRectF:
        return local.translated(anchor.x() * scale, anchor.y() * scale)

    def take(rect: QRectF) -> bool:
        return (sight is None or sight.contains(rect)) and grid.take(rect)

    for rect in keep_out:
        grid.put(rect)
    marks = _Grid()  # every marker, even one that overlaps another (forces around a control ring)
    clusters: dict[tuple[float, float], QRectF] = {}  # the markers at one place together (ring, forces, attack)
    mark_boxes = [at(project(m.lat, m.lon), marker_box(m, ts)) for m in picture.markers]
    for m, placed_box in zip(picture.markers, mark_boxes, strict=True):
        box = marker_box(m, ts)
        marks.put(placed_box)
        here = clusters.get((m.lat, m.lon))
        clusters[(m.lat, m.lon)] = box if here is None else here.united(box)
    rank = {k: i for i, k in enumerate(MARKER_KINDS)}
    labelled = sorted((m for m in picture.markers if m.label), key=lambda m: (-rank[m.kind], -m.priority, m.id))

    def place_marker(m: Marker) -> None:
        if not (m.kind in ("attack", "force", "control") or px_per_degree >= PLACE_LABEL_PX_PER_DEGREE):
            return
        glyph = marker_box(m, ts)
        anchor = project(m.lat, m.lon)
        group = clusters[(m.lat, m.lon)]
        short = _short_label(m)
        for text in (_marker_text(m, ts), *([_marker_text(m, ts, short)] if short else [])):
            box = text.box
            across = box.width() + glyph.width() + 2.0
            centre_x = -(box.width() + glyph.width()) / 2.0 - 1.0
            down = (box.height() + glyph.height()) / 2.0
            for shift in (
                QPointF(0.0, 0.0),
                QPointF(-across, 0.0),
                QPointF(centre_x, -down),
                QPointF(centre_x, down),
                # then beside, above and below everything drawn at the place (forces around a control ring)
                QPointF(group.right() + 3.0 - box.left(), 0.0),
                QPointF(group.left() - 3.0 - box.right(), 0.0),
                QPointF(group.center().x() - box.center().x(), group.top() - 1.0 - box.bottom()),
                QPointF(group.center().x() - box.center().x(), group.bottom() + 1.0 - box.top()),
            ):
                if take(at(anchor, box.translated(shift))):
                    out.marker_labels[m.id] = _Placed(text, anchor, shift)
                    out.visible.add(m.id)
                    return

    def place_country(shape: CountryShape, need: float) -> None:
        text = _text(shape.name, round(11 * ts), shape.iso3 in focus, True, 0.0)
        room_w = shape.label_box.width() * scale
        room_h = shape.label_box.height() * scale
        if room_w >= need * text.box.width() and room_h >= need * text.box.height():
            anchor = shape.label_pos
            h, w = text.box.height(), text.box.width() / 2.0
            spots = [(0.0, 0.0), (0.0, -h), (0.0, h)]
            if shape.iso3 in focus:  # the theatre's names may also move aside by half their width, or anywhere
                spots += [(-w, 0.0), (w, 0.0), (-w, -h), (w, h), (-w, h), (w, -h)]  # their centre stays inside
                nx, ny = int(room_w / w / 2.0), int(room_h / h / 2.0)
                grid_spots = [(i * w, j * h) for i in range(-nx, nx + 1) for j in range(-ny, ny + 1)]
                spots += sorted((p for p in grid_spots if p not in spots), key=lambda p: math.hypot(*p))
            inside = [
                (dx, dy)
                for dx, dy in spots
                if (abs(dx) <= w and abs(dy) <= h)  # far from the country's label point: still over the country
                or shape.path.contains(QPointF(anchor.x() + dx / scale, anchor.y() + dy / scale))
            ]
            # off the markers if it can; a theatre's name is written over them rather than left out
            roomy = room_w >= 0.9 * text.box.width()  # over markers only where the name fits in its state
            for clear_of_markers in (True, False) if shape.iso3 in focus and roomy else (True,):
                for dx, dy in inside:
                    box = at(anchor, text.box.translated(dx, dy))
                    if (not clear_of_markers or marks.free(box)) and take(box):
                        out.country_labels.append(_Placed(text, anchor, QPointF(dx, dy)))
                        out.visible.add(shape.iso3)
                        return

    focus = set(picture.focus)
    for shape in sorted((c for c in shapes if c.iso3 in focus), key=lambda c: (-c.area, c.iso3)):
        place_country(shape, 0.45)
    for placed_box in mark_boxes:  # the other labels keep off every marker
        grid.put(placed_box)
    for m in labelled:
        if m.kind == "attack":
            place_marker(m)
    for m in labelled:
        if m.kind == "control":
            place_marker(m)
    for a in picture.arrows:
        if a.label:
            runs = _arrow_runs(a)
            longest = max(runs, key=len)
            text = _text(a.label, round(10 * ts), True, True, 0.0)
            anchor = project(*longest[len(longest) // 2])
            if take(at(anchor, text.box)):  # a label that would cover another one is left out
                out.arrow_labels[a.id] = _Placed(text, anchor, QPointF())
                out.visible.add(a.id)
    for m in labelled:
        if m.kind not in ("attack", "control"):
            place_marker(m)
    for shape in sorted((c for c in shapes if c.iso3 not in focus), key=lambda c: (-c.area, c.iso3)):
        place_country(shape, 0.8)
    return out


# --- Legend -----------------------------------------------------------------------------------------


_LEGEND_PX = 12


def _legend_fonts(scale: float = 1.0) -> tuple[QFont, QFont]:
    """The key's fonts, sized in pixels so that measuring and drawing agree on any paint device."""
    body = QFont()
    body.setPixelSize(max(8, round(_LEGEND_PX * scale)))
    title = QFont(body)
    title.setBold(True)
    return body, title


def legend_size(entries: Sequence[LegendEntry], title: str, scale: float = 1.0) -> QSize:
    """Pixel size of the key for these rows (empty when there are none); ``scale`` enlarges it (a room)."""
    if not entries:
        return QSize(0, 0)
    body, bold = _legend_fonts(scale)
    fm, fb = QFontMetricsF(body), QFontMetricsF(bold)
    sw = _SWATCH * scale
    row_h = max(sw, fm.height())
    width = max((sw + 6.0 * scale + fm.horizontalAdvance(e.text) for e in entries), default=0.0)
    height = len(entries) * row_h + (len(entries) - 1) * _LEGEND_SPACING
    if title:
        width = max(width, fb.horizontalAdvance(title))
        height += fb.height() + _LEGEND_SPACING
    mx, my = _LEGEND_MARGIN
    return QSize(math.ceil(width + 2 * mx), math.ceil(height + 2 * my))


def visible_entries(entries: Sequence[LegendEntry], seen: set[str]) -> tuple[LegendEntry, ...]:
    """The key's rows about something in sight (``seen``: ISO3 codes and marker ids on screen); rows about
    nothing in particular always show."""
    return tuple(e for e in entries if not e.where or any(w in seen for w in e.where))


_PATTERN_STYLES: dict[str, Qt.BrushStyle] = {
    "hatch": Qt.BrushStyle.BDiagPattern,
    "backhatch": Qt.BrushStyle.FDiagPattern,
    "crosshatch": Qt.BrushStyle.DiagCrossPattern,
    "horizontal": Qt.BrushStyle.HorPattern,
    "vertical": Qt.BrushStyle.VerPattern,
    "stipple": Qt.BrushStyle.Dense6Pattern,
}


def _hatch(color: str, pattern: str = "hatch") -> QBrush:
    """The pattern's lines (or dots) in black or white, whichever stands out on ``color`` (drawn in device
    pixels, so they keep their spacing at any zoom)."""
    return QBrush(qcolor(palette.text_color_for(color)), _PATTERN_STYLES.get(pattern, Qt.BrushStyle.BDiagPattern))


def _stripes(color: str) -> QBrush:
    """Diagonal stripes of ``color`` on transparent ground, in device pixels (Qt's own pattern: far cheaper to
    fill a large country with than a texture)."""
    return QBrush(_color(color), Qt.BrushStyle.BDiagPattern)


@lru_cache(maxsize=32)
def _stripe_tile(color: str) -> QImage:
    tile = QImage(12, 12, QImage.Format.Format_ARGB32_Premultiplied)
    tile.fill(Qt.GlobalColor.transparent)
    p = QPainter(tile)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(qcolor(color), 2.5)
    p.setPen(pen)
    for k in (-12, 0, 12):
        p.drawLine(QPointF(k - 1.0, 13.0), QPointF(k + 13.0, -1.0))
    p.end()
    return tile


def paint_legend(
    painter: QPainter, origin: QPointF, entries: Sequence[LegendEntry], title: str, scale: float = 1.0
) -> None:
    """Draw the key with its top-left corner at ``origin`` (device pixels); ``scale`` enlarges it."""
    if not entries:
        return
    size = legend_size(entries, title, scale)
    body, bold = _legend_fonts(scale)
    fm, fb = QFontMetricsF(body), QFontMetricsF(bold)
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    box = QRectF(origin.x() + 0.5, origin.y() + 0.5, size.width() - 1.0, size.height() - 1.0)
    painter.setPen(QPen(qcolor("#9a9a9a"), 1.0))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 4.0, 4.0)
    mx, my = _LEGEND_MARGIN
    x, y = origin.x() + mx, origin.y() + my
    text_pen = QPen(qcolor(palette.BLACK))
    if title:
        painter.setFont(bold)
        painter.setPen(text_pen)
        painter.drawText(QPointF(x, y + fb.ascent()), title)
        y += fb.height() + _LEGEND_SPACING
    painter.setFont(body)
    sw = _SWATCH * scale
    row_h = max(sw, fm.height())
    for e in entries:
        swatch = QRectF(x, y + (row_h - sw) / 2.0, sw, sw)
        if e.glyph:
            _legend_glyph(painter, e, swatch)
        else:
            painter.fillRect(swatch, qcolor(e.color))
            if e.pattern != "solid":
                painter.fillRect(swatch, _hatch(e.color, e.pattern))
            if e.stripe:
                painter.save()
                painter.setBrushOrigin(swatch.topLeft())
                painter.fillRect(swatch, _stripes(e.stripe))
                painter.restore()
            painter.setPen(QPen(qcolor(palette.BORDER), 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(swatch.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setPen(text_pen)
        painter.drawText(QPointF(x + sw + 6.0 * scale, y + (row_h - fm.height()) / 2.0 + fm.ascent()), e.text)
        y += row_h + _LEGEND_SPACING
    painter.restore()


def _legend_glyph(painter: QPainter, entry: LegendEntry, box: QRectF) -> None:
    """A marker's glyph, or a dashed arrow, in a legend row's swatch box."""
    painter.save()
    centre = box.center()
    if entry.glyph == "arrow":
        pen = QPen(qcolor(entry.color), 2.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(box.left(), centre.y()), QPointF(box.right() - 3.0, centre.y()))
        painter.translate(QPointF(box.right() + 1.0, centre.y()))
        painter.scale(0.6, 0.6)
        painter.setBrush(QBrush(qcolor(entry.color)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPolygon(_ARROW_HEAD)
    elif entry.glyph in ("friend", "hostile", "neutral", "unknown"):
        from wargame.app.mapmodes import symbol_code
        from wargame.render.symbols import symbol_image

        image, anchor = symbol_image(symbol_code("infantry", entry.glyph), box.height() + 2.0)
        painter.drawImage(centre - anchor, image)
    elif entry.glyph == "control":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(qcolor(entry.color), 2.5))
        painter.drawEllipse(centre, box.width() / 2.0 - 1.0, box.height() / 2.0 - 1.0)
    else:
        glyph = marker_glyph(entry.glyph)
        size = glyph.boundingRect()
        factor = min(1.0, (box.width() + 2.0) / max(size.width(), size.height()))
        painter.translate(centre)
        painter.scale(factor, factor)
        painter.setBrush(QBrush(qcolor(entry.color)))
        painter.setPen(QPen(qcolor("#202020" if entry.glyph != "attack" else "#ffffff"), 1.2))
        painter.drawPath(glyph)
    painter.restore()


# --- The renderer -----------------------------------------------------------------------------------


class MapRenderer:
    """Draws map pictures over the countries of one GeoJSON file; remembers the last label layout."""

    def __init__(self, geojson: str | Path = DEFAULT_GEOJSON) -> None:
        self.shapes: dict[str, CountryShape] = {s.iso3: s for s in load_countries(geojson)}
        self.text_scale = 1.0
        """Labels, symbols and the key are drawn this much bigger (presentation mode: a room)."""
        self._layout_key: tuple[object, ...] | None = None
        self._layout: _Layout | None = None
        self._laid_out: tuple[object, object] = ((), ())  # kept alive so that the ids in the key stay unique
        self._border = _cosmetic_pen(palette.BORDER, _BORDER_PX)
        self._selected_border = _cosmetic_pen(palette.SELECTED_BORDER, _SELECTED_BORDER_PX)

    def layout(
        self, picture: MapPicture, scale: float, sight: QRectF | None = None, keep_out: Sequence[QRectF] = ()
    ) -> _Layout:
        """The label layout at ``scale`` pixels per scene unit, labels whole inside ``sight`` and off ``keep_out``
        (see :func:`_layout`; cached for the last markers, arrows, scale and room: new colours or tooltips keep
        it)."""
        room = (
            None if sight is None else tuple(round(v) for v in sight.getRect()),
            tuple(tuple(round(v) for v in r.getRect()) for r in keep_out),
        )
        key = (id(picture.markers), id(picture.arrows), round(scale, 9), self.text_scale, picture.focus, room)
        if (
            self._layout is not None
            and self._layout_key is not None
            and self._layout_key[2:] == key[2:]
            and self._laid_out == (picture.markers, picture.arrows)  # equal content, made anew (a redraw)
        ):
            self._layout_key, self._laid_out = key, (picture.markers, picture.arrows)
        if self._layout is None or self._layout_key != key:
            self._layout = _layout(picture, list(self.shapes.values()), scale, self.text_scale, sight, keep_out)
            self._layout_key, self._laid_out = key, (picture.markers, picture.arrows)
        return self._layout

    def visible_labels(
        self, picture: MapPicture, scale: float, sight: QRectF | None = None, keep_out: Sequence[QRectF] = ()
    ) -> set[str]:
        """Ids (ISO3, marker or arrow ids) whose label shows at ``scale`` (in ``sight``, off ``keep_out``)."""
        return set(self.layout(picture, scale, sight, keep_out).visible)

    def paint(
        self,
        painter: QPainter,
        picture: MapPicture,
        *,
        exposed: QRectF | None = None,
        selected: str | None = None,
        legend_at: QPointF | None = None,
        room: QRectF | None = None,
        keep_out: Sequence[QRectF] = (),
    ) -> None:
        """Draw ``picture`` with the painter's current transform (scene → device) and render hints
        (the map widget and :func:`render_image` turn antialiasing on).

        ``exposed`` (scene rectangle) limits the countries drawn; ``selected`` is outlined (a country)
        or drawn bigger (a marker); ``legend_at`` draws the key there (device pixels); labels stay whole inside
        ``room`` and off ``keep_out`` (device pixels; see :meth:`label_room`).
        """
        self.paint_base(painter, picture, exposed=exposed, selected=selected)
        self.paint_overlays(
            painter, picture, exposed=exposed, selected=selected, legend_at=legend_at, room=room, keep_out=keep_out
        )

    @staticmethod
    def label_room(
        t: QTransform, room: QRectF | None, keep_out: Sequence[QRectF] = ()
    ) -> tuple[QRectF | None, tuple[QRectF, ...]]:
        """``room`` and ``keep_out`` (device pixels under the scene → device transform ``t``) in the label
        layout's coordinates (scene times scale: the device pixels less the pan)."""
        d = QPointF(t.dx(), t.dy())
        sight = None if room is None else room.adjusted(2.0, 2.0, -2.0, -2.0).translated(-d)
        return sight, tuple(r.translated(-d) for r in keep_out)

    def paint_base(
        self, painter: QPainter, picture: MapPicture, *, exposed: QRectF | None = None, selected: str | None = None
    ) -> None:
        """The first half of :meth:`paint`: the sea and the countries (fills, stripes, patterns, the selection)."""
        painter.save()
        if exposed is not None:  # in device pixels: a fill under the map's scale costs far more
            t = painter.transform()
            painter.save()
            painter.resetTransform()
            painter.fillRect(t.mapRect(exposed), _color(palette.SEA))
            painter.restore()
        else:
            painter.save()
            painter.resetTransform()
            painter.fillRect(QRectF(painter.viewport()), qcolor(palette.SEA))
            painter.restore()
        self._paint_countries(painter, picture, exposed, selected)
        painter.restore()

    def paint_overlays(
        self,
        painter: QPainter,
        picture: MapPicture,
        *,
        exposed: QRectF | None = None,
        selected: str | None = None,
        legend_at: QPointF | None = None,
        room: QRectF | None = None,
        keep_out: Sequence[QRectF] = (),
    ) -> None:
        """The second half of :meth:`paint`: arrows, markers and symbols, labels and the key, over the countries."""
        t = painter.transform()
        scale = math.hypot(t.m11(), t.m12())
        painter.save()
        layout = self.layout(picture, scale, *self.label_room(t, room, keep_out))
        painter.resetTransform()
        sight = (t.mapRect(exposed) if exposed is not None else QRectF(painter.viewport())).adjusted(-60, -60, 60, 60)
        self._paint_arrows(painter, picture.arrows, t, layout, sight)
        self._paint_markers(painter, picture.markers, t, layout, selected, sight)
        for placed in layout.country_labels:
            if sight.contains(t.map(placed.anchor)):
                self._paint_text(painter, placed, t)
        if legend_at is not None:
            paint_legend(painter, legend_at, picture.legend, picture.legend_title, self.text_scale)
        painter.restore()

    def _paint_countries(
        self, painter: QPainter, picture: MapPicture, exposed: QRectF | None, selected: str | None
    ) -> None:
        painter.setPen(self._border)
        fills, default = picture.fills, picture.default_fill
        brushes: dict[str, QBrush] = {}
        for iso3, shape in self.shapes.items():
            if exposed is not None and not exposed.intersects(shape.bounds):
                continue
            color = fills.get(iso3, default)
            brush = brushes.get(color)
            if brush is None:
                brush = brushes[color] = QBrush(qcolor(color))
            painter.setBrush(brush)
            painter.drawPath(shape.path)
        for iso3, lat, lon, color in picture.part_fills:
            shape = self.shapes.get(iso3)
            part = shape.part_at(lat, lon) if shape is not None else None
            if part is not None:
                painter.setBrush(QBrush(qcolor(color)))
                painter.drawPath(part)
        if picture.stripes:
            inverse = painter.transform().inverted()[0]  # the stripes keep their spacing in device pixels
            painter.setPen(Qt.PenStyle.NoPen)
            aa = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # 1-px stripes need none: 4× quicker
            striped = []
            for iso3, color in picture.stripes.items():
                shape = self.shapes.get(iso3)
                if shape is not None and (exposed is None or exposed.intersects(shape.bounds)):
                    brush = _stripes(color)
                    brush.setTransform(inverse)
                    painter.setBrush(brush)
                    painter.drawPath(shape.path)
                    striped.append(shape)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, aa)
            painter.setPen(self._border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for shape in striped:  # the smooth border again over the stripes' stepped edge
                painter.drawPath(shape.path)
        if picture.patterns:
            t = painter.transform()
            painter.save()
            painter.resetTransform()
            painter.setPen(Qt.PenStyle.NoPen)
            for iso3, pattern in picture.patterns.items():
                shape = self.shapes.get(iso3)
                if shape is not None and pattern != "solid":
                    painter.fillPath(t.map(shape.path), _hatch(fills.get(iso3, default), pattern))
            painter.restore()
            painter.setPen(self._border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for iso3 in picture.patterns:
                if iso3 in self.shapes:
                    painter.drawPath(self.shapes[iso3].path)
        if selected in self.shapes:
            painter.setPen(self._selected_border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.shapes[selected].path)

    def _paint_text(self, painter: QPainter, placed: _Placed, t: QTransform) -> None:
        image, corner = _sprite(placed.text, painter.device().devicePixelRatioF())
        p = t.map(placed.anchor) + placed.shift + corner
        painter.drawImage(QPointF(round(p.x()), round(p.y())), image)

    def _paint_arrows(
        self, painter: QPainter, arrows: Iterable[Arrow], t: QTransform, layout: _Layout, sight: QRectF
    ) -> None:
        halo = _cosmetic_pen(palette.LABEL_HALO, 5.0)
        for a in arrows:
            path, bounds = _arrow_path(a)
            if not t.mapRect(bounds).intersects(sight):
                continue  # off screen
            runs = _arrow_runs(a)
            painter.setTransform(t)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(halo)
            painter.drawPath(path)
            painter.setPen(_cosmetic_pen(a.color, 2.5, Qt.PenStyle.DashLine))
            painter.drawPath(path)
            painter.resetTransform()
            last_run = runs[-1] if len(runs[-1]) > 1 else runs[-2] if len(runs) > 1 else runs[-1]
            tip = t.map(project(*runs[-1][-1]))
            before = t.map(project(*last_run[-2])) if len(last_run) > 1 else t.map(project(*a.from_))
            painter.translate(tip)
            painter.rotate(math.degrees(math.atan2(tip.y() - before.y(), tip.x() - before.x())))
            painter.setBrush(QBrush(_color(a.color)))
            painter.setPen(QPen(_color(palette.LABEL_HALO), 1.0))
            painter.drawPolygon(_ARROW_HEAD)
            painter.resetTransform()
            placed = layout.arrow_labels.get(a.id)
            if placed is not None:
                self._paint_text(painter, placed, t)

    def _paint_markers(
        self,
        painter: QPainter,
        markers: Sequence[Marker],
        t: QTransform,
        layout: _Layout,
        selected: str | None,
        sight: QRectF | None = None,
    ) -> None:
        ts = self.text_scale
        dpr = painter.device().devicePixelRatioF()
        for m in _by_kind(markers):  # stable: same kind in the order given
            p = t.map(project(m.lat, m.lon)) + QPointF(m.offset[0] * ts, m.offset[1] * ts)
            if sight is not None and not sight.contains(p):
                continue  # off screen (its label is placed near it: off screen too)
            grow = SELECTED_MARKER_SCALE if m.id == selected else 1.0
            if m.kind == "force" and m.symbol:
                image, anchor = symbol_image(m.symbol, round(SYMBOL_PX * ts * grow), dpr)
                corner = p - anchor
                painter.drawImage(QPointF(round(corner.x()), round(corner.y())), image)
                if m.count > 1:
                    self._badge(painter, p + QPointF(anchor.x() * 0.8, anchor.y() * 0.7), str(m.count), dpr)
            elif m.kind == "control":
                painter.translate(p)
                painter.scale(ts * grow, ts * grow)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(qcolor(palette.LABEL_HALO), 5.0))
                painter.drawEllipse(QPointF(0.0, 0.0), 11.0, 11.0)
                ring = QPen(qcolor(m.fill), 3.0, Qt.PenStyle.DashLine if m.dashed else Qt.PenStyle.SolidLine)
                painter.setPen(ring)
                painter.drawEllipse(QPointF(0.0, 0.0), 11.0, 11.0)
                painter.resetTransform()
            else:
                painter.translate(p)
                size = grow * (ts if m.kind in ("attack", "force") else 1.0)
                painter.scale(size, size)
                painter.setBrush(QBrush(_color(m.fill)))
                painter.setPen(QPen(_color("#202020" if m.kind != "attack" else "#ffffff"), 1.2))
                painter.drawPath(marker_glyph(m.kind))
                painter.resetTransform()
            placed = layout.marker_labels.get(m.id)
            if placed is not None:
                self._paint_text(painter, placed, t)

    def _badge(self, painter: QPainter, centre: QPointF, text: str, dpr: float) -> None:
        image, corner = _badge_image(text, round(10 * self.text_scale), dpr)
        painter.drawImage(QPointF(round(centre.x() + corner.x()), round(centre.y() + corner.y())), image)

    # -- hit testing (device pixels) ------------------------------------------------------------------

    def marker_at(self, picture: MapPicture, t: QTransform, pos: QPointF, selected: str | None = None) -> Marker | None:
        """The topmost marker under ``pos``."""
        rank = {k: i for i, k in enumerate(MARKER_KINDS)}
        for m in reversed(sorted(picture.markers, key=lambda m: rank[m.kind])):
            local = pos - t.map(project(m.lat, m.lon))
            if m.id == selected:
                local = local / SELECTED_MARKER_SCALE
            if m.kind == "force" and m.symbol:
                if marker_box(m, self.text_scale).contains(local):
                    return m
            elif m.kind == "control":
                continue  # a ring: the place under it answers
            elif marker_glyph(m.kind).contains(local / (self.text_scale if m.kind == "attack" else 1.0)):
                return m
        return None

    def arrow_at(self, picture: MapPicture, t: QTransform, pos: QPointF, slop: float = 4.0) -> Arrow | None:
        """The arrow whose line passes within ``slop`` pixels of ``pos``."""
        for a in reversed(picture.arrows):
            for run in _arrow_runs(a):
                pts = [t.map(project(*p)) for p in run]
                for p0, p1 in zip(pts, pts[1:], strict=False):
                    if _distance(pos, p0, p1) <= slop:
                        return a
        return None

    def country_at(self, scene_pos: QPointF) -> str:
        """The ISO3 code of the country at a scene position, or ``""`` (the sea)."""
        for iso3, shape in self.shapes.items():
            if shape.bounds.contains(scene_pos) and shape.path.contains(scene_pos):
                return iso3
        return ""


@lru_cache(maxsize=256)
def _badge_image(text: str, pixel_size: int, dpr: float) -> tuple[QImage, QPointF]:
    """A count on a white rounded tag (black text, black rim), and its corner relative to its centre."""
    font = QFont()
    font.setPixelSize(pixel_size)
    font.setBold(True)
    fm = QFontMetricsF(font)
    w, h = fm.horizontalAdvance(text) + 6.0, fm.height() + 1.0
    image = QImage(math.ceil(w * dpr) + 2, math.ceil(h * dpr) + 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    p.setPen(QPen(qcolor(palette.BLACK), 1.0))
    p.setBrush(QBrush(qcolor("#ffffff")))
    p.drawRoundedRect(QRectF(0.5, 0.5, w, h), 3.0, 3.0)
    p.setFont(font)
    p.drawText(QRectF(0.5, 0.5, w, h), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return image, QPointF(-w / 2.0, -h / 2.0)


_BY_KIND: dict[int, tuple[object, list[Marker]]] = {}


def _by_kind(markers: Sequence[Marker]) -> list[Marker]:
    """The markers lowest kind first (places under forces under attacks), sorted once per tuple of markers."""
    got = _BY_KIND.get(id(markers))
    if got is None or got[0] is not markers:
        rank = {k: i for i, k in enumerate(MARKER_KINDS)}
        if len(_BY_KIND) > 8:
            _BY_KIND.clear()
        got = _BY_KIND[id(markers)] = (markers, sorted(markers, key=lambda m: rank[m.kind]))
    return got[1]


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length2 = dx * dx + dy * dy
    u = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2))
    return math.hypot(p.x() - (a.x() + u * dx), p.y() - (a.y() + u * dy))


def legend_spots(width: float, height: float, size: QSize, margin: float = 8.0) -> list[QRectF]:
    """Where a key of ``size`` may go in a ``width`` × ``height`` map, in order of preference: the bottom-left,
    bottom-right, top-left and top-right corners, then the middles of the left, right, bottom and top edges."""
    w, h = float(size.width()), float(size.height())
    xs = (margin, width - w - margin, (width - w) / 2.0)
    ys = (height - h - margin, margin, (height - h) / 2.0)
    order = [(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (1, 2), (2, 0), (2, 1)]
    return [QRectF(xs[i], ys[j], w, h) for i, j in order]


def legend_covers(picture: MapPicture, shapes: dict[str, CountryShape], t: QTransform, rect: QRectF) -> list[str]:
    """What a key at ``rect`` (device pixels, under the scene → device transform ``t``) would hide: the theatre's
    states (``picture.focus``), attacks, forces and places."""
    inverse, ok = t.inverted()
    if not ok:
        return []
    scene = inverse.mapRect(rect)
    hit = [
        iso3
        for iso3 in picture.focus
        if iso3 in shapes and scene.intersects(shapes[iso3].bounds) and shapes[iso3].path.intersects(scene)
    ]
    hit += [
        m.id
        for m in picture.markers
        if m.kind in ("attack", "force", "place", "control") and scene.contains(project(m.lat, m.lon))
    ]
    return hit


def legend_spot(
    picture: MapPicture, shapes: dict[str, CountryShape], t: QTransform, width: float, height: float, size: QSize
) -> QRectF:
    """The first of :func:`legend_spots` where the key hides nothing of :func:`legend_covers`, else the one that
    hides least: the widget and the report's images put the key in the same place."""
    spots = legend_spots(width, height, size)
    return min(enumerate(spots), key=lambda ir: (len(legend_covers(picture, shapes, t, ir[1])), ir[0]))[1]


def render_image(
    picture: MapPicture, width: int = 720, height: int = 430, *, geojson: str | Path = DEFAULT_GEOJSON
) -> QImage:
    """The picture as an image of ``width`` × ``height`` pixels, its view box fitted in, the key bottom-left.

    Needs only a ``QGuiApplication`` (made offscreen if there is none), never QtWidgets.
    """
    ensure_gui_app()
    renderer = MapRenderer(geojson)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(qcolor(palette.SEA))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    t = fit_transform(picture.view, width, height)
    painter.setTransform(t)
    size = legend_size(picture.legend, picture.legend_title)
    spot = legend_spot(picture, renderer.shapes, t, width, height, size)
    room = QRectF(0.0, 0.0, float(width), float(height))
    renderer.paint(painter, picture, legend_at=spot.topLeft(), room=room, keep_out=(spot,))
    painter.end()
    return image


def render_report_map(
    picture: MapPicture,
    width: float = 800.0,
    height: float = 400.0,
    *,
    pixel_ratio: float = 2.0,
    geojson: str | Path = DEFAULT_GEOJSON,
) -> QImage:
    """A printed map: the picture's view box fitted into the left part, its key in a panel on the right (so
    the key never covers the map and is never squeezed), ``width`` × ``height`` logical pixels drawn at
    ``pixel_ratio`` device pixels each (sharp on paper; labels and the key keep their size in logical pixels).

    Needs only a ``QGuiApplication`` (made offscreen if there is none), never QtWidgets.
    """
    ensure_gui_app()
    renderer = MapRenderer(geojson)
    key = legend_size(picture.legend, picture.legend_title)
    panel = float(key.width() + 16) if picture.legend else 0.0
    map_w = max(1.0, width - panel)
    image = QImage(
        math.ceil(width * pixel_ratio), math.ceil(height * pixel_ratio), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(pixel_ratio)
    image.fill(qcolor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.setClipRect(QRectF(0.0, 0.0, map_w, height))
    painter.fillRect(QRectF(0.0, 0.0, map_w, height), qcolor(palette.SEA))
    painter.setTransform(fit_transform(picture.view, map_w, height))
    renderer.paint(
        painter,
        picture,
        exposed=box_to_scene(*picture.view).adjusted(-400.0, -400.0, 400.0, 400.0),
        room=QRectF(0.0, 0.0, map_w, height),
    )
    painter.setClipping(False)
    painter.resetTransform()
    painter.setPen(QPen(qcolor(palette.BORDER), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0.5, 0.5, map_w - 1.0, height - 1.0))
    if picture.legend:
        paint_legend(painter, QPointF(map_w + 8.0, 8.0), picture.legend, picture.legend_title)
    painter.end()
    return image
