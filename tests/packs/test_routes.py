"""Routes on the real map (the Baltic pack, Natural Earth outlines, searoute's sea lanes): land over states that
let a force pass, air around states that refuse overflight, the Turkish Straits under Montreux, and transit,
overflight and basing as the decisions of the states concerned."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Command,
    CommandKind,
    EventKind,
    encode,
    initial_world,
    resolve_turn,
)
from wargame.engine import permissions as perm
from wargame.engine.moves import Mover, plan
from wargame.engine.routes import air_route, land_route, sea_route
from wargame.scenario import SCENARIOS_DIR, load_scenario


@lru_cache(maxsize=1)
def baltic():  # type: ignore[no-untyped-def]
    """The Baltic pack without its MSEL (each test makes its own attacks)."""
    return dataclasses.replace(load_scenario(SCENARIOS_DIR / "baltic.toml"), injects=())


def test_a_land_route_goes_around_states_that_refuse_transit():
    """From northern Italy to Lithuania, with Switzerland and Austria refusing, the route runs through Slovenia,
    Hungary, Slovakia and Poland; with Poland refusing too, there is no land route at all."""
    sc = baltic()
    refusing = {"CHE", "AUT", "RUS", "BLR"}
    path = land_route(sc, "ITA-SOL", "LTU-VNO", lambda s: s not in refusing)
    assert path is not None and not set(path.states) & refusing
    assert path.states[0] == "ITA" and path.states[-1] == "LTU" and "POL" in path.states
    assert land_route(sc, "ITA-SOL", "LTU-VNO", lambda s: s not in refusing | {"POL"}) is None


def test_an_air_route_goes_around_states_that_refuse_overflight():
    """The great circle from Fort Bragg to Poland is taken when every state under it consents; with the states
    under it refusing (as France and Spain refused El Dorado Canyon, 1986), the route flies around them and is
    longer."""
    sc = baltic()
    direct = air_route(sc, "USA-BRG", "POL", lambda s: True)
    assert direct is not None
    under = {s for s in direct.states if s not in ("USA", "POL")}
    around = air_route(sc, "USA-BRG", "POL", lambda s: s not in under)
    assert around is not None and not set(around.states) & under and around.km > direct.km


def test_montreux_closes_the_straits_to_a_belligerents_warships():
    """Montreux Art 19: while Turkey is not at war, a belligerent's warships do not pass the Straits (Turkey
    applied it on 28 Feb 2022); a sea lane exists only around them, and into the Black Sea there is none."""
    sc = baltic()
    open_lane = sea_route(sc, "SEA-EMED", "SEA-BLK")
    assert open_lane is not None and "bosporus" in open_lane.passages
    assert sea_route(sc, "SEA-EMED", "SEA-BLK", ("bosporus",)) is None
    world = initial_world(sc)
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=100)
    world = resolve_turn(sc, world, [Command(CommandKind.INJECT, 1, encode(spec))], 1).world
    assert perm.belligerent(world, "USA") is False
    ships = next(f for f in sc.forces if f.id == "USA-ROTA-DDG")
    mover = Mover(sc, world, 2, 1, frozenset())
    assert not isinstance(plan(mover, ships, "SEA-EMED", "SEA-BLK", 1.0), str)  # not yet a belligerent
    world.attacks["A1"].spec = AttackSpec("RUS", "USA", "EST-NAR", AttackKind.INVASION, casualties=100)
    got = plan(Mover(sc, world, 2, 1, frozenset()), ships, "SEA-EMED", "SEA-BLK", 1.0)
    assert isinstance(got, str) and "Montreux Art 19" in got


def test_a_neutral_refuses_a_belligerent_and_says_so():
    """Switzerland refuses overflight to a belligerent (Hague V Arts 2 and 5; its 2003 and 2026 refusals) and
    grants it to a state at peace; the decision is recorded once, with its reason."""
    sc = baltic()
    world = initial_world(sc)
    ok = perm.decide(sc, world, "CHE", "overflight", "USA", turn=1, seed=1, controlled=frozenset())
    assert ok.granted
    spec = AttackSpec("RUS", "USA", "USA-AK", AttackKind.INVASION, casualties=100)
    world = resolve_turn(sc, world, [Command(CommandKind.INJECT, 1, encode(spec))], 1).world
    world.permissions.clear()
    no = perm.decide(sc, world, "CHE", "overflight", "USA", turn=2, seed=1, controlled=frozenset())
    assert not no.granted and "Hague Convention V" in no.reason
    assert world.permissions["CHE:overflight:USA"] is no


def test_a_seat_decides_its_own_transit_and_basing():
    """A state played by a seat is asked (the request is logged) and its territory stays closed until it decides;
    its 'permit' decision then stands."""
    sc = baltic()
    world = initial_world(sc)
    got = perm.decide(sc, world, "POL", "transit", "DEU", turn=1, seed=1, controlled=frozenset({"POL"}))
    assert not got.granted and got.by == "seat"
    cmd = Command(CommandKind.DECIDE, 1, {"state": "POL", "action": "permit", "kind": "transit", "beneficiary": "DEU"})
    rec = resolve_turn(sc, world, [cmd], 1, controlled=("POL",))
    assert rec.world.permissions["POL:transit:DEU"].granted
    assert any(e.kind is EventKind.PERMISSION and "grants transit" in e.summary for e in rec.events)


def test_the_map_draws_the_route_actually_taken():
    """A force in transit is drawn along the legs of its route (the map's Qt-free description carries them), not
    along a straight great circle; its arrow ends where the route ends."""
    from wargame.app.mapmodes import arrows

    sc = baltic()
    world = initial_world(sc)
    cmd = Command(
        CommandKind.DECIDE, 1, {"state": "ITA", "action": "deploy", "force": "ITA-ARF", "destination": "LTU-VNO"}
    )
    for t in range(1, 13):
        world = resolve_turn(sc, world, [cmd] if t == 1 else [], 1, controlled=("ITA",)).world
        if world.forces["ITA-ARF"].legs:
            break
    fs = world.forces["ITA-ARF"]
    assert fs.status.value == "in_transit" and fs.legs
    arrow = next(a for a in arrows(sc, world) if a.id == "move:ITA-ARF")
    assert list(arrow.via) == [p for leg in fs.legs for p in leg.points]
    assert len(arrow.points()) > 2 and arrow.points()[-1] == fs.legs[-1].points[-1]
