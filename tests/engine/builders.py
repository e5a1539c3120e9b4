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
            Article("4", "Consultation", ArticleKind.CONSULTATION, Obligation.CONSULT_ONLY, citation="Art 4"),
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
