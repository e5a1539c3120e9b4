"""What the after-action report says, decided once (no Qt, no markup): the HTML, PDF and Word writers all
render this one :class:`Report`, so the three formats carry the same content under the same headings.

The order is the order people read an AAR/IP in (HSEEP practice): an executive summary on page 1 (the
scenario, the crisis in five sentences written from the events, the key verdicts with a reason each, the
decisions that mattered, the outcome and score, the branches explored), then the key moments with a map
each, the decisions and verdicts with their reasons, the facilitator's notes and white-cell overrides, the
hotwash (observations, improvement plan, participant feedback), and appendices: the scenario's
assumptions, statistics and charts, the event log aggregated, and (only when asked) every event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.app import AppError, hotwash, open_game
from wargame.app.types import Gravity, Verdict, VerdictCode, decode

if TYPE_CHECKING:  # pragma: no cover
    from wargame.app import Game
    from wargame.app.types import Scenario, WorldState

__all__ = [
    "APPENDIX_HEADINGS",
    "HEADINGS",
    "MAX_MOMENTS",
    "Figure",
    "Moment",
    "Report",
    "attack_words",
    "build_report_model",
    "natural_key",
]

HEADINGS: tuple[str, ...] = (
    "1. Executive summary",
    "2. Key moments",
    "3. Decisions and verdicts",
    "4. Facilitator notes and white-cell overrides",
    "5. Hotwash",
)
APPENDIX_HEADINGS: tuple[str, ...] = (
    "Appendix A. Scenario and assumptions",
    "Appendix B. Statistics and charts",
    "Appendix C. Event log, aggregated",
)
FULL_LOG_HEADING = "Appendix D. Full event log"
MAX_MOMENTS = 8
"""Key moments (each with a map): two maps a page keep a 30-turn game's report within 15 pages."""

_NOT_SHOWN = (VerdictCode.NOT_A_PARTY.value, VerdictCode.NOT_IN_FORCE.value)
_CHARTER_SHOWN = (VerdictCode.TRIGGERED.value, VerdictCode.AMBIGUOUS_SCOPE.value)


def _shown(v: Verdict) -> bool:
    """A verdict worth a line: not 'not a party / not in force', and UN Charter Art 51 (judged for every attack)
    only when a victim without a treaty asked for help (or its standing is contested)."""
    if v.code.value in _NOT_SHOWN:
        return False
    return v.treaty != "UN" or v.code.value in _CHARTER_SHOWN


_KIND_WORDS = {
    "invasion": ("invasion of", ""),
    "strike": ("strike on", ""),
    "missile": ("missile strike on", ""),
    "naval": ("naval attack on", ""),
    "air": ("air attack on", ""),
    "shelling": ("shelling of", ""),
    "cyber": ("cyber attack on", ""),
    "terrorist": ("terrorist attack on", ""),
    "hybrid": ("hybrid attack on", ""),
    "gray_zone": ("grey-zone operation against", ""),
    "airspace_violation": ("violation of", "'s airspace"),
    "threat": ("threat against", ""),
}


def natural_key(text: str) -> list[Any]:
    """Sort key that orders numbers by value: ``A2`` before ``A10``, ``Art 4`` before ``Art 42(7)``."""
    return [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", str(text))]


def _day(scenario: Scenario, turn: int) -> str:
    """``15 Sep 2026``."""
    d = scenario.date_of(turn)
    return f"{d.day} {d.strftime('%b %Y')}"


def _short_day(scenario: Scenario, turn: int) -> str:
    d = scenario.date_of(turn)
    return f"{d.day} {d.strftime('%b')}"


def _name(scenario: Scenario, sid: str) -> str:
    st = scenario.states.get(sid)
    return st.name if st is not None else sid


def _place(scenario: Scenario, loc_id: str) -> str:
    loc = scenario.locations.get(loc_id)
    return loc.name if loc is not None else loc_id


def _names(scenario: Scenario, ids: Iterable[str], limit: int = 6) -> str:
    """``Estonia, Latvia and Poland`` (``… and 12 more``)."""
    names = [_name(scenario, s) for s in ids]
    if len(names) > limit:
        names = [*names[: limit - 1], f"{len(names) - limit + 1} more"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def attack_words(scenario: Scenario, spec: dict[str, Any] | Any, *, with_attacker: bool = True) -> str:
    """An attack in words: ``Russia's invasion of Estonia at Narva``."""
    get = spec.get if isinstance(spec, dict) else lambda k, d=None: getattr(spec, k, d)
    kind = get("kind")
    kind = getattr(kind, "value", kind)
    before, after = _KIND_WORDS.get(str(kind), (f"{str(kind).replace('_', ' ')} against", ""))
    victim = _name(scenario, str(get("victim")))
    target = get("target")
    target = getattr(target, "value", target)
    whose = f"{victim}{after}" if after else (f"{victim}'s forces" if target == "forces" else victim)
    place = _place(scenario, str(get("location")))
    where = "" if place in (victim, str(get("victim"))) else f" at {place}"
    head = f"{_name(scenario, str(get('attacker')))}'s " if with_attacker else ""
    return f"{head}{before} {whose}{where}"


def _span(turns: Iterable[int]) -> str:
    t = sorted(set(turns))
    return f"{t[0]}" if len(t) == 1 else f"{t[0]}–{t[-1]}"


def plural(n: int, word: str) -> str:
    """``1 turn``, ``2 turns``, ``1 day``; words ending in y after a consonant take -ies."""
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"


_GRAVITY_WORDS = {
    "THREAT": "a threat",
    "INCIDENT": "an incident",
    "USE_OF_FORCE": "a use of force",
    "ARMED_ATTACK": "an armed attack",
    "STATE_OF_WAR": "an act of war",
}


def _value(v: Any) -> str:
    """An override's value as a facilitator typed it (70, not 70.0)."""
    return f"{v:g}" if isinstance(v, float) else str(v)


def _article(citation: str) -> str:
    """``North Atlantic Treaty, Art 5`` → ``Art 5``."""
    return citation.rsplit(", ", 1)[-1] if ", " in citation else citation


# ------------------------------------------------------------------------------------------
# The report's pieces
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """An image of the report: a chart or a map (``attack``: the attack a map shows)."""

    name: str
    kind: str
    title: str
    turn: int = 0
    attack: str = ""
    metric: str = ""
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class Moment:
    """A key moment: one line, and the map of the attack it is about."""

    turn: int
    date: str
    text: str
    attack: str
    attack_text: str
    map: Figure
    caption: tuple[tuple[str, str], ...] = ()
    """(verdict or role, the states in it, by name) under the map: the map's facts in words."""


@dataclass(frozen=True)
class VerdictLine:
    turn: int
    date: str
    citation: str
    attack: str
    attack_text: str
    code: str
    reason: str
    gates: tuple[str, ...] = ()
    """Every gate in order: ``✓ party: Estonia is a party on 2026-09-18 [Art 5]``."""


@dataclass(frozen=True)
class Row:
    """A row of the decisions-and-verdicts table (``turns``: one turn or a range, e.g. ``4–10``)."""

    turns: str
    who: str
    what: str
    why: str
    first: int = 0


@dataclass(frozen=True)
class LogLine:
    """A line of the aggregated event log."""

    first: int
    last: int
    kind: str
    text: str
    count: int

    @property
    def turns(self) -> str:
        return f"{self.first}" if self.first == self.last else f"{self.first}–{self.last}"


@dataclass
class Report:
    """Everything the report says, in reading order."""

    title: str
    scenario: str
    period: str
    facts: list[tuple[str, str]]
    briefing: str
    crisis: list[str]
    key_verdicts: list[VerdictLine]
    mattered: list[str]
    outcome: str
    score: list[tuple[bool, str, str, int, int]]
    score_line: str
    branches: list[str]
    moments: list[Moment]
    decisions: list[Row]
    notes: list[tuple[int, str, str]]
    overrides: list[tuple[int, str, str, str]]
    observations: list[dict[str, Any]]
    plan: list[dict[str, Any]]
    ratings: list[hotwash.RatingSummary]
    feedback_count: int
    top_strengths: list[tuple[str, int]]
    top_improvements: list[tuple[str, int]]
    comments: list[tuple[str, str]]
    variant: list[tuple[str, str, str]]
    stats: list[tuple[str, str]]
    charts: list[Figure]
    end_verdicts: list[tuple[str, str, str, str]]
    states_end: list[tuple[str, str, str, str]]
    log: list[LogLine]
    full_log: list[tuple[int, str, str]] | None = None
    headings: tuple[str, ...] = HEADINGS
    appendix_headings: tuple[str, ...] = APPENDIX_HEADINGS
    full_log_heading: str = FULL_LOG_HEADING
    figures: list[Figure] = field(default_factory=list)

    def all_headings(self) -> list[str]:
        """Every section heading in order (the same in every format)."""
        out = [*self.headings, *self.appendix_headings]
        if self.full_log is not None:
            out.append(self.full_log_heading)
        return out


# ------------------------------------------------------------------------------------------
# Reading the game
# ------------------------------------------------------------------------------------------


class _Events:
    """The game's stored events, read once and indexed."""

    def __init__(self, game: Game) -> None:
        self.rows = game.event_rows()
        self.by_kind: dict[str, list[Any]] = {}
        for r in self.rows:
            self.by_kind.setdefault(r.kind, []).append(r)

    def of(self, *kinds: str) -> list[Any]:
        out = [r for k in kinds for r in self.by_kind.get(k, [])]
        return sorted(out, key=lambda r: (r.turn, r.seq)) if len(kinds) > 1 else out


def _data(row: Any) -> dict[str, Any]:
    return dict(row.payload.get("data", {}) or {})


def _attacks(ev: _Events) -> dict[str, dict[str, Any]]:
    """Attack id → its stored state when it entered the world (spec, turn, gravity)."""
    out = {}
    for r in ev.of("attack"):
        att = _data(r).get("attack") or {}
        if att.get("id"):
            out[str(att["id"])] = att
    return out


def _gravity(att: dict[str, Any]) -> int:
    try:
        return int(Gravity[str(att.get("gravity", "THREAT"))])
    except KeyError:
        return 0


def _verdict(row: Any) -> Verdict | None:
    data = _data(row)
    try:
        return decode(Verdict, data["verdict"]) if data.get("verdict") else None
    except (KeyError, TypeError, ValueError):
        return None


def _reason_line(v: Verdict) -> str:
    """One line that says why: the first failed gate, or for a verdict that holds, the threshold and request."""
    gates = list(v.gates)
    failed = next((g for g in gates if g.passed is False), None)
    if failed is not None and v.code.value != "TRIGGERED":
        return failed.detail
    picked = [g.detail for g in gates if g.name in ("threshold", "request", "attribution") and g.passed]
    return "; ".join(picked[:2]) or (gates[-1].detail if gates else "")


def _verdict_lines(game: Game, ev: _Events, attacks: dict[str, dict[str, Any]]) -> list[VerdictLine]:
    """The first verdict of each (article, attack), without the 'not a party / not in force' ones."""
    sc = game.scenario
    out, seen = [], set()
    for r in ev.of("verdict"):
        v = _verdict(r)
        if v is None or not _shown(v) or r.subject in seen:
            continue
        seen.add(r.subject)
        spec = (attacks.get(v.attack) or {}).get("spec") or {}
        out.append(
            VerdictLine(
                r.turn,
                _short_day(sc, r.turn),
                v.citation,
                v.attack,
                attack_words(sc, spec) if spec else v.attack,
                v.code.value,
                _reason_line(v),
                tuple(
                    ("" if x.get("passed") is None else "✓ " if x["passed"] else "✗ ")
                    + f"{x.get('label', '')}: {x.get('detail', '')}"
                    + (f" [{x['citation']}]" if x.get("citation") else "")
                    for x in r.payload.get("reasons", [])
                ),
            )
        )
    return out


def _key_verdicts(lines: list[VerdictLine], attacks: dict[str, dict[str, Any]], limit: int = 6) -> list[VerdictLine]:
    """Per article that held at least once (TRIGGERED), the first time it held, and the first time it did not
    hold for an armed attack or for the first attack; at most ``limit``, in time order."""
    held = {ln.citation for ln in lines if ln.code == "TRIGGERED"}
    serious = {a for a, att in attacks.items() if _gravity(att) >= int(Gravity.ARMED_ATTACK)}
    first = lines[0].attack if lines else ""
    picked: dict[tuple[str, str], VerdictLine] = {}
    for ln in lines:
        if ln.citation not in held:
            continue
        if ln.code == "TRIGGERED":
            picked.setdefault((ln.citation, "held"), ln)
        elif ln.code != "CONSULT" and (ln.attack in serious or ln.attack == first):
            picked.setdefault((ln.citation, f"not {ln.attack in serious}"), ln)
    chosen = sorted(picked.values(), key=lambda x: (x.code != "TRIGGERED", x.turn, natural_key(x.citation)))[:limit]
    if not chosen:  # nothing held: the first verdicts of the gravest attack
        grave = max(attacks.values(), key=lambda a: (_gravity(a), -int(a.get("turn", 0))), default=None)
        chosen = [ln for ln in lines if grave is not None and ln.attack == grave["id"] and ln.code != "CONSULT"][:limit]
    return sorted(chosen, key=lambda x: (x.turn, natural_key(x.citation), natural_key(x.attack)))


# ------------------------------------------------------------------------------------------
# The crisis in five sentences
# ------------------------------------------------------------------------------------------


def _crisis(game: Game, ev: _Events, attacks: dict[str, dict[str, Any]], lines: list[VerdictLine]) -> list[str]:
    """Five sentences from the events: the opening, the first armed attack and what it triggered, how the
    crisis widened, how the allies answered, and how it ended."""
    sc = game.scenario
    if not attacks:
        return [
            f"No attack was made in the {game.last_turn} turn(s) played, from {_day(sc, 0)} to "
            f"{_day(sc, game.last_turn)}.",
            "No treaty article was invoked and no force was sent.",
        ]
    order = sorted(attacks.values(), key=lambda a: (int(a.get("turn", 0)), natural_key(a["id"])))
    first = order[0]
    fs = first["spec"]
    out = []
    if _gravity(first) >= int(Gravity.ARMED_ATTACK):
        opening = f"The crisis began on {_day(sc, first['turn'])} with {attack_words(sc, fs)}"
    else:
        opening = (
            f"The crisis began on {_day(sc, first['turn'])} with {attack_words(sc, fs)}, "
            f"{_GRAVITY_WORDS.get(str(first.get('gravity', '')), 'an act')} below the level of an armed attack"
        )
    same_day = [a for a in order[1:] if a["turn"] == first["turn"]]
    if same_day:
        opening += f", alongside {len(same_day)} other attack(s) the same day"
    out.append(opening + ".")

    armed = next((a for a in order if _gravity(a) >= int(Gravity.ARMED_ATTACK)), None)
    if armed is None:
        out.append("None of the attacks reached the level of an armed attack, so no collective-defence clause held.")
    else:
        trig = [ln for ln in lines if ln.attack == armed["id"] and ln.code == "TRIGGERED"]
        requested = any(_data(r).get("attack") == armed["id"] for r in ev.of("request"))
        s = f"On {_day(sc, armed['turn'])} came {attack_words(sc, armed['spec'])}"
        cas = int(armed["spec"].get("casualties", 0) or 0)
        if cas:
            s += f" ({cas:,} casualties)"
        if requested:
            s += f"; {_name(sc, armed['spec']['victim'])} asked for assistance"
        if trig:
            arts = [f"the {ln.citation}" for ln in sorted(trig, key=lambda x: natural_key(x.citation))]
            s += ", and " + (" and ".join(arts) if len(arts) < 3 else ", ".join(arts[:-1]) + " and " + arts[-1])
            s += " " + ("was" if len(arts) == 1 else "were") + " triggered"
        else:
            not_held = [ln for ln in lines if ln.attack == armed["id"] and ln.code not in ("CONSULT",)]
            if not_held:
                s += f", but the {not_held[0].citation} did not hold ({not_held[0].reason})"
        out.append(s + ".")

    later = [a for a in order if a is not first and a is not armed]
    if later:
        by_attacker: dict[str, list[dict[str, Any]]] = {}
        for a in later:
            by_attacker.setdefault(a["spec"]["attacker"], []).append(a)
        parts = []
        for attacker, atts in sorted(by_attacker.items(), key=lambda kv: -len(kv[1])):
            victims = list(dict.fromkeys(a["spec"]["victim"] for a in atts))
            grave = sum(_gravity(a) >= int(Gravity.ARMED_ATTACK) for a in atts)
            parts.append(
                f"{_name(sc, attacker)} made {len(atts)} more attack(s) on {_names(sc, victims)}"
                + (f", {grave} of them armed attacks" if grave else "")
            )
        last_turn = max(int(a["turn"]) for a in later)
        widened = "; ".join(parts[:2])
        out.append(f"The crisis widened: {widened}, the last on {_day(sc, last_turn)}.")
    else:
        out.append("No further attack followed.")

    invoked = [r for r in ev.of("collective") if _data(r).get("outcome") == "INVOKED"]
    blocked = [r for r in ev.of("collective") if _data(r).get("outcome") == "BLOCKED"]
    deployed = {
        str(_data(r).get("state") or "") for r in ev.of("decision") if _data(r).get("level") in ("deploy", "mobilise")
    } - {""}
    arrivals = ev.of("arrive")
    answer = []
    if invoked:
        cites = []
        for r in invoked:
            cite = r.payload.get("summary", "").split(":")[0]
            if cite not in cites:
                cites.append(cite)
        answer.append(f"the allies invoked {' and '.join(cites[:3])} ({len(invoked)} invocation(s))")
    if blocked:
        answer.append(f"{len(blocked)} invocation(s) were blocked")
    if deployed:
        answer.append(f"{len(deployed)} states mobilised or deployed forces")
    if arrivals:
        answer.append(f"{len(arrivals)} force arrival(s) were recorded, the first on {_day(sc, arrivals[0].turn)}")
    declined = {
        str(_data(r).get("state")) for r in ev.of("decision") if _data(r).get("level") in ("declined", "delayed")
    }
    if declined:
        answer.append(f"{_names(sc, sorted(declined), 4)} held back")
    if answer:
        text = "; ".join(answer)
        out.append(text[0].upper() + text[1:] + ".")
    else:
        out.append("No alliance invoked a collective-defence clause and no forces were sent.")

    w = game.world_at(game.last_turn)
    changes = ev.of("control")
    ending = []
    if changes:
        moves = [
            f"{_place(sc, str(_data(r).get('location', r.subject)))} passed to "
            f"{_name(sc, str(_data(r).get('to', '')))} on {_short_day(sc, r.turn)}"
            for r in changes[:3]
        ]
        ending.append("; ".join(moves))
    if w.ended:
        ending.append(f"the game ended on {_day(sc, game.last_turn)}: {w.end_reason}")
    else:
        ending.append(f"the game stops at turn {game.last_turn} of {sc.max_turns}")
    results = game.score()
    if results:
        ending.append(f"score {sum(r.points for r in results)} of {sum(r.max_points for r in results)}")
    text = "; ".join(ending)
    out.append(text[0].upper() + text[1:] + ".")
    return out[:5]


# ------------------------------------------------------------------------------------------
# Key moments
# ------------------------------------------------------------------------------------------


def _moments(
    game: Game, ev: _Events, attacks: dict[str, dict[str, Any]], limit: int = MAX_MOMENTS
) -> list[tuple[int, list[str], str, int]]:
    """(turn, things that happened, the attack the moment is about, weight) for the most telling turns."""
    sc = game.scenario
    by_turn: dict[int, dict[str, Any]] = {}

    def add(turn: int, weight: int, text: str, attack: str = "", attack_weight: int = 0) -> None:
        m = by_turn.setdefault(turn, {"weight": 0, "texts": [], "attack": ("", -1)})
        m["weight"] += weight
        if text and text not in m["texts"]:
            m["texts"].append(text)
        if attack and attack_weight > m["attack"][1]:
            m["attack"] = (attack, attack_weight)

    first_attack = True
    for r in ev.of("attack"):
        att = _data(r).get("attack") or {}
        g = _gravity(att)
        if g >= int(Gravity.ARMED_ATTACK) or first_attack:
            cas = int(att["spec"].get("casualties", 0) or 0)
            add(
                r.turn,
                4 if g >= int(Gravity.ARMED_ATTACK) else 3,
                f"{attack_words(sc, att['spec'])} ({att['id']}" + (f", {cas:,} casualties)" if cas else ")"),
                att["id"],
                10 + g * 1000 + cas,
            )
        first_attack = False
    first_held: set[str] = set()
    for r in ev.of("verdict"):
        v = _verdict(r)
        if v is not None and v.code.value == "TRIGGERED" and v.citation not in first_held:
            first_held.add(v.citation)
            add(r.turn, 3, f"{v.citation} triggered for the first time ({v.attack})", v.attack, 500)
    for r in ev.of("collective"):
        outcome = _data(r).get("outcome")
        if outcome in ("INVOKED", "BLOCKED"):
            cite, _, rest = str(r.payload.get("summary", "")).partition(":")
            aid = rest.rsplit(" ", 1)[-1] if rest else ""
            add(r.turn, 2, f"{cite} {outcome.lower()} for {aid}", aid, 400)
    for r in ev.of("control"):
        d = _data(r)
        add(
            r.turn,
            4,
            f"{_place(sc, str(d.get('location', r.subject)))} passes from {_name(sc, str(d.get('from', '')))} "
            f"to {_name(sc, str(d.get('to', '')))}",
            str(d.get("attack", "")),
            300,
        )
    for b in game.manual_bookmarks():
        add(b.turn, 5, f"bookmark: {b.note}" if b.note else "bookmark")
    for r in ev.of("end"):
        add(r.turn, 5, str(r.payload.get("summary", "the game ends")))
    turns = sorted(by_turn, key=lambda t: (-by_turn[t]["weight"], t))[:limit]
    out = []
    for t in sorted(turns):
        m = by_turn[t]
        attack = m["attack"][0] or _gravest_active(game.world_at(t))
        out.append((t, m["texts"], attack, m["weight"]))
    return out


def _gravest_active(world: WorldState) -> str:
    """The gravest attack still going on (the latest of equals), or ''."""
    live = [a for a in world.attacks.values() if not a.ended] or list(world.attacks.values())
    if not live:
        return ""
    return max(live, key=lambda a: (int(a.gravity), a.spec.casualties, a.turn, natural_key(a.id))).id


def _caption(game: Game, turn: int, attack: str) -> tuple[tuple[str, str], ...]:
    from wargame.report.maps_text import snapshot_facts

    sc = game.scenario
    out = []
    for code, items in snapshot_facts(sc, game.world_at(turn), attack):
        if code == "held by another state":
            text = ", ".join(f"{_place(sc, i.split(' by ')[0])} by {_name(sc, i.split(' by ')[-1])}" for i in items)
        else:
            text = _names(sc, items, 12)
        out.append((code.replace("_", " ").lower() if code.isupper() else code, text))
    return tuple(out)


# ------------------------------------------------------------------------------------------
# Decisions, notes, overrides
# ------------------------------------------------------------------------------------------


def _decision_rows(game: Game, ev: _Events, lines: list[VerdictLine], attacks: dict[str, dict[str, Any]]) -> list[Row]:
    """Verdicts on the armed attacks and the first attack (one row per article and verdict, naming the attacks),
    invocations, decisions that held back or were taken by players, deployments and parliamentary votes (one
    row per kind, naming the states), each with the reason the engine recorded."""
    sc = game.scenario
    rows: list[Row] = []
    serious = {a for a, att in attacks.items() if _gravity(att) >= int(Gravity.ARMED_ATTACK)}
    first = min(attacks, key=lambda a: (attacks[a].get("turn", 0), natural_key(a))) if attacks else ""
    folded: dict[tuple[str, str], list[VerdictLine]] = {}
    for ln in lines:
        if ln.attack in serious or ln.attack == first:
            folded.setdefault((ln.citation, ln.code), []).append(ln)
    for (cite, code), group in folded.items():
        ids = ", ".join(sorted(dict.fromkeys(x.attack for x in group), key=natural_key))
        why = group[0].reason + ("" if len({x.reason for x in group}) == 1 else f" (for {group[0].attack})")
        rows.append(Row(_span(x.turn for x in group), cite, f"{code} for {ids}", why, group[0].turn))
    cols: dict[tuple[str, str], list[Any]] = {}
    for r in ev.of("collective"):
        d = _data(r)
        if d.get("outcome") in ("INVOKED", "BLOCKED"):
            cite = str(r.payload.get("summary", "")).split(":")[0]
            cols.setdefault((cite, str(d["outcome"])), []).append(r)
    for (cite, outcome), group in cols.items():
        ids = ", ".join(
            sorted(dict.fromkeys(str(g.payload.get("summary", "")).rsplit(" ", 1)[-1] for g in group), key=natural_key)
        )
        why = "; ".join(x.get("detail", "") for x in group[0].payload.get("reasons", [])[:2])
        rows.append(Row(_span(g.turn for g in group), cite, f"{outcome} for {ids}", why, group[0].turn))
    humans = game.controlled
    levels: dict[str, list[tuple[int, str]]] = {}
    held: dict[tuple[str, str, str], list[tuple[int, str]]] = {}  # a state holding back for one reason, folded
    for r in ev.of("decision"):
        d = _data(r)
        level, state = str(d.get("level", "")), str(d.get("state", r.subject))
        reasons = r.payload.get("reasons", [])
        why = reasons[-1].get("detail", "") if reasons else ""
        if level in ("declined", "delayed") and state not in humans and d.get("attack"):
            held.setdefault((state, level, why), []).append((r.turn, str(d["attack"])))
        elif level in ("declined", "delayed") or state in humans:
            what = str(r.payload.get("summary", "")).split(": ", 1)[-1]
            rows.append(Row(str(r.turn), _name(sc, state), what, why, r.turn))
        elif level in ("deploy", "mobilise"):
            levels.setdefault(level, []).append((r.turn, state))
    for (state, level, why), items in held.items():
        ids = ", ".join(sorted(dict.fromkeys(a for _, a in items), key=natural_key))
        what = (
            f"declines to assist beyond statements in {ids}" if level == "declined" else f"delays its response to {ids}"
        )
        rows.append(Row(_span(t for t, _ in items), _name(sc, state), what, why, min(t for t, _ in items)))
    for level, items in sorted(levels.items()):
        firsts: dict[str, int] = {}
        for t, st in items:
            firsts.setdefault(st, t)
        who = ", ".join(f"{_name(sc, st)} ({t})" for st, t in sorted(firsts.items(), key=lambda kv: (kv[1], kv[0])))
        rows.append(
            Row(
                _span(t for t, _ in items),
                plural(len(firsts), "state"),
                f"{level} ({plural(len(items), 'decision')})",
                f"first {level} by turn: {who}",
                min(t for t, _ in items),
            )
        )
    for c in game.commands():
        if c.kind == "decide" and c.payload.get("state") in humans and c.turn <= game.last_turn:
            state = str(c.payload.get("state"))
            rows.append(
                Row(str(c.turn), _name(sc, state), c.description.split(": ", 1)[-1], "decided by a player", c.turn)
            )
    votes = ev.of("approval")
    if votes:
        states = list(dict.fromkeys(_name(sc, r.subject) for r in votes))
        why = "; ".join(x.get("detail", "") for x in votes[0].payload.get("reasons", [])[:1])
        rows.append(
            Row(
                _span(r.turn for r in votes),
                ", ".join(states),
                f"{plural(len(votes), 'parliamentary vote')} asked for",
                why,
                votes[0].turn,
            )
        )
    rows.sort(key=lambda x: (x.first, natural_key(x.who), natural_key(x.what)))
    return rows


def _mattered(game: Game, ev: _Events, limit: int = 5) -> list[str]:
    sc = game.scenario
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    for r in ev.of("collective"):
        d = _data(r)
        cite = str(r.payload.get("summary", "")).split(":")[0]
        if d.get("outcome") == "BLOCKED" or (d.get("outcome") == "INVOKED" and cite not in seen):
            seen.add(cite)
            reasons = r.payload.get("reasons", [])
            why = f" ({reasons[0].get('detail', '')})" if reasons else ""
            out.append((r.turn, f"{_short_day(sc, r.turn)}: {r.payload.get('summary', '')}{why}"))
    for c in game.commands():
        if c.kind == "override" and c.turn <= game.last_turn:
            p = c.payload
            out.append(
                (
                    c.turn,
                    f"{_short_day(sc, c.turn)}: the white cell overruled {p.get('target')} {p.get('key')} → "
                    f"{_value(p.get('value'))} ({p.get('rationale', '')})",
                )
            )
    for r in ev.of("decision"):
        d = _data(r)
        if d.get("level") in ("declined", "delayed"):
            reasons = r.payload.get("reasons", [])
            why = f" — {reasons[-1].get('detail', '')}" if reasons else ""
            out.append((r.turn, f"{_short_day(sc, r.turn)}: {r.payload.get('summary', '')}{why}"))
    humans = game.controlled
    for c in game.commands():
        if c.kind == "decide" and c.payload.get("state") in humans and c.turn <= game.last_turn:
            out.append(
                (
                    c.turn,
                    f"{_short_day(sc, c.turn)}: {_name(sc, str(c.payload.get('state')))} (a player) — {c.description}",
                )
            )
    out.sort(key=lambda x: x[0])
    return [text for _t, text in out][:limit]


# ------------------------------------------------------------------------------------------
# Aggregated log
# ------------------------------------------------------------------------------------------


def _aggregate(game: Game, ev: _Events, attacks: dict[str, dict[str, Any]]) -> list[LogLine]:
    """The event log folded into lines: one per kind of thing that repeats (who, against whom, which turns)."""
    sc = game.scenario
    groups: dict[tuple[str, ...], dict[str, Any]] = {}

    def add(key: tuple[str, ...], turn: int, who: str = "", what: str = "") -> None:
        g = groups.setdefault(key, {"turns": [], "who": [], "what": []})
        g["turns"].append(turn)
        if who and who not in g["who"]:
            g["who"].append(who)
        if what and what not in g["what"]:
            g["what"].append(what)

    def attacker_of(aid: str) -> str:
        spec = (attacks.get(aid) or {}).get("spec") or {}
        return _name(sc, str(spec.get("attacker", "?")))

    for r in ev.rows:
        d = _data(r)
        k = r.kind
        if k == "decision":
            add(
                (k, str(d.get("level", "")), attacker_of(str(d.get("attack", "")))),
                r.turn,
                str(d.get("state", r.subject)),
                str(d.get("attack", "")),
            )
        elif k == "stance":
            key = str(d.get("key", ""))
            add(
                (k, str(d.get("stance", "")), key.rsplit(":", 1)[0]),
                r.turn,
                str(d.get("state", r.subject)),
                key.rsplit(":", 1)[-1],
            )
        elif k == "consult_request":
            add((k, attacker_of(r.subject)), r.turn, str(d.get("state", "")), r.subject)
        elif k == "verdict":
            v = _verdict(r)
            if v is not None and not _shown(v):
                add((k, "n/a"), r.turn, "", v.citation)
            elif v is not None:
                add((k, v.citation, v.code.value), r.turn, "", v.attack)
        elif k == "collective":
            cite, _, rest = str(r.payload.get("summary", "")).partition(":")
            add((k, cite, str(d.get("outcome", ""))), r.turn, "", rest.rsplit(" ", 1)[-1])
        elif k == "request":
            add((k,), r.turn, str(d.get("state", "")), r.subject)
        elif k == "attribution":
            add((k,), r.turn, "", r.subject)
        elif k == "attack":
            att = d.get("attack") or {}
            spec = att.get("spec") or {}
            text = (
                f"{att.get('id', r.subject)}: {attack_words(sc, spec)}" if spec else str(r.payload.get("summary", ""))
            )
            add((k, str(r.seq), str(r.turn)), r.turn, "", text)
        elif k in ("mobilise", "ready", "depart"):
            add((k,), r.turn, str(d.get("state", "")), r.subject)
        elif k == "arrive":
            add((k, str(d.get("location", ""))), r.turn, str(d.get("state", "")), r.subject)
        elif k == "engagement":
            add((k, str(d.get("location", r.subject)), str(d.get("attack", ""))), r.turn)
        elif k == "opinion":
            add((k,), r.turn, r.subject)
        elif k == "ai":
            add((k, r.subject), r.turn, "", str(r.payload.get("summary", "")))
        elif k == "approval":
            add((k,), r.turn, r.subject)
        elif k == "permission":
            verb = "granted" if d.get("granted") else "refused or deferred"
            add(
                (k, verb),
                r.turn,
                str(d.get("grantor", r.subject)),
                f"{d.get('kind', '')} to {d.get('beneficiary', '')}",
            )
        elif k == "sanctions":
            add((k, str(d.get("target", r.subject))), r.turn, "", str(r.payload.get("summary", "")))
        elif k == "nuclear" and not d.get("white_cell"):
            add((k, r.subject), r.turn, "", str(r.payload.get("summary", "")))
        elif k == "rejected":
            add((k,), r.turn, "", str(r.payload.get("summary", "")))
        elif k == "budget":
            add((k,), r.turn, r.subject, str(r.payload.get("summary", "")))
        elif k == "council" and "reported" in d:
            add((k, "report", str(d["reported"])), r.turn, str(d.get("state", r.subject)), str(d.get("action", "")))
        elif k == "council" and "status" in d:
            add((k, "vote", str(d.get("kind", "")), str(d.get("status", ""))), r.turn, "", str(d.get("draft", "")))
        elif k == "council" and "vote_turn" in d:
            add((k, "tabled"), r.turn, "", str(d.get("draft", "")))
        elif k == "council":
            kind = "debate" if d.get("kind") == "debate" else "meeting"
            add((k, kind), r.turn, "", str(d.get("attack", r.subject)))
        elif k == "meeting":
            add(
                (k, str(d.get("key", d.get("treaty", r.subject))).split(":", 1)[0]),
                r.turn,
                "",
                str(d.get("attack", "")),
            )
        elif k in ("legal", "judgement"):
            add((k, str(d.get("passed", ""))), r.turn, str(d.get("state", r.subject)), str(d.get("attack", "")))
        else:
            add((k, str(r.turn), str(r.seq)), r.turn, "", str(r.payload.get("summary", "")))
    out = []
    for key, g in groups.items():
        k, turns, who, what = key[0], g["turns"], g["who"], g["what"]
        n = len(turns)
        whos = _names(sc, who, 5)
        whats = ", ".join(sorted(what, key=natural_key)[:8]) + (" …" if len(what) > 8 else "")
        if k == "decision":
            text = f"{key[1].capitalize()} by {len(who)} state(s) ({whos}) in response to {key[2]} ({whats})"
        elif k == "stance":
            text = f"{key[1].capitalize()} on invoking {key[2].replace(':', ' Art ', 1)}: {len(who)} state(s) ({whos}) about {whats}"
        elif k == "consult_request":
            text = f"Consultations requested by {len(who)} state(s) ({whos}) about {key[1]}'s attacks ({whats})"
        elif k == "verdict" and key[1] == "n/a":
            text = f"Articles that do not apply (victim not a party, or not in force): {len(what)} ({whats})"
        elif k == "verdict":
            text = f"{key[1]}: {key[2]} for {whats}"
        elif k == "collective":
            text = f"{key[1]}: {key[2]} for {whats}"
        elif k == "request":
            text = f"{plural(n, 'request')} for assistance, by {whos} ({whats})"
        elif k in ("mobilise", "ready", "depart"):
            verb = {"mobilise": "mobilised", "ready": "ready", "depart": "set off"}[k]
            text = f"{len(what)} force(s) of {len(who)} state(s) {verb} ({whos})"
        elif k == "arrive":
            text = f"{len(what)} force(s) of {whos} arrived at {_place(sc, key[1])}"
        elif k == "engagement":
            text = f"{n} day(s) of fighting at {_place(sc, key[1])} ({key[2]})"
        elif k == "opinion":
            text = f"Public support changed {n} time(s) in {len(who)} state(s)"
        elif k == "attribution":
            text = f"Attribution rose {plural(n, 'time')} as evidence accumulated, for {whats}"
        elif k == "ai":
            text = f"{_name(sc, key[1])} (AI) reasoned {n} time(s); last: {what[-1] if what else ''}"
        elif k == "approval":
            text = f"{n} parliamentary vote(s) asked for by {whos}"
        elif k == "permission":
            text = f"Transit, overflight or basing {key[1]} by {len(who)} state(s) ({whos}): {whats}"
        elif k == "sanctions":
            text = f"Sanctions on {_name(sc, key[1])}: {plural(n, 'step')}; last: {what[-1] if what else ''}"
        elif k == "nuclear":
            text = (
                f"{_name(sc, key[1])}'s nuclear posture changed {plural(n, 'time')}; last: {what[-1] if what else ''}"
            )
        elif k == "rejected":
            text = f"{plural(n, 'order')} that could not be carried out (the event log says why); first: {what[0] if what else ''}"
        elif k == "budget":
            text = f"{plural(n, 'budget event')} (exhausted, back in credit, supplementals) for {len(who)} state(s) ({whos})"
        elif k == "council" and key[1] == "report":
            done = "reported" if key[2] == "True" else "did not report"
            text = f"{len(who)} state(s) {done} their measures in self-defence to the Security Council ({whos})"
        elif k == "council" and key[1] == "vote":
            text = f"Security Council and General Assembly: {plural(n, key[2] + ' draft')} {key[3]} ({whats})"
        elif k == "council" and key[1] == "debate":
            text = f"The General Assembly debated {n} veto(es) (over {whats})"
        elif k == "council" and key[1] == "meeting":
            text = f"{plural(n, 'Security Council meeting')} without a vote (on {whats})"
        elif k == "council" and key[1] == "tabled":
            text = f"{plural(n, 'draft')} tabled before the Security Council or the General Assembly ({whats})"
        elif k == "meeting":
            text = f"{plural(n, 'consultation meeting')} and measures under {key[1]} ({whats})"
        elif k == "legal":
            text = f"{plural(n, 'step')} of domestic legal clocks for forces abroad ({whos})"
        elif k == "judgement":
            text = f"{plural(n, 'use')} of force judged for necessity and proportionality ({whos}: {whats})"
        else:
            text = what[0] if what else k
        out.append(LogLine(min(turns), max(turns), k.replace("_", " "), text, n))
    out.sort(key=lambda x: (x.first, x.kind, natural_key(x.text)))
    return out


# ------------------------------------------------------------------------------------------
# Hotwash, statistics, the end
# ------------------------------------------------------------------------------------------


def _hotwash_rows(game: Game, hw: hotwash.Hotwash, ev: _Events) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sc = game.scenario
    summaries = {(r.turn, r.seq): str(r.payload.get("summary", "")) for r in ev.rows}
    obs = []
    for o in sorted(
        hw.observations, key=lambda o: (natural_key(hotwash.team_label(game, o.team)), o.kind != "strength", o.id)
    ):
        about = ""
        if o.turn is not None:
            about = f"turn {o.turn} ({_short_day(sc, o.turn)})"
            if o.event_seq is not None:
                about += f": {summaries.get((o.turn, o.event_seq), f'event {o.event_seq}')}"
        obs.append(
            {
                "id": o.id,
                "team": hotwash.team_label(game, o.team),
                "kind": "Strength" if o.kind == "strength" else "Area for improvement",
                "text": o.text,
                "capability": o.capability or "—",
                "about": about or "—",
            }
        )
    plan = [
        {
            "id": p.id,
            "issue": p.issue,
            "action": p.action,
            "owner": p.owner,
            "due": p.due.isoformat(),
            "capability": p.capability or "—",
            "observation": f"#{p.observation_id}" if p.observation_id else "",
        }
        for p in sorted(hw.plan, key=lambda p: (p.due, p.id))
    ]
    return obs, plan


def _stats(game: Game, ev: _Events, attacks: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    sc = game.scenario
    w = game.world_at(game.last_turn)
    cas = sum(n.casualties for n in w.nations.values())
    counts = {k: len(v) for k, v in ev.by_kind.items()}
    return [
        ("turns played", f"{game.last_turn} of {sc.max_turns} ({sc.turn_length_days:g} day(s) each)"),
        (
            "attacks",
            f"{len(attacks)} ({sum(_gravity(a) >= int(Gravity.ARMED_ATTACK) for a in attacks.values())} armed attacks)",
        ),
        ("verdicts recorded", str(counts.get("verdict", 0))),
        ("invocations", str(sum(1 for r in ev.of("collective") if _data(r).get("outcome") == "INVOKED"))),
        ("national decisions", str(counts.get("decision", 0))),
        ("forces that arrived", str(len({r.subject for r in ev.of("arrive")}))),
        ("days of fighting", str(counts.get("engagement", 0))),
        ("casualties (all states)", f"{cas:,}"),
        ("events in the log", f"{len(ev.rows):,}"),
    ]


def _chart_states(game: Game) -> list[str]:
    """Victims and attackers of the attacks, then the states with the most forces away from home; at most 6."""
    w = game.world_at(game.last_turn)
    picked: list[str] = []
    for att in sorted(w.attacks.values(), key=lambda a: (a.turn, natural_key(a.id))):
        for s in (att.spec.victim, att.spec.attacker):
            if s in w.nations and s not in picked and not game.scenario.states[s].non_state:
                picked.append(s)
    busy = sorted(
        (
            (
                sum(
                    1
                    for f in w.forces.values()
                    if f.status.value != "garrison" and game.scenario.force(f.id).owner == s
                ),
                s,
            )
            for s in w.nations
        ),
        key=lambda x: (-x[0], x[1]),
    )
    for n, s in busy:
        if n and s not in picked:
            picked.append(s)
    return picked[:6] or sorted(w.nations)[:3]


def _branches(game: Game) -> list[str]:
    sc = game.scenario
    out = []
    meta = game.meta
    if meta.parent_turn is not None:
        out.append(
            f"This game is a branch of {Path(meta.parent_path or '?').name}, taken at turn {meta.parent_turn} "
            f"({_day(sc, meta.parent_turn)})."
        )
    me = game.path.resolve()
    try:
        siblings = sorted(p for p in game.path.parent.glob("*.wargame") if p.resolve() != me)[:40]
    except OSError:
        siblings = []
    for p in siblings:
        try:
            with open_game(p, readonly=True) as other:
                m = other.meta
                if m.parent_path and m.parent_turn is not None and Path(m.parent_path).resolve() == me:
                    w = other.world_at(other.last_turn)
                    end = f"ended: {w.end_reason}" if w.ended else f"played to turn {other.last_turn}"
                    out.append(f"What-if {p.name}: branched at turn {m.parent_turn}, {end}.")
        except AppError:
            continue
    return out or ["None: the game was played straight through, without what-if branches."]


# ------------------------------------------------------------------------------------------
# The whole report
# ------------------------------------------------------------------------------------------


def build_report_model(game: Game, *, full_log: bool = False) -> Report:
    """Everything the report says about ``game`` (``full_log``: add every event as an appendix)."""
    from wargame.report.content import variant_rows

    sc, meta = game.scenario, game.meta
    last = game.last_turn
    ev = _Events(game)
    attacks = _attacks(ev)
    lines = _verdict_lines(game, ev, attacks)
    wend = game.world_at(last)
    results = game.score()

    moments = []
    for turn, texts, attack, _weight in _moments(game, ev, attacks):
        spec = (attacks.get(attack) or {}).get("spec")
        atext = f"{attack}: {attack_words(sc, spec)}" if spec else "no attack yet"
        fig = Figure(f"map-{turn}.png", "map", f"Turn {turn} — {atext}", turn=turn, attack=attack)
        moments.append(
            Moment(
                turn,
                _day(sc, turn),
                "; ".join(texts),
                attack,
                atext,
                fig,
                _caption(game, turn, attack) if attack else (),
            )
        )

    notes = [
        (c.turn, c.seat, str(c.payload.get("text", ""))) for c in game.commands() if c.kind == "note" and c.turn <= last
    ]
    overrides = []
    for c in game.commands():
        if c.kind == "override" and c.turn <= last:
            p = dict(c.payload)
            overrides.append(
                (
                    c.turn,
                    c.seat,
                    f"{p.get('target')} {p.get('key')} → {_value(p.get('value'))}",
                    str(p.get("rationale", "")),
                )
            )
    hw = hotwash.hotwash(game)
    obs, plan = _hotwash_rows(game, hw, ev)

    if wend.ended:
        outcome = f"The game ended on turn {last} ({_day(sc, last)}): {wend.end_reason}."
    else:
        outcome = f"The game has not ended: it stops at turn {last} of {sc.max_turns} ({_day(sc, last)})."
    score = [(r.met, r.label, r.detail, r.points, r.max_points) for r in results]
    score_line = (
        f"Score {sum(r.points for r in results)} of {sum(r.max_points for r in results)}"
        if results
        else "No objectives."
    )
    states = _chart_states(game)
    charts = [
        Figure(
            "chart-support.png",
            "chart",
            "Public support for defending an ally (%)",
            metric="support",
            states=tuple(states),
        ),
        Figure(
            "chart-budget.png",
            "chart",
            "Operations budget left (% of the turn-0 reserve)",
            metric="budget_musd",
            states=tuple(states),
        ),
        Figure(
            "chart-forces.png",
            "chart",
            "Forces deployed in the theatre of an attack",
            metric="forces_in_theatre",
            states=tuple(states),
        ),
    ]
    folded_end: dict[tuple[str, str, str], list[str]] = {}
    for _key, v in wend.verdicts.items():
        if not _shown(v):
            continue
        col = wend.collectives.get(_key)
        folded_end.setdefault((v.citation, v.code.value, col.outcome.value if col else "—"), []).append(v.attack)
    end_verdicts = [
        (cite, ", ".join(sorted(ids, key=natural_key)), code, col)
        for (cite, code, col), ids in sorted(folded_end.items(), key=lambda kv: (natural_key(kv[0][0]), kv[0][1]))
    ]
    states_end = []
    for sid in states:
        n = wend.nations.get(sid)
        if n is not None:
            states_end.append((sc.states[sid].name, f"{n.support:.0f}", f"{n.budget_musd:,.0f}", f"{n.casualties:,}"))

    full = None
    if full_log:
        full = [(r.turn, r.kind.replace("_", " "), str(r.payload.get("summary", ""))) for r in ev.rows]

    tag = f", tagged {meta.tag}" if meta.tag else ""
    report = Report(
        title=f"After-action report: {meta.title or sc.name}",
        scenario=sc.name,
        period=f"{_day(sc, 0)} to {_day(sc, last)}: {plural(last, 'turn')} of {plural(int(sc.turn_length_days), 'day')}"
        if float(sc.turn_length_days).is_integer()
        else f"{_day(sc, 0)} to {_day(sc, last)}: {plural(last, 'turn')} of {sc.turn_length_days:g} days",
        facts=[
            ("scenario", f"{sc.name} ({sc.id}, {meta.scenario_hash[:12]})"),
            (
                "turns",
                f"{last} played of {sc.max_turns}, {sc.turn_length_days:g} day(s) each, {_day(sc, 0)} to {_day(sc, last)}",
            ),
            ("game", f"{game.path.name}, seed {meta.seed}{tag}; rules version {game.rules_version}"),
        ],
        briefing=" ".join(sc.briefing.split()),
        crisis=_crisis(game, ev, attacks, lines),
        key_verdicts=_key_verdicts(lines, attacks),
        mattered=_mattered(game, ev),
        outcome=outcome,
        score=score,
        score_line=score_line,
        branches=_branches(game),
        moments=moments,
        decisions=_decision_rows(game, ev, lines, attacks),
        notes=notes,
        overrides=overrides,
        observations=obs,
        plan=plan,
        ratings=hw.ratings(),
        feedback_count=len(hw.feedback),
        top_strengths=hw.top("strengths"),
        top_improvements=hw.top("improvements"),
        comments=[(f.participant, f.comment) for f in hw.feedback if f.comment],
        variant=variant_rows(game),
        stats=_stats(game, ev, attacks),
        charts=charts,
        end_verdicts=end_verdicts,
        states_end=states_end,
        log=_aggregate(game, ev, attacks),
        full_log=full,
    )
    report.figures = [*charts, *(m.map for m in moments)]
    return report
