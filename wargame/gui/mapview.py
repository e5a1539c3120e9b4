"""The world map widget: countries, point markers, transit arrows, labels and a legend.

``MapView`` draws Natural Earth 1:110m countries (``assets/map/countries.geojson``)
in an equirectangular projection: scene x = lon * SCALE, scene y = -lat * SCALE.
It knows nothing about the engine; callers hand it colours (by ISO3 code),
tooltips, markers and arrows, and listen to its click signals.

Interaction: drag to pan, wheel or ``+``/``-`` to zoom (anchored under the
mouse), ``0``/``Home`` for the world view, left click selects, right click asks
for a context menu.  The parsed country outlines are cached per file at module
level, so a second map (or a benchmark) costs no parsing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QCursor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from wargame.gui import palette

#: Scene units per degree of latitude/longitude.
SCALE = 10.0
#: The bundled map file (built by ``tools/build_map.py``).
DEFAULT_GEOJSON = Path(__file__).resolve().parents[2] / "assets" / "map" / "countries.geojson"

#: Named views: (lat_min, lat_max, lon_min, lon_max).  Longitudes may pass +180 (Russia and Fiji reach ~190).
PRESETS: dict[str, tuple[float, float, float, float]] = {
    "World": (-58.0, 84.0, -180.0, 192.0),
    "Europe": (34.0, 71.5, -25.0, 45.0),
    "North Atlantic": (15.0, 80.0, -110.0, 40.0),
    "Indo-Pacific": (-48.0, 55.0, 60.0, 190.0),
    "East Asia": (15.0, 55.0, 100.0, 150.0),
}

MarkerKind = Literal["place", "state", "attack", "force"]
MARKER_KINDS: tuple[str, ...] = get_args(MarkerKind)

# Item data slots and z-order.
_KIND = 0
_ID = 1
_Z_COUNTRY = 0.0
_Z_SELECTED = 1.0
_Z_ARROW = 5.0
_Z_MARKER = 10.0
_Z_LABEL = 20.0

_MIN_PX_PER_DEGREE = 0.5
_MAX_PX_PER_DEGREE = 400.0
_PLACE_LABEL_PX_PER_DEGREE = 8.0  # place/state marker names appear from this zoom on
_CLICK_SLOP_PX = 4


class MapDataError(Exception):
    """The map file is missing or malformed (one-line message)."""


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


def great_circle(
    start: tuple[float, float], end: tuple[float, float], step_deg: float = 2.0
) -> list[tuple[float, float]]:
    """Points (lat, lon) along the shorter great circle from ``start`` to ``end``, longitudes in [-180, 180)."""

    def vec(lat: float, lon: float) -> tuple[float, float, float]:
        la, lo = math.radians(lat), math.radians(lon)
        return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)

    a, b = vec(*start), vec(*end)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=False))))
    angle = math.acos(dot)
    steps = max(1, int(math.degrees(angle) / step_deg))
    points: list[tuple[float, float]] = []
    for i in range(steps + 1):
        t = i / steps
        if math.sin(angle) < 1e-9:  # same point or antipodes: no unique great circle, go straight
            lat = start[0] + (end[0] - start[0]) * t
            lon = start[1] + (end[1] - start[1]) * t
        else:
            wa = math.sin((1 - t) * angle) / math.sin(angle)
            wb = math.sin(t * angle) / math.sin(angle)
            x, y, z = (wa * p + wb * q for p, q in zip(a, b, strict=False))
            lat = math.degrees(math.atan2(z, math.hypot(x, y)))
            lon = math.degrees(math.atan2(y, x))
        points.append((lat, ((lon + 180.0) % 360.0) - 180.0))
    return points


def split_at_antimeridian(points: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Split a (lat, lon) polyline where it jumps across ±180°, so no segment spans the map."""
    runs: list[list[tuple[float, float]]] = []
    for point in points:
        if runs and abs(point[1] - runs[-1][-1][1]) <= 180.0:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


# --- Country data (parsed once per file) ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CountryShape:
    """One country's outline in scene coordinates, with where to put its name."""

    iso3: str
    name: str
    continent: str
    non_iso: bool
    path: QPainterPath
    label_pos: QPointF
    area: float  # square degrees, all polygons, holes subtracted
    label_box: QRectF  # scene bounding box of the largest polygon


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    """Absolute shoelace area of a [lon, lat] ring in square degrees."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2.0


def _parse_feature(feature: Mapping[str, Any]) -> CountryShape:
    """Build one ``CountryShape`` from a GeoJSON feature."""
    props = feature["properties"]
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"geometry type {geometry['type']!r}")
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    area = 0.0
    largest: tuple[float, Sequence[Sequence[float]]] = (-1.0, [])
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            path.addPolygon(QPolygonF([QPointF(x * SCALE, -y * SCALE) for x, y in ring]))
            path.closeSubpath()
            ring_area = _ring_area(ring)
            area += ring_area if index == 0 else -ring_area
            if index == 0 and ring_area > largest[0]:
                largest = (ring_area, ring)
    xs = [p[0] for p in largest[1]]
    ys = [p[1] for p in largest[1]]
    label_box = box_to_scene(min(ys), max(ys), min(xs), max(xs))
    if "label" in props:
        label_pos = project(float(props["label"][1]), float(props["label"][0]))
    else:
        label_pos = label_box.center()
    return CountryShape(
        iso3=str(props["iso3"]),
        name=str(props["name"]),
        continent=str(props.get("continent", "")),
        non_iso=bool(props.get("non_iso", False)),
        path=path,
        label_pos=label_pos,
        area=area,
        label_box=label_box,
    )


@lru_cache(maxsize=4)
def _load_cached(path: str) -> tuple[CountryShape, ...]:
    """Parse a GeoJSON file into country shapes (cached per path)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MapDataError(f"map data file not found: {path} (rebuild it with tools/build_map.py)") from None
    except OSError as exc:
        raise MapDataError(f"cannot read map data file {path}: {exc.strerror}") from None
    try:
        features = json.loads(text)["features"]
        shapes = tuple(_parse_feature(f) for f in features)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise MapDataError(f"map data file {path} is not valid country GeoJSON: {exc!r}") from None
    if not shapes:
        raise MapDataError(f"map data file {path} holds no countries")
    return shapes


def load_countries(path: str | Path = DEFAULT_GEOJSON) -> tuple[CountryShape, ...]:
    """Country shapes from a GeoJSON file, parsed once per file and shared by every map."""
    return _load_cached(str(Path(path).resolve()))


# --- Caller-facing value types --------------------------------------------------------------------


def _check_lat_lon(what: str, lat: float, lon: float) -> None:
    """Raise ValueError unless lat/lon are finite and in range."""
    if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 360.0):
        raise ValueError(f"{what}: position out of range (lat {lat}, lon {lon})")


@dataclass(frozen=True)
class Marker:
    """A point on the map: a place, a small state missing from the map, an attack or a force.

    ``color`` is a hex string; empty means the default colour for ``kind``.
    ``tooltip`` empty means the label (or the id).
    """

    id: str
    lat: float
    lon: float
    label: str = ""
    kind: MarkerKind = "place"
    color: str = ""
    tooltip: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("marker id must not be empty")
        if self.kind not in MARKER_KINDS:
            raise ValueError(
                f"marker {self.id!r}: unknown kind {self.kind!r} (expected one of {', '.join(MARKER_KINDS)})"
            )
        _check_lat_lon(f"marker {self.id!r}", self.lat, self.lon)
        if self.color:
            palette.qcolor(self.color)


@dataclass(frozen=True)
class Arrow:
    """A force in transit: drawn along the great circle ``from_`` -> ``to`` (each ``(lat, lon)``)."""

    id: str
    from_: tuple[float, float]
    to: tuple[float, float]
    label: str = ""
    color: str = palette.FORCE

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("arrow id must not be empty")
        _check_lat_lon(f"arrow {self.id!r} start", *self.from_)
        _check_lat_lon(f"arrow {self.id!r} end", *self.to)
        palette.qcolor(self.color)


# --- Graphics items -------------------------------------------------------------------------------


def _cosmetic_pen(color: str | QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A pen whose width is in pixels whatever the zoom."""
    pen = QPen(palette.qcolor(color), width, style)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class _TextItem(QGraphicsItem):
    """Text of a fixed pixel size with a light halo, anchored at its centre or its left end."""

    def __init__(
        self,
        text: str,
        pixel_size: int,
        *,
        bold: bool = False,
        centered: bool = True,
        offset: QPointF | None = None,
        parent: QGraphicsItem | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        font = QFont()
        font.setPixelSize(pixel_size)
        font.setBold(bold)
        self._path = QPainterPath()
        self._path.addText(0.0, 0.0, font, text)
        rect = self._path.boundingRect()
        dx = -rect.center().x() if centered else -rect.left()
        shift = QPointF(dx, -rect.center().y()) + (offset or QPointF())
        self._path.translate(shift)
        self._rect = self._path.boundingRect().adjusted(-2.0, -2.0, 2.0, 2.0)
        self._halo = QPen(palette.qcolor(palette.LABEL_HALO), 3.0)
        self._halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._fill = QBrush(palette.qcolor(palette.LABEL_TEXT))
        self.text = text
        self.setZValue(_Z_LABEL)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        """Pixel rectangle around the text and its halo."""
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        """Draw the halo, then the glyphs."""
        painter.strokePath(self._path, self._halo)
        painter.fillPath(self._path, self._fill)


def _marker_shape(kind: str) -> QPainterPath:
    """The glyph of a marker kind in pixel coordinates around (0, 0)."""
    path = QPainterPath()
    if kind == "place":
        path.addEllipse(QPointF(0.0, 0.0), 4.0, 4.0)
    elif kind == "state":
        path.addRect(QRectF(-5.0, -5.0, 10.0, 10.0))
    elif kind == "force":
        path.addPolygon(QPolygonF([QPointF(0, -7), QPointF(7, 0), QPointF(0, 7), QPointF(-7, 0)]))
        path.closeSubpath()
    else:  # attack: an eight-pointed burst
        corners = []
        for i in range(16):
            radius = 9.0 if i % 2 == 0 else 4.0
            angle = math.pi * i / 8.0
            corners.append(QPointF(radius * math.cos(angle), radius * math.sin(angle)))
        path.addPolygon(QPolygonF(corners))
        path.closeSubpath()
    return path


# --- Legend overlay --------------------------------------------------------------------------------


class _Legend(QFrame):
    """A small key in the bottom-left corner of the map."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.setStyleSheet(
            "#mapLegend { background-color: rgba(255, 255, 255, 230); border: 1px solid #9a9a9a; border-radius: 4px; }"
        )
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.setSpacing(3)
        self.entries: list[tuple[str, str]] = []
        self.title = ""
        self.hide()

    def set_entries(self, entries: Sequence[tuple[str, QColor | str]], title: str) -> None:
        """Replace the key; hide it when there are no entries."""
        resolved = [(text, palette.qcolor(color).name()) for text, color in entries]
        while self._layout.count():
            child = self._layout.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        self.entries, self.title = resolved, title
        if title:
            heading = QLabel(title, self)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self._layout.addWidget(heading)
        for text, color in resolved:
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(6)
            swatch = QPixmap(14, 14)
            swatch.fill(palette.qcolor(color))
            painter = QPainter(swatch)
            painter.setPen(QPen(palette.qcolor(palette.BORDER), 1.0))
            painter.drawRect(0, 0, 13, 13)
            painter.end()
            icon = QLabel(row)
            icon.setPixmap(swatch)
            row_layout.addWidget(icon)
            row_layout.addWidget(QLabel(text, row), 1)
            self._layout.addWidget(row)
        self.setVisible(bool(resolved))
        self.adjustSize()


# --- The view --------------------------------------------------------------------------------------


class MapView(QGraphicsView):
    """Interactive world map (see the module docstring).

    Signals: ``countryClicked(iso3)``, ``markerClicked(marker_id)`` on a left
    click; ``contextMenuRequested(target_id, global_pos)`` on a right click,
    where ``target_id`` is a marker id, an ISO3 code, or ``""`` over the sea
    (``last_context_position()`` then tells where).
    """

    countryClicked = Signal(str)
    markerClicked = Signal(str)
    contextMenuRequested = Signal(str, QPoint)

    def __init__(self, parent: QWidget | None = None, geojson: str | Path = DEFAULT_GEOJSON) -> None:
        super().__init__(parent)
        self._shapes = {shape.iso3: shape for shape in load_countries(geojson)}
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QBrush(palette.qcolor(palette.SEA)))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self._scene.setSceneRect(box_to_scene(-90.0, 90.0, -190.0, 200.0))

        self._border_pen = _cosmetic_pen(palette.BORDER, 0.6)
        self._selected_pen = _cosmetic_pen(palette.SELECTED_BORDER, 2.2)
        self._country_items: dict[str, QGraphicsPathItem] = {}
        self._country_labels: dict[str, _TextItem] = {}
        self._colors: dict[str, str] = {}
        self._tooltips: dict[str, str] = {}
        self._default_color = palette.LAND
        for iso3, shape in self._shapes.items():
            item = QGraphicsPathItem(shape.path)
            item.setPen(self._border_pen)
            item.setBrush(QBrush(palette.qcolor(palette.LAND)))
            item.setZValue(_Z_COUNTRY)
            item.setData(_KIND, "country")
            item.setData(_ID, iso3)
            item.setToolTip(shape.name)
            self._scene.addItem(item)
            self._country_items[iso3] = item
            label = _TextItem(shape.name, 11)
            label.setPos(shape.label_pos)
            self._scene.addItem(label)
            self._country_labels[iso3] = label

        self._markers: dict[str, Marker] = {}
        self._marker_items: dict[str, QGraphicsPathItem] = {}
        self._marker_labels: dict[str, _TextItem] = {}
        self._arrows: dict[str, Arrow] = {}
        self._arrow_items: dict[str, QGraphicsPathItem] = {}
        self._arrow_labels: dict[str, _TextItem] = {}
        self._selected: str | None = None
        self._press_pos: QPoint | None = None
        self._context_position: tuple[float, float] | None = None
        self._fit_box: tuple[float, float, float, float] | None = PRESETS["World"]
        self._preset = "World"
        self._legend = _Legend(self)
        self._visible_labels: set[str] = set()
        self._fit_current_box()

    # -- data -------------------------------------------------------------------------------------

    def countries(self) -> dict[str, str]:
        """ISO3 code -> map name of every country drawn."""
        return {iso3: shape.name for iso3, shape in self._shapes.items()}

    def has_country(self, iso3: str) -> bool:
        """Whether ``iso3`` is drawn as a polygon (if not, show it with a marker)."""
        return iso3 in self._shapes

    def country_paths(self) -> dict[str, QPainterPath]:
        """Copies of every country's outline in scene coordinates (degrees x SCALE, y = -lat)."""
        return {iso3: QPainterPath(shape.path) for iso3, shape in self._shapes.items()}

    def set_country_colors(self, colors: Mapping[str, str], default: str = palette.LAND) -> list[str]:
        """Fill countries by ISO3 code; the rest get ``default``.  Returns the codes not on the map, sorted."""
        resolved = {iso3: palette.qcolor(color).name() for iso3, color in colors.items()}
        default_name = palette.qcolor(default).name()
        self._colors = {iso3: color for iso3, color in resolved.items() if iso3 in self._shapes}
        self._default_color = default_name
        for iso3, item in self._country_items.items():
            item.setBrush(QBrush(palette.qcolor(self._colors.get(iso3, default_name))))
        return sorted(iso3 for iso3 in resolved if iso3 not in self._shapes)

    def country_color(self, iso3: str) -> str:
        """The fill colour (``#rrggbb``) of a country; KeyError if it is not on the map."""
        return self._country_items[iso3].brush().color().name()

    def set_country_tooltips(self, tooltips: Mapping[str, str]) -> None:
        """Hover text per ISO3 code; countries not given show their name."""
        self._tooltips = {iso3: text for iso3, text in tooltips.items() if iso3 in self._shapes}
        for iso3, item in self._country_items.items():
            item.setToolTip(self._tooltips.get(iso3, self._shapes[iso3].name))

    def tooltip_for(self, target_id: str) -> str:
        """The hover text of a marker id, an arrow id or an ISO3 code; KeyError if unknown."""
        if target_id in self._marker_items:
            return self._marker_items[target_id].toolTip()
        if target_id in self._arrow_items:
            return self._arrow_items[target_id].toolTip()
        return self._country_items[target_id].toolTip()

    def set_markers(self, markers: Iterable[Marker]) -> None:
        """Replace all point markers. Items of markers that keep their id, kind and label are reused
        (moved, recoloured, retooltipped), so stepping through turns does not rebuild the scene."""
        new = list(markers)
        ids = [m.id for m in new]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate marker ids: {', '.join(dupes)}")
        old_markers, old_items, old_labels = self._markers, self._marker_items, self._marker_labels
        self._markers, self._marker_items, self._marker_labels = {}, {}, {}
        for marker in new:
            prev = old_markers.get(marker.id)
            item = old_items.pop(marker.id, None)
            if item is not None and prev is not None and prev.kind == marker.kind and prev.label == marker.label:
                if prev != marker:
                    self._style_marker(item, marker)
                label = old_labels.get(marker.id)
                if label is not None:
                    self._marker_labels[marker.id] = label
            else:
                if item is not None:
                    self._scene.removeItem(item)
                item = QGraphicsPathItem(_marker_shape(marker.kind))
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
                item.setZValue(_Z_MARKER + MARKER_KINDS.index(marker.kind))
                item.setData(_KIND, "marker")
                item.setData(_ID, marker.id)
                self._style_marker(item, marker)
                self._scene.addItem(item)
                if marker.label:
                    radius = item.path().boundingRect().width() / 2.0
                    label = _TextItem(marker.label, 10, centered=False, offset=QPointF(radius + 3.0, 0.0), parent=item)
                    self._marker_labels[marker.id] = label
            self._markers[marker.id] = marker
            self._marker_items[marker.id] = item
        for item in old_items.values():
            self._scene.removeItem(item)
        if self._selected is not None and self._selected not in self._shapes and self._selected not in self._markers:
            self._selected = None
        self._layout_labels()

    @staticmethod
    def _style_marker(item: QGraphicsPathItem, marker: Marker) -> None:
        item.setPos(project(marker.lat, marker.lon))
        color = marker.color or palette.MARKER_COLORS[marker.kind]
        item.setBrush(QBrush(palette.qcolor(color)))
        item.setPen(QPen(palette.qcolor("#202020" if marker.kind != "attack" else "#ffffff"), 1.2))
        item.setToolTip(marker.tooltip or marker.label or marker.id)

    def marker_ids(self) -> list[str]:
        """Ids of the current markers, in the order given."""
        return list(self._markers)

    def set_arrows(self, arrows: Iterable[Arrow]) -> None:
        """Replace all transit arrows."""
        new = list(arrows)
        ids = [a.id for a in new]
        if len(set(ids)) != len(ids):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate arrow ids: {', '.join(dupes)}")
        for item in self._arrow_items.values():
            self._scene.removeItem(item)
        self._arrows, self._arrow_items, self._arrow_labels = {}, {}, {}
        for arrow in new:
            self._add_arrow(arrow)
        self._layout_labels()

    def _add_arrow(self, arrow: Arrow) -> None:
        """Create the line, head and label items of one arrow."""
        runs = split_at_antimeridian(great_circle(arrow.from_, arrow.to))
        path = QPainterPath()
        for run in runs:
            path.moveTo(project(*run[0]))
            for lat, lon in run[1:]:
                path.lineTo(project(lat, lon))
        item = QGraphicsPathItem(path)
        item.setPen(_cosmetic_pen(arrow.color, 2.5, Qt.PenStyle.DashLine))
        casing = QGraphicsPathItem(path, item)  # a light band under the dashes keeps them visible on any fill
        casing.setPen(_cosmetic_pen(palette.LABEL_HALO, 5.0))
        casing.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent, True)
        item.setZValue(_Z_ARROW)
        item.setData(_KIND, "arrow")
        item.setData(_ID, arrow.id)
        item.setToolTip(arrow.label or arrow.id)
        self._scene.addItem(item)
        self._arrows[arrow.id] = arrow
        last_run = runs[-1] if len(runs[-1]) > 1 else runs[-2] if len(runs) > 1 else runs[-1]
        tip = project(*runs[-1][-1])
        before = project(*last_run[-2]) if len(last_run) > 1 else project(*arrow.from_)
        head = QGraphicsPathItem(item)
        head_path = QPainterPath()
        head_path.addPolygon(QPolygonF([QPointF(0, 0), QPointF(-12, -6), QPointF(-9, 0), QPointF(-12, 6)]))
        head_path.closeSubpath()
        head.setPath(head_path)
        head.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        head.setPos(tip)
        head.setRotation(math.degrees(math.atan2(tip.y() - before.y(), tip.x() - before.x())))
        head.setBrush(QBrush(palette.qcolor(arrow.color)))
        head.setPen(QPen(palette.qcolor(palette.LABEL_HALO), 1.0))
        self._arrow_items[arrow.id] = item
        if arrow.label:
            longest = max(runs, key=len)
            label = _TextItem(arrow.label, 10, bold=True, parent=item)
            label.setPos(project(*longest[len(longest) // 2]))
            self._arrow_labels[arrow.id] = label

    def arrow_ids(self) -> list[str]:
        """Ids of the current arrows, in the order given."""
        return list(self._arrows)

    def set_legend(self, entries: Sequence[tuple[str, QColor | str]], title: str = "") -> None:
        """Show a key of (text, colour) rows in the map's corner; an empty list hides it."""
        self._legend.set_entries(entries, title)
        self._place_legend()

    def legend_entries(self) -> tuple[str, list[tuple[str, str]]]:
        """The legend's title and (text, ``#rrggbb``) rows."""
        return self._legend.title, list(self._legend.entries)

    # -- selection --------------------------------------------------------------------------------

    def select(self, target_id: str | None) -> None:
        """Highlight a country (ISO3) or a marker; ``None`` clears the selection."""
        if target_id is not None and target_id not in self._shapes and target_id not in self._markers:
            raise KeyError(f"nothing on the map has the id {target_id!r}")
        previous = self._selected
        if previous in self._country_items:
            self._country_items[previous].setPen(self._border_pen)
            self._country_items[previous].setZValue(_Z_COUNTRY)
        elif previous in self._marker_items:
            self._marker_items[previous].setScale(1.0)
        self._selected = target_id
        if target_id in self._country_items:
            self._country_items[target_id].setPen(self._selected_pen)
            self._country_items[target_id].setZValue(_Z_SELECTED)
        elif target_id in self._marker_items:
            self._marker_items[target_id].setScale(1.4)

    def selected(self) -> str | None:
        """The selected ISO3 code or marker id, if any."""
        return self._selected

    # -- view geometry ----------------------------------------------------------------------------

    @staticmethod
    def presets() -> list[str]:
        """Names accepted by ``set_preset``."""
        return list(PRESETS)

    def set_preset(self, name: str) -> None:
        """Frame a named region (``presets()``); the framing follows resizes until the user zooms or pans."""
        if name not in PRESETS:
            raise ValueError(f"unknown map preset {name!r} (choose one of: {', '.join(PRESETS)})")
        self.show_box(*PRESETS[name])
        self._preset = name

    def current_preset(self) -> str | None:
        """The preset still framed, or ``None`` once the user has zoomed or panned."""
        return self._preset if self._fit_box is not None else None

    def show_box(self, lat_min: float, lat_max: float, lon_min: float, lon_max: float) -> None:
        """Fit a lat/lon box into the view, keeping the aspect ratio."""
        if not (lat_min < lat_max and lon_min < lon_max):
            raise ValueError(f"empty map box: lat {lat_min}..{lat_max}, lon {lon_min}..{lon_max}")
        self._fit_box = (lat_min, lat_max, lon_min, lon_max)
        self._preset = ""
        self._fit_current_box()

    def _fit_current_box(self) -> None:
        """Apply the remembered box to the current viewport size."""
        if self._fit_box is None:
            return
        self.fitInView(box_to_scene(*self._fit_box), Qt.AspectRatioMode.KeepAspectRatio)
        self._after_zoom()

    def visible_box(self) -> tuple[float, float, float, float]:
        """(lat_min, lat_max, lon_min, lon_max) currently shown in the viewport."""
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        return -rect.bottom() / SCALE, -rect.top() / SCALE, rect.left() / SCALE, rect.right() / SCALE

    def pixels_per_degree(self) -> float:
        """Current zoom: viewport pixels per degree."""
        return self.transform().m11() * SCALE

    def view_pos(self, lat: float, lon: float) -> QPoint:
        """Viewport pixel position of a (lat, lon)."""
        return self.mapFromScene(project(lat, lon))

    def position_at(self, pos: QPoint) -> tuple[float, float]:
        """(lat, lon) under a viewport pixel position."""
        return unproject(self.mapToScene(pos))

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the point under ``anchor`` (viewport pixels; default the centre) fixed."""
        if not (math.isfinite(factor) and factor > 0):
            raise ValueError(f"zoom factor must be a positive number, got {factor!r}")
        current = self.pixels_per_degree()
        target = max(_MIN_PX_PER_DEGREE, min(_MAX_PX_PER_DEGREE, current * factor))
        if math.isclose(target, current):
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self._fit_box = None
        self.scale(target / current, target / current)
        moved = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        self._after_zoom()

    def _after_zoom(self) -> None:
        """Refresh zoom-dependent decorations."""
        self._layout_labels()

    # -- labels -----------------------------------------------------------------------------------

    def visible_labels(self) -> set[str]:
        """Ids (ISO3, marker or arrow ids) whose text label is shown at this zoom (anywhere on the map)."""
        return set(self._visible_labels)

    def _layout_labels(self) -> None:
        """Show the labels that fit, most important first, hiding any that would overlap."""
        transform = self.transform()
        px_per_degree = transform.m11() * SCALE
        cell = 64.0
        grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        visible: set[str] = set()

        def free(rect: QRectF) -> bool:
            box = (rect.left(), rect.top(), rect.right(), rect.bottom())
            cells = [
                (i, j)
                for i in range(int(box[0] // cell), int(box[2] // cell) + 1)
                for j in range(int(box[1] // cell), int(box[3] // cell) + 1)
            ]
            for key in cells:
                for other in grid.get(key, ()):
                    if box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]:
                        return False
            for key in cells:
                grid.setdefault(key, []).append(box)
            return True

        def screen_rect(anchor_scene: QPointF, local: QRectF) -> QRectF:
            return local.translated(transform.map(anchor_scene))

        for item in self._marker_items.values():
            free(screen_rect(item.pos(), item.boundingRect()))
        for arrow_id, label in self._arrow_labels.items():
            free(screen_rect(label.pos(), label.boundingRect()))
            visible.add(arrow_id)
        order = sorted(self._marker_labels, key=lambda i: (-MARKER_KINDS.index(self._markers[i].kind), i))
        for marker_id in order:
            label = self._marker_labels[marker_id]
            kind = self._markers[marker_id].kind
            wanted = kind in ("attack", "force") or px_per_degree >= _PLACE_LABEL_PX_PER_DEGREE
            show = False
            if wanted:
                anchor = self._marker_items[marker_id].pos()
                for shift in self._marker_label_shifts(marker_id):
                    if free(screen_rect(anchor, label.boundingRect().translated(shift))):
                        label.setPos(shift)
                        show = True
                        break
            label.setVisible(show)
            if show:
                visible.add(marker_id)
        for iso3 in sorted(self._country_labels, key=lambda c: (-self._shapes[c].area, c)):
            label = self._country_labels[iso3]
            shape = self._shapes[iso3]
            text = label.boundingRect()
            room_w = shape.label_box.width() * transform.m11()
            room_h = shape.label_box.height() * transform.m11()
            fits = room_w >= 0.8 * text.width() and room_h >= 0.8 * text.height()
            show = fits and free(screen_rect(shape.label_pos, text))
            label.setVisible(show)
            if show:
                visible.add(iso3)
        self._visible_labels = visible

    # -- events -----------------------------------------------------------------------------------

    def _marker_label_shifts(self, marker_id: str) -> list[QPointF]:
        """Where a marker's label may go, relative to its default place on the right: right, left, above, below."""
        glyph = self._marker_items[marker_id].boundingRect()
        text = self._marker_labels[marker_id].boundingRect()
        across = text.width() + glyph.width() + 2.0
        centre_x = -(text.width() + glyph.width()) / 2.0 - 1.0
        down = (text.height() + glyph.height()) / 2.0
        return [QPointF(0.0, 0.0), QPointF(-across, 0.0), QPointF(centre_x, -down), QPointF(centre_x, down)]

    def _target_at(self, pos: QPoint) -> str:
        """Marker id or ISO3 code under a viewport position, or ``""``."""
        country = ""
        for item in self.items(pos):
            kind = item.data(_KIND)
            if kind == "marker":
                return str(item.data(_ID))
            if kind == "country" and not country:
                country = str(item.data(_ID))
        return country

    def _place_legend(self) -> None:
        """Keep the legend in the viewport's bottom-left corner."""
        geometry = self.viewport().geometry()
        self._legend.adjustSize()
        self._legend.move(geometry.left() + 8, geometry.bottom() - self._legend.height() - 8)
        self._legend.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the framed preset and the legend in place."""
        super().resizeEvent(event)
        if self._fit_box is not None:
            self._fit_current_box()
        else:
            self._layout_labels()
        self._place_legend()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom under the mouse."""
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.0015**delta, event.position().toPoint())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """``+``/``=`` zoom in, ``-`` zoom out (under the mouse if it is over the map), ``0``/Home: world."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            cursor = self.viewport().mapFromGlobal(QCursor.pos())
            anchor = cursor if self.viewport().rect().contains(cursor) else None
            self.zoom_by(1.25 if key != Qt.Key.Key_Minus else 0.8, anchor)
            event.accept()
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.set_preset("World")
            event.accept()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Remember where a left press started, to tell a click from a drag."""
        self._press_pos = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Panning by drag ends the preset framing."""
        super().mouseMoveEvent(event)
        if (
            self._press_pos is not None
            and (event.position().toPoint() - self._press_pos).manhattanLength() > _CLICK_SLOP_PX
        ):
            self._fit_box = None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A left click without a drag selects what is under the mouse and emits the signal."""
        super().mouseReleaseEvent(event)
        press, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        pos = event.position().toPoint()
        if (pos - press).manhattanLength() > _CLICK_SLOP_PX:
            return
        target = self._target_at(pos)
        self.select(target or None)
        if target in self._markers:
            self.markerClicked.emit(target)
        elif target:
            self.countryClicked.emit(target)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Ask the owner for a context menu on what is under the mouse (``""`` over the sea)."""
        self._context_position = self.position_at(event.pos())
        self.contextMenuRequested.emit(self._target_at(event.pos()), event.globalPos())
        event.accept()

    def last_context_position(self) -> tuple[float, float] | None:
        """(lat, lon) of the last right click, e.g. to inject an attack there."""
        return self._context_position
