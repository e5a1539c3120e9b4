"""Issue 11, 'Done when': over 20 seeds of each bundled scenario (the aggressor AI playing its plan, every other
state on its default policy), no force leaves a theatre under attack (or its home or host state) without a
logged decision, no force enters a domain it cannot, no route crosses a state that refused it, no arrival is
after the game's end, and the AI attacks only inside its scenario's theatre. In the Baltic the AI reaches its main
objective in some seeds and is deterred or stopped in others; seeds vary the political timeline, not only combat.

The sweeps are shared by every test here (:mod:`sweeps`, two processes): about 30 s for the four scenarios.
"""

from __future__ import annotations

import pytest
from sweeps import SEEDS, sweep

SCENARIOS = ("baltic", "taiwan", "korea", "demo")


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_force_leaves_an_attacked_theatre_home_or_host_unreleased(name: str) -> None:
    """Roles and theatres hold: a home-defence force stays in its state, a forward force in its host state, and no
    force leaves a theatre under attack for another, unless a logged decision released it (rules: orders)."""
    runs = sweep(name)
    assert len(runs) == len(SEEDS) and sum(r.departures for r in runs) > 0
    bad = [v for r in runs for v in r.theatre_violations]
    assert bad == [], bad[:5]


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_force_enters_a_domain_it_cannot(name: str) -> None:
    """Land forces arrive on land, naval forces at sea or on a coast, air forces at air bases."""
    runs = sweep(name)
    assert sum(r.arrivals for r in runs) > 0
    bad = [v for r in runs for v in r.domain_violations]
    assert bad == [], bad[:5]


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_route_crosses_a_state_that_refused_it(name: str) -> None:
    """Every state a land route crosses granted transit (or is the mover's own, or an enemy it fights through);
    every state under an air route granted overflight; no belligerent warship passed the Bosporus (Montreux
    Art 19) while Turkey was not at war."""
    runs = sweep(name)
    bad = [v for r in runs for v in r.route_violations]
    assert bad == [], bad[:5]


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_arrival_after_the_end_of_the_game(name: str) -> None:
    """No move is made that would arrive after the game's last day (the sweeps end the games early, at
    ``TURNS``, so the check bites)."""
    runs = sweep(name)
    bad = [v for r in runs for v in r.late_arrivals]
    assert bad == [], bad[:5]


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_ai_attacks_only_inside_its_theatre(name: str) -> None:
    """Every attack of the aggressor AI is on a target state of its plan, at a place inside its theatre (the issue
    saw Belarus invade Ukraine and China invade Vietnam, Laos and Brunei)."""
    runs = sweep(name)
    assert sum(r.ai_attacks for r in runs) > 0, "the AI acted in at least one seed"
    bad = [v for r in runs for v in r.ai_outside]
    assert bad == [], bad[:5]


def test_baltic_main_objective_is_reached_in_some_seeds_and_not_in_others() -> None:
    """RAND (RR-1253-A, 2016) found Russian forces at the outskirts of Tallinn or Riga within 36-60 h when NATO had
    only light forces forward; with the 2026 posture the outcome is open. Over 20 seeds the Russian AI takes Tallinn
    or Riga in some, and in others is deterred (it does not launch the main stage) or stops (halts or offers to
    negotiate) before it."""
    runs = sweep("baltic")
    reached = [r.seed for r in runs if r.main_reached]
    not_reached = [r for r in runs if not r.main_reached]
    assert reached and not_reached, (reached, [r.ai_stops for r in not_reached])
    assert any(any("RUS" in s for s in r.ai_stops) or r.ai_choices for r in not_reached)


@pytest.mark.parametrize("name", ("baltic", "taiwan", "korea"))
def test_seeds_vary_the_political_timeline(name: str) -> None:
    """Seeds change political choices, not only combat noise: the aggressor's reading of deterrence (drawn per
    game), who hesitates and for how long, when votes fall due and how they go, when sanctions are adopted, how
    hosts answer, how the crisis model's attribution, Council and legal clocks run."""
    runs = sweep(name)
    readings = {r.political[0] for r in runs}
    timelines = {r.political[1] for r in runs}
    assert len(readings) == len(SEEDS)
    least = 10 if name == "baltic" else 4  # where the readings rarely cross a threshold, fewer timelines differ
    assert len(timelines) >= least, f"only {len(timelines)} distinct political timelines"
