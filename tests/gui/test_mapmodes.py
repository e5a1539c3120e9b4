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


def test_the_reports_maps_draw_the_routes_taken(tmp_path: Path) -> None:
    """The report's snapshots draw forces in transit along the routes they take (as the window does), not along
    great circles that may cross states the route goes around."""
    from wargame.app import new_game

    with new_game(DEMO.parent / "baltic.toml", tmp_path / "b.wargame") as game:
        moving = []
        for _turn in range(12):  # until forces are on their way
            game.advance(1)
            sc, world = game.scenario, game.world
            moving = [fs for fs in world.forces.values() if fs.status.value == "in_transit" and fs.legs]
            if moving and world.attacks:
                break
        assert moving
        attack = sorted(world.attacks)[0]
        pic = mapmodes.snapshot(sc, world, attack, mapmodes.attack_box(sc, world, attack, 1.8), print_ready=True)
        routes = {a.via for a in pic.arrows}
        for fs in moving:
            assert tuple((float(p[0]), float(p[1])) for leg in fs.legs for p in leg.points) in routes
        assert all(len(a.points()) > 2 for a in pic.arrows if len(a.via) > 2)
