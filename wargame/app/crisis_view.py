"""The crisis beyond the treaty verdicts, in words: who an attack is attributed to, the Security Council's drafts
and votes, consultation meetings and measures, legal clocks, self-defence judged, Art 51 reports and standing lost.

One read model for ``wargame show`` and the GUI's verdict dock; names, not ids (the attack ids stay, as the
facilitator uses them in commands).
"""

from __future__ import annotations

from dataclasses import dataclass

from wargame.engine import Scenario, VerdictKey, WorldState
from wargame.engine.phases.council import DRAFT_KINDS, DRAFT_WORDS

_LEGAL_WORDS = {
    "awaiting": "awaiting the legislature's vote (no forces may go before it)",
    "running": "forces may go",
    "approved": "approved by the legislature",
    "refused": "refused by the legislature",
    "expired": "the legal clock ran out: forces withdraw",
    "withdrawn": "forces withdrawn",
}


@dataclass(frozen=True)
class CrisisLine:
    """One line of the crisis: its section, what it is about, its status and why (all in words)."""

    section: str
    label: str
    status: str
    why: str = ""
    attack: str = ""

    def text(self) -> str:
        return f"{self.label}: {self.status}" + (f" — {self.why}" if self.why else "")


__all__ = [
    "DRAFT_KINDS",
    "DRAFT_WORDS",
    "SECTIONS",
    "CrisisLine",
    "Forum",
    "attack_label",
    "council_members",
    "crisis_lines",
    "drafts_awaiting",
    "forums",
    "measures_for",
]

SECTIONS = (
    "Attribution",
    "Security Council and General Assembly",
    "Consultations",
    "Legal clocks",
    "Self-defence judged",
    "Art 51 reports",
    "Standing abroad",
)
"""The sections, in the order they are shown."""


def _name(scenario: Scenario, sid: str) -> str:
    if sid == "UNKNOWN":
        return "an unknown attacker"
    st = scenario.states.get(sid)
    return st.name if st is not None else sid


def _whose(scenario: Scenario, sid: str) -> str:
    """``Estonia's``, ``the Netherlands'``-style possessive (``United States'``)."""
    name = _name(scenario, sid)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _action(action: str) -> str:
    """``deploy:A6`` → ``deploying forces over A6``; ``defend:A6`` → ``defending against A6``; an attack id stays."""
    verb, _, aid = action.partition(":")
    if not aid:
        return action
    return {"deploy": f"deploying forces over {aid}", "defend": f"defending against {aid}"}.get(verb, action)


def _natural(key: str) -> tuple[str, ...]:
    """``NATO:4:A10`` after ``NATO:4:A9``."""
    return tuple(p.rjust(6, "0") if p[1:].isdigit() else p for p in key.split(":"))


def attack_label(scenario: Scenario, world: WorldState, aid: str) -> str:
    """``A1: Russia → Estonia at Narva (hybrid)`` (the attacker as attributed now)."""
    att = world.attacks.get(aid)
    if att is None:
        return aid
    loc = scenario.locations.get(att.spec.location)
    where = loc.name if loc is not None else att.spec.location
    return (
        f"{aid}: {_name(scenario, att.attacker)} → {_name(scenario, att.spec.victim)} at {where}"
        f" ({att.spec.kind.value.replace('_', ' ')})"
    )


def _attribution(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for aid, att in sorted(world.attacks.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
        label = attack_label(scenario, world, aid)
        if att.void:
            out.append(CrisisLine("Attribution", label, "no attack took place", "ruled by the white cell", aid))
            continue
        others = sorted(((w, c) for c, w in att.candidates.items() if c != att.attacker and w > 0), reverse=True)
        rest = ", ".join(f"{_name(scenario, c)} {w:.2f}" for w, c in others)
        who = _name(scenario, att.attacker)
        status = f"{who}, {att.attribution:.2f}"
        why = f"attributed to {who} with confidence {att.attribution:.2f}" + (
            f"; other candidates: {rest}" if rest else ""
        )
        out.append(CrisisLine("Attribution", label, status, why, aid))
    return out


def _council(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for item in sorted(world.crisis.council.values(), key=lambda c: int(c.id[1:]) if c.id[1:].isdigit() else 0):
        what = DRAFT_WORDS.get(item.kind, item.kind)
        subject = _name(scenario, item.subject) if item.subject else "nobody by name"
        label = f"{item.id}: {what} {subject} ({item.attack}), by {_name(scenario, item.sponsor)}"
        status = item.status + (f" {item.tally}" if item.tally else "")
        why = item.reason or f"vote on turn {item.vote_turn}"
        out.append(CrisisLine("Security Council and General Assembly", label, status, why, item.attack))
    return out


def _consultations(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for key, meeting in sorted(world.crisis.meetings.items(), key=lambda kv: _natural(kv[0])):
        vk = VerdictKey.parse(key)
        aid = vk.attack
        tr = next((t for t in scenario.treaties if t.id == vk.treaty), None)
        label = f"{tr.name if tr else vk.treaty}, Art {vk.article}: meeting on {aid}"
        status = meeting.outcome or ("held" if meeting.held else f"meets on turn {meeting.turn}")
        why = f"measures asked for: {', '.join(meeting.requested)}" if meeting.requested else ""
        out.append(CrisisLine("Consultations", label, status, why, aid))
    for m in world.crisis.measures:
        menu = {x.id: x.name for x in scenario.crisis.measures.get(m.treaty, ())}
        label = (
            f"{m.treaty}: {menu.get(m.measure, m.measure)} for {m.attack}, asked by {_name(scenario, m.requested_by)}"
        )
        status = f"{m.status}: decided on turn {m.decided_turn}, in place on turn {m.ready_turn}"
        out.append(CrisisLine("Consultations", label, status, m.reason, m.attack))
    return out


def _legal(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for ls in sorted(world.crisis.legal.values(), key=lambda x: (_name(scenario, x.state), _natural(x.attack))):
        label = f"{_whose(scenario, ls.state)} deployment for {ls.attack}"
        out.append(CrisisLine("Legal clocks", label, _LEGAL_WORDS.get(ls.status, ls.status), ls.reason, ls.attack))
    return out


def _judgements(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for j in world.crisis.judgements:
        label = f"{_whose(scenario, j.state)} {j.basis} self-defence ({_action(j.action)}, turn {j.turn})"
        failed = [g for g in j.checks if not g.passed]
        status = "holds" if j.passed else "fails " + ", ".join(g.name for g in failed)
        why = "; ".join(g.detail for g in (failed or j.checks))
        if j.contested_by:
            why += "; contested by " + ", ".join(_name(scenario, s) for s in j.contested_by)
        out.append(CrisisLine("Self-defence judged", label, status, why, j.answers))
    return out


def _reports(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for r in world.crisis.reports:
        label = f"{_whose(scenario, r.state)} report on {_action(r.action)}"
        if r.reported_turn is not None:
            status = f"made on turn {r.reported_turn}"
        elif r.missed:
            status = f"missed (due on turn {r.due_turn})"
        else:
            status = f"due on turn {r.due_turn}"
        out.append(CrisisLine("Art 51 reports", label, status, "UN Charter Art 51: measures taken shall be reported"))
    return out


def _standing(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for sid in sorted(world.crisis.standing):
        terms = world.crisis.standing[sid]
        lost = world.crisis.standing_of(sid)
        why = "; ".join(f"{t.label} ({t.value:+g})" for t in terms)
        out.append(CrisisLine("Standing abroad", _name(scenario, sid), f"{lost:g} points", why))
    return out


def crisis_lines(scenario: Scenario, world: WorldState) -> list[CrisisLine]:
    """Every crisis line of ``world``, section by section (in :data:`SECTIONS` order)."""
    return [
        *_attribution(scenario, world),
        *_council(scenario, world),
        *_consultations(scenario, world),
        *_legal(scenario, world),
        *_judgements(scenario, world),
        *_reports(scenario, world),
        *_standing(scenario, world),
    ]


# ------------------------------------------------------------------------------------------
# What a state can choose (for the GUI's decisions dock)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forum:
    """An article a state can ask under: ``kind`` is ``defence`` (assistance) or ``consultation``."""

    treaty: str
    article: str
    kind: str
    label: str


def forums(scenario: Scenario, world: WorldState, sid: str) -> list[Forum]:
    """The defence and consultation articles in force for ``sid`` today, then UN Charter Art 51 for a UN member."""
    day = scenario.date_of(world.turn)
    out: list[Forum] = []
    for tr in scenario.treaties:
        if not tr.is_party(sid, day) or not tr.in_force.contains(day):
            continue
        for art in tr.articles:
            if art.kind.value in ("defence", "consultation") and art.in_force.contains(day):
                cite = art.citation or f"{tr.name}, Art {art.id}"
                out.append(Forum(tr.id, art.id, art.kind.value, f"{cite} ({art.kind.value})"))
    st = scenario.states.get(sid)
    if st is not None and st.un_member:
        out.append(Forum("UN", "51", "defence", "UN Charter, Art 51 (collective self-defence, no treaty)"))
    return out


def measures_for(scenario: Scenario, world: WorldState, sid: str) -> list[tuple[str, str, str]]:
    """(treaty, measure id, words) of the defensive measures ``sid`` can ask its treaties' bodies for."""
    day = scenario.date_of(world.turn)
    out: list[tuple[str, str, str]] = []
    for tr in scenario.treaties:
        if tr.is_party(sid, day):
            out += [(tr.id, m.id, f"{tr.id}: {m.name}") for m in scenario.crisis.measures.get(tr.id, ())]
    return out


def council_members(scenario: Scenario) -> list[str]:
    """The named members of the Security Council in the scenario (permanent, and elected if named)."""
    seats = scenario.crisis.council
    return [s for s in (*seats.permanent, *seats.elected) if s in scenario.states]


def drafts_awaiting(scenario: Scenario, world: WorldState) -> list[tuple[str, str]]:
    """(draft id, words) of the drafts awaiting a vote of the Council's members."""
    out = []
    for line in _council(scenario, world):
        rid = line.label.split(":", 1)[0]
        item = world.crisis.council.get(rid)
        if (
            item is not None and item.status == "tabled" and item.kind not in ("assembly", "debate")
        ):  # before the Assembly
            out.append((rid, f"{line.label} — vote on turn {item.vote_turn}"))
    return out
