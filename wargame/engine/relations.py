"""How one state stands towards another: through a defence treaty in force, or a relation the scenario records
(a protector, a partner, a rival). Stances, Council votes, the General Assembly and help without a treaty use it.
"""

from __future__ import annotations

import datetime as dt

from .enums import ArticleKind, RelationKind, StateId
from .model import Scenario

_CACHE = "_wargame_defence_pairs"


def _defence_pairs(scenario: Scenario, day: dt.date) -> dict[StateId, dict[StateId, str]]:
    """Every pair of states bound by a defence treaty in force on ``day`` (kept on the scenario, which never
    changes, keyed by day)."""
    cache: dict[dt.date, dict[StateId, dict[StateId, str]]] = scenario.__dict__.setdefault(_CACHE, {})
    found = cache.get(day)
    if found is not None:
        return found
    out: dict[StateId, dict[StateId, str]] = {}
    for tr in scenario.treaties:
        if not tr.in_force.contains(day) or not any(a.kind is ArticleKind.DEFENCE for a in tr.articles):
            continue
        parties = tr.parties_on(day)
        for a in parties:
            for b in parties:
                if a != b and not tr.suspended(a, b, day):
                    out.setdefault(a, {}).setdefault(b, tr.name)
    if len(cache) > 64:
        cache.clear()
    cache[day] = out
    return out


def allied(scenario: Scenario, a: StateId, b: StateId, day: dt.date) -> str:
    """The name of a defence treaty in force between ``a`` and ``b`` on ``day`` ('' if none)."""
    return _defence_pairs(scenario, day).get(a, {}).get(b, "")


def stance_towards(scenario: Scenario, a: StateId, b: StateId, day: dt.date) -> tuple[str, str]:
    """How ``a`` stands towards ``b``: (``protector`` | ``ally`` | ``partner`` | ``rival`` | '', why)."""
    rel = scenario.crisis.relation(a, b)
    if rel is not None and rel.kind is RelationKind.PROTECTOR:
        return "protector", _why(scenario, a, b, "protects", rel.source)
    treaty = allied(scenario, a, b, day)
    if treaty:
        return "ally", f"{_name(scenario, a)} and {_name(scenario, b)} are allies under the {treaty}"
    if rel is not None:
        verb = "is a partner of" if rel.kind is RelationKind.PARTNER else "sees a threat in"
        return rel.kind.value, _why(scenario, a, b, verb, rel.source)
    return "", ""


def friends(scenario: Scenario, a: StateId, b: StateId, day: dt.date) -> bool:
    """``a`` protects, is allied with, or partners ``b``."""
    return stance_towards(scenario, a, b, day)[0] in ("protector", "ally", "partner")


def _name(scenario: Scenario, sid: StateId) -> str:
    st = scenario.states.get(sid)
    return st.name if st else sid


def _why(scenario: Scenario, a: StateId, b: StateId, verb: str, source: str) -> str:
    return f"{_name(scenario, a)} {verb} {_name(scenario, b)}" + (f" ({source})" if source else "")
