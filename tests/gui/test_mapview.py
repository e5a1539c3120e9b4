"""Offscreen tests of the world map widget (``wargame.gui.mapview``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QToolTip

from wargame.app.mapmodel import LegendEntry, MapPicture
from wargame.gui import palette
from wargame.gui.mapview import (
    Arrow,
    MapDataError,
    MapView,
    Marker,
    great_circle,
    load_countries,
    split_at_antimeridian,
)
from wargame.render.map import render_image

NATO = (
    "ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN "
    "ESP SWE TUR GBR USA"
).split()
INDO_PACIFIC_AND_ADVERSARIES = "JPN KOR PHL TWN AUS NZL RUS CHN PRK BLR".split()


@pytest.fixture
def view(qtbot) -> Iterator[MapView]:  # type: ignore[no-untyped-def]
    """A shown 800x450 map framing the world."""
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(800, 450)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_preset("World")
    yield widget


def _distinct_colours(image: QImage) -> int:
    """Number of distinct RGB values in an image."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(rgb.constBits(), dtype=np.uint32, count=rgb.bytesPerLine() * rgb.height() // 4)
    return int(np.unique(data & 0x00FFFFFF).size)


def test_all_alliance_members_and_rivals_are_drawn(view: MapView) -> None:
    """The 110m map has >170 countries, all 32 NATO members and the key Indo-Pacific states."""
    countries = view.countries()
    assert len(NATO) == 32
    assert len(countries) > 170
    missing = [iso for iso in NATO + INDO_PACIFIC_AND_ADVERSARIES if iso not in countries]
    assert missing == []
    assert countries["XKX"] == "Kosovo"
    assert not view.has_country("MLT") and not view.has_country("SGP")


def test_country_paths_are_copies_in_scene_coordinates(view: MapView) -> None:
    """``country_paths`` hands out the polygons for a bare-QPainter benchmark without exposing the cache."""
    paths = view.country_paths()
    assert set(paths) == set(view.countries())
    france = paths["FRA"].boundingRect()
    assert france.contains(QPointF(2.35 * 10, -48.85 * 10))  # Paris, scene = (lon, -lat) x SCALE
    paths["FRA"].translate(1000, 1000)
    assert view.country_paths()["FRA"].boundingRect() == france
    # South Africa keeps Lesotho as a hole (odd-even fill).
    zaf = paths["ZAF"]
    assert zaf.fillRule() == Qt.FillRule.OddEvenFill
    assert not zaf.contains(QPointF(28.2 * 10, 29.5 * 10))  # Maseru area, inside Lesotho
    assert zaf.contains(QPointF(24.0 * 10, 30.0 * 10))


def test_russia_and_fiji_are_continuous_across_the_antimeridian(view: MapView) -> None:
    """Russia's and Fiji's far-east pieces sit east of +180, not at the map's western edge."""
    paths = view.country_paths()
    assert paths["RUS"].boundingRect().left() > 0
    assert paths["RUS"].boundingRect().right() > 1800
    assert paths["FJI"].boundingRect().left() > 0


def test_presets_change_the_visible_area(view: MapView) -> None:
    """Each preset frames its own region, and the framing survives a resize."""
    assert view.presets()[:1] == ["World"] and {"Europe", "Indo-Pacific"} <= set(view.presets())
    world = view.visible_box()
    assert world[2] <= -179 and world[3] >= 189
    view.set_preset("Europe")
    lat_min, lat_max, lon_min, lon_max = view.visible_box()
    assert lon_min <= -24 and lon_max >= 44 and lat_min <= 35 and lat_max >= 70
    assert lon_max - lon_min < 120
    view.set_preset("Indo-Pacific")
    lat_min, lat_max, lon_min, lon_max = view.visible_box()
    assert lon_min <= 61 and lon_max >= 189 and lat_min <= -47 and lat_max >= 54
    assert view.current_preset() == "Indo-Pacific"
    view.resize(600, 600)
    assert view.visible_box()[2] <= 61 and view.visible_box()[3] >= 189
    with pytest.raises(ValueError, match="unknown map preset 'Mars'"):
        view.set_preset("Mars")


def test_zoom_keeps_the_point_under_the_mouse(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Zooming keeps the anchor fixed; +/- keys zoom; 0 returns to the world."""
    view.set_preset("Europe")
    anchor = view.view_pos(48.85, 2.35)
    before = view.pixels_per_degree()
    view.zoom_by(2.0, anchor)
    assert view.pixels_per_degree() == pytest.approx(2 * before)
    assert (view.view_pos(48.85, 2.35) - anchor).manhattanLength() <= 2
    assert view.current_preset() is None
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.pixels_per_degree() == pytest.approx(1.6 * before)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.pixels_per_degree() == pytest.approx(2 * before)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.current_preset() == "World"
    with pytest.raises(ValueError, match="zoom factor"):
        view.zoom_by(0.0)


def test_labels_appear_only_when_zoomed_in(view: MapView) -> None:
    """Big countries are named on the world view, small ones only when zoomed in."""
    world_labels = view.visible_labels()
    assert {"RUS", "CAN", "USA", "BRA", "AUS", "CHN"} <= world_labels
    assert "LUX" not in world_labels and "BEL" not in world_labels
    view.set_preset("Europe")
    view.resize(1400, 900)
    europe_labels = view.visible_labels()
    assert {"BEL", "NLD", "DEU", "POL", "EST"} <= europe_labels
    assert len(europe_labels) > len(world_labels)


def test_country_colours_and_tooltips(view: MapView) -> None:
    """Colours apply by ISO3 with a default for the rest; unknown codes are reported; tooltips override names."""
    unknown = view.set_country_colors({"FRA": palette.ALLY, "RUS": "#D55E00", "MLT": palette.ALLY}, default="#eeeeee")
    assert unknown == ["MLT"]
    assert view.country_color("FRA") == palette.ALLY
    assert view.country_color("RUS") == "#d55e00"
    assert view.country_color("BRA") == "#eeeeee"
    with pytest.raises(ValueError, match="not a hex colour"):
        view.set_country_colors({"FRA": "blue-ish"})
    assert view.country_color("FRA") == palette.ALLY  # a rejected call changes nothing
    assert view.tooltip_for("FRA") == "France"
    view.set_country_tooltips({"FRA": "France — support 54"})
    assert view.tooltip_for("FRA") == "France — support 54"
    assert view.tooltip_for("DEU") == "Germany"


def test_hover_shows_the_country_tooltip(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A tooltip event over Brazil shows Brazil's tooltip text."""
    view.set_country_tooltips({"BRA": "Brazil: neutral"})
    pos = view.view_pos(-10.0, -52.0)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == "Brazil: neutral"
    QToolTip.hideText()


def test_click_on_country_emits_its_code(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A left click on Poland emits countryClicked('POL') and selects it."""
    view.set_preset("Europe")
    with qtbot.waitSignal(view.countryClicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_pos(52.0, 19.5))
    assert blocker.args == ["POL"]
    assert view.selected() == "POL"


def test_markers_appear_and_click_emits_their_id(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Small states and places get markers; a click on one emits markerClicked(id), not the country."""
    markers = [
        Marker("MLT", 35.9, 14.4, "Malta", "state", tooltip="Malta (EU, not NATO)"),
        Marker("SGP", 1.35, 103.8, "Singapore", "state"),
        Marker("EST-NARVA", 59.38, 28.19, "Narva", "place"),
        Marker("atk-1", 59.38, 28.3, "Strike on Narva", "attack", color=palette.VERMILLION),
        Marker("f-1", 54.7, 25.3, "US armoured bde", "force"),
    ]
    view.set_markers(markers)
    assert view.marker_ids() == ["MLT", "SGP", "EST-NARVA", "atk-1", "f-1"]
    assert view.tooltip_for("MLT") == "Malta (EU, not NATO)"
    assert view.tooltip_for("SGP") == "Singapore"
    view.set_preset("Europe")
    assert "atk-1" in view.visible_labels()
    with qtbot.waitSignal(view.markerClicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.view_pos(35.9, 14.4))
    assert blocker.args == ["MLT"]
    assert view.selected() == "MLT"
    with pytest.raises(ValueError, match="duplicate marker ids: MLT"):
        view.set_markers(markers + [Marker("MLT", 35.9, 14.4)])
    with pytest.raises(ValueError, match="unknown kind 'ship'"):
        Marker("x", 0.0, 0.0, kind="ship")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="out of range"):
        Marker("x", 95.0, 0.0)
    view.set_markers([])
    assert view.marker_ids() == [] and view.selected() is None


def test_drag_pans_without_clicking(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A drag moves the map and does not count as a click."""
    view.set_preset("Europe")
    view.zoom_by(2.0)
    clicked: list[str] = []
    view.countryClicked.connect(clicked.append)
    start = view.view_pos(51.0, 10.0)
    before = view.visible_box()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(60, 40))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    after = view.visible_box()
    assert after[2] < before[2] and after[1] > before[1]
    assert clicked == []


def test_right_click_requests_a_context_menu(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Right click over a country or a marker or the sea asks for a context menu with the target id."""
    view.set_markers([Marker("GUM", 13.44, 144.79, "Guam", "state")])
    view.set_preset("Indo-Pacific")
    received: list[tuple[str, QPoint]] = []
    view.contextMenuRequested.connect(lambda target, pos: received.append((target, pos)))
    for lat, lon in ((36.0, 138.5), (13.44, 144.79), (-30.0, 90.0)):
        pos = view.view_pos(lat, lon)
        global_pos = view.viewport().mapToGlobal(pos)
        QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, global_pos))
    assert [target for target, _ in received] == ["JPN", "GUM", ""]
    assert received[0][1] == view.viewport().mapToGlobal(view.view_pos(36.0, 138.5))
    lat, lon = view.last_context_position() or (0.0, 0.0)
    assert lat == pytest.approx(-30.0, abs=0.5) and lon == pytest.approx(90.0, abs=0.5)


def test_arrows_follow_great_circles_and_split_at_the_antimeridian(view: MapView) -> None:
    """Arrows are created with labels; a trans-Pacific route is split instead of crossing the map."""
    arrows = [
        Arrow("mv-1", (31.0, -97.0), (54.0, 23.0), "arrives D+7", palette.BLUE),
        Arrow("mv-2", (21.3, -157.9), (13.44, 144.79), "arrives D+3"),
    ]
    view.set_arrows(arrows)
    assert view.arrow_ids() == ["mv-1", "mv-2"]
    assert view.tooltip_for("mv-1") == "arrives D+7"
    assert {"mv-1", "mv-2"} <= view.visible_labels()
    runs = split_at_antimeridian(great_circle((21.3, -157.9), (13.44, 144.79)))
    assert len(runs) == 2
    assert runs[0][-1][1] < -170 and runs[1][0][1] > 170
    with pytest.raises(ValueError, match="duplicate arrow ids"):
        view.set_arrows(arrows + [arrows[0]])
    view.set_arrows([])
    assert view.arrow_ids() == []


def test_legend_entries(view: MapView) -> None:
    """The legend takes (text, colour) rows and a title, and hides when empty."""
    view.set_legend([("Ally", palette.ALLY), ("Adversary", palette.qcolor(palette.ADVERSARY))], "Alignment")
    assert view.legend_entries() == ("Alignment", [("Ally", palette.ALLY), ("Adversary", palette.ADVERSARY)])
    legend = view.findChild(QFrame, "mapLegend")
    assert legend is not None and legend.isVisible()
    assert view.viewport().geometry().contains(legend.geometry())
    view.set_legend([], "")
    assert not legend.isVisible()


def test_rendered_map_is_not_blank(view: MapView) -> None:
    """A grab of the widget shows sea, land, the colours given and the markers."""
    view.set_country_colors({"USA": palette.ALLY, "CHN": palette.ADVERSARY, "AUS": palette.PARTNER})
    view.set_markers([Marker("SGP", 1.35, 103.8, "Singapore", "state")])
    view.set_legend([("Ally", palette.ALLY)], "Key")
    image = view.grab().toImage()
    assert image.width() >= 800 and image.height() >= 450
    assert _distinct_colours(image) > 20

    def colour_at(lat: float, lon: float) -> str:
        return image.pixelColor(view.viewport().mapTo(view, view.view_pos(lat, lon))).name()

    assert colour_at(44.0, -110.0) == palette.ALLY  # Wyoming
    assert colour_at(-30.0, 120.0) == palette.PARTNER  # Western Australia
    assert colour_at(-30.0, -30.0) == palette.SEA  # South Atlantic


def test_bare_painter_draws_the_same_polygons() -> None:
    """The cached paths can be drawn with a bare QPainter (what a benchmark does) without a view."""
    image = QImage(720, 360, QImage.Format.Format_RGB32)
    image.fill(palette.qcolor(palette.SEA))
    painter = QPainter(image)
    painter.scale(2 / 10, 2 / 10)
    painter.translate(1800, 900)
    for shape in load_countries():
        painter.fillPath(shape.path, palette.qcolor(palette.LAND))
    painter.end()
    assert image.pixelColor(360 + 2 * 20, 180 - 2 * 0).name() != palette.SEA  # Gabon/Congo, lon 20 lat 0
    assert load_countries() is load_countries()  # parsed once


def test_missing_or_bad_map_file_gives_one_line(tmp_path: Path) -> None:
    """A missing or malformed GeoJSON file raises MapDataError with a short message."""
    with pytest.raises(MapDataError, match="map data file not found"):
        load_countries(tmp_path / "nope.geojson")
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"properties": {}}]}', encoding="utf-8")
    with pytest.raises(MapDataError, match="not valid country GeoJSON"):
        load_countries(bad)


def _pixels(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(rgb.constBits(), dtype=np.uint32, count=rgb.bytesPerLine() * rgb.height() // 4)
    return np.array(data.reshape(rgb.height(), -1)[:, : rgb.width()] & 0x00FFFFFF)


def test_the_widget_and_the_report_draw_the_same_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    """One renderer: a picture shown in the widget and drawn as a report image (QtGui only) are the same pixels."""
    picture = MapPicture(
        fills={"EST": palette.ALLY, "LVA": "#4d2600", "RUS": palette.ADVERSARY},
        patterns={"LVA": "hatch"},
        markers=(
            Marker("attack:A1", 59.38, 28.19, "A1", "attack"),
            Marker("forces:LTU", 54.7, 25.3, "2 force(s)", "force"),
        ),
        arrows=(Arrow("move:f", (52.2, 21.0), (56.9, 24.1), "f → 2026-03-09"),),
        legend=(LegendEntry("TRIGGERED", palette.ALLY), LegendEntry("held by another state", "#4d2600", "hatch")),
        legend_title="Verdicts for A1",
        view=(48.0, 66.0, 8.0, 44.0),
    )
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(720, 430)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_picture(picture)
    shown = _pixels(widget.grab().toImage())
    drawn = _pixels(render_image(picture, 720, 430))
    assert shown.shape == drawn.shape == (430, 720)
    assert (shown == drawn).mean() > 0.995
    assert widget.legend_entries() == (
        "Verdicts for A1",
        [("TRIGGERED", palette.ALLY), ("held by another state", "#4d2600")],
    )
    latvia = widget.view_pos(56.8, 26.5)
    patch = drawn[latvia.y() - 6 : latvia.y() + 6, latvia.x() - 6 : latvia.x() + 6]
    assert {0x4D2600, 0xFFFFFF} <= set(np.unique(patch).tolist())  # dark fill with light hatching
    with pytest.raises(ValueError, match="unknown pattern"):
        MapPicture(patterns={"LVA": "dots"})  # type: ignore[dict-item]
