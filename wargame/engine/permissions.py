"""Transit, overflight, basing and straits rights: decisions of the states concerned.

A seat decides for its state with ``decide --action permit`` (grant or refuse, for a kind and a beneficiary);
until it does, its land, air space and bases are closed to the request. For every other state the default
policy decides the first time a route or a base needs it, and says why:

1. a state grants itself everything;
2. it refuses a state it is at war with, and an aggressor refuses anyone but its allies;
3. a ``closed`` state refuses every foreign military move;
4. a ``neutral`` state refuses belligerents (Hague Convention V, 1907, Arts 2 and 5; Swiss and Austrian
   practice, 2003 and 2026) and grants the others;
5. an ally grants, except that a ``consult`` host asked to base combat operations that are not in its own
   defence consults first (Japan's prior consultation, 1960 exchange of notes; the ROK's 2006 strategic-
   flexibility statement): the answer comes after a consultation of up to its ``consult_days`` (drawn per
   game) and is a refusal with its ``refuse_share`` chance;
6. any other state refuses the attacker of an open armed attack and grants the others.

Montreux (Arts 19-21): while the straits' controller is not at war, a belligerent's warships do not pass, except
to return to their base in the enclosed sea.
"""

from __future__ import annotations

from .enums import Doctrine, Gravity, StateId
from .events import EventKind, Reason
from .model import Scenario
from .rng import uniform
from .world import Permission, WorldState

KINDS = ("transit", "overflight", "basing", "straits")


def key(grantor: StateId, kind: str, beneficiary: StateId) -> str:
    return f"{grantor}:{kind}:{beneficiary}"


def allies(scenario: Scenario, a: StateId, b: StateId, day: object) -> bool:
    """``a`` and ``b`` share a defence treaty in force on ``day`` (memoised per scenario)."""
    memo = scenario.route_cache.setdefault("allies", {})
    assert isinstance(memo, dict)
    k = (a, b, day) if a < b else (b, a, day)
    hit = memo.get(k)
    if hit is None:
        hit = memo[k] = _allies(scenario, a, b, day)
    return bool(hit)


def _allies(scenario: Scenario, a: StateId, b: StateId, day: object) -> bool:
    for tr in scenario.treaties:
        if (
            tr.in_force.contains(day)  # type: ignore[arg-type]
            and tr.is_party(a, day)  # type: ignore[arg-type]
            and tr.is_party(b, day)  # type: ignore[arg-type]
            and any(x.kind.value == "defence" for x in tr.articles)
        ):
            return True
    return False


def at_war(world: WorldState, a: StateId, b: StateId) -> bool:
    """An open attack (a use of force or graver) runs between ``a`` and ``b``, either way."""
    for att in world.attacks.values():
        if att.ended or att.gravity < Gravity.USE_OF_FORCE:
            continue
        if {att.spec.attacker, att.spec.victim} == {a, b}:
            return True
    return False


def enemies(world: WorldState, sid: StateId) -> set[StateId]:
    """The states ``sid`` is fighting: the other side of its open attacks (use of force or graver), and the
    states whose forces are engaged on the other side."""
    out: set[StateId] = set()
    for att in world.attacks.values():
        if att.ended or att.gravity < Gravity.USE_OF_FORCE:
            continue
        if att.spec.attacker == sid:
            out.add(att.spec.victim)
        elif att.spec.victim == sid:
            out.add(att.spec.attacker)
    return out


def belligerent(world: WorldState, sid: StateId) -> bool:
    """A party to an open armed attack, as attacker or victim, or a state with forces sent to fight in one."""
    for att in world.attacks.values():
        if not att.ended and att.gravity >= Gravity.ARMED_ATTACK and sid in (att.spec.attacker, att.spec.victim):
            return True
    return False


def aggressor_of_open_attack(world: WorldState, sid: StateId) -> bool:
    return any(
        not a.ended and a.gravity >= Gravity.ARMED_ATTACK and a.spec.attacker == sid for a in world.attacks.values()
    )


def decide(
    scenario: Scenario,
    world: WorldState,
    grantor: StateId,
    kind: str,
    beneficiary: StateId,
    *,
    turn: int,
    seed: int,
    controlled: frozenset[StateId],
    own_defence: bool = False,
    log: object = None,
    record: bool = True,
) -> Permission:
    """``grantor``'s answer to ``beneficiary`` for ``kind``: recorded in the world (and logged) the first time,
    unless ``record`` is false (a route search weighs answers without asking: only the states a route crosses,
    or the states on its direct line that refuse, are asked, so the record never depends on the search)."""
    if grantor == beneficiary:
        return Permission(grantor, kind, beneficiary, True, turn, "its own territory")
    k = key(grantor, kind, beneficiary)
    got = world.permissions.get(k)
    if got is not None and (got.pending_until is None or got.pending_until > turn):
        return got
    if got is not None and got.pending_until is not None and got.pending_until <= turn:
        return _after_consultation(scenario, world, got, turn, seed, log, record=record)
    if grantor in controlled:
        p = Permission(grantor, kind, beneficiary, False, turn, "awaiting the decision of its seat", by="seat")
        if record:
            world.permissions[k] = p
            _log(scenario, log, p, f"{_name(scenario, beneficiary)} asks {_name(scenario, grantor)} for {kind}")
        return p
    p = _policy(scenario, world, grantor, kind, beneficiary, turn, seed, own_defence)
    if record:
        world.permissions[k] = p
        _log(scenario, log, p, None)
    return p


def _policy(
    scenario: Scenario,
    world: WorldState,
    grantor: StateId,
    kind: str,
    beneficiary: StateId,
    turn: int,
    seed: int,
    own_defence: bool,
) -> Permission:
    day = scenario.date_of(turn)
    st = scenario.states.get(grantor)
    pol = scenario.military.transit_of.get(grantor)
    name_b = _name(scenario, beneficiary)
    if st is None:
        return Permission(grantor, kind, beneficiary, False, turn, "not a state of the scenario")
    if beneficiary in enemies(world, grantor):
        return Permission(grantor, kind, beneficiary, False, turn, f"at war with {name_b}")
    ally = allies(scenario, grantor, beneficiary, day)
    if st.doctrine is Doctrine.AGGRESSOR and not ally:
        return Permission(grantor, kind, beneficiary, False, turn, f"aggressor doctrine: closed to {name_b}")
    if pol is not None and pol.policy == "closed":
        return Permission(grantor, kind, beneficiary, False, turn, f"closed to foreign military {kind}. {pol.source}")
    if pol is not None and pol.policy == "neutral":
        if belligerent(world, beneficiary):
            return Permission(
                grantor,
                kind,
                beneficiary,
                False,
                turn,
                f"neutral: no {kind} for a belligerent (Hague Convention V, 1907, Arts 2 and 5). {pol.source}",
            )
        return Permission(grantor, kind, beneficiary, True, turn, f"neutral, {name_b} is not a belligerent")
    if ally:
        if pol is not None and pol.policy == "consult" and kind == "basing" and not own_defence:
            draw = uniform(seed, "consultation length", "consultation", grantor, beneficiary)
            days = draw.value * pol.consult_days
            until = turn + max(1, round(days / scenario.turn_length_days))
            return Permission(
                grantor,
                kind,
                beneficiary,
                False,
                turn,
                f"prior consultation on combat operations from its bases (not in its own defence): an answer on "
                f"turn {until}. {pol.source}",
                pending_until=until,
            )
        return Permission(grantor, kind, beneficiary, True, turn, f"{name_b} is a treaty ally")
    if aggressor_of_open_attack(world, beneficiary):
        return Permission(grantor, kind, beneficiary, False, turn, f"{name_b} is the aggressor in an open armed attack")
    return Permission(grantor, kind, beneficiary, True, turn, f"{name_b} is not an aggressor")


def _after_consultation(
    scenario: Scenario, world: WorldState, p: Permission, turn: int, seed: int, log: object, *, record: bool = True
) -> Permission:
    pol = scenario.military.transit_of.get(p.grantor)
    share = pol.refuse_share if pol is not None else 0.0
    draw = uniform(seed, "consultation answer", "consultation answer", p.grantor, p.beneficiary, p.kind)
    ok = draw.value >= share
    q = Permission(
        p.grantor,
        p.kind,
        p.beneficiary,
        ok,
        turn,
        ("agrees after consultation" if ok else "refuses after consultation") + f" (a {share:.0%} chance of refusal)",
    )
    if record:
        world.permissions[key(p.grantor, p.kind, p.beneficiary)] = q
        _log(scenario, log, q, None)
    return q


def _name(scenario: Scenario, sid: StateId) -> str:
    st = scenario.states.get(sid)
    return st.name if st else sid


def _log(scenario: Scenario, log: object, p: Permission, summary: str | None) -> None:
    if log is None:
        return
    what = (
        "grants"
        if p.granted
        else ("consults on" if p.pending_until is not None else "awaits its seat on" if p.by == "seat" else "refuses")
    )
    log.add(  # type: ignore[attr-defined]
        EventKind.PERMISSION,
        p.grantor,
        summary or f"{_name(scenario, p.grantor)} {what} {p.kind} for {_name(scenario, p.beneficiary)}",
        reasons=[Reason("permission", p.reason, p.granted)],
        data={"grantor": p.grantor, "kind": p.kind, "beneficiary": p.beneficiary, "granted": p.granted, "by": p.by},
    )
