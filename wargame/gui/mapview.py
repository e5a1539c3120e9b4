"""The world map widget: countries, point markers, transit arrows, labels and a legend.

``MapView`` holds a :class:`~wargame.app.mapmodel.MapPicture` (the Qt-free description of the map)
and paints it with :class:`wargame.render.map.MapRenderer`, the same renderer the report's map images
use. It knows nothing about the engine; callers hand it colours (by ISO3 code), tooltips, markers and
arrows, and listen to its click signals. The graphics view supplies the zoom, the panning and the
scene ↔ pixel mapping; the scene itself holds no items.

Interaction: drag to pan, wheel or ``+``/``-`` to zoom (anchored under the mouse), ``0``/``Home`` for
the world view, left click selects, right click asks for a context menu.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QCursor,
    QHelpEvent,
    QHideEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from wargame.app.mapmodel import (
    DEFAULT_GEOJSON,
    PRESETS,
    Arrow,
    LegendEntry,
    MapDataError,
    MapPicture,
    Marker,
    great_circle,
    split_at_antimeridian,
)
from wargame.gui import palette
from wargame.render.map import (
    SCALE,
    MapRenderer,
    box_to_scene,
    fit_transform,
    legend_covers,
    legend_size,
    legend_spots,
    load_countries,
    marker_box,
    paint_legend,
    project,
    unproject,
    visible_entries,
)

__all__ = [
    "PRESETS",
    "Arrow",
    "MapDataError",
    "MapView",
    "Marker",
    "box_to_scene",
    "great_circle",
    "load_countries",
    "split_at_antimeridian",
]

_MIN_PX_PER_DEGREE = 0.5
_MAX_PX_PER_DEGREE = 400.0
_CLICK_SLOP_PX = 4


class _Legend(QFrame):
    """The key, drawn by the renderer (as in the report). It lists only the rows about what is in sight, sits
    where it covers none of the theatre's states (a corner or an edge), and can be dragged elsewhere."""

    moved = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("mapLegend")
        self.setAccessibleName("Map key")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("The map's key (drag it elsewhere; double-click to let it place itself)")
        self.rows: tuple[LegendEntry, ...] = ()
        self.title = ""
        self.scale = 1.0
        self.pinned: QPoint | None = None
        """Where the user dragged it (None: it places itself)."""
        self._grab: QPoint | None = None
        self.hide()

    def set_entries(self, rows: Sequence[LegendEntry], title: str, scale: float = 1.0) -> None:
        """Replace the key; hide it when there are no rows."""
        rows = tuple(rows)
        if (rows, title, scale) == (self.rows, self.title, self.scale) and self.isVisible() == bool(rows):
            return
        self.rows, self.title, self.scale = rows, title, scale
        self.resize(legend_size(self.rows, title, scale))
        self.setVisible(bool(self.rows))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Copy the key drawn once per content, size and pixel ratio (the map repaints under it often)."""
        dpr = self.devicePixelRatioF()
        key = (self.rows, self.title, self.scale, self.width(), self.height(), dpr)
        if getattr(self, "_image_key", None) != key:
            image = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            p = QPainter(image)
            paint_legend(p, QPointF(0.0, 0.0), self.rows, self.title, self.scale)
            p.end()
            self._image, self._image_key = image, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None:
            parent = self.parentWidget()
            target = self.mapToParent(event.position().toPoint() - self._grab)
            if parent is not None:
                target.setX(max(0, min(parent.width() - self.width(), target.x())))
                target.setY(max(0, min(parent.height() - self.height(), target.y())))
            self.move(target)
            self.pinned = target
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._grab = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.pinned = None
        self.moved.emit()
        event.accept()


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
        self._geojson = geojson
        self._renderer_made: MapRenderer | None = None
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
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
        self._picture = MapPicture()
        self._frame: QPixmap | None = None
        self._base: QImage | None = None
        self._base_key: object = None
        self._frame_key: tuple[object, ...] | None = None
        self._frame_picture: MapPicture | None = None
        self.frames_drawn = 0
        """How many times the map was drawn afresh (the rest of the repaints copied the last frame)."""
        self.progressive = False
        """Draw a new picture in slices over two event-loop passes (the window's map; tests and images draw at
        once)."""
        self._slice_job: tuple[MapPicture, tuple[object, ...], QImage, int] | None = None
        self._slice_timer = QTimer(self)
        self._slice_timer.setObjectName("mapSlices")
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._next_slice)
        self._selected: str | None = None
        self._press_pos: QPoint | None = None
        self._context_position: tuple[float, float] | None = None
        self._fit_box: tuple[float, float, float, float] | None = PRESETS["World"]
        self._preset = "World"
        self._presets: dict[str, tuple[float, float, float, float]] = dict(PRESETS)
        self._legend = _Legend(self)
        self._overlays: list[QWidget] = [self._legend]
        self._legend.moved.connect(self._place_legend)
        self.setAccessibleName("Map")
        self._fit_current_box()

    # -- the countries (read from the map file at first use: the window starts on its start page) ----------
    @property
    def _renderer(self) -> MapRenderer:
        if self._renderer_made is None:
            self._renderer_made = MapRenderer(self._geojson)
        return self._renderer_made

    @property
    def _shapes(self) -> dict[str, Any]:
        return self._renderer.shapes

    # -- the picture ------------------------------------------------------------------------------

    def picture(self) -> MapPicture:
        """Everything the map shows now (its ``view`` is the box last framed)."""
        return self._picture

    def set_picture(self, picture: MapPicture, *, frame: bool = True) -> None:
        """Show ``picture`` whole: fills, patterns, tooltips, markers, arrows, legend, and (``frame``) its view."""
        if not frame:
            picture = dataclasses.replace(picture, view=self._picture.view)
        self._set(picture)
        if frame:
            self.show_box(*picture.view)
        self._update_legend()

    def set_text_scale(self, scale: float) -> None:
        """Draw labels, symbols and the key ``scale`` times bigger (presentation mode)."""
        if scale != self.text_scale():
            self._renderer.text_scale = scale
            self._update_legend()
            self.viewport().update()

    def text_scale(self) -> float:
        return self._renderer_made.text_scale if self._renderer_made is not None else 1.0

    def _set(self, picture: MapPicture) -> None:
        self._picture = picture
        if self._selected is not None and self._selected not in self._shapes:
            if self._selected not in {m.id for m in picture.markers}:
                self._selected = None
        self.viewport().update()

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
        fills = {iso3: color for iso3, color in resolved.items() if iso3 in self._shapes}
        self._set(dataclasses.replace(self._picture, fills=fills, default_fill=default_name))
        return sorted(iso3 for iso3 in resolved if iso3 not in self._shapes)

    def country_color(self, iso3: str) -> str:
        """The fill colour (``#rrggbb``) of a country; KeyError if it is not on the map."""
        if iso3 not in self._shapes:
            raise KeyError(iso3)
        return self._picture.fills.get(iso3, self._picture.default_fill)

    def set_country_tooltips(self, tooltips: Mapping[str, str]) -> None:
        """Hover text per ISO3 code; countries not given show their name."""
        tips = {iso3: text for iso3, text in tooltips.items() if iso3 in self._shapes}
        self._set(dataclasses.replace(self._picture, tooltips=tips))

    def tooltip_for(self, target_id: str) -> str:
        """The hover text of a marker id, an arrow id or an ISO3 code; KeyError if unknown."""
        for m in self._picture.markers:
            if m.id == target_id:
                return m.hover
        for a in self._picture.arrows:
            if a.id == target_id:
                return a.label or a.id
        if target_id not in self._shapes:
            raise KeyError(target_id)
        return self._picture.tooltips.get(target_id, self._shapes[target_id].name)

    def set_markers(self, markers: Iterable[Marker]) -> None:
        """Replace all point markers."""
        self._set(dataclasses.replace(self._picture, markers=tuple(markers)))

    def marker_ids(self) -> list[str]:
        """Ids of the current markers, in the order given."""
        return [m.id for m in self._picture.markers]

    def set_arrows(self, arrows: Iterable[Arrow]) -> None:
        """Replace all transit arrows."""
        self._set(dataclasses.replace(self._picture, arrows=tuple(arrows)))

    def arrow_ids(self) -> list[str]:
        """Ids of the current arrows, in the order given."""
        return [a.id for a in self._picture.arrows]

    def set_legend(self, entries: Sequence[tuple[str, QColor | str] | LegendEntry], title: str = "") -> None:
        """Show a key of (text, colour) rows (or legend entries) in the map's corner; an empty list hides it."""
        rows = tuple(
            e if isinstance(e, LegendEntry) else LegendEntry(e[0], palette.qcolor(e[1]).name()) for e in entries
        )
        self._picture = dataclasses.replace(self._picture, legend=rows, legend_title=title)
        self._update_legend()

    def legend_entries(self) -> tuple[str, list[tuple[str, str]]]:
        """The legend's title and (text, ``#rrggbb``) rows."""
        return self._picture.legend_title, [(e.text, e.color) for e in self._picture.legend]

    def shown_legend(self) -> tuple[LegendEntry, ...]:
        """The key's rows shown now: those about something in sight."""
        return self._legend.rows if self._legend.isVisible() else ()

    def legend_widget(self) -> QFrame:
        return self._legend

    def in_sight(self) -> set[str]:
        """ISO3 codes of the countries and ids of the markers in the viewport now."""
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        seen = {
            iso3
            for iso3, shape in self._shapes.items()
            if rect.intersects(shape.bounds) and shape.path.intersects(rect)
        }
        for m in self._picture.markers:
            if rect.contains(project(m.lat, m.lon)):
                seen.add(m.id)
        return seen

    def _update_legend(self) -> None:
        if not hasattr(self, "_legend") or getattr(self, "_docking", False):
            return  # the scene is being set up, or the key is being docked
        rows = visible_entries(self._picture.legend, self.in_sight()) if self._picture.legend else ()
        self._legend.set_entries(rows, self._picture.legend_title, self.text_scale())
        self._place_legend()

    # -- selection --------------------------------------------------------------------------------

    def select(self, target_id: str | None) -> None:
        """Highlight a country (ISO3) or a marker; ``None`` clears the selection."""
        if target_id is not None and target_id not in self._shapes and target_id not in self.marker_ids():
            raise KeyError(f"nothing on the map has the id {target_id!r}")
        self._selected = target_id
        self.viewport().update()

    def selected(self) -> str | None:
        """The selected ISO3 code or marker id, if any."""
        return self._selected

    # -- painting ---------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Paint the whole map (the scene has no items): the renderer draws the picture into an image of the
        viewport, kept until the picture, the selection, the framing, the size or the text scale change; a repaint
        in between (a tooltip, the key moving, an expose) only copies it."""
        size = self.viewport().size()
        dpr = self.viewport().devicePixelRatioF()
        t = self.viewportTransform()
        key = (
            t.m11(),
            t.m22(),
            t.dx(),
            t.dy(),
            size.width(),
            size.height(),
            dpr,
            self._selected,
            self._renderer.text_scale,
            self._keep_out(),
        )
        if (
            self.progressive
            and self._frame is not None
            and self._frame_key == key
            and self._frame_picture is not self._picture
        ):
            self._start_slices(key)  # a new picture in the same framing: drawn in slices, the old frame meanwhile
        elif self._frame is None or self._frame_key != key or self._frame_picture is not self._picture:
            self.frames_drawn += 1
            frame = QPixmap(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
            frame.setDevicePixelRatio(dpr)
            room = QRectF(0.0, 0.0, size.width(), size.height())
            visible = t.inverted()[0].mapRect(room)
            base = self._base_image(key, self._picture, visible)
            p = QPainter(frame)
            p.drawImage(QPointF(0.0, 0.0), base)
            p.setRenderHints(self.renderHints())
            p.setTransform(t)
            self._renderer.paint_overlays(
                p, self._picture, exposed=visible, selected=self._selected, room=room, keep_out=self._keep_out()
            )
            p.end()
            self._frame, self._frame_key, self._frame_picture = frame, key, self._picture
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._frame)
        painter.restore()

    def _base_image(self, key: tuple[object, ...], picture: MapPicture, visible: QRectF) -> QImage:
        """The sea and the countries of ``picture`` in the framing of ``key`` (drawn by ``paint_base``), kept while
        the framing, the selection and the colours stay the same: a new turn in the same view usually keeps its
        colours, and then only what lies over the countries is drawn again."""
        colours = (picture.fills, picture.default_fill, picture.stripes, picture.patterns, picture.part_fills)
        base_key = (key[:9], colours)
        if self._base is not None and self._base_key == base_key:
            return self._base
        size = self.viewport().size()
        dpr = self.viewport().devicePixelRatioF()
        image = QImage(
            max(1, round(size.width() * dpr)),
            max(1, round(size.height() * dpr)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(dpr)
        p = QPainter(image)
        p.setRenderHints(self.renderHints())
        p.setTransform(self.viewportTransform())
        self._renderer.paint_base(p, picture, exposed=visible, selected=self._selected)
        p.end()
        self._base, self._base_key = image, base_key
        return image

    def add_overlay(self, widget: QWidget) -> None:
        """``widget`` (a child of the map: the banner, the card) sits over the map: no label goes under it while
        it shows (the key is one already)."""
        if widget not in self._overlays:
            self._overlays.append(widget)

    def _keep_out(self) -> tuple[QRectF, ...]:
        """The shown overlays' rectangles in the viewport's pixels (where no label goes)."""
        g = self.viewport().geometry()
        inside = QRect(0, 0, g.width(), g.height())
        out = []
        for w in self._overlays:
            if w.isVisible():
                r = w.geometry().translated(-g.topLeft()).intersected(inside)
                if not r.isEmpty():
                    out.append(QRectF(r))
        return tuple(out)

    def _start_slices(self, key: tuple[object, ...]) -> None:
        """Draw the new picture into a new frame in three slices (the countries, the labels' places, then everything
        over the countries), one per event-loop pass, so that a new turn never holds the window for a whole frame;
        then show it."""
        if self._slice_job is not None and self._slice_job[0] is self._picture and self._slice_job[1] == key:
            return  # already under way
        size = self.viewport().size()
        dpr = self.viewport().devicePixelRatioF()
        image = QImage(
            max(1, round(size.width() * dpr)),
            max(1, round(size.height() * dpr)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(dpr)
        self._slice_job = (self._picture, key, image, 0)
        self._slice_timer.start()

    def _next_slice(self) -> None:
        job = self._slice_job
        if job is None:
            return
        picture, key, image, done = job
        t = self.viewportTransform()
        size = self.viewport().size()
        if picture is not self._picture or self._frame_key != key:
            self._slice_job = None  # the picture or the framing changed meanwhile: the next paint starts again
            self.viewport().update()
            return
        p = QPainter(image)
        p.setRenderHints(self.renderHints())
        p.setTransform(t)
        room = QRectF(0.0, 0.0, size.width(), size.height())
        visible = t.inverted()[0].mapRect(room)
        if done == 0:
            p.end()
            base = self._base_image(key, picture, visible)
            p = QPainter(image)
            p.drawImage(QPointF(0.0, 0.0), base)
            p.end()
            self._slice_job = (picture, key, image, 1)
            self._slice_timer.start()
            return
        if done == 1:  # where the labels go (placing them is the other costly part)
            p.end()
            self._renderer.layout(picture, t.m11(), *self._renderer.label_room(t, room, self._keep_out()))
            self._slice_job = (picture, key, image, 2)
            self._slice_timer.start()
            return
        self._renderer.paint_overlays(
            p, picture, exposed=visible, selected=self._selected, room=room, keep_out=self._keep_out()
        )
        p.end()
        self.frames_drawn += 1
        self._frame, self._frame_picture, self._slice_job = QPixmap.fromImage(image), picture, None
        self.viewport().update()

    def hideEvent(self, event: QHideEvent) -> None:
        """A hidden map draws nothing in the background."""
        self._slice_timer.stop()
        self._slice_job = None
        super().hideEvent(event)

    # -- view geometry ----------------------------------------------------------------------------

    @staticmethod
    def presets() -> list[str]:
        """The general views (a scenario adds its own: :meth:`set_presets`)."""
        return list(PRESETS)

    def preset_names(self) -> list[str]:
        """Names accepted by ``set_preset``: the scenario's views first, then the general ones."""
        return list(self._presets)

    def set_presets(self, views: Mapping[str, tuple[float, float, float, float]]) -> None:
        """The scenario's own views (name → lat/lon box), listed before the general ones."""
        self._presets = {**dict(views), **{k: v for k, v in PRESETS.items() if k not in views}}

    def set_preset(self, name: str) -> None:
        """Frame a named region (``preset_names()``); the framing follows resizes until the user zooms or pans."""
        if name not in self._presets:
            raise ValueError(f"unknown map preset {name!r} (choose one of: {', '.join(self._presets)})")
        self.show_box(*self._presets[name])
        self._preset = name

    def current_preset(self) -> str | None:
        """The preset still framed, or ``None`` once the user has zoomed or panned."""
        return self._preset if self._fit_box is not None else None

    def show_box(self, lat_min: float, lat_max: float, lon_min: float, lon_max: float) -> None:
        """Fit a lat/lon box into the view, keeping the aspect ratio."""
        if not (lat_min < lat_max and lon_min < lon_max):
            raise ValueError(f"empty map box: lat {lat_min}..{lat_max}, lon {lon_min}..{lon_max}")
        self._fit_box = (lat_min, lat_max, lon_min, lon_max)
        self._picture = dataclasses.replace(self._picture, view=self._fit_box)
        self._preset = ""
        self._fit_current_box()
        self._update_legend()

    def _fit_current_box(self) -> None:
        """Apply the remembered box to the current viewport size."""
        if self._fit_box is None:
            return
        size = self.viewport().size()
        fit = fit_transform(self._fit_box, size.width(), size.height())  # the report's framing too
        self.setTransform(QTransform.fromScale(fit.m11(), fit.m22()))
        centre = box_to_scene(*self._fit_box).center()
        self.centerOn(centre)
        shown = self.mapToScene(self.viewport().rect().center())
        if abs(shown.x() - centre.x()) > 2.0 or abs(shown.y() - centre.y()) > 2.0:
            # In the middle of a relayout (docks hidden at once) the view's scroll ranges can lag the new size:
            # setting the scene's rectangle again makes it measure them afresh, then the box is centred.
            rect = self.sceneRect()
            self.setSceneRect(rect.adjusted(0.0, 0.0, 0.0, 1.0))
            self.setSceneRect(rect)
            self.centerOn(centre)

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
        self._legend_timer()

    # -- labels -----------------------------------------------------------------------------------

    def visible_labels(self) -> set[str]:
        """Ids (ISO3, marker or arrow ids) whose text label is shown at this zoom (anywhere on the map)."""
        return self._renderer.visible_labels(self._picture, self.transform().m11())

    def label_boxes(self) -> list[tuple[str, QRectF]]:
        """The labels drawn now, as (text, box in the viewport's pixels), laid out as the next frame lays them
        (whole inside the map, off the key and the other overlays)."""
        t = self.viewportTransform()
        size = self.viewport().size()
        room = QRectF(0.0, 0.0, size.width(), size.height())
        layout = self._renderer.layout(self._picture, t.m11(), *self._renderer.label_room(t, room, self._keep_out()))
        placed = [*layout.marker_labels.values(), *layout.arrow_labels.values(), *layout.country_labels]
        return [(p.text.text, p.text.box.translated(t.map(p.anchor) + p.shift)) for p in placed]

    def marker_boxes(self) -> list[tuple[str, QRectF]]:
        """Every marker's box in the viewport's pixels (its symbol, ring or glyph as drawn), by marker id."""
        t = self.viewportTransform()
        ts = self.text_scale()
        return [(m.id, marker_box(m, ts).translated(t.map(project(m.lat, m.lon)))) for m in self._picture.markers]

    def overlay_boxes(self) -> tuple[QRectF, ...]:
        """The shown overlays over the map (the key, the banner, the card), in the viewport's pixels."""
        return self._keep_out()

    # -- events -----------------------------------------------------------------------------------

    def _target_at(self, pos: QPoint, *, arrows: bool = False) -> str:
        """Marker id (or arrow id, if asked) or ISO3 code under a viewport position, or ``""``."""
        t = self.viewportTransform()
        marker = self._renderer.marker_at(self._picture, t, QPointF(pos), self._selected)
        if marker is not None:
            return marker.id
        if arrows:
            arrow = self._renderer.arrow_at(self._picture, t, QPointF(pos))
            if arrow is not None:
                return arrow.id
        return self._renderer.country_at(self.mapToScene(pos))

    def viewportEvent(self, event: QEvent) -> bool:
        """Show the hover text of the marker, arrow or country under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            target = self._target_at(event.pos(), arrows=True)
            if target:
                QToolTip.showText(event.globalPos(), self.tooltip_for(target), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def legend_candidates(self) -> list[QRect]:
        """Where the key may go (the view's pixels), in order of preference: the four corners, then the edges."""
        return self.legend_candidates_for(self._legend.size())

    def legend_candidates_for(self, size: QSize) -> list[QRect]:
        """Where an overlay of ``size`` may go (the view's pixels): the corners, then the edges."""
        g = self.viewport().geometry()
        return [r.toRect().translated(g.topLeft()) for r in legend_spots(g.width(), g.height(), size)]

    def covered_by(self, rect: QRect) -> list[str]:
        """The theatre's states (``picture.focus``), attacks and forces that ``rect`` (the view's pixels) would hide."""
        g = self.viewport().geometry()
        inside = rect.intersected(g)
        if inside.isEmpty():
            return []  # beside the map (docked): it hides nothing
        return legend_covers(
            self._picture, self._shapes, self.viewportTransform(), QRectF(inside.translated(-g.topLeft()))
        )

    def _place_legend(self) -> None:
        """Put the key where it covers none of the theatre's states, nor an attack or a force (the first free
        corner or edge; else where it covers least), unless the user dragged it somewhere."""
        legend = self._legend
        if not legend.isVisible():
            self._dock_margin(0)
            return
        if legend.pinned is not None:
            self._dock_margin(0)
            g = self.viewport().geometry()
            legend.move(
                max(g.left(), min(g.right() - legend.width(), legend.pinned.x())),
                max(g.top(), min(g.bottom() - legend.height(), legend.pinned.y())),
            )
        else:
            focus = set(self._picture.focus)
            full = self.rect()
            spots = [
                r.toRect().translated(full.topLeft()) for r in legend_spots(full.width(), full.height(), legend.size())
            ]
            scored = []
            for i, r in enumerate(spots):
                hits = self.covered_by(r)
                scored.append((sum(h in focus for h in hits), len(hits), i, r))
            best = min(scored, key=lambda x: x[:3])
            before = getattr(self, "_margin", 0)
            if best[0]:  # every spot would hide the theatre: dock the key at the right edge, off the map
                self._dock_margin(legend.width() + 12)
                g = self.viewport().geometry()
                legend.move(g.right() + 7, g.top() + 6)
            else:
                self._dock_margin(0)
                if before and not getattr(self, "_second", False):  # the map widened: judge the spots again
                    self._second = True
                    try:
                        self._update_legend()
                    finally:
                        self._second = False
                    return
                legend.move(best[3].topLeft())
        legend.raise_()

    def _dock_margin(self, width: int) -> None:
        """Reserve ``width`` pixels at the right of the map for a docked key (0: the key floats over the map)."""
        if getattr(self, "_margin", 0) != width and not getattr(self, "_docking", False):
            self._margin = width
            self._docking = True  # the resize it causes must not place the key again
            try:
                self.setViewportMargins(0, 0, width, 0)
            finally:
                self._docking = False

    def legend_docked(self) -> bool:
        """Whether the key sits beside the map (no corner or edge of the map was free of the theatre)."""
        return getattr(self, "_margin", 0) > 0

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Panning: what is in sight changed (the key's rows and place follow)."""
        super().scrollContentsBy(dx, dy)
        self._legend_timer()

    def _legend_timer(self) -> None:
        """After a pan or a zoom (cheap: bounding boxes, then the theatre's few outlines)."""
        self._update_legend()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the framed preset and the legend in place."""
        super().resizeEvent(event)
        if self._fit_box is not None:
            self._fit_current_box()
        self._update_legend()

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
            self.set_preset(next(iter(self._presets)) if key == Qt.Key.Key_Home else "World")
            event.accept()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 60
            dx = {Qt.Key.Key_Left: -step, Qt.Key.Key_Right: step}.get(key, 0)
            dy = {Qt.Key.Key_Up: -step, Qt.Key.Key_Down: step}.get(key, 0)
            self._fit_box = None
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)
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
        if target in self.marker_ids():
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
