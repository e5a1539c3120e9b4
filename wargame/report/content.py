"""The after-action report's content, as one HTML text shared by the .html and .pdf writers (no Qt).

Images are referenced as ``mem://NAME.png``; the HTML writer swaps them for base64 ``data:`` URIs
and the PDF writer registers them as QTextDocument resources.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.app import scenarios
from wargame.app.review import Bookmark, bookmarks
from wargame.app.types import EventKind, Rules, Verdict, VerdictCode, decode
from wargame.report.export import reasons_text

if TYPE_CHECKING:
    from wargame.app import Game

__all__ = ["CSS", "Figure", "ReportPlan", "pick_snapshots", "plan_report", "report_html", "variant_rows"]

CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; }
h2 { font-size: 13pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #000; }
h3 { font-size: 11pt; margin: 8pt 0 2pt 0; }
table { border-collapse: collapse; margin: 2pt 0 6pt 0; }
th, td { border: 1px solid #777; padding: 2pt 4pt; vertical-align: top; text-align: left; }
th { background-color: #e6e6e6; }
.small { font-size: 8.5pt; }
.muted { color: #444; }
.gate { font-size: 8.5pt; }
.code { font-weight: bold; }
p.caption { font-size: 8.5pt; margin: 0 0 8pt 0; }
.pb { page-break-before: always; }
"""

MAX_SNAPSHOTS = 8
_PRIORITY = {"end": 0, "inject": 1, "invocation": 2, "control": 3, "manual": 4, "first_verdict": 5, "arrival": 6}


@dataclass(frozen=True)
class Figure:
    """An image the report needs: its resource name and what it shows."""

    name: str
    kind: str
    """``chart`` or ``map``."""
    title: str
    turn: int = 0
    attack: str = ""
    metric: str = ""
    states: tuple[str, ...] = ()


@dataclass
class ReportPlan:
    """What goes into the report, decided before any image is drawn."""

    states: list[str]
    snapshots: list[tuple[int, list[Bookmark], str]]
    """(turn, bookmarks of that turn, attack to colour the map by)."""
    figures: list[Figure] = field(default_factory=list)


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def pick_snapshots(game: Game, marks: list[Bookmark], limit: int = MAX_SNAPSHOTS) -> list[tuple[int, list[Bookmark]]]:
    """Up to ``limit`` bookmarked turns: the most telling kinds first (end, injects, invocations …), in turn order."""
    by_turn: dict[int, list[Bookmark]] = {}
    for b in marks:
        by_turn.setdefault(b.turn, []).append(b)
    ranked = sorted(by_turn, key=lambda t: (min(_PRIORITY.get(b.kind, 9) for b in by_turn[t]), t))
    chosen = sorted(ranked[:limit])
    return [(t, by_turn[t]) for t in chosen]


def _chart_states(game: Game) -> list[str]:
    """Victims and attackers of the attacks, then the states that sent the most forces; at most 6."""
    w = game.world_at(game.last_turn)
    picked: list[str] = []
    for att in sorted(w.attacks.values(), key=lambda a: (a.turn, a.id)):
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


def plan_report(game: Game) -> ReportPlan:
    """Choose the states charted and the bookmarked turns shown as maps."""
    states = _chart_states(game)
    snaps = []
    for turn, marks in pick_snapshots(game, bookmarks(game)):
        w = game.world_at(turn)
        attack = ""
        for b in marks:
            for aid in sorted(w.attacks, key=lambda a: -w.attacks[a].turn):
                if aid in b.label.split(":")[0] or f" {aid}" in b.label or b.label.startswith(aid):
                    attack = aid
                    break
            if attack:
                break
        if not attack and w.attacks:
            attack = max(w.attacks.values(), key=lambda a: (a.gravity, a.turn)).id
        snaps.append((turn, marks, attack))
    plan = ReportPlan(states, snaps)
    plan.figures = [
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
    ] + [Figure(f"map-{turn}.png", "map", f"Turn {turn}", turn=turn, attack=attack) for turn, _, attack in snaps]
    return plan


# ------------------------------------------------------------------------------------------
# Variant: what differs from the pack
# ------------------------------------------------------------------------------------------


def variant_rows(game: Game) -> list[tuple[str, str, str]]:
    """(assumption, the pack's value, this game's value) for everything this game does differently."""
    sc, meta = game.scenario, game.meta
    rows: list[tuple[str, str, str]] = []
    if meta.seed != sc.default_seed:
        rows.append(("random seed", str(sc.default_seed), str(meta.seed)))
    seats = (meta.variant or {}).get("seats", {}) or {}
    humans = sorted(s for s, who in seats.items() if who == "human")
    if humans:
        rows.append(("seats played by people", "none (AI policy for every state)", ", ".join(humans)))
    if meta.parent_turn is not None:
        rows.append(("branch", "—", f"from turn {meta.parent_turn} of {Path(meta.parent_path or '?').name}"))
    defaults = Rules()
    for f in dataclasses.fields(Rules):
        mine, base = getattr(sc.rules, f.name), getattr(defaults, f.name)
        if mine != base:
            rows.append((f"rule {f.name}", f"{base} (engine default)", str(mine)))
    pack = scenarios.pack_of(game)
    if pack is not None and pack.source_hash != sc.source_hash:
        if pack.max_turns != sc.max_turns:
            rows.append(("last turn", str(pack.max_turns), str(sc.max_turns)))
        if pack.start_date != sc.start_date:
            rows.append(("start date", pack.start_date.isoformat(), sc.start_date.isoformat()))
        if pack.turn_length_days != sc.turn_length_days:
            rows.append(("turn length (days)", str(pack.turn_length_days), str(sc.turn_length_days)))
        pe = "; ".join(e.label or f"{e.location} held by {e.controller}" for e in pack.end_conditions) or "none"
        me = "; ".join(e.label or f"{e.location} held by {e.controller}" for e in sc.end_conditions) or "none"
        if pe != me:
            rows.append(("end conditions", pe, me))
        if [i.serial for i in pack.injects] != [i.serial for i in sc.injects] or [i.attack for i in pack.injects] != [
            i.attack for i in sc.injects
        ]:
            rows.append(("scheduled injects", str(len(pack.injects)), str(len(sc.injects))))
        for f in dataclasses.fields(Rules):
            mine, theirs = getattr(sc.rules, f.name), getattr(pack.rules, f.name)
            if mine != theirs:
                rows.append((f"rule {f.name} (vs the pack)", str(theirs), str(mine)))
        if len(rows) == 0 or all(r[0].startswith(("random seed", "seats", "branch", "rule ")) for r in rows):
            rows.append(("scenario text", f"bundled {sc.id} pack", "edited (its hash differs)"))
    elif pack is None:
        rows.append(("scenario pack", "not bundled with this version", f"{sc.id} (stored in the saved game)"))
    return rows


# ------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------

_TIMELINE_KINDS = {
    EventKind.ATTACK.value: "inject",
    EventKind.REQUEST.value: "request",
    EventKind.VERDICT.value: "verdict",
    EventKind.COLLECTIVE.value: "invocation",
    EventKind.DECISION.value: "decision",
    EventKind.APPROVAL.value: "decision",
    EventKind.STANCE.value: "decision",
    EventKind.ARRIVE.value: "arrival",
    EventKind.ENGAGEMENT.value: "engagement",
    EventKind.CONTROL.value: "control",
    EventKind.END.value: "end",
}


def _gates(reasons: list[dict[str, Any]]) -> str:
    out = []
    for r in reasons:
        mark = "" if r.get("passed") is None else ("✓" if r["passed"] else "✗")
        cite = f" <i>[{_e(r['citation'])}]</i>" if r.get("citation") else ""
        out.append(f"{mark} {_e(r.get('label', ''))}: {_e(r.get('detail', ''))}{cite}")
    return "<br/>".join(out)


def _timeline(game: Game) -> list[tuple[int, str, str, str]]:
    """(turn, kind label, what, why-HTML) rows; runs of daily engagements at one place fold into one row."""
    rows: list[tuple[int, str, str, str]] = []
    runs: dict[tuple[str, str], dict[str, Any]] = {}

    def flush(key: tuple[str, str]) -> None:
        r = runs.pop(key)
        if r["n"] == 1:
            rows.append((r["first"], "engagement", r["summary"], _gates(r["reasons"])))
        else:
            rows.append(
                (
                    r["first"],
                    "engagement",
                    f"{r['n']} days of fighting at {key[0]} ({key[1]}), turns {r['first']}–{r['last']}; "
                    f"losses attacker {r['att']:,} / defenders {r['def']:,}. Last: {r['summary']}",
                    _gates(r["reasons"]),
                )
            )

    for rec in game.event_rows(kinds=list(_TIMELINE_KINDS)):
        p = rec.payload
        data = p.get("data", {}) or {}
        if rec.kind == EventKind.VERDICT.value:
            code = decode(Verdict, data["verdict"]).code if data.get("verdict") else None
            if code in (VerdictCode.NOT_A_PARTY, VerdictCode.NOT_IN_FORCE) and data.get("previous") is None:
                continue
        if rec.kind == EventKind.ENGAGEMENT.value:
            key = (str(data.get("location", rec.subject)), str(data.get("attack", "")))
            r = runs.get(key)
            if r is not None and rec.turn != r["last"] + 1:
                flush(key)
                r = None
            if r is None:
                r = runs[key] = {"first": rec.turn, "last": rec.turn, "n": 0, "att": 0, "def": 0}
            r["last"], r["n"] = rec.turn, r["n"] + 1
            r["att"] += sum(int(v) for v in (data.get("attacker_casualties") or {}).values())
            r["def"] += sum(int(v) for v in (data.get("defender_casualties") or {}).values())
            r["summary"], r["reasons"] = str(p.get("summary", "")), list(p.get("reasons", []))
            continue
        why = _gates(list(p.get("reasons", [])))
        rows.append((rec.turn, _TIMELINE_KINDS[rec.kind], str(p.get("summary", "")), why))
    for key in list(runs):
        flush(key)
    order = {
        k: i
        for i, k in enumerate(
            ["inject", "request", "verdict", "invocation", "decision", "arrival", "engagement", "control", "end"]
        )
    }
    rows.sort(key=lambda r: (r[0], order.get(r[1], 9)))
    return rows


def _img(name: str, width: int) -> str:
    return f'<img src="mem://{name}" width="{width}"/>'


def report_html(game: Game, plan: ReportPlan, *, image_width: int = 640) -> str:
    """The whole report as HTML; images as ``mem://NAME`` references."""
    sc, meta = game.scenario, game.meta
    last = game.last_turn
    wend = game.world_at(last)
    h: list[str] = [
        f"<html><head><meta charset='utf-8'/><title>{_e(meta.title or sc.name)} — after-action report</title>"
        f"<style>{CSS}</style></head><body>"
    ]
    h.append(f"<h1>After-action report: {_e(meta.title or sc.name)}</h1>")
    h.append(
        f"<p class='muted'>{_e(sc.name)} — {last} turn(s) played, {sc.date_of(0).isoformat()} to "
        f"{sc.date_of(last).isoformat()}; game file {_e(game.path.name)}; wargame {_e(meta.app_version)}.</p>"
    )

    h.append("<h2>1. Scenario and variant</h2>")
    h.append(f"<p>{_e(' '.join(sc.briefing.split()))}</p>")
    h.append("<table cellpadding='3' cellspacing='0'><tr><th>setting</th><th>value</th></tr>")
    for k, v in [
        ("scenario", f"{sc.id} ({meta.scenario_hash[:12]})"),
        ("start date", sc.start_date.isoformat()),
        ("turn length", f"{sc.turn_length_days:g} day(s)"),
        ("last turn", str(sc.max_turns)),
        ("seed", str(meta.seed)),
        ("states / treaties / forces", f"{len(sc.states)} / {len(sc.treaties)} / {len(sc.forces)}"),
    ]:
        h.append(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>")
    h.append("</table>")
    rows = variant_rows(game)
    h.append("<h3>Assumptions that differ from the pack</h3>")
    if rows:
        h.append("<table cellpadding='3' cellspacing='0'><tr><th>assumption</th><th>pack</th><th>this game</th></tr>")
        for a, b, c in rows:
            h.append(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td><td>{_e(c)}</td></tr>")
        h.append("</table>")
    else:
        h.append("<p>None: this game uses the bundled pack as it is, with its default seed and AI policies.</p>")

    h.append("<h2>2. Opinion, budget and forces over the turns</h2>")
    h.append(
        "<p class='small'>Each line has its own dash pattern and marker, so the charts read in black and white.</p>"
    )
    for fig in plan.figures:
        if fig.kind == "chart":
            h.append(f"<p>{_img(fig.name, image_width)}</p>")

    h.append("<h2 class='pb'>3. The map at each bookmark</h2>")
    if not plan.snapshots:
        h.append("<p>No bookmarks.</p>")
    from wargame.report.maps_text import caption_html  # no Qt: the words under a map

    for i, ((turn, marks, attack), fig) in enumerate(
        zip(plan.snapshots, [f for f in plan.figures if f.kind == "map"], strict=False)
    ):
        brk = " class='pb'" if i else ""  # one map per page: a heading never ends a page without its map
        labels = "; ".join(f"{b.kind.replace('_', ' ')}: {b.label}" for b in marks[:4])
        more = f" (+{len(marks) - 4} more)" if len(marks) > 4 else ""
        h.append(
            f"<h3{brk}>Turn {turn} ({sc.date_of(turn).isoformat()}) — verdicts for {_e(attack or 'no attack')}</h3>"
        )
        h.append(f"<p>{_img(fig.name, image_width)}</p>")
        h.append(f"<p class='caption'>{_e(labels + more)}<br/>{caption_html(game, turn, attack)}</p>")

    h.append("<h2 class='pb'>4. Timeline</h2>")
    h.append(
        "<p class='small'>Injects, verdicts with their reasons (✓ gate passed, ✗ gate failed, [article cited]), "
        "invocations, decisions, arrivals and engagements. Daily fighting at one place is folded into one row.</p>"
    )
    h.append(
        "<table width='100%' cellpadding='3' cellspacing='0'><tr><th>turn</th><th>what</th><th>event</th><th>why</th></tr>"
    )
    for turn, kind, what, why in _timeline(game):
        h.append(f"<tr><td>{turn}</td><td>{_e(kind)}</td><td>{_e(what)}</td><td class='gate'>{why}</td></tr>")
    h.append("</table>")

    h.append("<h2>5. Facilitator notes and overrides</h2>")
    notes = [c for c in game.commands() if c.kind == "note" and c.turn <= last]
    overrides = [c for c in game.commands() if c.kind == "override" and c.turn <= last]
    if notes:
        h.append("<table cellpadding='3' cellspacing='0'><tr><th>turn</th><th>seat</th><th>note</th></tr>")
        for c in notes:
            h.append(f"<tr><td>{c.turn}</td><td>{_e(c.seat)}</td><td>{_e(c.payload.get('text', ''))}</td></tr>")
        h.append("</table>")
    else:
        h.append("<p>No notes recorded.</p>")
    if overrides:
        h.append(
            "<table cellpadding='3' cellspacing='0'><tr><th>turn</th><th>seat</th><th>override</th><th>rationale</th></tr>"
        )
        for c in overrides:
            p = dict(c.payload)
            why = p.pop("rationale", "")
            h.append(f"<tr><td>{c.turn}</td><td>{_e(c.seat)}</td><td>{_e(p)}</td><td>{_e(why)}</td></tr>")
        h.append("</table>")
    else:
        h.append("<p>No facilitator overrides: every outcome is the engine's.</p>")

    h.append("<h2>6. How it ended</h2>")
    if wend.ended:
        h.append(f"<p><b>The game ended on turn {last}: {_e(wend.end_reason)}.</b></p>")
    else:
        h.append(f"<p><b>The game has not ended: it stops at turn {last} of {sc.max_turns}.</b></p>")
    h.append("<table cellpadding='3' cellspacing='0'><tr><th>end condition</th><th>met at the end?</th></tr>")
    for ec in sc.end_conditions:
        met = ec.kind == "control" and wend.control.get(ec.location) == ec.controller
        h.append(
            f"<tr><td>{_e(ec.label or ec.kind)}: {_e(ec.location)} held by {_e(ec.controller)}</td>"
            f"<td>{'yes' if met else 'no'} (held by {_e(wend.control.get(ec.location, '?'))})</td></tr>"
        )
    h.append(f"<tr><td>last turn ({sc.max_turns})</td><td>{'yes' if last >= sc.max_turns else 'no'}</td></tr></table>")
    held = [
        (k, v)
        for k, v in sorted(wend.control.items())
        if k in sc.locations and sc.locations[k].administered_by not in (None, v)
    ]
    h.append("<h3>Control at the end</h3>")
    if held:
        h.append(
            "<table cellpadding='3' cellspacing='0'><tr><th>place</th><th>administered by</th><th>held by</th></tr>"
        )
        for k, v in held:
            h.append(
                f"<tr><td>{_e(sc.locations[k].name)} ({_e(k)})</td><td>{_e(sc.locations[k].administered_by)}</td>"
                f"<td>{_e(v)}</td></tr>"
            )
        h.append("</table>")
    else:
        h.append("<p>Every place is held by the state that administers it.</p>")
    h.append(
        "<h3>Collective outcomes and verdicts at the end</h3><table cellpadding='3' cellspacing='0'><tr><th>article and attack</th><th>verdict</th>"
        "<th>collective</th></tr>"
    )
    for key, v in sorted(wend.verdicts.items()):
        if v.code in (VerdictCode.NOT_A_PARTY, VerdictCode.NOT_IN_FORCE):
            continue
        col = wend.collectives.get(key)
        h.append(
            f"<tr><td>{_e(v.citation)} — {_e(v.attack)}</td><td class='code'>{_e(v.code.value)}</td>"
            f"<td>{_e(col.outcome.value if col else '—')}</td></tr>"
        )
    h.append(
        "</table><h3>States at the end</h3><table cellpadding='3' cellspacing='0'><tr><th>state</th><th>support %</th><th>budget US$ m</th>"
        "<th>casualties</th></tr>"
    )
    for sid in plan.states:
        n = wend.nations.get(sid)
        if n is not None:
            h.append(
                f"<tr><td>{_e(sc.states[sid].name)}</td><td>{n.support:.0f}</td><td>{n.budget_musd:,.0f}</td>"
                f"<td>{n.casualties:,}</td></tr>"
            )
    h.append("</table></body></html>")
    return "\n".join(h)


__all__ += ["reasons_text"]
