"""What the map shows: colours, tooltips, markers and arrows computed from a game's world.

Pure functions of (scenario, world), no Qt: the GUI hands their results to its map widget, and the
report turns :func:`snapshot` pictures into images; both draw with :mod:`wargame.render.map`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wargame.engine import (
    ArticleKind,
    AttackKind,
    AttackSpec,
    Doctrine,
    ForceStatus,
    Gravity,
    LocationKind,
    Scenario,
    ScopeResult,
    TargetKind,
    VerdictCode,
    WorldState,
)
from wargame.engine.verdicts import AttackView, evaluate_scope, verdicts_for

from . import describe, palette
from .mapmodel import Arrow, LegendEntry, MapPicture, Marker, load_outlines

MODES: tuple[str, ...] = (
    "Alliances",
    "Defence ties",
    "Treaty",
    "Verdicts",
    "Drawn in",
    "Opinion",
    "Budget strain",
)
"""Colour modes, in the order of the toolbar combo."""

WEST_ANCHORS = frozenset({"USA", "GBR", "FRA", "CAN"})
"""A treaty with one of these among its parties belongs to the Western system (cool colours)."""
EAST_ANCHORS = frozenset({"RUS", "CHN", "PRK", "IRN"})
"""A treaty with one of these (and none of the Western anchors) belongs to the Eastern system (warm colours)."""

#: Verdict code → (colour, rank); a state in several verdicts shows the highest rank.
VERDICT_COLORS: dict[str, tuple[str, int]] = {
    "TRIGGERED": (palette.BLUE, 9),
    "CONSULT": (palette.SKY_BLUE, 8),
    "ATTRIBUTION_PENDING": (palette.YELLOW, 7),
    "NOT_REQUESTED": (palette.YELLOW, 6),
    "BELOW_THRESHOLD": (palette.ORANGE, 5),
    "AMBIGUOUS_SCOPE": (palette.REDDISH_PURPLE, 4),
    "OUT_OF_SCOPE": (palette.REDDISH_PURPLE, 4),
    "ADVERSARY_EXCLUDED": (palette.REDDISH_PURPLE, 3),
    "VICTIM_INITIATED": (palette.REDDISH_PURPLE, 3),
    "SUSPENDED": (palette.NO_DATA, 2),
    "NOT_A_PARTY": (palette.NO_DATA, 1),
    "NOT_IN_FORCE": (palette.NO_DATA, 1),
}


@dataclass
class MapLayer:
    """Everything one colour mode puts on the map."""

    colors: dict[str, str] = field(default_factory=dict)
    tooltips: dict[str, str] = field(default_factory=dict)
    marker_colors: dict[str, str] = field(default_factory=dict)
    """Marker id → colour, overriding the default (the treaty mode colours places by scope)."""
    legend: list[tuple[str, str]] = field(default_factory=list)
    title: str = ""
    entries: list[LegendEntry] = field(default_factory=list)
    """The key's rows with their patterns and where they apply (when set, drawn instead of ``legend``)."""
    patterns: dict[str, str] = field(default_factory=dict)
    stripes: dict[str, str] = field(default_factory=dict)
    part_fills: list[tuple[str, float, float, str]] = field(default_factory=list)

    def legend_entries(self) -> tuple[LegendEntry, ...]:
        """The key's rows: ``entries``, or ``legend`` as plain swatches."""
        if self.entries:
            return tuple(self.entries)
        return tuple(LegendEntry(text, color) for text, color in self.legend)


# ------------------------------------------------------------------------------------------
# Alliances: blocs, colours that never repeat, who must defend whom
# ------------------------------------------------------------------------------------------


def defence_treaties(scenario: Scenario, day: dt.date) -> list:
    """The treaties with a mutual-defence article in force on ``day``, largest first (then in scenario order):
    what the alliances map colours (a memorandum of assurances or a cooperation pact is not an alliance)."""
    out = [
        t
        for t in scenario.treaties
        if t.in_force.contains(day) and any(a.kind is ArticleKind.DEFENCE for a in t.articles) and t.parties_on(day)
    ]
    order = {t.id: i for i, t in enumerate(scenario.treaties)}
    return sorted(out, key=lambda t: (-len(t.parties_on(day)), order[t.id]))


def bloc(treaty, day: dt.date) -> str:
    """``west``, ``east`` or ``other``: by the anchors among the parties (:data:`WEST_ANCHORS`, :data:`EAST_ANCHORS`)."""
    parties = set(treaty.parties_on(day))
    west, east = bool(parties & WEST_ANCHORS), bool(parties & EAST_ANCHORS)
    return "west" if west and not east else "east" if east and not west else "other"


def alliance_colors(scenario: Scenario, day: dt.date) -> dict[str, tuple[str, str]]:
    """Treaty id → (colour, pattern): cool hues for the Western system, warm for the Eastern, greys for the rest,
    each colour used once. A family that runs out of colours (more than nine Western treaties) starts again with
    a hatch over the colour, so that no two treaties look the same even then."""
    families = {"west": palette.COOL, "east": palette.WARM, "other": palette.NEUTRAL}
    used = {"west": 0, "east": 0, "other": 0}
    patterns = ("solid", "hatch", "backhatch", "crosshatch")
    out: dict[str, tuple[str, str]] = {}
    for t in defence_treaties(scenario, day):
        b = bloc(t, day)
        i = used[b]
        used[b] += 1
        colors = families[b]
        out[t.id] = (colors[i % len(colors)], patterns[(i // len(colors)) % len(patterns)])
    return out


def _attacker_for(scenario: Scenario, sid: str, day: dt.date) -> str:
    """A hypothetical attacker of ``sid`` for the defence-ties mode: an aggressor that is not its ally, else any
    state that shares no treaty with it."""
    allied = {p for t in scenario.treaties if t.is_party(sid, day) for p in t.parties_on(day)}
    states = [k for k, st in scenario.states.items() if not st.non_state and k != sid]
    for k in states:
        if scenario.states[k].doctrine is Doctrine.AGGRESSOR and k not in allied:
            return k
    return next((k for k in states if k not in allied), states[0] if states else sid)


def _guarantors(scenario: Scenario, victim: str, day: dt.date) -> tuple[set[str], set[str]]:
    """(states that must defend ``victim``, states that must consult with it) if it suffered an armed attack on its
    own territory, by the engine's own verdict gates."""
    loc = victim if victim in scenario.locations else ""
    if not loc:
        return set(), set()
    spec = AttackSpec(_attacker_for(scenario, victim, day), victim, loc, AttackKind.INVASION, casualties=1000)
    view = AttackView("H", spec, Gravity.STATE_OF_WAR, 1.0, True, (victim,))
    defend: set[str] = set()
    consult: set[str] = set()
    ids = {t.id for t in defence_treaties(scenario, day)}
    for v in verdicts_for(scenario, view, day):
        if v.treaty not in ids:
            continue
        if v.code is VerdictCode.TRIGGERED:
            defend.update(v.guarantors)
        elif v.code is VerdictCode.CONSULT:
            consult.update(v.guarantors)
    defend.discard(victim)
    consult.discard(victim)
    return defend, consult - defend


def defence_ties(scenario: Scenario, day: dt.date, sid: str) -> dict[str, str]:
    """Each state tied to ``sid`` by a defence treaty → ``both`` (they must defend each other), ``defends`` (it
    must defend ``sid`` only), ``defended`` (``sid`` must defend it only) or ``consult`` (consultation only)."""
    if sid not in scenario.states:
        return {}
    theirs, consult = _guarantors(scenario, sid, day)
    partners = {p for t in defence_treaties(scenario, day) if t.is_party(sid, day) for p in t.parties_on(day)}
    partners.discard(sid)
    mine = {p for p in partners if sid in _guarantors(scenario, p, day)[0]}
    out: dict[str, str] = {}
    for p in sorted(partners | theirs | consult):
        if p in theirs and p in mine:
            out[p] = "both"
        elif p in theirs:
            out[p] = "defends"
        elif p in mine:
            out[p] = "defended"
        elif p in consult:
            out[p] = "consult"
    return out


TIES: dict[str, tuple[str, str, str]] = {
    "both": (palette.BLUE, "solid", "must defend each other"),
    "defends": (palette.SKY_BLUE, "hatch", "must defend {name} (not the other way)"),
    "defended": (palette.ORANGE, "backhatch", "{name} must defend it (not the other way)"),
    "consult": (palette.YELLOW, "stipple", "must consult with {name} only"),
}
"""Defence-ties categories: colour, pattern and the key's words ({name}: the selected state)."""


# ------------------------------------------------------------------------------------------
# Sides: who is friend and who is hostile, from a viewpoint
# ------------------------------------------------------------------------------------------


def allies_of(scenario: Scenario, sid: str, day: dt.date) -> set[str]:
    """The parties of every defence treaty ``sid`` belongs to on ``day`` (``sid`` left out)."""
    return set(_allies(scenario, day).get(sid, frozenset()))


_ALLIES: dict[tuple[int, dt.date], dict[str, frozenset[str]]] = {}


def _allies(scenario: Scenario, day: dt.date) -> dict[str, frozenset[str]]:
    """Each state's allies on ``day`` (remembered for the last few scenario/day pairs)."""
    key = (id(scenario), day)
    got = _ALLIES.get(key)
    if got is None:
        acc: dict[str, set[str]] = {}
        for t in defence_treaties(scenario, day):
            parties = t.parties_on(day)
            for p in parties:
                acc.setdefault(p, set()).update(parties)
        got = {k: frozenset(v - {k}) for k, v in acc.items()}
        if len(_ALLIES) > 8:
            _ALLIES.clear()
        _ALLIES[key] = got
    return got


def aggressors(scenario: Scenario, world: WorldState) -> set[str]:
    """States that attacked someone (as attributed), the aggressor AI's states and the aggressor doctrine's."""
    out = {getattr(a, "attacker", None) or a.spec.attacker for a in world.attacks.values()}
    if scenario.ai_aggressors:  # the scenario names who may be the aggressor: the others are not in this crisis
        return out | set(scenario.ai_aggressors)
    return out | {k for k, st in scenario.states.items() if st.doctrine is Doctrine.AGGRESSOR}


def sides(scenario: Scenario, world: WorldState, viewpoint: Iterable[str] = ()) -> dict[str, str]:
    """Every state's affiliation (``friend``, ``hostile``, ``neutral``) from ``viewpoint``: the seats being played,
    or with none the facilitator's view, where the friends are the attacked side. Friends are the viewpoint's states
    and their allies; hostiles are those who attacked a friend (or whom a friend attacked, with their allies), and
    the aggressors; everyone else is neutral. Non-state actors that attacked are hostile too."""
    day = scenario.date_of(world.turn)
    bad = aggressors(scenario, world)
    view = [v for v in viewpoint if v in scenario.states]
    if not view:  # the facilitator: the defending side is "friendly"
        view = sorted({a.spec.victim for a in world.attacks.values()} - bad)
        if not view:
            targets = {p for k in bad for p in scenario.states if p not in bad and p in allies_of(scenario, k, day)}
            view = sorted({k for k, st in scenario.states.items() if not st.non_state} - bad - targets)[:1]
    friends: set[str] = set(view)
    for v in view:
        friends |= allies_of(scenario, v, day)
    if friends & bad and not set(view) & bad:
        friends -= bad
    hostile: set[str] = set()
    for a in world.attacks.values():
        attacker = getattr(a, "attacker", None) or a.spec.attacker
        if a.spec.victim in friends and attacker not in view:
            hostile.add(attacker)
        if attacker in friends:
            hostile.add(a.spec.victim)
            hostile |= allies_of(scenario, a.spec.victim, day) - friends
    if not set(view) & bad:
        hostile |= bad - friends
    out = {}
    for k in scenario.states:
        out[k] = "friend" if k in friends else "hostile" if k in hostile else "neutral"
    return out


# ------------------------------------------------------------------------------------------
# Military symbols (APP-6D / MIL-STD-2525D, 20 digits)
# ------------------------------------------------------------------------------------------

_IDENTITY = {"friend": "3", "hostile": "6", "neutral": "4", "unknown": "1"}

#: (words in a force's kind, symbol set, entity): the first match names the unit icon. Symbol sets: 10 land
#: unit, 01 air, 30 sea surface, 35 sea subsurface. Entities from MIL-STD-2525D's land unit, air and sea tables.
_ICONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("submarine",), "35", "110000"),
    (("carrier",), "30", "120100"),
    (("amphibious_task", "amphibious_group", "expeditionary_unit"), "30", "120700"),
    (("naval", "surface", "task_group", "coast_guard", "maritime", "frigate", "fleet"), "30", "120000"),
    (("bomber",), "01", "110102"),
    (("air_wing", "fighter", "air"), "01", "110100"),
    (("air_defence", "air_defense"), "10", "130100"),
    (("artillery", "missile", "coastal_defence"), "10", "130300"),
    (("armoured", "armored", "tank"), "10", "120500"),
    (("mechanised", "mechanized", "motor_rifle", "stryker", "combined_arms"), "10", "121102"),
    (("marine", "amphibious"), "10", "121101"),
    (("airborne", "air_assault"), "10", "121100"),
    (("corps", "army", "division"), "10", "121000"),
)
_ECHELON = (("brigade", "18"), ("battlegroup", "16"), ("regiment", "17"), ("division", "21"), ("corps", "22"))


def symbol_code(kind: str, affiliation: str, domain: str = "") -> str:
    """The 20-digit APP-6D code of a force of this ``kind`` (its words: "armoured_brigade") and ``affiliation``."""
    k = kind.lower()
    sset, entity = "10", "121100"
    if domain == "sea":
        sset, entity = "30", "120000"
    elif domain == "air":
        sset, entity = "01", "110100"
    for words_, s_, e_ in _ICONS:
        if any(w in k for w in words_):
            sset, entity = s_, e_
            break
    echelon = next((code for word, code in _ECHELON if word in k), "00") if sset == "10" else "00"
    return f"100{_IDENTITY.get(affiliation, '1')}{sset}00{echelon}{entity}0000"


def budget_strain(world: WorldState, state: str) -> float:
    """Share (0-100) of the state's operations money already used; 100 when exhausted."""
    n = world.nations.get(state)
    if n is None:
        return 0.0
    funds = sum(t.value for t in n.budget_terms if t.value > 0)
    if n.exhausted or funds <= 0:
        return 100.0 if n.exhausted else 0.0
    return max(0.0, min(100.0, 100.0 * (funds - n.budget_musd) / funds))


def state_tooltips(scenario: Scenario, world: WorldState) -> dict[str, str]:
    """:func:`state_tooltip` of every state (not the non-state actors), the forces and treaties counted once."""
    day = scenario.date_of(world.turn)
    forces: dict[str, int] = {}
    for f in scenario.forces:
        forces[f.owner] = forces.get(f.owner, 0) + 1
    treaties: dict[str, list[str]] = {}
    for t in scenario.treaties:
        short = describe.treaty_short(scenario, t.id)
        for sid in set(t.parties_on(day)):
            treaties.setdefault(sid, []).append(short)
    return {
        sid: state_tooltip(scenario, world, sid, forces=forces.get(sid, 0), treaties=treaties.get(sid, []))
        for sid, st in scenario.states.items()
        if not st.non_state
    }


def state_tooltip(
    scenario: Scenario,
    world: WorldState,
    sid: str,
    *,
    forces: int | None = None,
    treaties: list[str] | None = None,
) -> str:
    """Hover text of a state: name, support, budget, casualties, forces, treaties (``forces`` and ``treaties``:
    its count of forces and its treaties' short names, when already counted)."""
    st = scenario.states[sid]
    day = scenario.date_of(world.turn)
    lines = [f"{st.name} — {describe.words(st.government)}, {describe.words(st.doctrine)}"]
    n = world.nations.get(sid)
    if n is not None:
        lines.append(f"Support {n.support:.0f}% (threshold {st.support_threshold:.0f}%)")
        lines.append(f"Operations budget ${n.budget_musd:,.0f}M (strain {budget_strain(world, sid):.0f}%)")
        if n.casualties:
            lines.append(f"Military deaths {n.casualties:,}")
        if n.attack_killed:
            lines.append(f"Killed by attacks on it {n.attack_killed:,}")
    own = sum(1 for f in scenario.forces if f.owner == sid) if forces is None else forces
    if own:
        lines.append(describe.plural(own, "force"))
    if treaties is None:
        treaties = [describe.treaty_short(scenario, t.id) for t in scenario.treaties if t.is_party(sid, day)]
    if treaties:
        lines.append("Treaties: " + ", ".join(treaties))
    return "\n".join(lines)


def stake(scenario: Scenario, world: WorldState) -> set[str]:
    """States with a stake in the crisis: attackers and victims, the guarantors named by any verdict, and states
    that answered an attack or have forces committed to one."""
    out: set[str] = set()
    for a in world.attacks.values():
        out |= {a.spec.victim, getattr(a, "attacker", None) or a.spec.attacker}
    for v in world.verdicts.values():
        if v.code.value in ("TRIGGERED", "CONSULT"):
            out.update(v.guarantors)
    out |= {k for k, n in world.nations.items() if any(r.value not in ("none",) for r in n.responses.values())}
    return out


def layer(
    scenario: Scenario, world: WorldState, mode: str, *, treaty: str = "", attack: str = "", state: str = ""
) -> MapLayer:
    """Colours and legend for ``mode`` (one of :data:`MODES`); ``state`` is the selected state (defence ties)."""
    if mode not in MODES:
        raise ValueError(f"unknown map mode {mode!r} (one of {', '.join(MODES)})")
    out = MapLayer(tooltips=state_tooltips(scenario, world))
    day = scenario.date_of(world.turn)
    states = [sid for sid, st in scenario.states.items() if not st.non_state]
    if mode == "Alliances":
        out.title = "Alliances (mutual-defence treaties)"
        colors = alliance_colors(scenario, day)
        member: dict[str, list[str]] = {}
        for t in defence_treaties(scenario, day):
            for sid in t.parties_on(day):
                member.setdefault(sid, []).append(t.id)
        for t in defence_treaties(scenario, day):
            color, pattern = colors[t.id]
            b = bloc(t, day)
            tip = f"{t.name}: {describe.plural(len(t.parties_on(day)), 'party', 'parties')}" + (
                {"west": " (Western system)", "east": " (Eastern system)"}.get(b, "")
            )
            out.entries.append(
                LegendEntry(
                    describe.treaty_short(scenario, t.id), color, pattern, where=tuple(t.parties_on(day)), tip=tip
                )  # type: ignore[arg-type]
            )
            out.legend.append((describe.treaty_short(scenario, t.id), color))
        striped: list[str] = []
        for sid, ids in member.items():
            color, pattern = colors[ids[0]]
            out.colors[sid] = color
            if pattern != "solid":
                out.patterns[sid] = pattern
            if len(ids) > 1:
                out.stripes[sid] = colors[ids[1]][0]
                striped.append(sid)
        if striped:
            out.entries.append(
                LegendEntry(
                    "in two or more: stripes of the next",
                    palette.LAND,
                    stripe=palette.BLACK,
                    where=tuple(sorted(striped)),
                    tip="A state in several treaties is filled with its largest treaty's colour and striped with "
                    "the next one's; its tooltip lists them all",
                )
            )
    elif mode == "Defence ties":
        name = scenario.states[state].name if state in scenario.states else ""
        if not name:
            out.title = "Defence ties: click a state"
        else:
            out.title = f"Defence ties of {name}"
            ties = defence_ties(scenario, day, state)
            used: dict[str, list[str]] = {}
            for sid, tie in ties.items():
                color, pattern, _ = TIES[tie]
                out.colors[sid] = color
                if pattern != "solid":
                    out.patterns[sid] = pattern
                used.setdefault(tie, []).append(sid)
            out.colors[state] = palette.BLACK
            out.entries.append(LegendEntry(name, palette.BLACK, where=(state,), tip="the state selected"))
            for tie in TIES:
                if tie in used:
                    color, pattern, text = TIES[tie]
                    out.entries.append(
                        LegendEntry(
                            text.format(name=name),
                            color,
                            pattern,
                            where=tuple(used[tie]),  # type: ignore[arg-type]
                            tip=", ".join(describe.state(scenario, k) for k in used[tie]),
                        )
                    )
            if not used:
                out.entries.append(LegendEntry(f"no defence ties: {name} stands alone", palette.LAND))
    elif mode == "Treaty":
        t = next((x for x in scenario.treaties if x.id == treaty), scenario.treaties[0] if scenario.treaties else None)
        if t is not None:
            out.title = f"{describe.treaty_short(scenario, t.id)}: parties and the treaty area"
            out.legend = [
                ("party, in the treaty area", palette.ALLY),
                ("party, obligations suspended", palette.PARTNER),
                ("party, outside the treaty area", palette.NO_DATA),
                ("ambiguous scope", palette.REDDISH_PURPLE),
            ]
            for sid in t.parties_on(day):
                suspended = any(
                    s.applies(sid, "*", day) or s.applies("*", sid, day)
                    for s in t.suspensions
                    if "*" in (s.guarantor, s.beneficiary)
                )
                res = _scope_of(scenario, t, sid, sid, day)
                if suspended:
                    out.colors[sid] = palette.PARTNER
                elif res is ScopeResult.AMBIGUOUS:
                    out.colors[sid] = palette.REDDISH_PURPLE
                else:
                    out.colors[sid] = palette.ALLY if res is not ScopeResult.OUT else palette.NO_DATA
            for loc in scenario.locations.values():
                if loc.kind is LocationKind.STATE:
                    continue
                victim = loc.administered_by
                if loc.kind is LocationKind.SEA:
                    parties = t.parties_on(day)
                    victim = parties[0] if parties else None
                if victim is None or not t.is_party(victim, day):
                    continue
                res = _scope_of(scenario, t, victim, loc.id, day)
                out.marker_colors[f"place:{loc.id}"] = (
                    {
                        ScopeResult.IN: palette.ALLY,
                        ScopeResult.AMBIGUOUS: palette.REDDISH_PURPLE,
                    }.get(res, palette.NO_DATA)
                    if res is not None
                    else palette.NO_DATA
                )
                if loc.kind in (LocationKind.OVERSEAS, LocationKind.ISLAND) and victim in out.colors:
                    color = out.marker_colors[f"place:{loc.id}"]
                    if loc.id in _shape_codes():  # a place the map draws as its own shape (Greenland)
                        out.colors[loc.id] = color
                    elif color != out.colors[victim]:  # a part of the state's outline (French Guiana)
                        out.part_fills.append((victim, loc.lat, loc.lon, color))
            out.entries = [
                LegendEntry(text, color, where=tuple(k for k, c in out.colors.items() if c == color))
                for text, color in out.legend
            ]
    elif mode == "Verdicts":
        att = world.attacks.get(attack)
        out.title = f"Verdicts for {attack}" if att else "Verdicts: choose an attack"
        if att is not None:
            ranks: dict[str, int] = {}
            used: dict[str, str] = {}
            for vd in world.verdicts.values():
                if vd.attack != attack:
                    continue
                code = vd.code.value
                color, rank = VERDICT_COLORS.get(code, (palette.NO_DATA, 0))
                who = [att.spec.victim, *vd.guarantors]
                for sid in who:
                    if rank > ranks.get(sid, -1):
                        ranks[sid] = rank
                        out.colors[sid] = color
                        used[code] = color
            out.colors[att.spec.attacker] = palette.ATTACK
            out.legend = [
                (code, color) for code, color in sorted(used.items(), key=lambda kv: -VERDICT_COLORS[kv[0]][1])
            ]
            out.legend.append(("attacker", palette.ATTACK))
            out.title = f"Verdicts on {describe.attack(scenario, world, attack, mid=True)}"
            seen: dict[str, str] = {}
            for code, color in out.legend:
                if code == "attacker":
                    text = f"attacker: {describe.state(scenario, att.spec.attacker)}"
                else:
                    text = describe.verdict(code)
                if color in seen:  # codes that share a colour share a row
                    i = next(j for j, e in enumerate(out.entries) if e.color == color)
                    out.entries[i] = replace(out.entries[i], text=f"{out.entries[i].text} / {text}")
                    continue
                seen[color] = code
                pattern = ATTACKER_PATTERN if code == "attacker" else VERDICT_PATTERNS.get(code, "solid")
                out.entries.append(LegendEntry(text, color, pattern, tip=describe.verdict_help(code)))  # type: ignore[arg-type]
                if pattern != "solid":
                    for sid, c in out.colors.items():
                        if c == color:
                            out.patterns[sid] = pattern
    elif mode == "Drawn in":
        att = world.attacks.get(attack)
        if att is None:
            out.title = "Drawn in: choose an attack"
        else:
            out.title = f"Drawn in by {describe.attack(scenario, world, attack, mid=True)}"
            guarantors = {
                g
                for v in world.verdicts.values()
                if v.attack == attack and v.code.value == "TRIGGERED"
                for g in v.guarantors
            }
            rows = {
                "victim": (palette.BLACK, "solid", f"the victim: {describe.state(scenario, att.spec.victim)}"),
                "committed": (palette.BLUE, "solid", "forces committed (mobilising, deploying, fighting)"),
                "answered": (palette.SKY_BLUE, "horizontal", "answering without forces (sanctions, statements)"),
                "owing": (palette.YELLOW, "stipple", "owes help by treaty, no answer yet"),
                "declined": (palette.ORANGE, "backhatch", "declined to help"),
                "attacker": (
                    palette.ATTACK,
                    ATTACKER_PATTERN,
                    f"attacker: {describe.state(scenario, att.spec.attacker)}",
                ),
            }
            used: dict[str, list[str]] = {}
            for sid, n in world.nations.items():
                lv = n.responses.get(attack)
                v = lv.value if lv is not None else "none"
                if sid == att.spec.victim:
                    cat = "victim"
                elif sid == att.spec.attacker:
                    cat = "attacker"
                elif v in ("mobilise", "deploy", "defend", "assault"):
                    cat = "committed"
                elif v in ("sanctions", "statement", "delayed"):
                    cat = "answered"
                elif v == "declined":
                    cat = "declined"
                elif sid in guarantors:
                    cat = "owing"
                else:
                    continue
                used.setdefault(cat, []).append(sid)
            for cat, (color, pattern, text) in rows.items():
                for sid in used.get(cat, []):
                    out.colors[sid] = color
                    if pattern != "solid":
                        out.patterns[sid] = pattern
                if cat in used:
                    out.entries.append(LegendEntry(text, color, pattern, where=tuple(used[cat])))  # type: ignore[arg-type]
                    out.legend.append((text, color))
    elif mode in ("Opinion", "Budget strain"):
        opinion = mode == "Opinion"
        out.title = "Support for defending an ally (%)" if opinion else "Budget strain (% of operations money used)"
        involved = stake(scenario, world)
        grey: list[str] = []
        for sid in states:
            n = world.nations.get(sid)
            if n is None:
                continue
            if involved and sid not in involved:
                out.colors[sid] = palette.NO_DATA
                grey.append(sid)
                continue
            out.colors[sid] = palette.sequential(n.support if opinion else budget_strain(world, sid))
        out.legend = [(f"{v}%", palette.sequential(v)) for v in (0, 25, 50, 75, 100)]
        out.entries = [LegendEntry(f"{v}%", palette.sequential(v)) for v in (0, 25, 50, 75, 100)]
        if grey:
            out.legend.append(("no stake in the crisis", palette.NO_DATA))
            out.entries.append(
                LegendEntry(
                    "no stake in the crisis",
                    palette.NO_DATA,
                    where=tuple(grey),
                    tip="neither attacked nor attacking, named by no verdict, answering no attack",
                )
            )
    return out


def _shape_codes() -> frozenset[str]:
    """The ISO3 codes the bundled map draws as shapes."""
    return frozenset(o.iso3 for o in load_outlines())


def _scope_of(scenario: Scenario, treaty, victim: str, location: str, day) -> ScopeResult | None:
    """The scope result of the treaty's first defence article for an attack on ``location``.

    Territory for land; forces (ships, aircraft) for sea areas. Uses the engine's own scope
    evaluation, so the map and the verdicts cannot disagree.
    """
    art = next((a for a in treaty.articles if a.kind is ArticleKind.DEFENCE), None)
    loc = scenario.locations.get(location)
    if art is None or loc is None:
        return None
    target = TargetKind.FORCES if loc.kind is LocationKind.SEA else TargetKind.TERRITORY
    attacker = next((s for s in scenario.states if s != victim), victim)
    spec = AttackSpec(attacker, victim, location, AttackKind.STRIKE, target=target)
    result, _, _ = evaluate_scope(treaty, art, loc, spec, day)
    return result


def markers(
    scenario: Scenario,
    world: WorldState,
    on_map: set[str] | None = None,
    colors: dict[str, str] | None = None,
    *,
    viewpoint: Iterable[str] = (),
    focus: Iterable[str] = (),
) -> list[Marker]:
    """Places, states missing from the map (``on_map``: the ISO3 codes drawn; default the bundled map's), control
    rings of places held by another state or fought over, forces as military symbols grouped by place and side
    (``viewpoint``: the seats played; none: the facilitator's view, see :func:`sides`) and attacks, labelled in
    words. ``colors`` overrides the colour of markers by id; ``focus`` (the theatre's states) labels first."""
    if on_map is None:
        on_map = {o.iso3 for o in load_outlines()}
    theatre = set(focus)
    side = sides(scenario, world, viewpoint)
    out: list[Marker] = []
    for loc in scenario.locations.values():
        if loc.kind is LocationKind.STATE:
            continue
        owner = describe.state(scenario, loc.administered_by) if loc.administered_by else "nobody"
        out.append(
            Marker(
                f"place:{loc.id}",
                loc.lat,
                loc.lon,
                loc.name,
                "place",
                tooltip=f"{loc.name} — {describe.words(loc.kind)}, administered by {owner}"
                + (
                    f"; claimed by {', '.join(describe.state(scenario, c) for c in loc.claimants)}"
                    if loc.claimants
                    else ""
                ),
                priority=1 if loc.administered_by in theatre else 0,
            )
        )
    for sid, st in scenario.states.items():
        if sid not in on_map and not st.non_state:
            out.append(Marker(f"state:{sid}", st.lat, st.lon, st.name, "state", tooltip=st.name))
    out += _control_markers(scenario, world, side)
    out += force_markers(scenario, world, side)
    out += _attack_markers(scenario, world)
    if colors:
        out = [replace(m, color=colors[m.id]) if m.id in colors else m for m in out]
    return out


def _control_markers(scenario: Scenario, world: WorldState, side: dict[str, str]) -> list[Marker]:
    """A ring around each place held by another state than the one that administers it (solid, in the holder's
    side's colour) or under an invasion still going on (dashed)."""
    out: list[Marker] = []
    fought = {
        a.spec.location
        for a in world.attacks.values()
        if a.spec.kind is AttackKind.INVASION and not getattr(a, "ended", False)
    }
    for lid, loc in scenario.locations.items():
        holder = world.control.get(lid, loc.administered_by)
        held = holder is not None and loc.administered_by not in (None, holder)
        if not held and lid not in fought:
            continue
        aff = side.get(holder or "", "unknown")
        name = describe.state(scenario, holder) if holder else "nobody"
        if held:
            label = f"held by {name}"
            tip = (
                f"{loc.name} is held by {name} (administered by {describe.state(scenario, loc.administered_by or '')})"
            )
        else:
            label = f"contested, {name} holds"
            tip = f"{loc.name} is fought over; {name} still holds it"
        out.append(
            Marker(
                f"control:{lid}",
                loc.lat,
                loc.lon,
                label,
                "control",
                color=palette.AFFILIATION_DARK.get(aff, palette.BLACK),
                tooltip=tip,
                affiliation=aff,  # type: ignore[arg-type]
                dashed=not held,
                priority=2,
            )
        )
    return out


_SIDE_WORDS = {"friend": "friendly", "hostile": "hostile", "neutral": "neutral", "unknown": "unknown"}
_OFFSETS = {"friend": (-15.0, 0.0), "hostile": (15.0, 0.0), "neutral": (0.0, 17.0), "unknown": (0.0, -17.0)}


def force_markers(scenario: Scenario, world: WorldState, side: dict[str, str]) -> list[Marker]:
    """One military symbol per place and side: the icon of its strongest force, the count of forces on it, and
    every force in the tooltip (forces in transit are arrows; destroyed ones are gone)."""
    groups: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for fid, fs in sorted(world.forces.items()):
        if fs.status in (ForceStatus.IN_TRANSIT, ForceStatus.DESTROYED):
            continue
        try:
            fd = scenario.force(fid)
        except KeyError:
            continue
        aff = side.get(fd.owner, "unknown")
        groups.setdefault((fs.location, aff), []).append((fd.combat_power * fs.strength, fid, fd.owner))
    places: dict[str, list[str]] = {}
    for lid, aff in groups:
        places.setdefault(lid, []).append(aff)
    out: list[Marker] = []
    for (lid, aff), items in sorted(groups.items()):
        loc = scenario.locations.get(lid)
        if loc is None:
            continue
        items.sort(key=lambda x: (-x[0], x[1]))
        lead = scenario.force(items[0][1])
        lines = []
        for _power, fid, owner in items:
            fd, fs = scenario.force(fid), world.forces[fid]
            lines.append(
                f"{fd.name} ({describe.state(scenario, owner)}): {describe.words(fs.status)}, {fs.strength:.0%}"
            )
        owners = sorted({o for _p, _f, o in items})
        who = ", ".join(describe.state(scenario, o) for o in owners[:3]) + (" …" if len(owners) > 3 else "")
        n = len(items)
        out.append(
            Marker(
                f"forces:{lid}:{aff}",
                loc.lat,
                loc.lon,
                "",
                "force",
                tooltip=f"{describe.plural(n, _SIDE_WORDS[aff] + ' force')} at {loc.name} ({who}):\n"
                + "\n".join(lines),
                symbol=symbol_code(lead.kind, aff, getattr(getattr(lead, "domain", None), "value", "")),
                affiliation=aff,  # type: ignore[arg-type]
                count=n,
                offset=_OFFSETS[aff] if len(places[lid]) > 1 else (0.0, 0.0),
            )
        )
    return out


def _attack_markers(scenario: Scenario, world: WorldState) -> list[Marker]:
    """One burst per attack; where several hit one place, the gravest (then the latest) carries the label and the
    tooltip lists them all."""
    by_place: dict[str, list] = {}
    for att in world.attacks.values():
        if att.spec.location in scenario.locations:
            by_place.setdefault(att.spec.location, []).append(att)
    out: list[Marker] = []
    for lid, atts in by_place.items():
        loc = scenario.locations[lid]
        atts.sort(key=lambda a: (int(a.gravity), int(a.id[1:]) if a.id[1:].isdigit() else 0))
        lead = atts[-1]
        tip = "\n".join(
            f"{describe.attack(scenario, world, a.id)}: "
            f"{describe.plural(a.spec.casualties, 'casualty', 'casualties')}, {describe.gravity(a.gravity)}"
            for a in reversed(atts)
        )
        for a in atts:
            out.append(
                Marker(
                    f"attack:{a.id}",
                    loc.lat,
                    loc.lon,
                    describe.attack(scenario, world, a.id) if a is lead else "",
                    "attack",
                    tooltip=tip,
                    priority=3 if a is lead else 0,
                )
            )
    return out


def arrows(scenario: Scenario, world: WorldState) -> list[Arrow]:
    """One arrow per route taken by forces in transit (land, sea lanes, air detours; the great circle when the
    world records none), forces on the same route between the same places drawn as one, labelled in words: which
    force or how many, and when they arrive. The id is ``move:FORCE`` (the first force on it)."""
    groups: dict[tuple[str, str, tuple[tuple[float, float], ...]], list[str]] = {}
    for fid, fs in sorted(world.forces.items()):
        if fs.status is ForceStatus.IN_TRANSIT and fs.destination:
            via = tuple(tuple(p) for leg in fs.legs for p in leg.points)  # the route it takes (issue 11)
            groups.setdefault((fs.location, fs.destination, via), []).append(fid)  # type: ignore[arg-type]
    out: list[Arrow] = []
    for (a_id, b_id, via), fids in groups.items():
        a, b = scenario.locations.get(a_id), scenario.locations.get(b_id)
        if a is None or b is None:
            continue
        turns = [world.forces[f].arrive_turn for f in fids if world.forces[f].arrive_turn is not None]
        when = f", arrive {scenario.date_of(min(turns)).strftime('%d %b')}" if turns else ""
        names = [scenario.force(f).name for f in fids]
        label = (names[0] if len(fids) == 1 else describe.plural(len(fids), "force")) + when
        out.append(Arrow(f"move:{fids[0]}", (a.lat, a.lon), (b.lat, b.lon), label, via=via))  # type: ignore[arg-type]
    return out


# ------------------------------------------------------------------------------------------
# The report's map snapshots
# ------------------------------------------------------------------------------------------

OCCUPIED = "#4d2600"
"""Fill of a state held by another state (dark, hatched: it reads as held in grey print too)."""


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


def _held(scenario: Scenario, world: WorldState) -> dict[str, str]:
    """Location → holder, for places held by a state other than the one that administers them."""
    return {
        k: v
        for k, v in world.control.items()
        if k in scenario.locations and scenario.locations[k].administered_by not in (None, v)
    }


#: Verdict code → fill pattern of the report's maps: with the colours of :data:`VERDICT_COLORS` they
#: keep the codes apart in grey print (the attacker is cross-hatched, a state held by another hatched).
VERDICT_PATTERNS: dict[str, str] = {
    "TRIGGERED": "solid",
    "CONSULT": "horizontal",
    "ATTRIBUTION_PENDING": "stipple",
    "NOT_REQUESTED": "stipple",
    "BELOW_THRESHOLD": "vertical",
    "AMBIGUOUS_SCOPE": "backhatch",
    "OUT_OF_SCOPE": "backhatch",
    "ADVERSARY_EXCLUDED": "backhatch",
    "VICTIM_INITIATED": "backhatch",
    "SUSPENDED": "solid",
    "NOT_A_PARTY": "solid",
    "NOT_IN_FORCE": "solid",
}
ATTACKER_PATTERN = "crosshatch"
OTHER_ATTACK = "#505050"
"""Marker colour of the attacks a report map is not about."""


def attack_box(
    scenario: Scenario, world: WorldState, attack: str, aspect: float = 2.0
) -> tuple[float, float, float, float]:
    """A lat/lon box around one attack (its place and the capitals of attacker and victim), widened to
    ``aspect`` (width / height, in degrees as drawn) so that it fills a map of that shape."""
    att = world.attacks.get(attack)
    if att is None:
        return map_box(scenario, world)
    pts: list[tuple[float, float]] = []
    loc = scenario.locations.get(att.spec.location)
    if loc is not None:
        pts.append((loc.lat, loc.lon))
    for sid in (att.spec.victim, att.spec.attacker):
        st = scenario.states.get(sid)
        if st is not None and not st.non_state:
            pts.append((st.lat, st.lon))
    if not pts:
        return map_box(scenario, world)
    lat0, lat1 = min(p[0] for p in pts), max(p[0] for p in pts)
    lon0, lon1 = min(p[1] for p in pts), max(p[1] for p in pts)
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    half_lat = max((lat1 - lat0) / 2 + 4.0, 6.5)
    half_lon = max((lon1 - lon0) / 2 + 6.0, half_lat * aspect)
    half_lat = max(half_lat, half_lon / aspect)
    return (max(-85.0, clat - half_lat), min(85.0, clat + half_lat), clon - half_lon, clon + half_lon)


def _grouped_arrows(scenario: Scenario, world: WorldState) -> list[Arrow]:
    """One arrow per (origin, destination, route) of the forces in transit, along the route they take (as the
    window draws them), labelled with how many and the first arrival."""
    groups: dict[tuple[str, str, tuple[tuple[float, float], ...]], list[int]] = {}
    for _fid, fs in sorted(world.forces.items()):
        if fs.status is ForceStatus.IN_TRANSIT and fs.destination:
            via = tuple((float(p[0]), float(p[1])) for leg in fs.legs for p in leg.points)
            groups.setdefault((fs.location, fs.destination, via), []).append(
                fs.arrive_turn if fs.arrive_turn is not None else -1
            )
    out = []
    for n, ((a_id, b_id, via), turns) in enumerate(sorted(groups.items())):
        a, b = scenario.locations.get(a_id), scenario.locations.get(b_id)
        if a is None or b is None or (a.lat, a.lon) == (b.lat, b.lon):
            continue
        known = [t for t in turns if t >= 0]
        when = f" → {scenario.date_of(min(known)).strftime('%d %b')}" if known else ""
        out.append(Arrow(f"move:{a_id}>{b_id}#{n}", (a.lat, a.lon), (b.lat, b.lon), f"{len(turns)}{when}", via=via))
    return out


def snapshot(
    scenario: Scenario,
    world: WorldState,
    attack: str,
    box: tuple[float, float, float, float] | None = None,
    *,
    print_ready: bool = False,
) -> MapPicture:
    """The report's map at ``world``: the "Verdicts" colours for ``attack``, states held by another state
    dark and hatched, and only the markers that matter (attacks, forces, places held by another state).

    ``print_ready`` adds what grey print needs: a pattern per verdict code (:data:`VERDICT_PATTERNS`), the
    attacker cross-hatched, the other attacks' markers grey, arrows grouped by route, and key rows for the
    markers and arrows.
    """
    lay = layer(scenario, world, "Verdicts", attack=attack)
    fills = dict(lay.colors)
    patterns: dict[str, str] = {}
    if print_ready:
        legend = []
        att = world.attacks.get(attack)
        code_of = {color: code for code, color in lay.legend}
        for code, color in lay.legend:
            pat = ATTACKER_PATTERN if code == "attacker" else VERDICT_PATTERNS.get(code, "solid")
            text = f"attacker ({scenario.states[att.spec.attacker].name})" if code == "attacker" and att else code
            legend.append(LegendEntry(text.replace("_", " ").lower() if code != "attacker" else text, color, pat))  # type: ignore[arg-type]
        for sid, color in fills.items():
            code = "attacker" if att is not None and sid == att.spec.attacker else code_of.get(color, "")
            pat = ATTACKER_PATTERN if code == "attacker" else VERDICT_PATTERNS.get(code, "solid")
            if pat != "solid":
                patterns[sid] = pat
    else:
        legend = [LegendEntry(text, color) for text, color in lay.legend]
    held = _held(scenario, world)
    for loc_id in held:
        if scenario.locations[loc_id].kind is LocationKind.STATE:
            fills[loc_id], patterns[loc_id] = OCCUPIED, "hatch"
    if held and any(scenario.locations[k].kind is LocationKind.STATE for k in held):
        legend.append(LegendEntry("held by another state", OCCUPIED, "hatch"))
    keep = {a.spec.location for a in world.attacks.values()} | set(held)
    marks = [
        m
        for m in markers(scenario, world, None, lay.marker_colors)
        if m.kind in ("attack", "force", "control") or (m.kind == "place" and m.id.split(":", 1)[1] in keep)
    ]
    moves = tuple(arrows(scenario, world))
    if print_ready:
        marks = [
            replace(m, color=OTHER_ATTACK) if m.kind == "attack" and m.id != f"attack:{attack}" else m for m in marks
        ]
        marks = [replace(m, label="") if m.kind == "attack" and m.id != f"attack:{attack}" else m for m in marks]
        if attack in world.attacks:  # the attack shown carries the label at its place
            shown = world.attacks[attack]
            marks = [
                replace(m, label=describe.attack(scenario, world, attack))
                if m.id == f"attack:{attack}"
                else (
                    replace(m, label="")
                    if m.kind == "attack"
                    and m.lat == scenario.locations[shown.spec.location].lat
                    and m.lon == scenario.locations[shown.spec.location].lon
                    else m
                )
                for m in marks
            ]
        marks.sort(key=lambda m: m.id == f"attack:{attack}")  # the attack shown is drawn last, on top
        moves = tuple(_grouped_arrows(scenario, world))
        if attack in world.attacks:
            legend.append(LegendEntry(f"attack shown ({attack})", palette.ATTACK, glyph="attack"))
        if len(world.attacks) > 1:
            legend.append(LegendEntry("other attacks", OTHER_ATTACK, glyph="attack"))
        for aff in ("friend", "hostile", "neutral", "unknown"):
            if any(m.kind == "force" and m.affiliation == aff for m in marks):
                legend.append(
                    LegendEntry(f"{_SIDE_WORDS[aff]} forces (how many)", palette.AFFILIATION[aff], glyph=aff)  # type: ignore[arg-type]
                )
        if any(m.kind == "control" for m in marks):
            legend.append(LegendEntry("place held by another state", palette.BLACK, glyph="control"))
        if moves:
            legend.append(LegendEntry("forces in transit", palette.FORCE, glyph="arrow"))
    return MapPicture(
        fills=fills,
        patterns=patterns,  # type: ignore[arg-type]
        tooltips=lay.tooltips,
        markers=tuple(marks),
        arrows=moves,
        legend=tuple(legend),
        legend_title=f"Verdicts for {attack}" if attack in world.attacks else lay.title,
        view=box or map_box(scenario, world),
    )


SYMBOL_SIZE = 30
"""milsymbol's size parameter for the bundled symbols (``tools/build_symbols.py``): about 30 px tall frames."""


def all_symbol_codes() -> set[str]:
    """Every code :func:`symbol_code` can give (for ``tools/build_symbols.py``)."""
    out = set()
    for ident in _IDENTITY:
        for _words, sset, entity in (*_ICONS, ((), "10", "121100"), ((), "30", "120000"), ((), "01", "110100")):
            for _w, ech in (*_ECHELON, ("", "00")):
                if sset != "10" and ech != "00":
                    continue
                out.add(f"100{_IDENTITY[ident]}{sset}00{ech}{entity}0000")
    return out


# ------------------------------------------------------------------------------------------
# A scenario's own views, and the whole picture of a mode
# ------------------------------------------------------------------------------------------


def views(scenario: Scenario) -> dict[str, tuple[float, float, float, float]]:
    """The scenario's views (its ``[map]`` table), the one it opens on first; without one, a "Theatre" view around
    its scripted attacks and aggressors."""
    if getattr(scenario, "map_views", ()):
        return dict(scenario.map_views)
    pts = [
        (scenario.locations[i.attack.location].lat, scenario.locations[i.attack.location].lon)
        for i in scenario.injects
        if i.attack.location in scenario.locations
    ]
    pts += [(scenario.states[s].lat, scenario.states[s].lon) for s in scenario.ai_aggressors if s in scenario.states]
    if not pts:
        return {}
    lat0, lat1 = min(p[0] for p in pts), max(p[0] for p in pts)
    lon0, lon1 = min(p[1] for p in pts), max(p[1] for p in pts)
    pad_lat, pad_lon = max(4.0, (lat1 - lat0) * 0.3), max(6.0, (lon1 - lon0) * 0.3)
    return {"Theatre": (max(-85.0, lat0 - pad_lat), min(85.0, lat1 + pad_lat), lon0 - pad_lon, lon1 + pad_lon)}


def theatre(scenario: Scenario) -> tuple[str, ...]:
    """The states at stake: the scenario's ``[map] theatre``, else the victims of its scripted attacks."""
    if getattr(scenario, "theatre", ()):
        return tuple(scenario.theatre)
    return tuple(sorted({i.attack.victim for i in scenario.injects if i.attack.victim in scenario.states}))


def picture(
    scenario: Scenario,
    world: WorldState,
    mode: str,
    *,
    treaty: str = "",
    attack: str = "",
    state: str = "",
    viewpoint: Iterable[str] = (),
    on_map: set[str] | None = None,
    view: tuple[float, float, float, float] | None = None,
    colours: MapLayer | None = None,
) -> MapPicture:
    """Everything the map shows in ``mode``: fills, patterns, stripes, key (with where each row applies), markers
    (forces from ``viewpoint``), arrows and the theatre to keep clear. ``colours``: the :func:`layer` already made
    for this world and mode (every role's map of a turn shares one)."""
    lay = colours if colours is not None else layer(scenario, world, mode, treaty=treaty, attack=attack, state=state)
    focus = theatre(scenario)
    return MapPicture(
        fills=lay.colors,
        patterns=lay.patterns,  # type: ignore[arg-type]
        tooltips=lay.tooltips,
        markers=tuple(markers(scenario, world, on_map, lay.marker_colors, viewpoint=viewpoint, focus=focus)),
        arrows=tuple(arrows(scenario, world)),
        legend=lay.legend_entries(),
        legend_title=lay.title,
        view=view or next(iter(views(scenario).values()), map_box(scenario, world)),
        stripes=lay.stripes,
        part_fills=tuple(lay.part_fills),
        focus=focus,
    )
