"""The rules' numbers: every parameter a rule of the engine uses, with its source or "assumption"."""

from __future__ import annotations

from dataclasses import dataclass, field

from .enums import Doctrine

RULES_VERSION = 2
"""The version of the rules' behaviour. Bump it with every change that is meant to change outcomes (a verdict,
a decision, a movement, a loss, a figure): a saved game records the version it was made with, and a game made
with another version can still be opened, reviewed, reported and exported, but not re-adjudicated by ``verify``
nor advanced, since today's rules would not give the turns it holds."""


def _share(default: float) -> float:
    """A :class:`Rules` field that is a share or a probability (0 to 1)."""
    return field(default=default, metadata={"max": 1.0})


@dataclass(frozen=True)
class Rules:
    """Model parameters: every number a rule uses. Defaults are documented assumptions or sourced; a scenario
    overrides any of them in its ``[rules]`` table.

    Sources for the forms: ``reference/numbers.md`` §2d (Mueller log-casualty form, rally
    decay, Gelpi/Feaver/Reifler success term) and §4 (decision lags). A field made with :func:`_share`
    is a share or a probability: a scenario may not set it above 1.
    """

    attribution_threshold: float = _share(0.7)
    """Confidence in the attacker needed before a defence article triggers (ICJ Oil Platforms: the burden of
    proof; the figure is an assumption)."""
    attribution_rate_per_day: float = 0.10
    """How fast attribution confidence rises towards 1 for kinetic attacks (assumption)."""
    cyber_attribution_rate_per_day: float = 0.02
    """Cyber attribution is slow (assumption: weeks to months)."""
    armed_attack_casualties: int = 1
    """Casualties from which a kinetic attack counts as an armed attack (assumption)."""
    war_casualties: int = 100
    """Casualties from which an armed attack puts the victim in a state of war (assumption)."""
    cyber_armed_attack_damage_musd: float = 1000.0
    """Damage from which a cyber attack is treated as an armed attack (NATO Wales 2014 §72; figure assumed)."""
    cumulative_window_days: float = 30.0
    """Incidents by the same attacker on the same victim within this window add up (ICJ Oil Platforms §64; the
    window is an assumption)."""
    rally_own: float = 20.0
    """Rally (points) after an armed attack on one's own territory or forces (numbers.md §2d: 10-35)."""
    rally_ally: float = 6.0
    """Rally after an armed attack on a treaty ally (assumption, k_ally ≈ 0.3)."""
    rally_half_life_days: float = 120.0
    """Half-life of a rally (numbers.md §2d suggests 3-6 months)."""
    mueller_b: float = 15.0
    """Points lost per tenfold rise in cumulative casualties (Mueller 1973; unconfirmed value)."""
    mueller_c0: float = 100.0
    """Casualty scale of the log term (assumption)."""
    recent_loss_beta: float = 0.05
    """Points per (casualties within the recent-loss window per million people) (assumption)."""
    success_gamma: float = 20.0
    """Points per unit of (expected success − 0.5) (Gelpi, Feaver & Reifler form; value assumed)."""
    alliance_cue: float = 5.0
    """Points when an alliance the state belongs to invokes on its behalf or for an ally (assumption)."""
    autocracy_weight: float = _share(0.3)
    """How much opinion constrains an autocracy's decisions compared with a democracy (assumption)."""
    ops_reserve_share: float = _share(0.05)
    """Share of the annual defence budget available for unplanned operations (assumption)."""
    supplemental_share: float = _share(0.05)
    """Size of a supplemental budget request, as a share of the annual budget (assumption)."""
    supplemental_lag_days: float = 14.0
    """Days a supplemental request takes when the legislature has no lag of its own (assumption)."""
    exhausted_readiness_penalty_days: float = 2.0
    """Extra days to ready for every force of a state whose budget is exhausted (assumption)."""
    defender_bonus: float = 1.5
    """Multiplier on the holder's combat power: a prepared defence (Dupuy's QJM posture factor 1.5 for a prepared
    defence, as summarised in the issue-11 research notes §5c; unverified there)."""
    combat_noise: float = 0.15
    """Standard deviation of the multiplicative noise on each side's losses (assumption)."""
    invasion_radius_km: float = 600.0
    """Attacker forces within this distance of an invaded location are committed to the assault; they march
    there at the march and advance rates (assumption)."""
    threat_radius_km: float = 1500.0
    """States whose capital is within this distance of an attack feel threatened (assumption)."""
    kinetic_armed_attack_damage_musd: float = 10.0
    """Damage from which a kinetic attack without casualties counts as an armed attack (assumption)."""

    # Opinion (numbers.md §2d)
    rally_cap: float = 35.0
    """Most points all rallies together can add: the largest rally on record (Gallup, Sep 2001: +35, +39 at
    peak; numbers.md §2d)."""
    recent_loss_window_days: float = 28.0
    """Casualties within this many days count as recent losses (numbers.md §2d: 'last 4 weeks', Gartner-type term)."""
    recent_loss_cap: float = 15.0
    """Most points the recent-loss term can take away (assumption)."""
    opinion_event_points: float = 2.0
    """A change of support of at least this many points is logged as an event (presentation; assumption)."""

    # Budget
    troop_day_usd: float = 1500.0
    """Incremental cost of a deployed person a day, US$ (estimate: Operation Iraqi Freedom, US$6.4bn a month for about
    144,000 troops in FY2005, CRS RL33110 and R40682; research §6)."""
    troop_day_combat_usd: float = 2500.0
    """… a day of major combat, before munitions (E: CBO, 30 Sep 2002 and Mar 2003, US$6-10bn a combat month for
    about five divisions and their air wings)."""
    deployment_cost_days: float = 30.0
    """Days of deployment a government wants funded before it deploys (assumption)."""

    # Movement and lift (issue-11 research §2-3, march_rates.csv)
    march_tracked_km_per_day: float = 150.0
    """Sustained march of tracked armoured or mechanised formations (estimate, research §2a: CGSC ST 100-3 ch. 8 and
    Russian march norms; 300 km is a single-day battalion norm, not a several-day rate)."""
    march_wheeled_km_per_day: float = 250.0
    """Sustained march of wheeled formations (estimate, research §2a, same sources)."""
    march_light_km_per_day: float = 300.0
    """Truck-mounted light infantry on roads (estimate, research §2a: Great Soviet Encyclopedia
    'Марш', modern trucks faster)."""
    march_foot_km_per_day: float = 25.0
    """Territorial and foot-mobile units (FM 21-18, 1990, and ATP 3-21.18, 2017: 20-32 km a day)."""
    advance_contested_km_per_day: float = 120.0
    """Advance through territory defended by light forces (estimate: RAND RR-1253-A, 2016: 36-60 h to Tallinn or
    Riga over 195-301 km implies 80-200 km a day; research §2a gives 30-150)."""
    advance_territorial_km_per_day: float = 50.0
    """Advance through a state defended only by territorial forces (A: research §1d, a day per 50 km)."""
    rail_km_per_day: float = 400.0
    """Military trains (E: research §2b, Europe, standard gauge)."""
    rail_handling_days: float = 2.0
    """Loading and unloading a train move (estimate, research §2b: a day each)."""
    rail_min_km: float = 400.0
    """Land moves longer than this go by rail when that is faster (assumption)."""
    sea_km_per_day: float = 850.0
    """Sealift and naval transit (LMSR 18-20 kt planning speed, MSC fact file via research §2c,
    ~800-890 km a day)."""
    sea_load_days: float = 4.0
    """Loading a ship for a unit move (MSC, standard load time 4 days, AJOT 2006)."""
    air_km_per_day: float = 8000.0
    """Airlift and air-force self-deployment, a day's flying with a stop (assumption)."""
    sea_reception_t_per_day: float = 10500.0
    """A port's discharge and reception capacity (E: research §2e, one heavy brigade per 3 days)."""
    air_reception_t_per_day: float = 1350.0
    """An airfield's reception capacity (E: research §2e, 20-40 C-17 loads a day of about 45 t)."""
    staging_days_sea: float = 7.0
    """Staging and onward movement after a sea arrival (E: research §2e, 7-14 days for an ABCT by sea)."""
    staging_days_air: float = 1.0
    """Staging after an air arrival (assumption)."""
    tonnes_per_person_heavy: float = 7.0
    """Lift weight of an armoured or mechanised formation per person (E: research §3 throughput figures)."""
    tonnes_per_person_medium: float = 4.0
    """… of a wheeled (Stryker-type) or artillery formation (estimate: GAO-03-801, 2003, a Stryker brigade takes
    5-14 days of about a third of the airlift fleet)."""
    tonnes_per_person_light: float = 2.0
    """… of a light or airborne formation (E: research §3, a light brigade per 2-3 days of 2,500-3,000 t)."""

    # Munitions (issue-11 research §7, munitions.csv)
    rounds_per_brigade_day: float = 200.0
    """Artillery rounds a brigade-equivalent (4 combat power) fires a day in combat (estimate, research §7: 100-300 attritional)."""
    interceptors_per_missile: float = 2.0
    """Interceptors fired per incoming missile (A: research §7)."""
    missiles_per_strike: float = 20.0
    """Missiles in one missile strike (assumption)."""
    empty_pool_factor: float = _share(0.5)
    """Fires of a state whose artillery stock is empty count this much (A: research §7)."""

    # Sanctions (issue-11 research §8d)
    sanctions_gdp_pct_per_year: float = 4.5
    """Target's GDP loss a year under a comprehensive package (E: research §8d, -3 to -6% after 1-2 years)."""
    sanctions_full_gdp_busd: float = 45000.0
    """Imposers' GDP (US$bn) that makes a package comprehensive; smaller coalitions scale down (assumption: about
    the EU and the US together)."""
    sanctions_lag_days: float = 90.0
    """Days for a package to reach its full effect on GDP (E: research §8d, a three-month lag)."""
    sanctions_revenue_share: float = _share(0.15)
    """Share of the target's GDP loss that comes out of its operations budget (E: research §8d, revenue -10 to
    -20% in the sectors hit; the share is an assumption)."""
    sanctions_imposer_gdp_pct_per_year: float = 0.3
    """An imposer's own GDP loss a year (E: research §8d, -0.1 to -0.5% in year one)."""
    sanctions_fatigue_per_year: float = 7.5
    """Points of support an imposer loses a year while its sanctions last (E: research §8d, 5-10 points)."""

    # Escalation (issue-11 research §9)
    nuclear_proximity_km: float = 150.0
    """Hostile ground forces this close to a nuclear power's own territory raise its alert to dispersal
    (assumption)."""

    # Engagements
    combat_effective_strength: float = _share(0.25)
    """A force below this share of its strength is no longer combat-effective (assumption)."""
    reinforce_radius_factor: float = 3.0
    """An invader reinforces its assault with forces within this many invasion radii (assumption)."""
    success_r0: float = 1.3
    """Effective force ratio at which an attack succeeds one day in two (E: a logistic fitted to Lawrence, War by
    Numbers 2017, p. 10: 116 division engagements; FM 6-0 para 9-103)."""
    success_k: float = 7.0
    """Steepness of that logistic in ln(ratio) (estimate, same fit, research §5c: p = 0.14 at 1:1, 0.73 at
    1.5:1, 0.97 at 2.2:1)."""
    loss_attack_first: float = _share(0.066)
    """Daily personnel loss of an attacking division on its first day (FM 101-10-1/2 table 4-18, attack on a
    fortified zone, 6.6%; research §5c)."""
    loss_attack: float = _share(0.035)
    """… on later days (same table, 3.5%; research §5c)."""
    loss_defend_first: float = _share(0.035)
    """Daily loss of a defending division on its first day (same table, defence of a sector, 3.5%;
    research §5c)."""
    loss_defend: float = _share(0.019)
    """… on later days (same table, 1.9%; research §5c)."""
    loss_contact: float = _share(0.003)
    """Daily loss of forces in contact when neither side attacks (estimate: research §5c, 0.2-0.5%, the table's
    'inactive' row being cut off in the source)."""
    attack_min_ratio: float = 1.0
    """A side attacks only with at least this effective ratio (its power over the holder's × the defender bonus);
    below it the sides stay in contact (assumption after Dupuy's verities: an advance needs local superiority)."""
    aircrew_share: float = _share(0.1)
    """Share of an air force's personnel that fly: only they are casualties when its aircraft are lost
    (assumption)."""
    loss_naval: float = _share(0.02)
    """Daily share of a naval force put out of action in a sea battle at even odds (assumption, set so a
    three-week Taiwan war sinks about the ships CSIS 2023 found)."""
    loss_ratio_exponent: float = 0.5
    """Losses scale with (enemy power / own power) to this power, between 0.1 and 3 times (assumption: small
    forces lose faster, Dupuy's attrition verities; no direct proportion to the ratio)."""
    winner_loss_factor: float = 0.75
    """The side that carries the day loses this many times its posture's rate (Dupuy: winners lose at lower
    rates; the factor is an assumption)."""
    loser_loss_factor: float = 1.25
    """… and the side that loses it (assumption)."""
    killed_share_land: float = _share(0.25)
    """Share of land casualties who are killed (assumption: about one killed for three wounded)."""
    killed_share_sea: float = _share(0.5)
    """Share of a sunk or disabled ship's casualties who are killed (assumption)."""
    territorial_power_per_1000: float = 0.25
    """Combat power (battalion-equivalents) of 1,000 territorial-defence personnel (A: issue-11 research §1d,
    0.2-0.3)."""
    territorial_default_share: float = _share(0.002)
    """Territorial-defence personnel as a share of population, for a state with no estimate and no forces
    (assumption)."""
    air_radius_km: float = 1000.0
    """An air force supports fights within this distance of its base (assumption: a fighter's combat radius
    with tanker support)."""
    air_support_share: float = _share(0.5)
    """Share of an air force's power that counts in a land or sea fight it supports (assumption)."""
    naval_fire_share: float = _share(0.3)
    """Share of a naval force's power that supports a land fight at a coastal place (assumption)."""
    crossing_loss: float = _share(0.25)
    """Share of a force crossing the sea to land under fire lost per unit of the defenders' sea and air power over
    its escorts' (capped at twice this; assumption, the CSIS 2023 failure mode: the amphibious fleet is
    attrited)."""
    # The default policy
    stance_object_below: float = 25.0
    """Below this effective support a government objects to an invocation (assumption)."""
    stance_abstain_below: float = 40.0
    """Below this support a free-rider or neutral government abstains (assumption)."""
    cautious_deploy_margin: float = 10.0
    """A cautious government deploys only with support this many points above its threshold (assumption)."""
    decline_margin: float = 20.0
    """A democracy whose support is more than this many points below its threshold declines to commit forces
    (assumption)."""
    reliable_forces: int = 3
    """Forces a reliable ally sends (assumption)."""
    cautious_forces: int = 1
    """Forces a cautious ally sends (assumption)."""
    home_reserve_ratio: float = 0.33
    """The default policy keeps at home combat power of at least this share of the hostile power within the
    threat radius (ATP 5-0.2-1, 2020, Table 2-12: a deliberate defence needs 1:3)."""
    hostile_radius_km: float = 1000.0
    """Hostile forces within this distance of a state's capital count as a threat to it (assumption)."""
    hesitation_days_reliable: float = 1.0
    """A reliable ally's forces move after up to this many days of hesitation, drawn per game (assumption)."""
    hesitation_days_cautious: float = 4.0
    """… a cautious ally's (assumption)."""
    vote_lag_spread: float = _share(0.5)
    """A legislative vote falls due after its lag × a factor drawn in 1 ± this (assumption)."""
    approval_autocracy: float = _share(0.97)
    """Chance an autocracy's legislature approves a deployment or a supplemental (assumption)."""
    approval_midpoint_democracy: float = 45.0
    """Support at which a democracy's legislature approves with even odds (logistic; assumption)."""
    approval_midpoint_hybrid: float = 35.0
    """Support at which a hybrid regime's legislature approves with even odds (logistic; assumption)."""
    approval_slope: float = 8.0
    """Points of support that change the odds of approval e-fold (logistic scale; assumption)."""
    difficulty_support_shift: float = 10.0
    """Points added to allies' effective support when they weigh a response at 'easy', taken away at 'hard'
    (assumption)."""

    # The aggressor AI (assumptions, tuned on the bundled scenarios)
    ai_cadence_turns: int = 3
    """The aggressor acts at most once every this many turns (assumption)."""
    ai_horizon_days: float = 7.0
    """How far ahead the aggressor counts arriving defenders (assumption: a week)."""
    ai_probe_limit: float = 3.0
    """Highest deterrence ratio at which the aggressor probes in the gray zone (× boldness; assumption)."""
    ai_limited_limit: float = 1.5
    """Highest deterrence ratio at which it makes a limited strike (× boldness; assumption)."""
    ai_major_limit: float = 0.8
    """Highest deterrence ratio at which it invades (× boldness; assumption)."""
    ai_probe_casualties: int = 0
    """Casualties a gray-zone probe causes (assumption)."""
    ai_limited_casualties: int = 20
    """Casualties a limited strike causes (assumption)."""
    ai_major_casualties: int = 100
    """Casualties an invasion causes on its first day (assumption)."""
    ai_probe_attribution: float = _share(0.6)
    """Attribution confidence of a probe: deniable (assumption)."""
    ai_attribution: float = _share(0.9)
    """Attribution confidence of a strike or an invasion (assumption)."""
    ai_boldness_easy: float = 0.7
    """Multiplier on the rung limits at 'easy' (a timid aggressor; assumption)."""
    ai_boldness_normal: float = 1.0
    """Multiplier on the rung limits at 'normal' (the reference; assumption)."""
    ai_boldness_hard: float = 1.4
    """Multiplier on the rung limits at 'hard' (a bold aggressor; assumption)."""
    ai_halt_ratio: float = 1.2
    """The aggressor halts when the defenders at an invaded place outweigh its forces by more than this
    (assumption)."""
    ai_credibility_reliable: float = _share(0.9)
    """How likely the aggressor thinks a reliable ally is to act (assumption)."""
    ai_credibility_cautious: float = _share(0.6)
    """… a cautious ally (assumption)."""
    ai_credibility_free_rider: float = _share(0.2)
    """… a free-rider (assumption)."""
    ai_credibility_neutral: float = _share(0.1)
    """… a neutral state (assumption)."""
    ai_credibility_aggressor: float = _share(0.0)
    """… another aggressor (assumption)."""
    ai_support_factor_min: float = 0.2
    """Lowest factor a democracy's support (over its threshold) puts on its credibility (assumption)."""
    ai_support_factor_max: float = 1.2
    """Highest such factor (assumption)."""
    ai_exhausted_factor: float = _share(0.5)
    """Credibility factor of an ally whose budget is exhausted (assumption)."""
    ai_prior_approval_factor: float = _share(0.8)
    """Credibility factor of an ally that needs its legislature's consent first (assumption)."""
    ai_perception_sigma: float = 0.35
    """How far an aggressor misreads deterrence: its reading is the true ratio × exp(N(0, sigma)), drawn once per
    game and aggressor (assumption)."""
    ai_sensor_radius_km: float = 2500.0
    """The aggressor sees forces within this distance of its own territory and forces (assumption)."""

    def support_shift(self, difficulty: str) -> float:
        """Points added to allies' effective support at ``difficulty`` (easy +, normal 0, hard −)."""
        return {"easy": self.difficulty_support_shift, "hard": -self.difficulty_support_shift}.get(difficulty, 0.0)

    def ai_boldness(self, difficulty: str) -> float:
        """The aggressor AI's multiplier on its rung limits at ``difficulty``."""
        return {"easy": self.ai_boldness_easy, "hard": self.ai_boldness_hard}.get(difficulty, self.ai_boldness_normal)

    def ai_credibility(self, doctrine: Doctrine) -> float:
        """How likely the aggressor AI thinks a state of ``doctrine`` is to act, before support and budget."""
        if doctrine is Doctrine.RELIABLE:
            return self.ai_credibility_reliable
        if doctrine is Doctrine.CAUTIOUS:
            return self.ai_credibility_cautious
        if doctrine is Doctrine.FREE_RIDER:
            return self.ai_credibility_free_rider
        if doctrine is Doctrine.NEUTRAL:
            return self.ai_credibility_neutral
        return self.ai_credibility_aggressor
