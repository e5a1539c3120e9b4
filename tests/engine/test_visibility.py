"""What a seat can know of the world (engine.visibility.world_for, issue 15): default deny, detection, orders and
private facts withheld, the white cell's world untouched."""

from __future__ import annotations

import dataclasses

from builders import force, place, scenario, state

from wargame.engine import ForceStatus, initial_world
from wargame.engine.visibility import (
    CRISIS_PUBLIC,
    FORCE_ORDERS,
    FORCE_SEEN,
    NATION_PRIVATE,
    NATION_PUBLIC,
    WORLD_BY_STATE,
    WORLD_PUBLIC,
    WORLD_WHITE,
    Viewer,
    world_for,
)
from wargame.engine.world import CrisisState, ForceState, NationState, WorldState


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_every_field_of_the_world_is_classified() -> None:
    """A new world field must be put in a list on purpose (until then world_for withholds it from seats)."""
    assert _names(WorldState) == WORLD_PUBLIC | {"crisis"} | WORLD_BY_STATE | WORLD_WHITE
    assert not WORLD_PUBLIC & WORLD_WHITE and not WORLD_BY_STATE & (WORLD_PUBLIC | WORLD_WHITE)
    assert _names(NationState) == NATION_PUBLIC | NATION_PRIVATE and not NATION_PUBLIC & NATION_PRIVATE
    assert _names(ForceState) == FORCE_SEEN | FORCE_ORDERS and not FORCE_SEEN & FORCE_ORDERS
    assert _names(CrisisState) == CRISIS_PUBLIC | {"legal"}


def _sc():
    est = state("EST", lat=59.4, lon=24.7)
    usa = state("USA", continent="north_america", lat=38.9, lon=-77.0)
    rus = state("RUS", lat=55.75, lon=37.6)
    places = [
        place("EST-NAR", "land", "EST", "europe", (), 59.38, 28.19),
        place("RUS-IVG", "land", "RUS", "europe", (), 59.37, 28.20),
        place("RUS-VLA", "land", "RUS", "asia", ("pacific",), 43.1, 131.9),
    ]
    forces = [
        force("EST-1", "EST", "EST-NAR"),
        force("RUS-NEAR", "RUS", "RUS-IVG"),
        force("RUS-FAR", "RUS", "RUS-VLA"),
        force("USA-1", "USA", "USA"),
    ]
    return scenario([est, usa, rus], places, (), forces)


def test_a_seat_sees_its_own_and_what_it_detects_never_orders_or_private_facts() -> None:
    sc = _sc()
    w = initial_world(sc)
    near = dataclasses.replace(
        w.forces["RUS-NEAR"], status=ForceStatus.MOBILISING, destination="EST-NAR", mission="invade", ready_turn=3
    )
    est = dataclasses.replace(w.nations["EST"], budget_musd=123.0, expected_success=0.7)
    rus = dataclasses.replace(w.nations["RUS"], budget_musd=999.0, expected_success=0.9, support=61.0)
    w = dataclasses.replace(w, forces={**w.forces, "RUS-NEAR": near}, nations={**w.nations, "EST": est, "RUS": rus})
    mine, hidden = world_for(sc, w, Viewer(frozenset({"EST"})))
    assert set(mine.forces) == {"EST-1", "RUS-NEAR"}, "its own force, and the Russian one 1 km across the border"
    seen = mine.forces["RUS-NEAR"]
    assert seen.status is ForceStatus.MOBILISING and seen.location == near.location
    assert (seen.destination, seen.mission, seen.ready_turn) == (
        ForceState.__dataclass_fields__["destination"].default,
        ForceState.__dataclass_fields__["mission"].default,
        ForceState.__dataclass_fields__["ready_turn"].default,
    )
    assert mine.nations["EST"] == est, "its own state's facts whole"
    assert mine.nations["RUS"].support == 61.0 and mine.nations["RUS"].budget_musd != 999.0
    assert mine.nations["RUS"].expected_success != 0.9
    assert "forces not detected" in hidden.fields["world"] and "budget_musd" in hidden.fields["nations.RUS"]
    # sharing: the United States sees what Estonia's eyes see when Estonia shares with it
    alone, _ = world_for(sc, w, Viewer(frozenset({"USA"})))
    shared, _ = world_for(sc, w, Viewer(frozenset({"USA"}), frozenset({"EST"})))
    assert "RUS-NEAR" not in alone.forces and {"RUS-NEAR", "EST-1"} <= set(shared.forces)
    assert shared.nations["EST"] == est
    # nobody's eyes (an observer): no forces at all; the white cell: the world itself
    public, _ = world_for(sc, w, Viewer())
    assert public.forces == {} and public.nations["EST"].budget_musd != 123.0
    assert world_for(sc, w, None)[0] is w


def test_the_ai_memory_is_withheld_from_every_seat() -> None:
    sc = _sc()
    w = initial_world(sc)
    for viewer in (Viewer(frozenset({"EST"})), Viewer(frozenset({"RUS"})), Viewer()):
        out, _ = world_for(sc, w, viewer)
        assert out.ai == type(w).__dataclass_fields__["ai"].default_factory()  # type: ignore[misc]
