"""Small worlds built in code for the engine's rule tests (no TOML, no Qt, no database)."""

from __future__ import annotations

import datetime as dt

from wargame.engine import (
    AdversaryCondition,
    AdversaryKind,
    Article,
    ArticleKind,
    DateRange,
    DecisionRule,
    Doctrine,
    ForceDef,
    Government,
    Gravity,
    Location,
    LocationKind,
    Membership,
    Obligation,
    Rules,
    Scenario,
    ScopeClause,
    ScopeResult,
    State,
    TargetKind,
    Transport,
    Treaty,
)

D = dt.date


def state(iso: str, continent: str = "europe", oceans=("atlantic",), lat=50.0, lon=10.0, **kw) -> State:
    base = dict(
        id=iso,
        name=kw.pop("name", iso),
        continent=continent,
        oceans=tuple(oceans),
        lat=lat,
        lon=lon,
        gdp_busd=500,
        population_m=10,
        defence_budget_busd=10,
        opinion_baseline=55,
        support_threshold=50,
        doctrine=Doctrine.RELIABLE,
    )
    base.update(kw)
    return State(**base)


def place(
    pid: str, kind: str, admin: str | None, continent: str, oceans, lat: float, lon: float, claimants=(), sea: str = ""
) -> Location:
    return Location(pid, pid, LocationKind(kind), admin, tuple(claimants), continent, tuple(oceans), sea, lat, lon)


def whole(st: State) -> Location:
    return Location(st.id, st.name, LocationKind.STATE, st.id, (), st.continent, st.oceans, "", st.lat, st.lon)


def nato_like(parties: dict[str, dt.date | None], *, rule=DecisionRule.CONSENSUS, suspensions=()) -> Treaty:
    """Arts 4, 5 and 6 coded after the North Atlantic Treaty (reference/treaties.md §1)."""
    scope = (
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.TERRITORY,),
            administered_by=("TUR",),
            note="Art 6(1): the territory of Turkey",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.TERRITORY,),
            kinds=(LocationKind.STATE, LocationKind.LAND),
            continents=("europe", "north_america"),
            administered_by_victim=True,
            note="Art 6(1): territory of a Party in Europe or North America",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.TERRITORY,),
            continents=("europe",),
            administered_by_victim=True,
            note="Art 6(1): territory of a Party in Europe",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.TERRITORY,),
            kinds=(LocationKind.ISLAND, LocationKind.OVERSEAS),
            oceans=("atlantic",),
            min_lat=23.44,
            administered_by_victim=True,
            note="Art 6(1): islands under a Party's jurisdiction in the North Atlantic north of the Tropic of Cancer",
        ),
        ScopeClause(
            ScopeResult.AMBIGUOUS,
            targets=(TargetKind.TERRITORY,),
            oceans=("mediterranean",),
            administered_by_victim=True,
            note="territory of a Party on the Mediterranean outside Europe (Ceuta, Melilla): not covered by the text",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.FORCES,),
            continents=("europe", "north_america"),
            kinds=(LocationKind.STATE, LocationKind.LAND, LocationKind.ISLAND),
            note="Art 6(2): forces in or over the territories in Europe or North America",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.FORCES,),
            oceans=("mediterranean",),
            note="Art 6(2): forces in the Mediterranean Sea",
        ),
        ScopeClause(
            ScopeResult.IN,
            targets=(TargetKind.FORCES,),
            oceans=("atlantic",),
            min_lat=23.44,
            note="Art 6(2): forces in the North Atlantic area north of the Tropic of Cancer",
        ),
    )
    return Treaty(
        id="NATO",
        name="North Atlantic Treaty",
        in_force=DateRange(D(1949, 8, 24)),
        parties=tuple(Membership(s, j) for s, j in parties.items()),
        articles=(
            Article(
                "4",
                "Consultation",
                ArticleKind.CONSULTATION,
                Obligation.CONSULT_ONLY,
                decision_rule=DecisionRule.CONSENSUS,
                decision_days=1,
                citation="Art 4",
            ),
            Article(
                "5",
                "Collective defence",
                ArticleKind.DEFENCE,
                Obligation.AS_DEEMS_NECESSARY,
                Gravity.ARMED_ATTACK,
                AdversaryCondition(AdversaryKind.ANY),
                scope_from="6",
                decision_rule=rule,
                decision_days=1,
                citation="Art 5",
            ),
            Article("6", "Scope", ArticleKind.DEFINITION, scope=scope, citation="Art 6"),
        ),
        suspensions=tuple(suspensions),
    )


def bilateral(
    tid: str,
    a: str,
    b: str,
    *,
    scope=(),
    threshold=Gravity.ARMED_ATTACK,
    adversary=AdversaryCondition(),
    rule=DecisionRule.INDIVIDUAL,
    since=D(1960, 1, 1),
    suspensions=(),
    obligation=Obligation.CONSTITUTIONAL_PROCESSES,
    extra_parties=(),
) -> Treaty:
    return Treaty(
        id=tid,
        name=tid,
        in_force=DateRange(since),
        parties=tuple(Membership(s) for s in (a, b, *extra_parties)),
        articles=(
            Article(
                "1",
                "Defence",
                ArticleKind.DEFENCE,
                obligation,
                threshold,
                adversary,
                scope=tuple(scope),
                decision_rule=rule,
                citation=f"{tid} Art 1",
            ),
        ),
        suspensions=tuple(suspensions),
    )


def force(
    fid: str,
    owner: str,
    home: str,
    cp: float = 10,
    readiness: float = 2,
    speed: float = 500,
    transport=Transport.ROAD,
    personnel: int = 4000,
    cost: float = 1.0,
) -> ForceDef:
    return ForceDef(fid, owner, fid, "brigade", cp, personnel, home, readiness, transport, speed, cost)


def scenario(
    states,
    places=(),
    treaties=(),
    forces=(),
    *,
    start=D(2026, 3, 2),
    rules=Rules(),
    max_turns=60,
    injects=(),
    end_conditions=(),
) -> Scenario:
    st = {s.id: s for s in states}
    locs = {s.id: whole(s) for s in states}
    locs.update({p.id: p for p in places})
    return Scenario(
        "test",
        "test",
        "",
        start,
        1.0,
        st,
        locs,
        tuple(treaties),
        tuple(forces),
        rules,
        tuple(injects),
        tuple(end_conditions),
        max_turns,
        1,
    )


def baltic() -> Scenario:
    """A small NATO world on the Baltic flank with an aggressor."""
    est = state("EST", lat=59.4, lon=24.7, population_m=1.4, defence_budget_busd=1.5)
    usa = state(
        "USA",
        continent="north_america",
        oceans=("atlantic", "pacific"),
        lat=38.9,
        lon=-77.0,
        defence_budget_busd=900,
        population_m=340,
        legislative_lag_days=3,
    )
    deu = state(
        "DEU",
        lat=52.5,
        lon=13.4,
        needs_prior_approval=True,
        legislative_lag_days=7,
        doctrine=Doctrine.CAUTIOUS,
        opinion_baseline=36,
        defence_budget_busd=90,
        population_m=83,
    )
    fin = state("FIN", lat=60.2, lon=24.9)
    rus = state(
        "RUS",
        lat=55.75,
        lon=37.6,
        government=Government.AUTOCRACY,
        doctrine=Doctrine.AGGRESSOR,
        defence_budget_busd=149,
        population_m=144,
    )
    isl = state("ISIS", lat=35.0, lon=40.0, continent="asia", oceans=(), non_state=True, defence_budget_busd=0)
    nar = place("EST-NAR", "land", "EST", "europe", (), 59.38, 28.19)
    haw = place("USA-HI", "island", "USA", "oceania", ("pacific",), 20.8, -156.3)
    azo = place("PRT-20", "island", "USA", "europe", ("atlantic",), 38.5, -28.0)
    nato = nato_like({"EST": D(2004, 3, 29), "USA": None, "DEU": D(1955, 5, 6), "FIN": D(2023, 4, 4)})
    forces = [
        force("EST-1", "EST", "EST-NAR", cp=5, readiness=1),
        force("USA-82", "USA", "USA", cp=8, readiness=1, speed=8000, transport=Transport.AIR, cost=3),
        force("DEU-PZ45", "DEU", "DEU", cp=12, readiness=3),
        force("RUS-6A", "RUS", "RUS", cp=40, readiness=0),
    ]
    return scenario([est, usa, deu, fin, rus, isl], [nar, haw, azo], [nato], forces)


def crisis_world(**facts) -> Scenario:
    """A small world for the crisis rules (issue 10): NATO on the eastern flank, Ukraine outside it, Russia and
    China as permanent members, land borders, a relation, legal clocks, forum preferences and NATO's measures."""
    from wargame.engine import (
        AttackKind,
        CrisisFacts,
        ForumPrefs,
        LegalClock,
        Measure,
        Relation,
        RelationKind,
    )

    est = state("EST", lat=59.4, lon=24.7, population_m=1.4, defence_budget_busd=1.5, opinion_baseline=60)
    lva = state("LVA", lat=56.95, lon=24.1, population_m=1.9)
    pol = state("POL", lat=52.2, lon=21.0, population_m=37)
    ukr = state("UKR", lat=50.45, lon=30.5, population_m=38, opinion_baseline=30)
    usa = state("USA", continent="north_america", lat=38.9, lon=-77.0, defence_budget_busd=900, population_m=340)
    gbr = state("GBR", lat=51.5, lon=-0.1)
    fra = state("FRA", lat=48.9, lon=2.3)
    deu = state("DEU", lat=52.5, lon=13.4, opinion_baseline=60)
    prt = state("PRT", lat=38.7, lon=-9.1)
    rus = state("RUS", lat=55.75, lon=37.6, government=Government.AUTOCRACY, doctrine=Doctrine.AGGRESSOR)
    chn = state("CHN", continent="asia", lat=39.9, lon=116.4, government=Government.AUTOCRACY)
    places = [
        place("EST-NAR", "land", "EST", "europe", (), 59.38, 28.19),
        place("UKR-KHA", "land", "UKR", "europe", (), 49.99, 36.23),
    ]
    nato = nato_like(
        {
            "EST": D(2004, 3, 29),
            "LVA": D(2004, 3, 29),
            "POL": D(1999, 3, 12),
            "USA": None,
            "GBR": None,
            "FRA": None,
            "DEU": D(1955, 5, 6),
            "PRT": None,
        }
    )
    forces = [
        force("EST-1", "EST", "EST-NAR", cp=5, readiness=1),
        force("USA-82", "USA", "USA", cp=8, readiness=1, speed=8000, transport=Transport.AIR),
        force("DEU-1", "DEU", "DEU", cp=10, readiness=1, speed=2000),
        force("RUS-1", "RUS", "RUS", cp=40, readiness=0),
        force("UKR-1", "UKR", "UKR-KHA", cp=10, readiness=0),
    ]
    defaults = dict(
        forums={
            "EST": ForumPrefs(
                "EST",
                minor=("NATO:4", "UNSC"),
                armed_attack=("NATO:4", "NATO:5", "UNSC"),
                cyber_hybrid=(),
                not_if=("cyber_without_physical_harm",),
                source="test",
            ),
            "POL": ForumPrefs(
                "POL", minor=("NATO:4",), armed_attack=("NATO:4", "NATO:5"), not_if=("accidental",), source="test"
            ),
        },
        borders={
            "EST": frozenset({"RUS", "LVA"}),
            "LVA": frozenset({"EST", "RUS"}),
            "RUS": frozenset({"EST", "LVA", "UKR"}),
            "UKR": frozenset({"RUS", "POL"}),
            "POL": frozenset({"UKR"}),
        },
        relations=(Relation("CHN", "RUS", RelationKind.PARTNER, "test"),),
        legal={
            "DEU": LegalClock("DEU", "the Bundestag", prior=True, emergency=True, vote_days=7, refusal="withdraw"),
            "USA": LegalClock(
                "USA", "Congress", vote_days=3, report_days=2, clock_days=60, grace_days=30, refusal="none"
            ),
        },
        measures={
            "NATO": (
                Measure("NATO", "statement", "a statement", body="the North Atlantic Council"),
                Measure(
                    "NATO",
                    "flank",
                    "an eastern-flank activity",
                    readiness_days=2,
                    cost_musd_per_day=2.0,
                    min_gravity=Gravity.INCIDENT,
                    when="territory",
                    kinds=(AttackKind.AIRSPACE_VIOLATION, AttackKind.MISSILE),
                    body="the North Atlantic Council",
                ),
                Measure(
                    "NATO",
                    "plans",
                    "defence plans activated",
                    min_gravity=Gravity.STATE_OF_WAR,
                    when="neighbour_invasion",
                    body="the North Atlantic Council",
                ),
                Measure(
                    "NATO",
                    "patriots",
                    "ground-based air defence",
                    readiness_days=3,
                    cost_musd_per_day=0.3,
                    when="on_request",
                    body="the North Atlantic Council",
                ),
            )
        },
    )
    defaults.update(facts)
    sc = scenario([est, lva, pol, ukr, usa, gbr, fra, deu, prt, rus, chn], places, [nato], forces)
    import dataclasses

    return dataclasses.replace(sc, crisis=CrisisFacts(**defaults))
