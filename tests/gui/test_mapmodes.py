"""The map's treaty mode shows the treaty's scope from the engine's own scope rules."""

from __future__ import annotations

from pathlib import Path

from wargame.app import mapmodes, palette
from wargame.app.scenarios import load as load_scenario
from wargame.engine import initial_world

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


def test_treaty_mode_colours_scope_of_places():
    sc = load_scenario(DEMO)
    lay = mapmodes.layer(sc, initial_world(sc), "Treaty", treaty="NATO")
    mc = lay.marker_colors
    assert mc["place:USA-HI"] == palette.NO_DATA  # Hawaii: outside Art 6 (1965 legal view)
    assert mc["place:BMU"] == palette.ALLY  # Bermuda: Atlantic island north of the Tropic
    assert mc["place:SEA-MED"] == palette.ALLY  # forces in the Mediterranean
    assert mc["place:SEA-RED"] == palette.NO_DATA  # forces in the Red Sea: out
    assert lay.colors["EST"] == palette.ALLY
    assert "ambiguous scope" in dict(lay.legend)
    ms = {m.id: m for m in mapmodes.markers(sc, initial_world(sc), set(), mc)}
    assert ms["place:USA-HI"].color == palette.NO_DATA
