"""What the map shows: colours, tooltips, markers and arrows computed from a game's world.

Pure functions of (scenario, world), no Qt: the GUI hands their results to its map widget, and the
report turns :func:`snapshot` pictures into images; both draw with :mod:`wargame.render.map`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from wargame.engine import (
    ArticleKind,
    AttackKind,
    AttackSpec,
    ForceStatus,
    LocationKind,
    Scenario,
    ScopeResult,
    TargetKind,
    WorldState,
)
from wargame.engine.verdicts import evaluate_scope

from . import palette
from .mapmodel import Arrow, LegendEntry, MapPicture, Marker, load_outlines

MODES: tuple[str, ...] = ("Alliances", "Treaty", "Verdicts", "Opinion", "Budget strain")
"""Colour modes, in the order of the toolbar combo."""

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


def budget_strain(world: WorldState, state: str) -> float:
    """Share (0-100) of the state's operations money already used; 100 when exhausted."""
    n = world.nations.get(state)
    if n is None:
        return 0.0
    funds = sum(t.value for t in n.budget_terms if t.value > 0)
    if n.exhausted or funds <= 0:
        return 100.0 if n.exhausted else 0.0
    return max(0.0, min(100.0, 100.0 * (funds - n.budget_musd) / funds))


def state_tooltip(scenario: Scenario, world: WorldState, sid: str) -> str:
    """Hover text of a state: name, support, budget, casualties, forces, treaties."""
    st = scenario.states[sid]
    day = scenario.date_of(world.turn)
    lines = [f"{st.name} ({sid}) — {st.government.value}, {st.doctrine.value.replace('_', ' ')}"]
    n = world.nations.get(sid)
    if n is not None:
        lines.append(f"Support {n.support:.0f}% (threshold {st.support_threshold:.0f}%)")
        lines.append(f"Operations budget ${n.budget_musd:,.0f}M (strain {budget_strain(world, sid):.0f}%)")
        if n.casualties:
            lines.append(f"Military deaths {n.casualties:,}")
        if n.attack_killed:
            lines.append(f"Killed by attacks on it {n.attack_killed:,}")
    own = [f for f in scenario.forces if f.owner == sid]
    if own:
        lines.append(f"Forces {len(own)}")
    treaties = [t.id for t in scenario.treaties if t.is_party(sid, day)]
    if treaties:
        lines.append("Treaties: " + ", ".join(treaties))
    return "\n".join(lines)


def layer(scenario: Scenario, world: WorldState, mode: str, *, treaty: str = "", attack: str = "") -> MapLayer:
    """Colours and legend for ``mode`` (one of :data:`MODES`)."""
    if mode not in MODES:
        raise ValueError(f"unknown map mode {mode!r} (one of {', '.join(MODES)})")
    out = MapLayer(
        tooltips={
            sid: state_tooltip(scenario, world, sid) for sid in scenario.states if not scenario.states[sid].non_state
        }
    )
    day = scenario.date_of(world.turn)
    states = [sid for sid, st in scenario.states.items() if not st.non_state]
    if mode == "Alliances":
        out.title = "Alliance (first treaty listed)"
        for i, t in enumerate(scenario.treaties):
            color = palette.category(i)
            out.legend.append((t.id, color))
            for sid in t.parties_on(day):
                out.colors.setdefault(sid, color)
    elif mode == "Treaty":
        t = next((x for x in scenario.treaties if x.id == treaty), scenario.treaties[0] if scenario.treaties else None)
        if t is not None:
            out.title = f"{t.id}: parties and scope"
            out.legend = [
                ("party, in scope", palette.ALLY),
                ("party, obligations suspended", palette.PARTNER),
                ("party, out of scope", palette.NO_DATA),
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
    elif mode == "Verdicts":
        att = world.attacks.get(attack)
        out.title = f"Verdicts for {attack}" if att else "Verdicts (no attack selected)"
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
    elif mode == "Opinion":
        out.title = "Support for defending an ally (%)"
        for sid in states:
            n = world.nations.get(sid)
            if n is not None:
                out.colors[sid] = palette.sequential(n.support)
        out.legend = [(f"{v}%", palette.sequential(v)) for v in (0, 25, 50, 75, 100)]
    else:
        out.title = "Budget strain (% of operations money used)"
        for sid in states:
            if sid in world.nations:
                out.colors[sid] = palette.sequential(budget_strain(world, sid))
        out.legend = [(f"{v}%", palette.sequential(v)) for v in (0, 25, 50, 75, 100)]
    return out


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
    scenario: Scenario, world: WorldState, on_map: set[str] | None = None, colors: dict[str, str] | None = None
) -> list[Marker]:
    """Places, states missing from the map (``on_map``: the ISO3 codes drawn; default the bundled map's),
    attacks and forces (grouped by location); ``colors`` overrides the colour of markers by id."""
    if on_map is None:
        on_map = {o.iso3 for o in load_outlines()}
    out: list[Marker] = []
    for loc in scenario.locations.values():
        if loc.kind is LocationKind.STATE:
            continue
        out.append(
            Marker(
                f"place:{loc.id}",
                loc.lat,
                loc.lon,
                loc.name,
                "place",
                tooltip=f"{loc.name} ({loc.id}) — {loc.kind.value}, administered by {loc.administered_by or 'nobody'}"
                + (f"; claimed by {', '.join(loc.claimants)}" if loc.claimants else ""),
            )
        )
    for sid, st in scenario.states.items():
        if sid not in on_map and not st.non_state:
            out.append(Marker(f"state:{sid}", st.lat, st.lon, st.name, "state", tooltip=f"{st.name} ({sid})"))
    for att in world.attacks.values():
        loc = scenario.locations.get(att.spec.location)
        if loc is None:
            continue
        out.append(
            Marker(
                f"attack:{att.id}",
                loc.lat,
                loc.lon,
                att.id,
                "attack",
                tooltip=f"{att.id}: {att.spec.attacker} → {att.spec.victim}, {att.spec.kind.value} at {loc.name}; "
                f"{att.spec.casualties} casualties; gravity {att.gravity.name.lower().replace('_', ' ')}",
            )
        )
    by_loc: dict[str, list[str]] = {}
    for fid, fs in sorted(world.forces.items()):
        if fs.status in (ForceStatus.IN_TRANSIT, ForceStatus.DESTROYED):
            continue
        by_loc.setdefault(fs.location, []).append(f"{fid} ({fs.status.value}, {fs.strength:.0%})")
    for lid, names in sorted(by_loc.items()):
        loc = scenario.locations.get(lid)
        if loc is None:
            continue
        out.append(
            Marker(
                f"forces:{lid}",
                loc.lat,
                loc.lon,
                f"{len(names)} force(s)",
                "force",
                tooltip=f"Forces at {loc.name}:\n" + "\n".join(names),
            )
        )
    if colors:
        out = [replace(m, color=colors[m.id]) if m.id in colors else m for m in out]
    return out


def arrows(scenario: Scenario, world: WorldState) -> list[Arrow]:
    """One arrow per force in transit along the route it takes (land, sea lanes, air detours), labelled with its
    arrival date."""
    out: list[Arrow] = []
    for fid, fs in sorted(world.forces.items()):
        if fs.status is not ForceStatus.IN_TRANSIT or not fs.destination:
            continue
        a, b = scenario.locations.get(fs.location), scenario.locations.get(fs.destination)
        if a is None or b is None:
            continue
        when = scenario.date_of(fs.arrive_turn).isoformat() if fs.arrive_turn is not None else "?"
        via = tuple(p for leg in fs.legs for p in leg.points)
        out.append(Arrow(f"move:{fid}", (a.lat, a.lon), (b.lat, b.lon), f"{fid} → {when}", via=via))
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
    """One arrow per (origin, destination) of the forces in transit, labelled with how many and the first arrival."""
    groups: dict[tuple[str, str], list[int]] = {}
    for _fid, fs in sorted(world.forces.items()):
        if fs.status is ForceStatus.IN_TRANSIT and fs.destination:
            groups.setdefault((fs.location, fs.destination), []).append(
                fs.arrive_turn if fs.arrive_turn is not None else -1
            )
    out = []
    for (a_id, b_id), turns in sorted(groups.items()):
        a, b = scenario.locations.get(a_id), scenario.locations.get(b_id)
        if a is None or b is None or (a.lat, a.lon) == (b.lat, b.lon):
            continue
        known = [t for t in turns if t >= 0]
        when = f" → {scenario.date_of(min(known)).strftime('%d %b')}" if known else ""
        out.append(Arrow(f"move:{a_id}>{b_id}", (a.lat, a.lon), (b.lat, b.lon), f"{len(turns)}{when}"))
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
        if m.kind in ("attack", "force") or (m.kind == "place" and m.id.split(":", 1)[1] in keep)
    ]
    moves = tuple(arrows(scenario, world))
    if print_ready:
        marks = [
            replace(m, color=OTHER_ATTACK) if m.kind == "attack" and m.id != f"attack:{attack}" else m for m in marks
        ]
        shown = world.attacks.get(attack)
        if shown is not None:  # forces at the attack's place would hide its burst: count them in its label
            here = f"forces:{shown.spec.location}"
            count = next((m.label.split(" ")[0] for m in marks if m.id == here), "")
            marks = [
                replace(m, label=f"{attack} ({count} force(s))") if m.id == f"attack:{attack}" and count else m
                for m in marks
                if m.id != here
            ]
        marks.sort(key=lambda m: m.id == f"attack:{attack}")  # the attack shown is drawn last, on top
        moves = tuple(_grouped_arrows(scenario, world))
        if attack in world.attacks:
            legend.append(LegendEntry(f"attack shown ({attack})", palette.ATTACK, glyph="attack"))
        if len(world.attacks) > 1:
            legend.append(LegendEntry("other attacks", OTHER_ATTACK, glyph="attack"))
        if any(m.kind == "force" for m in marks):
            legend.append(LegendEntry("forces (how many)", palette.FORCE, glyph="force"))
        if moves:
            legend.append(LegendEntry("forces in transit", palette.FORCE, glyph="arrow"))
    return MapPicture(
        fills=fills,
        patterns=patterns,  # type: ignore[arg-type]
        tooltips=lay.tooltips,
        markers=tuple(marks),
        arrows=moves,
        legend=tuple(legend),
        legend_title=lay.title,
        view=box or map_box(scenario, world),
    )
