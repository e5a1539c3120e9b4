"""Shared helpers for the scenario-pack tests: the world pack, and one verdict of one article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from wargame.engine import AttackKind, AttackSpec, Scenario, TargetKind, Verdict, assess
from wargame.scenario import SCENARIOS_DIR, load_scenario

PACK_FILES = ("world.toml", "baltic.toml", "taiwan.toml", "korea.toml")
PLAYABLE = ("baltic.toml", "taiwan.toml", "korea.toml")


@pytest.fixture(scope="session")
def world() -> Scenario:
    """The world pack (every state on the map, every treaty of reference/treaties.md)."""
    return load_scenario(SCENARIOS_DIR / "world.toml")


def _judge(
    scenario: Scenario,
    treaty: str,
    article: str,
    *,
    attacker: str,
    victim: str,
    location: str,
    day: dt.date,
    kind: str = "strike",
    target: str = "territory",
    casualties: int = 10,
    damage_musd: float = 0.0,
    attribution: float = 1.0,
    victim_initiated: bool = False,
    request: bool = True,
    **extra: Any,
) -> Verdict:
    """The verdict of ``treaty`` Art ``article`` on one hypothetical attack (``wargame assess``)."""
    spec = AttackSpec(
        attacker=attacker,
        victim=victim,
        location=location,
        kind=AttackKind(kind),
        target=TargetKind(target),
        casualties=casualties,
        damage_musd=damage_musd,
        attribution=attribution,
        victim_initiated=victim_initiated,
        request=request,
        **extra,
    )
    for v in assess(scenario, spec, day):
        if v.treaty == treaty and v.article == article:
            return v
    raise AssertionError(f"no verdict for {treaty} Art {article}")


@pytest.fixture(scope="session")
def judge(world: Scenario) -> Callable[..., Verdict]:
    """``judge(treaty, article, attacker=..., victim=..., location=..., day=...)`` on the world pack."""

    def call(treaty: str, article: str, *, scenario: Scenario | None = None, **kw: Any) -> Verdict:
        return _judge(scenario or world, treaty, article, **kw)

    return call
