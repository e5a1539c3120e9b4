"""Build a scenario's crisis facts (``[[forums]]``, ``[[legal]]``, ``[[relations]]``, ``[[sponsors]]``,
``[[borders]]``, ``[un]``, ``[[measures]]``, ``[[evidence]]``) from its files, checking their cross-references.

Rows from an included pack (``world-crisis.toml``) that name a state or treaty outside the scenario are left
out, as treaties taken from a pack are (the pack is checked whole where ``world.toml`` loads it with every
state); in the main file such a row is an error. The ``[un]`` table of the main file wins over a pack's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wargame.engine import (
    AttackKind,
    CouncilSeats,
    CrisisFacts,
    ForumPrefs,
    Gravity,
    Intent,
    LegalClock,
    Measure,
    Relation,
    RelationKind,
    ScheduledEvidence,
    Sponsor,
    Sponsorship,
    State,
    Treaty,
)
from wargame.engine.crisis_facts import UNKNOWN
from wargame.scenario.errors import Problem, suggest


class _Files:
    """Where each row comes from, and whether it is the main file's."""

    def __init__(self, files: list[Any], add: Callable[[Problem], None]) -> None:
        self.files = files
        self.main_key = files[-1].key
        self.add = add

    def rows(self, table: str) -> list[tuple[str, str, bool, Any]]:
        out = []
        for f in self.files:
            for i, rec in enumerate(getattr(f.doc, table)):
                out.append((f.key, f"{table}[{i}]", f.key == self.main_key, rec))
        return out


def _known(files: _Files, key: str, path: str, main: bool, field: str, value: str, states: dict[str, State]) -> bool:
    """Whether ``value`` is a state of the scenario (an error in the main file when it is not)."""
    if value in states or value == UNKNOWN:
        return True
    if main:
        files.add(Problem(f"{path}.{field}", f"unknown state {value!r}{suggest(value, list(states))}", key))
    return False


def build_crisis(
    files: list[Any],
    states: dict[str, State],
    treaties: tuple[Treaty, ...],
    turn_of: Callable[[str, str, int | None, str | None], int | None],
    add: Callable[[Problem], None],
) -> CrisisFacts:
    """The crisis facts of the merged files (problems go to ``add``)."""
    fs = _Files(files, add)
    forums: dict[str, ForumPrefs] = {}
    for key, path, main, r in fs.rows("forums"):
        if not _known(fs, key, path, main, "state", r.state, states):
            continue
        if r.state in forums:
            add(Problem(f"{path}.state", f"forum preferences for {r.state!r} are given twice", key))
            continue
        forums[r.state] = ForumPrefs(
            r.state,
            tuple(r.minor),
            tuple(r.armed_attack),
            tuple(r.forces_abroad),
            tuple(r.terrorism),
            tuple(r.cyber_hybrid),
            tuple(r.not_if),
            r.source,
        )
    legal: dict[str, LegalClock] = {}
    for key, path, main, r in fs.rows("legal"):
        if not _known(fs, key, path, main, "state", r.state, states):
            continue
        if r.state in legal:
            add(Problem(f"{path}.state", f"a legal clock for {r.state!r} is given twice", key))
            continue
        legal[r.state] = LegalClock(
            r.state,
            r.approves,
            r.prior,
            r.emergency,
            r.vote_days,
            r.report_days,
            r.clock_days,
            r.grace_days,
            r.refusal,
            r.home_free,
            r.collective_test,
            r.source,
        )
    relations: dict[tuple[str, str], Relation] = {}
    for key, path, main, r in fs.rows("relations"):
        if not (_known(fs, key, path, main, "a", r.a, states) and _known(fs, key, path, main, "b", r.b, states)):
            continue
        if r.a == r.b:
            add(Problem(f"{path}.b", "a state has no relation with itself", key))
            continue
        relations[(r.a, r.b)] = Relation(r.a, r.b, RelationKind(r.kind), r.source)
    sponsors: list[Sponsor] = []
    for key, path, main, r in fs.rows("sponsors"):
        if not (
            _known(fs, key, path, main, "state", r.state, states)
            and _known(fs, key, path, main, "actor", r.actor, states)
        ):
            continue
        if not states[r.actor].non_state:
            add(Problem(f"{path}.actor", f"{r.actor!r} is a State, not a non-state actor", key))
            continue
        sponsors.append(Sponsor(r.state, r.actor, Sponsorship[r.level.upper()], r.source))
    borders: dict[str, set[str]] = {}
    for key, path, main, r in fs.rows("borders"):
        for j, pair in enumerate(r.pairs):
            if len(pair) != 2 or pair[0] == pair[1]:
                add(Problem(f"{path}.pairs[{j}]", f"a border is a pair of two different states, not {pair!r}", key))
                continue
            if all(_known(fs, key, f"{path}.pairs[{j}]", main, str(k), s, states) for k, s in enumerate(pair)):
                borders.setdefault(pair[0], set()).add(pair[1])
                borders.setdefault(pair[1], set()).add(pair[0])
    council = CouncilSeats()
    for f in files:
        un = f.doc.un
        if un is None:
            continue
        main = f.key == fs.main_key
        seats: list[tuple[str, ...]] = []
        for name in ("permanent", "elected", "absent"):
            seats.append(tuple(s for s in getattr(un, name) if _known(fs, f.key, "un", main, name, s, states)))
        council = CouncilSeats(seats[0], seats[1], seats[2], un.source)
    known_treaties = {t.id: t for t in treaties}
    measures: dict[str, list[Measure]] = {}
    for key, path, main, r in fs.rows("measures"):
        if r.treaty not in known_treaties:
            if main:
                add(
                    Problem(
                        f"{path}.treaty", f"unknown treaty {r.treaty!r}{suggest(r.treaty, list(known_treaties))}", key
                    )
                )
            continue
        menu = measures.setdefault(r.treaty, [])
        if any(m.id == r.id for m in menu):
            add(Problem(f"{path}.id", f"measure {r.id!r} of {r.treaty} is given twice", key))
            continue
        menu.append(
            Measure(
                r.treaty,
                r.id,
                r.name,
                r.readiness_days,
                r.cost_musd_per_day,
                Gravity[r.min_gravity.upper()],
                r.when,
                tuple(AttackKind(k) for k in r.kinds),
                r.force,
                r.body,
                r.source,
            )
        )
    evidence: list[ScheduledEvidence] = []
    main_doc = files[-1].doc
    serials = {str(inj.serial if inj.serial is not None else i + 1) for i, inj in enumerate(main_doc.injects)}
    for i, ev in enumerate(main_doc.evidence):
        path = f"evidence[{i}]"
        turn = turn_of(fs.main_key, path, ev.turn, ev.at)
        _known(fs, fs.main_key, path, True, "candidate", ev.candidate, states)
        if ev.inject not in serials:
            add(
                Problem(
                    f"{path}.inject",
                    f"no inject with serial {ev.inject!r}{suggest(ev.inject, sorted(serials))}",
                    fs.main_key,
                )
            )
            continue
        if turn is None:
            continue
        evidence.append(
            ScheduledEvidence(
                turn, ev.inject, ev.candidate, ev.kind, Intent(ev.intent) if ev.intent else None, ev.description
            )
        )
    return CrisisFacts(
        forums=forums,
        legal=legal,
        relations=tuple(relations.values()),
        sponsors=tuple(sponsors),
        borders={k: frozenset(v) for k, v in sorted(borders.items())},
        council=council,
        measures={k: tuple(v) for k, v in measures.items()},
        evidence=tuple(sorted(evidence, key=lambda e: e.turn)),
    )
