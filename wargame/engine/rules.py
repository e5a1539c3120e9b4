"""The rules' numbers: every parameter a rule of the engine uses, with its source or "assumption"."""

from __future__ import annotations

from dataclasses import dataclass, field

from .enums import Doctrine

RULES_VERSION = 3
"""The version of the rules' behaviour. Bump it with every change that is meant to change outcomes (a verdict,
a decision, a movement, a loss, a figure): a saved game records the version it was made with, and a game made
with another version can still be opened, reviewed, reported and exported, but not re-adjudicated by ``verify``
nor advanced, since today's rules would not give the turns it holds.

Versions: 1, the rules before issue 10; 2, the crisis model of issue 10 (gravity bands, attribution as evidence,
requests and forums, the UN, consultations, legal clocks, opinion, necessity); 3, the military model of issue 11
(forces with homes, roles, domains and theatres, routes and permissions, lift, engagements, the aggressor's plan,
escalation, sanctions, munitions, costs)."""


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
    """Weight of the leading candidate needed before a defence article triggers (ICJ Oil Platforms §57: the burden
    of proof lies on the State invoking self-defence; the figure is an assumption)."""
    armed_attack_casualties: int = 10
    """People killed from which a strike, missile, naval, air or shelling attack is an armed attack (assumption
    between Akcakale, 3 Oct 2012: 5 killed, Art 4 only, and Cheonan, 26 Mar 2010: 46 killed, condemned as an
    attack in S/PRST/2010/13; crisis-sources §1.2)."""
    war_casualties: int = 100
    """People killed from which an armed attack puts the victim in a state of war (assumption)."""
    armed_attack_damage_musd: float = 100.0
    """Physical damage (US$ million) from which a strike, a missile attack, or a cyber attack with physical effects
    is an armed attack (assumption; Tallinn Manual 2.0 Rule 71: cyber judged as a kinetic attack of that scale)."""
    armed_attack_platforms: int = 1
    """Warships, public vessels, military aircraft or major installations destroyed or disabled from which an attack
    is an armed attack (ICJ Oil Platforms §72: 'the mining of a single military vessel'; Cheonan 2010)."""
    armed_attack_salvo: int = 5
    """Missiles or drones in one salvo aimed at the victim from which it is an armed attack, intercepted or not
    (assumption: scale of the force used; Iran's raid on Israel of 13-14 Apr 2024)."""
    war_salvo: int = 50
    """Missiles or drones in one raid from which it puts the victim in a state of war (assumption)."""
    armed_attack_barrage: int = 100
    """Rounds in one barrage on an inhabited place from which shelling is an armed attack (assumption; Yeonpyeong,
    23 Nov 2010: about 170 rounds, 4 killed)."""
    air_armed_attack_aircraft: int = 3
    """Military aircraft shot down in one engagement from which an air attack is an armed attack (assumption; one
    RF-4E shot down on 22 Jun 2012 led Turkey to ask for Art 4 only)."""
    naval_war_platforms: int = 3
    """Warships sunk from which a naval attack puts the victim in a state of war (assumption)."""
    invasion_company_troops: int = 100
    """Troops (about a company) from which a crossing to hold ground is an armed attack; a smaller incursion is a
    frontier incident (GA res 3314 Art 3(a); Eritrea-Ethiopia Claims Commission, Jus ad Bellum award of 19 Dec 2005, §§11-12 (paragraph numbers unverified);
    the figure is an assumption)."""
    invasion_war_troops: int = 3000
    """Troops (about a brigade) from which an invasion puts the victim in a state of war (assumption; Badme, 12 May
    1998: several brigades)."""
    terrorist_armed_attack_casualties: int = 100
    """People killed from which a terrorist attack directed from abroad is an armed attack (assumption; Paris,
    13 Nov 2015: 130 killed, TEU 42(7) invoked; Madrid, 11 Mar 2004: 193 killed, nothing invoked)."""
    terrorist_war_casualties: int = 1000
    """People killed from which a terrorist attack directed from abroad puts the victim in a state of war
    (assumption; 9/11: 2,977; 7 Oct 2023: about 1,200)."""
    cumulative_window_days: float = 90.0
    """Incidents of one campaign count together only within this window (assumption; the Oil Platforms series ran
    from Oct 1987 to Apr 1988 and still failed on gravity, ICJ Oil Platforms §64)."""
    cumulative_max_gap_days: float = 30.0
    """... and each no more than this many days after the one before (assumption)."""
    cumulative_min_incidents: int = 3
    """Incidents needed before a series is judged as one (assumption)."""
    cumulative_discount: float = _share(0.5)
    """A series counts this share of its summed killed and damage: it is less grave than one attack of the same
    total (assumption; keeps the Oil Platforms series below an armed attack)."""
    attribution_working_weight: float = _share(0.8)
    """Weight a working attribution ('highly likely', named by a government) gives the attacker it names
    (assumption; above the threshold)."""
    attribution_overt_median_days: float = 0.25
    """Median days to a working attribution of an overt attack by State forces (crisis-sources §3.2, fitted to
    Yeonpyeong, Akcakale, RF-4E, Kerch, Ukraine 2022; lognormal)."""
    attribution_overt_sigma: float = 0.7
    """... and its spread (lognormal sigma; crisis-sources §3.2)."""
    attribution_missile_median_days: float = 1.0
    """Median days to a working attribution of a missile or air attack of unclear origin (crisis-sources §3.2:
    Przewodow, PS752, KAL 007, MH17, the drones over Poland of 2025)."""
    attribution_missile_sigma: float = 0.9
    """... its spread (crisis-sources §3.2)."""
    attribution_missile_never: float = _share(0.1)
    """... and the chance it never comes (crisis-sources §3.2)."""
    attribution_naval_median_days: float = 20.0
    """Median days to a working attribution of a covert naval attack, a torpedo or a mine (crisis-sources §3.2:
    Cheonan 55, Samuel B. Roberts about 2, Nord Stream never)."""
    attribution_naval_sigma: float = 1.5
    """... its spread (crisis-sources §3.2)."""
    attribution_naval_never: float = _share(0.2)
    """... and the chance it never comes (crisis-sources §3.2)."""
    attribution_terrorist_median_days: float = 1.5
    """Median days to a working attribution of a terrorist attack to its group (crisis-sources §3.2: 9/11 2,
    Madrid 2 after a wrong first candidate, Paris 1, London about 5)."""
    attribution_terrorist_sigma: float = 0.8
    """... its spread (crisis-sources §3.2)."""
    attribution_terrorist_never: float = _share(0.05)
    """... and the chance it never comes (crisis-sources §3.2)."""
    attribution_cyber_median_days: float = 70.0
    """Median days to a working attribution of a cyber attack (crisis-sources §3.2: Sony 25, SolarWinds 23, Viasat
    75, WannaCry 168, NotPetya 233 days; ln-mean 4.25)."""
    attribution_cyber_sigma: float = 1.1
    """... its spread (crisis-sources §3.2: sample deviation 1.06)."""
    attribution_cyber_never: float = _share(0.25)
    """... and the chance it never comes (crisis-sources §3.2: Estonia 2007 never concluded)."""
    attribution_hybrid_median_days: float = 5.0
    """Median days to a working attribution of sabotage or covert action (crisis-sources §3.2: Balticconnector 16,
    Eagle S 1; Skripal 8, Navalny 13)."""
    attribution_hybrid_sigma: float = 1.5
    """... its spread (crisis-sources §3.2)."""
    attribution_hybrid_never: float = _share(0.5)
    """... and the chance it never comes (crisis-sources §3.2: Nord Stream unresolved at the State level)."""
    evidence_claim: float = _share(0.5)
    """Weight a claim of responsibility adds to the group named (assumption; claims can be false; ISIL on Paris,
    14 Nov 2015)."""
    evidence_radar: float = _share(0.4)
    """Weight a radar track or launch point adds (assumption; Przewodow: the trajectory showed a launch from
    Ukraine)."""
    evidence_forensics: float = _share(0.3)
    """Weight wreckage or forensics adds (assumption; Cheonan: a torpedo part with Korean markings)."""
    evidence_intercepts: float = _share(0.3)
    """Weight released intercepted communications add (assumption; MH17, 17-18 Jul 2014)."""
    evidence_briefing: float = _share(0.2)
    """Weight an allied intelligence briefing adds (assumption; the US briefing to the NAC, 2 Oct 2001)."""
    evidence_report: float = _share(0.5)
    """Weight an official investigation report adds (assumption; the Cheonan JIG report, 20 May 2010)."""
    evidence_denial: float = _share(0.05)
    """Weight a suspect's denial takes away (assumption: weak; the DPRK on Cheonan)."""
    rally_own: float = 20.0
    """Rally (points) after an armed attack on one's own territory or forces (numbers.md §2d: 10-35)."""
    rally_ally: float = 5.0
    """Rally of an exposed ally, once per crisis (Baker & Oneal 2001: rallies after uses of force are small;
    crisis-sources §7.3: at most +5, an assumption)."""
    rally_half_life_days: float = 120.0
    """Half-life of a rally (numbers.md §2d suggests 3-6 months)."""
    mueller_b: float = 15.0
    """Points lost per tenfold rise in the state's own military deaths after it commits forces (Mueller 1973;
    unconfirmed value; crisis-sources §7.4: 10-15)."""
    mueller_c0: float = 10.0
    """Scale of the log term: −b·log10(1 + own military deaths / c0) (crisis-sources §7.4; assumption)."""
    recent_loss_beta: float = 0.05
    """Points per (own military deaths within the recent-loss window per million people) (assumption)."""
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

    # The crisis: requests, the UN, legal clocks, opinion, necessity (issue 10)
    exposure_consult_gravity: int = 3
    """Gravity (3 = armed attack) from which an exposed third party asks for consultations about an attack on a
    state outside its treaty (assumption; 24 Feb 2022: eight Allies asked for Art 4 when Ukraine was invaded)."""
    un_votes_needed: int = 9
    """Affirmative votes a Security Council decision needs (UN Charter of 1945, Art 27(2)-(3))."""
    un_vote_days: float = 1.0
    """Days from a member's letter to the Council's vote on a draft (assumption; res 82, 502, 660, 1368 and
    S/2022/155 were voted within a day or two)."""
    un_elected_yes: int = 8
    """Elected members (of ten) voting for a draft that condemns a clear armed attack, when the scenario does not
    name them (assumption; S/2022/155, 25 Feb 2022: eight of the ten elected members in favour)."""
    art51_report_days: float = 3.0
    """Days within which measures taken in self-defence must be reported to the Council (UN Charter Art 51
    'immediately'; the figure is an assumption; ICJ Nicaragua §200: not reporting counts against the claim)."""
    ga_debate_days: float = 14.0
    """Days after a veto until the General Assembly debates it (GA res 76/262 of 2022: within 10 working days)."""
    ufp_days: float = 3.0
    """Days from a veto to the General Assembly's vote under Uniting for Peace (GA res 377 A (V); Ukraine 2022:
    veto 25 Feb, res 2623 27 Feb, ES-11/1 2 Mar)."""
    ufp_default_min_gravity: int = 4
    """Gravity (4 = state of war) from which the default policy asks for Uniting for Peace after a veto
    (assumption; 5 leaves it to the facilitator)."""
    legitimacy_failure: float = 10.0
    """Standing abroad lost for each failed check of necessity, proportionality, reporting or the Caroline test
    (assumption within crisis-sources §8.2: foreign opinion −5 to −15)."""
    legitimacy_reckless: float = 5.0
    """Standing abroad lost by a reckless attack (assumption; MH17 2014, KAL 007 1983)."""
    legitimacy_votes_per_failure: int = 1
    """Council votes a state's side loses for each failed check (crisis-sources §8.2; assumption)."""
    legitimacy_ally_factor: float = 0.5
    """Points of allies' willingness (effective support) lost per point of standing lost abroad (assumption)."""
    legal_revote_days: float = 7.0
    """Days before a government may ask its legislature again after a refusal (crisis-sources §6.2; assumption)."""
    rally_mass_base: float = 10.0
    """Rally after a homeland attack killing at least the mass-casualty number (crisis-sources §7.1; assumption)."""
    rally_mass_per_decade: float = 8.0
    """... plus this much per tenfold rise in the killed (crisis-sources §7.1; assumption)."""
    rally_foreign_enemy: float = 10.0
    """... plus this much when a foreign enemy is clearly named (crisis-sources §7.1: gives the +35 of Sep 2001)."""
    mass_casualty: int = 100
    """People killed on home territory from which an attack is a mass-casualty attack (assumption)."""
    rally_invaded: float = 50.0
    """Rally of a democracy whose homeland is invaded (Rating group, 26-27 Feb 2022: 91% backed the president,
    against about 30% in Dec 2021; crisis-sources §7.2 gives 40-60)."""
    rally_invaded_half_life_days: float = 450.0
    """Half-life of that rally (KIIS trust series 2022-2024: 12-18 months)."""
    necessity_max_delay_days: float = 30.0
    """A response in self-defence must begin within this many days of the last attack it answers (ICJ Nicaragua
    §237: months later is too late; the figure is an assumption)."""
    proportionality_ratio: float = 5.0
    """A response may be at most this many times the scale of the attack it answers (ICJ Oil Platforms §77;
    Armed Activities §147; the figure is an assumption)."""
    imminence_days: float = 3.0
    """An anticipatory claim passes the Caroline test only if the feared attack was expected within this many days
    (Webster to Fox, 24 Apr 1841: 'instant, overwhelming'; High-level Panel A/59/565 §188; figure assumed)."""

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
