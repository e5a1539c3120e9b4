"""Map snapshots for the report: the desktop application's MapView rendered to an image.

The colours are the GUI's "Verdicts" mode for one attack (the same code path), with occupied
states darkened and only the places that matter (attack sites, occupied places) marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from wargame.engine import LocationKind, Scenario, WorldState
from wargame.gui import mapmodes
from wargame.gui.mapview import MapView
from wargame.report.maps_text import snapshot_facts

__all__ = ["MapSnapshot", "OCCUPIED", "MapRenderer", "ensure_app", "map_box", "snapshot_facts"]

OCCUPIED = "#4d2600"
"""Fill of a state held by another state (dark, so it reads as the darkest grey in print)."""


@dataclass(frozen=True)
class MapSnapshot:
    """What one map image shows, in words too (the caption keeps it readable in black and white)."""

    image: QImage
    attack: str
    facts: list[tuple[str, list[str]]]


def map_box(scenario: Scenario, world: WorldState) -> tuple[float, float, float, float]:
    """A lat/lon box around the attacks (their places and the capitals of attacker and victim)."""
    pts: list[tuple[float, float]] = []
    for att in world.attacks.values():
        loc = scenario.locations.get(att.spec.location)
        if loc is not None:
            pts.append((loc.lat, loc.lon))
        for sid in (att.spec.victim, att.spec.attacker):
            st = scenario.states.get(sid)
            if st is not None and not st.non_state:
                pts.append((st.lat, st.lon))
    if not pts:
        pts = [(st.lat, st.lon) for st in scenario.states.values() if not st.non_state] or [(50.0, 10.0)]
    lat0, lat1 = min(p[0] for p in pts), max(p[0] for p in pts)
    lon0, lon1 = min(p[1] for p in pts), max(p[1] for p in pts)
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    half_lat = max((lat1 - lat0) / 2 + 7.0, 10.0)
    half_lon = max((lon1 - lon0) / 2 + 12.0, 18.0)
    return (max(-85.0, clat - half_lat), min(85.0, clat + half_lat), clon - half_lon, clon + half_lon)


def ensure_app() -> None:
    """A QApplication for the map widget (offscreen when there is no display)."""
    import os

    if QCoreApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        QApplication([])


class MapRenderer:
    """One hidden MapView reused for every snapshot (loading the countries once)."""

    def __init__(self, scenario: Scenario, width: int = 720, height: int = 430) -> None:
        ensure_app()
        self.scenario = scenario
        self.view = MapView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.view.resize(width, height)
        self.view.show()
        self.on_map = set(self.view.countries())

    def render(
        self, world: WorldState, attack: str, box: tuple[float, float, float, float] | None = None
    ) -> MapSnapshot:
        """The map at ``world`` coloured by the verdicts for ``attack``."""
        sc = self.scenario
        lay = mapmodes.layer(sc, world, "Verdicts", attack=attack)
        colors = dict(lay.colors)
        legend = list(lay.legend)
        occupied = False
        for loc_id, holder in world.control.items():
            loc = sc.locations.get(loc_id)
            if loc is not None and loc.kind is LocationKind.STATE and loc.administered_by not in (None, holder):
                colors[loc_id] = OCCUPIED
                occupied = True
        if occupied:
            legend.append(("held by another state", OCCUPIED))
        self.view.set_country_colors(colors)
        self.view.set_legend(legend, lay.title)
        keep = {a.spec.location for a in world.attacks.values()}
        keep |= {
            k
            for k, v in world.control.items()
            if k in sc.locations and sc.locations[k].administered_by not in (None, v)
        }
        marks = [
            m
            for m in mapmodes.markers(sc, world, self.on_map, lay.marker_colors)
            if m.kind in ("attack", "force") or (m.kind == "place" and m.id.split(":", 1)[1] in keep)
        ]
        self.view.set_markers(marks)
        self.view.set_arrows(mapmodes.arrows(sc, world))
        self.view.show_box(*(box or map_box(sc, world)))
        QCoreApplication.processEvents()
        image = self.view.grab().toImage()
        return MapSnapshot(image, attack, snapshot_facts(sc, world, attack))

    def close(self) -> None:
        """Destroy the hidden view."""
        self.view.close()
        self.view.deleteLater()
        QCoreApplication.processEvents()
