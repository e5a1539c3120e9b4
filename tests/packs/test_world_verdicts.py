"""DATC-style cases for the world treaty pack: one named case per test, the rule in its docstring.

Each case judges one hypothetical attack with ``wargame.engine.assess`` on the world pack and checks
the verdict that the treaty text and reference/treaties.md imply (section numbers refer to that file).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from wargame.engine import AttackKind, AttackSpec, TargetKind, VerdictCode, assess
from wargame.scenario import ASSETS

D = dt.date
T = VerdictCode
TODAY = D(2026, 3, 1)


# ---------------------------------------------------------------------------------------------
# North Atlantic Treaty (§1)
# ---------------------------------------------------------------------------------------------


def test_nato_invasion_of_narva_triggers_art5(judge):
    """Art 5 via Art 6(1): an invasion of a Party's territory in Europe is an armed attack on all."""
    v = judge("NATO", "5", attacker="RUS", victim="EST", location="EST-NAR", kind="invasion", casualties=150, day=TODAY)
    assert v.code is T.TRIGGERED
    assert "USA" in v.guarantors and "EST" not in v.guarantors and "FIN" in v.guarantors


def test_nato_not_in_force_before_24_aug_1949(judge):
    """The treaty entered into force on 24 Aug 1949: an earlier attack is NOT_IN_FORCE."""
    assert judge("NATO", "5", attacker="RUS", victim="NOR", location="NOR", day=D(1949, 6, 1)).code is T.NOT_IN_FORCE


def test_nato_finland_not_a_party_in_2022(judge):
    """Finland acceded on 4 Apr 2023: an attack in 2022 finds it NOT_A_PARTY."""
    assert judge("NATO", "5", attacker="RUS", victim="FIN", location="FIN", day=D(2022, 6, 1)).code is T.NOT_A_PARTY


def test_nato_finland_covered_in_2024(judge):
    """From 4 Apr 2023 Finland is a Party; its mainland is in Europe: TRIGGERED."""
    assert judge("NATO", "5", attacker="RUS", victim="FIN", location="FIN", day=D(2024, 1, 10)).code is T.TRIGGERED


def test_nato_sweden_gotland_before_and_on_accession_day(judge):
    """Sweden acceded on 7 Mar 2024: NOT_A_PARTY on 6 Mar, and Gotland (a European island) is IN on 7 Mar."""
    assert judge("NATO", "5", attacker="RUS", victim="SWE", location="SWE-GOT", day=D(2024, 3, 6)).code is T.NOT_A_PARTY
    assert judge("NATO", "5", attacker="RUS", victim="SWE", location="SWE-GOT", day=D(2024, 3, 7)).code is T.TRIGGERED


def test_nato_spain_1981_not_a_party_1983_canaries_in(judge):
    """Spain acceded on 30 May 1982; the Canaries (28°N, Atlantic) are islands north of the Tropic of Cancer."""
    assert judge("NATO", "5", attacker="MAR", victim="ESP", location="ESP-CN", day=D(1981, 6, 1)).code is T.NOT_A_PARTY
    assert judge("NATO", "5", attacker="MAR", victim="ESP", location="ESP-CN", day=D(1983, 6, 1)).code is T.TRIGGERED


def test_nato_poland_1998_not_a_party_2000_in(judge):
    """Poland acceded on 12 Mar 1999."""
    assert judge("NATO", "5", attacker="RUS", victim="POL", location="POL-SUW", day=D(1998, 6, 1)).code is T.NOT_A_PARTY
    assert judge("NATO", "5", attacker="RUS", victim="POL", location="POL-SUW", day=D(2000, 6, 1)).code is T.TRIGGERED


def test_nato_hawaii_out(judge):
    """Hawaii is neither in North America nor in the North Atlantic (US/NATO legal view, Aug 1965): OUT_OF_SCOPE."""
    assert judge("NATO", "5", attacker="CHN", victim="USA", location="USA-HI", day=TODAY).code is T.OUT_OF_SCOPE


@pytest.mark.parametrize("place", ["GUM", "MNP", "ASM", "PRI", "VIR"])
def test_nato_us_pacific_and_caribbean_territories_out(judge, place):
    """Guam, the Marianas and American Samoa are in the Pacific; Puerto Rico and the USVI are Caribbean islands
    south of the Tropic of Cancer: all OUT_OF_SCOPE of Art 6."""
    assert judge("NATO", "5", attacker="CHN", victim="USA", location=place, day=TODAY).code is T.OUT_OF_SCOPE


def test_nato_falklands_1982_out(judge):
    """The Falklands lie south of the Tropic of Cancer (and the 1982 war was never an Art 5 case): OUT_OF_SCOPE."""
    v = judge("NATO", "5", attacker="ARG", victim="GBR", location="FLK", kind="invasion", day=D(1982, 4, 2))
    assert v.code is T.OUT_OF_SCOPE


@pytest.mark.parametrize("place", ["GUF", "GLP", "MTQ", "REU", "MYT", "NCL", "PYF"])
def test_nato_french_overseas_out(judge, place):
    """French Guiana, the Antilles, Reunion, Mayotte and the Pacific territories are outside Art 6."""
    assert judge("NATO", "5", attacker="VEN", victim="FRA", location=place, day=TODAY).code is T.OUT_OF_SCOPE


@pytest.mark.parametrize("place,victim", [("ABW", "NLD"), ("CUW", "NLD"), ("CYM", "GBR"), ("IOT", "GBR")])
def test_nato_other_overseas_south_of_tropic_out(judge, place, victim):
    """Aruba, Curacao, the Caymans (Caribbean) and Diego Garcia (Indian Ocean) are outside Art 6."""
    assert judge("NATO", "5", attacker="VEN", victim=victim, location=place, day=TODAY).code is T.OUT_OF_SCOPE


@pytest.mark.parametrize(
    "place,victim",
    [
        ("ESP-CN", "ESP"),
        ("PRT-30", "PRT"),
        ("PRT-20", "PRT"),
        ("BMU", "GBR"),
        ("GRL", "DNK"),
        ("SJM", "NOR"),
        ("FRO", "DNK"),
        ("SPM", "FRA"),
    ],
)
def test_nato_north_atlantic_islands_in(judge, place, victim):
    """Art 6(1): islands under a Party's jurisdiction in the North Atlantic north of 23.44°N are IN (Canaries,
    Madeira, Azores, Bermuda, Greenland, Svalbard, Faroes, Saint Pierre and Miquelon)."""
    assert judge("NATO", "5", attacker="RUS", victim=victim, location=place, day=TODAY).code is T.TRIGGERED


def test_nato_alaska_in(judge):
    """Alaska is territory of a Party in North America."""
    assert judge("NATO", "5", attacker="RUS", victim="USA", location="USA-AK", day=TODAY).code is T.TRIGGERED


def test_nato_gibraltar_in(judge):
    """Gibraltar is British territory in Europe (Spain's claim does not change who administers it)."""
    assert judge("NATO", "5", attacker="RUS", victim="GBR", location="GBR-GIB", day=TODAY).code is T.TRIGGERED


@pytest.mark.parametrize("place,victim", [("ESP-CE", "ESP"), ("ESP-ML", "ESP"), ("GBR-SBA", "GBR")])
def test_nato_mediterranean_territory_outside_europe_ambiguous(judge, place, victim):
    """Ceuta, Melilla and the UK bases on Cyprus lie on the Mediterranean outside Europe; Art 6 does not name
    them and the Allies never clarified (Madrid 2022): AMBIGUOUS_SCOPE."""
    assert judge("NATO", "5", attacker="MAR", victim=victim, location=place, day=TODAY).code is T.AMBIGUOUS_SCOPE


def test_nato_turkey_in_asia_in(judge):
    """Art 6(1) as amended in 1951 covers 'the territory of Turkey' in full, Anatolia included: shelling at
    Akcakale that kills 12 is an armed attack there."""
    v = judge(
        "NATO",
        "5",
        attacker="SYR",
        victim="TUR",
        location="TUR-AKC",
        kind="shelling",
        casualties=12,
        day=D(2012, 10, 3),
    )
    assert v.code is T.TRIGGERED


def test_nato_akcakale_2012_frontier_incident_consult_only(judge):
    """The real Akcakale shelling (3 Oct 2012: one volley, 5 killed) is a frontier incident, a use of force below an
    armed attack (ICJ Nicaragua §195): Art 5 BELOW_THRESHOLD, Art 4 CONSULT, as Turkey asked and the NAC met that
    evening (nato.int topics_49187)."""
    kw = dict(attacker="SYR", victim="TUR", location="TUR-AKC", kind="shelling", casualties=5, day=D(2012, 10, 3))
    assert judge("NATO", "5", **kw).code is T.BELOW_THRESHOLD
    assert judge("NATO", "4", **kw).code is T.CONSULT


def test_nato_turkish_troops_in_syria_out(judge):
    """Turkish troops killed in Idlib (Feb 2020) were outside the Art 6 area: OUT_OF_SCOPE (Turkey used Art 4)."""
    v = judge(
        "NATO",
        "5",
        attacker="SYR",
        victim="TUR",
        location="SYR-IDL",
        target="forces",
        casualties=34,
        day=D(2020, 2, 27),
    )
    assert v.code is T.OUT_OF_SCOPE
    assert (
        judge(
            "NATO",
            "4",
            attacker="SYR",
            victim="TUR",
            location="SYR-IDL",
            target="forces",
            casualties=34,
            day=D(2020, 2, 27),
        ).code
        is T.CONSULT
    )


def test_nato_forces_in_the_mediterranean_in(judge):
    """Art 6(2): a Party's vessels in the Mediterranean Sea are covered."""
    v = judge("NATO", "5", attacker="IRN", victim="USA", location="SEA-MED", kind="naval", target="forces", day=TODAY)
    assert v.code is T.TRIGGERED


def test_nato_forces_in_the_red_sea_out(judge):
    """Art 6(2) stops at the Mediterranean: US ships in the Red Sea (2024) are OUT_OF_SCOPE."""
    v = judge(
        "NATO",
        "5",
        attacker="IRN",
        victim="USA",
        location="SEA-RED",
        kind="missile",
        target="forces",
        day=D(2024, 1, 10),
    )
    assert v.code is T.OUT_OF_SCOPE


def test_nato_forces_in_the_caribbean_out_and_north_atlantic_in(judge):
    """Art 6(2): the North Atlantic area north of the Tropic of Cancer, so not the Caribbean Sea (15°N)."""
    assert (
        judge(
            "NATO", "5", attacker="VEN", victim="USA", location="SEA-CAR", kind="naval", target="forces", day=TODAY
        ).code
        is T.OUT_OF_SCOPE
    )
    assert (
        judge(
            "NATO", "5", attacker="RUS", victim="USA", location="SEA-GIUK", kind="naval", target="forces", day=TODAY
        ).code
        is T.TRIGGERED
    )


def test_nato_forces_in_the_baltic_in_and_black_sea_ambiguous(judge):
    """The Baltic is treated as part of the North Atlantic area; the Black Sea's high seas are not named (§1)."""
    assert (
        judge(
            "NATO", "5", attacker="RUS", victim="DEU", location="SEA-BAL", kind="naval", target="forces", day=TODAY
        ).code
        is T.TRIGGERED
    )
    assert (
        judge(
            "NATO", "5", attacker="RUS", victim="ROU", location="SEA-BLK", kind="naval", target="forces", day=TODAY
        ).code
        is T.AMBIGUOUS_SCOPE
    )


def test_nato_algerian_departments_until_1962(judge):
    """Art 6(1) named the Algerian Departments of France; inapplicable from 3 Jul 1962 (NAC, 16 Jan 1963)."""
    assert judge("NATO", "5", attacker="EGY", victim="FRA", location="DZA", day=D(1958, 1, 1)).code is T.TRIGGERED
    assert judge("NATO", "5", attacker="EGY", victim="FRA", location="DZA", day=D(1963, 1, 1)).code is T.OUT_OF_SCOPE


def test_nato_airspace_violation_below_threshold(judge):
    """An airspace violation without casualties is below an armed attack (Vaindloo, Sep 2025): BELOW_THRESHOLD;
    Estonia's Art 4 request gives CONSULT."""
    kw = dict(
        attacker="RUS", victim="EST", location="EST-VAI", kind="airspace_violation", casualties=0, day=D(2025, 9, 19)
    )
    assert judge("NATO", "5", **kw).code is T.BELOW_THRESHOLD
    assert judge("NATO", "4", **kw).code is T.CONSULT


def test_nato_attribution_pending(judge):
    """Oil Platforms: the attacker must be identified with enough confidence (0.7 by default)."""
    v = judge(
        "NATO",
        "5",
        attacker="RUS",
        victim="POL",
        location="POL-PRZ",
        kind="missile",
        casualties=12,
        attribution=0.4,
        day=D(2022, 11, 15),
    )
    assert v.code is T.ATTRIBUTION_PENDING


def test_nato_not_requested(judge):
    """Nicaragua §199: no collective self-defence without the victim's request: NOT_REQUESTED."""
    v = judge("NATO", "5", attacker="RUS", victim="LVA", location="LVA-DGP", kind="invasion", request=False, day=TODAY)
    assert v.code is T.NOT_REQUESTED


def test_nato_victim_initiated(judge):
    """The treaty is defensive (Art 1, UN Charter Art 51): an Ally that started the hostilities is not covered."""
    v = judge("NATO", "5", attacker="RUS", victim="EST", location="EST-NAR", victim_initiated=True, day=TODAY)
    assert v.code is T.VICTIM_INITIATED


def test_nato_art5_isil_on_usa_passes_adversary(judge):
    """11 Sep 2001: Art 5 covers 'an armed attack', whoever makes it; the non-state attacker passes the gate."""
    v = judge(
        "NATO",
        "5",
        attacker="ISIL",
        victim="USA",
        location="USA",
        kind="terrorist",
        casualties=2977,
        day=D(2001, 9, 12),
    )
    assert v.code is T.TRIGGERED
    assert next(g for g in v.gates if g.name == "adversary").passed


def test_nato_art4_consult_and_not_a_party(judge):
    """Art 4: any Party that feels threatened can ask; a non-party (Ukraine, 2022) cannot."""
    assert (
        judge(
            "NATO", "4", attacker="RUS", victim="POL", location="POL", kind="threat", casualties=0, day=D(2014, 3, 3)
        ).code
        is T.CONSULT
    )
    assert (
        judge("NATO", "4", attacker="RUS", victim="UKR", location="UKR", kind="invasion", day=D(2022, 2, 24)).code
        is T.NOT_A_PARTY
    )
    assert (
        judge("NATO", "4", attacker="RUS", victim="POL", location="POL", kind="threat", request=False, day=TODAY).code
        is T.NOT_REQUESTED
    )


# ---------------------------------------------------------------------------------------------
# US-Japan (§2)
# ---------------------------------------------------------------------------------------------


def test_us_japan_senkakus_in(judge):
    """Art V covers territories under the administration of Japan, disputed or not (Obama, 24 Apr 2014)."""
    v = judge("US-JPN", "V", attacker="CHN", victim="JPN", location="JPN-SEN", kind="invasion", day=TODAY)
    assert v.code is T.TRIGGERED and v.guarantors == ("USA",)


def test_us_japan_senkakus_before_okinawa_reversion_out(judge):
    """Before 15 May 1972 the Ryukyus and the Senkakus were under US, not Japanese, administration."""
    assert (
        judge("US-JPN", "V", attacker="CHN", victim="JPN", location="JPN-SEN", day=D(1970, 1, 1)).code is T.OUT_OF_SCOPE
    )


def test_us_japan_kurils_out(judge):
    """The Northern Territories are administered by Russia: OUT_OF_SCOPE whatever Japan claims."""
    assert judge("US-JPN", "V", attacker="RUS", victim="JPN", location="RUS-KUR", day=TODAY).code is T.OUT_OF_SCOPE


def test_us_japan_dokdo_out(judge):
    """Takeshima/Dokdo is administered by the ROK: OUT_OF_SCOPE for the US-Japan treaty."""
    assert judge("US-JPN", "V", attacker="KOR", victim="JPN", location="KOR-DOK", day=TODAY).code is T.OUT_OF_SCOPE


def test_us_japan_us_forces_on_okinawa_in(judge):
    """An attack on US forces in Japanese-administered territory (Kadena) is covered."""
    v = judge(
        "US-JPN",
        "V",
        attacker="CHN",
        victim="USA",
        location="JPN-47",
        kind="missile",
        target="forces",
        casualties=50,
        day=TODAY,
    )
    assert v.code is T.TRIGGERED and v.guarantors == ("JPN",)


def test_us_japan_guam_out(judge):
    """Art V is one-sided geography: US territory (Guam) is outside it."""
    assert (
        judge("US-JPN", "V", attacker="CHN", victim="USA", location="GUM", kind="missile", day=TODAY).code
        is T.OUT_OF_SCOPE
    )


def test_us_japan_ships_at_sea_out(judge):
    """Japanese ships outside Japanese-administered territory (East China Sea high seas) are not covered."""
    v = judge("US-JPN", "V", attacker="CHN", victim="JPN", location="SEA-ECS", kind="naval", target="forces", day=TODAY)
    assert v.code is T.OUT_OF_SCOPE


def test_us_japan_coast_guard_incident_below_threshold(judge):
    """Gray-zone coast-guard incidents at the Senkakus have never been treated as armed attacks."""
    v = judge(
        "US-JPN", "V", attacker="CHN", victim="JPN", location="JPN-SEN", kind="gray_zone", casualties=0, day=TODAY
    )
    assert v.code is T.BELOW_THRESHOLD
    assert (
        judge(
            "US-JPN", "IV", attacker="CHN", victim="JPN", location="JPN-SEN", kind="gray_zone", casualties=0, day=TODAY
        ).code
        is T.CONSULT
    )


def test_us_japan_not_in_force_1955_and_not_a_party(judge):
    """In force 23 Jun 1960; only the USA and Japan are parties."""
    assert judge("US-JPN", "V", attacker="RUS", victim="JPN", location="JPN", day=D(1955, 1, 1)).code is T.NOT_IN_FORCE
    assert judge("US-JPN", "V", attacker="PRK", victim="KOR", location="KOR", day=TODAY).code is T.NOT_A_PARTY


# ---------------------------------------------------------------------------------------------
# US-ROK (§3)
# ---------------------------------------------------------------------------------------------


def test_us_rok_invasion_of_seoul_triggers(judge):
    """Art III: an armed attack in the Pacific area on ROK-administered territory."""
    assert (
        judge("US-ROK", "III", attacker="PRK", victim="KOR", location="KOR-SEL", kind="invasion", day=TODAY).code
        is T.TRIGGERED
    )


def test_us_rok_yeonpyeong_2010_not_requested(judge):
    """Yeonpyeong (south of the NLL) is in scope, but Seoul answered alone in Nov 2010: without a request,
    NOT_REQUESTED."""
    v = judge(
        "US-ROK",
        "III",
        attacker="PRK",
        victim="KOR",
        location="KOR-YPD",
        kind="shelling",
        casualties=4,
        weapons=170,
        request=False,
        day=D(2010, 11, 23),
    )
    assert v.code is T.NOT_REQUESTED


def test_us_rok_forces_abroad_out(judge):
    """Art III names territory only: ROK forces abroad (Gulf of Aden) are OUT_OF_SCOPE."""
    v = judge(
        "US-ROK", "III", attacker="YEM", victim="KOR", location="SEA-ADN", kind="missile", target="forces", day=TODAY
    )
    assert v.code is T.OUT_OF_SCOPE


def test_us_rok_us_forces_at_camp_humphreys_ambiguous(judge):
    """US forces stationed in the ROK: Art III has no forces clause; AMBIGUOUS_SCOPE."""
    v = judge(
        "US-ROK", "III", attacker="PRK", victim="USA", location="KOR-PTK", kind="missile", target="forces", day=TODAY
    )
    assert v.code is T.AMBIGUOUS_SCOPE


def test_us_rok_guam_in_continental_us_ambiguous(judge):
    """US island territories in the Pacific are covered; whether the continental US is 'in the Pacific area'
    is unsettled."""
    assert (
        judge("US-ROK", "III", attacker="PRK", victim="USA", location="GUM", kind="missile", day=TODAY).code
        is T.TRIGGERED
    )
    assert (
        judge("US-ROK", "III", attacker="PRK", victim="USA", location="USA", kind="missile", day=TODAY).code
        is T.AMBIGUOUS_SCOPE
    )


def test_us_rok_not_in_force_in_1953(judge):
    """In force 17 Nov 1954."""
    assert (
        judge("US-ROK", "III", attacker="PRK", victim="KOR", location="KOR", day=D(1953, 7, 1)).code is T.NOT_IN_FORCE
    )


def test_us_rok_attack_by_a_party_excluded(judge):
    """US understanding: only an external armed attack is covered."""
    assert judge("US-ROK", "III", attacker="USA", victim="KOR", location="KOR", day=TODAY).code is T.ADVERSARY_EXCLUDED


# ---------------------------------------------------------------------------------------------
# US-Philippines (§4)
# ---------------------------------------------------------------------------------------------


def test_us_phl_coast_guard_at_second_thomas_shoal_after_2019_in(judge):
    """Since Pompeo (1 Mar 2019) and the 2023 Guidelines: public vessels, Coast Guard included, anywhere in the
    South China Sea are covered."""
    v = judge(
        "US-PHL",
        "IV",
        attacker="CHN",
        victim="PHL",
        location="PHL-2TS",
        kind="naval",
        target="forces",
        casualties=3,
        platforms=1,
        day=D(2024, 6, 17),
    )
    assert v.code is T.TRIGGERED and v.guarantors == ("USA",)


def test_us_phl_coast_guard_at_second_thomas_shoal_in_2015_ambiguous(judge):
    """Before 1 Mar 2019 the 1975 legal adviser's view left forces in the Spratlys outside: AMBIGUOUS_SCOPE."""
    v = judge(
        "US-PHL",
        "IV",
        attacker="CHN",
        victim="PHL",
        location="PHL-2TS",
        kind="naval",
        target="forces",
        casualties=3,
        day=D(2015, 6, 1),
    )
    assert v.code is T.AMBIGUOUS_SCOPE


def test_us_phl_disputed_shoal_as_territory_ambiguous(judge):
    """A disputed feature is not clearly 'territory' (1975 legal adviser): AMBIGUOUS_SCOPE."""
    assert (
        judge("US-PHL", "IV", attacker="CHN", victim="PHL", location="PHL-2TS", kind="invasion", day=TODAY).code
        is T.AMBIGUOUS_SCOPE
    )


def test_us_phl_water_cannon_below_threshold(judge):
    """Water cannon and ramming have been treated as below an armed attack (Manila, 21 Jun 2024)."""
    v = judge(
        "US-PHL",
        "IV",
        attacker="CHN",
        victim="PHL",
        location="PHL-2TS",
        kind="gray_zone",
        target="forces",
        casualties=0,
        day=D(2024, 6, 17),
    )
    assert v.code is T.BELOW_THRESHOLD


def test_us_phl_metropolitan_territory_in(judge):
    """Art V: the metropolitan territory of either Party (Subic Bay)."""
    assert (
        judge("US-PHL", "IV", attacker="CHN", victim="PHL", location="PHL-SUB", kind="missile", day=TODAY).code
        is T.TRIGGERED
    )


def test_us_phl_forces_in_the_indian_ocean_out(judge):
    """Art V: forces 'in the Pacific' only; the Arabian Sea is outside."""
    v = judge(
        "US-PHL", "IV", attacker="IRN", victim="PHL", location="SEA-ARB", kind="naval", target="forces", day=TODAY
    )
    assert v.code is T.OUT_OF_SCOPE


def test_us_phl_not_in_force_1951(judge):
    """In force 27 Aug 1952."""
    assert (
        judge("US-PHL", "IV", attacker="CHN", victim="PHL", location="PHL", day=D(1951, 10, 1)).code is T.NOT_IN_FORCE
    )


# ---------------------------------------------------------------------------------------------
# ANZUS (§5)
# ---------------------------------------------------------------------------------------------


def test_anzus_attack_on_nzl_after_1986_only_australia_bound(judge):
    """The US suspended its obligations to New Zealand in Aug 1986: TRIGGERED, with Australia the only guarantor."""
    v = judge("ANZUS", "IV", attacker="CHN", victim="NZL", location="NZL", kind="missile", day=TODAY)
    assert v.code is T.TRIGGERED
    assert v.guarantors == ("AUS",) and v.suspended == ("USA",)


def test_anzus_attack_on_nzl_in_1985_both_bound(judge):
    """Before 12 Aug 1986 both Australia and the US were bound towards New Zealand."""
    v = judge("ANZUS", "IV", attacker="RUS", victim="NZL", location="NZL", kind="missile", day=D(1985, 1, 1))
    assert v.code is T.TRIGGERED and set(v.guarantors) == {"AUS", "USA"}


def test_anzus_usa_after_9_11_metropolitan_in(judge):
    """Australia invoked ANZUS after 11 Sep 2001: an attack on US metropolitan territory is covered."""
    v = judge(
        "ANZUS",
        "IV",
        attacker="ISIL",
        victim="USA",
        location="USA",
        kind="terrorist",
        casualties=2977,
        day=D(2001, 9, 14),
    )
    assert v.code is T.TRIGGERED


def test_anzus_christmas_island_out(judge):
    """Art V: island territories 'in the Pacific'; Christmas Island is in the Indian Ocean."""
    assert judge("ANZUS", "IV", attacker="CHN", victim="AUS", location="CXR", day=TODAY).code is T.OUT_OF_SCOPE


def test_anzus_forces_in_the_red_sea_out(judge):
    """Art V: forces 'in the Pacific' only."""
    v = judge("ANZUS", "IV", attacker="IRN", victim="AUS", location="SEA-RED", kind="naval", target="forces", day=TODAY)
    assert v.code is T.OUT_OF_SCOPE


# ---------------------------------------------------------------------------------------------
# Rio Treaty (§6)
# ---------------------------------------------------------------------------------------------


def test_rio_mexico_2003_party_2005_withdrawn(judge):
    """Mexico's withdrawal took effect in Sep 2004 (Art 25: two years after notice)."""
    assert judge("RIO", "3", attacker="CHN", victim="MEX", location="MEX", day=D(2003, 6, 1)).code is T.TRIGGERED
    assert judge("RIO", "3", attacker="CHN", victim="MEX", location="MEX", day=D(2005, 6, 1)).code is T.NOT_A_PARTY


def test_rio_venezuela_2012_party_2015_withdrawn(judge):
    """Venezuela's denunciation took effect in 2013."""
    assert judge("RIO", "3", attacker="CHN", victim="VEN", location="VEN", day=D(2012, 1, 1)).code is T.TRIGGERED
    assert judge("RIO", "3", attacker="CHN", victim="VEN", location="VEN", day=D(2015, 1, 1)).code is T.NOT_A_PARTY


def test_rio_non_state_attack_adversary_excluded(judge):
    """Art 3: 'an armed attack by any State': ISIL on the USA is ADVERSARY_EXCLUDED by the text."""
    v = judge(
        "RIO", "3", attacker="ISIL", victim="USA", location="USA", kind="terrorist", casualties=2977, day=D(2001, 9, 21)
    )
    assert v.code is T.ADVERSARY_EXCLUDED


def test_rio_non_state_attack_with_the_2001_practice_flag(world, judge):
    """With the OAS practice of 21 Sep 2001 switched on (non_state_accepted), the same attack TRIGGERS Art 3."""
    rio = next(t for t in world.treaties if t.id == "RIO")
    art = rio.article("3")
    flagged = dataclasses.replace(art, adversary=dataclasses.replace(art.adversary, non_state_accepted=True))
    rio2 = dataclasses.replace(rio, articles=tuple(flagged if a.id == "3" else a for a in rio.articles))
    sc = dataclasses.replace(world, treaties=tuple(rio2 if t.id == "RIO" else t for t in world.treaties))
    v = judge(
        "RIO",
        "3",
        scenario=sc,
        attacker="ISIL",
        victim="USA",
        location="USA",
        kind="terrorist",
        casualties=2977,
        day=D(2001, 9, 21),
    )
    assert v.code is T.TRIGGERED
    assert v.decision_rule == "two_thirds" and v.obligation == "no_compulsory_force"


def test_rio_hawaii_in_as_territory_of_an_american_state(judge):
    """Hawaii lies west of the Art 4 zone, but Art 3(3) also covers 'the territory of an American State'."""
    assert judge("RIO", "3", attacker="CHN", victim="USA", location="USA-HI", day=TODAY).code is T.TRIGGERED


def test_rio_forces_in_zone_in_and_outside_out(judge):
    """Forces are covered within the Art 4 zone (Caribbean Sea), not outside it (Red Sea)."""
    assert (
        judge(
            "RIO", "3", attacker="RUS", victim="USA", location="SEA-CAR", kind="naval", target="forces", day=TODAY
        ).code
        is T.TRIGGERED
    )
    assert (
        judge(
            "RIO", "3", attacker="IRN", victim="USA", location="SEA-RED", kind="naval", target="forces", day=TODAY
        ).code
        is T.OUT_OF_SCOPE
    )


def test_rio_falklands_1982_uk_not_a_party(judge):
    """The UK is not an American State party to the Rio Treaty."""
    assert (
        judge("RIO", "3", attacker="ARG", victim="GBR", location="FLK", kind="invasion", day=D(1982, 4, 2)).code
        is T.NOT_A_PARTY
    )


def test_rio_not_in_force_1948(judge):
    """In force 3 Dec 1948; Art 6 consultation gives CONSULT afterwards."""
    assert judge("RIO", "3", attacker="CHN", victim="BRA", location="BRA", day=D(1948, 1, 1)).code is T.NOT_IN_FORCE
    assert (
        judge("RIO", "6", attacker="CHN", victim="BRA", location="BRA", kind="threat", casualties=0, day=TODAY).code
        is T.CONSULT
    )


# ---------------------------------------------------------------------------------------------
# TEU Art 42(7) (§7)
# ---------------------------------------------------------------------------------------------


def test_teu_paris_2015_triggered(judge):
    """France invoked Art 42(7) after the ISIL attacks of 13 Nov 2015: any attacker, the victim invokes."""
    v = judge(
        "EU-42-7",
        "42(7)",
        attacker="ISIL",
        victim="FRA",
        location="FRA",
        kind="terrorist",
        casualties=130,
        day=D(2015, 11, 17),
    )
    assert v.code is T.TRIGGERED
    assert v.decision_rule == "victim_invokes" and v.obligation == "all_means_in_power"
    assert "AUT" in v.guarantors and "IRL" in v.guarantors


def test_teu_not_in_force_before_lisbon(judge):
    """Art 42(7) exists from 1 Dec 2009."""
    assert (
        judge("EU-42-7", "42(7)", attacker="RUS", victim="EST", location="EST", day=D(2008, 1, 1)).code
        is T.NOT_IN_FORCE
    )


def test_teu_croatia_2012_not_a_party_2014_in(judge):
    """Croatia joined the EU on 1 Jul 2013."""
    assert (
        judge("EU-42-7", "42(7)", attacker="SRB", victim="HRV", location="HRV", day=D(2012, 1, 1)).code is T.NOT_A_PARTY
    )
    assert (
        judge("EU-42-7", "42(7)", attacker="SRB", victim="HRV", location="HRV", day=D(2014, 1, 1)).code is T.TRIGGERED
    )


def test_teu_uk_after_brexit_not_a_party(judge):
    """The UK left the EU on 31 Jan 2020."""
    assert (
        judge("EU-42-7", "42(7)", attacker="RUS", victim="GBR", location="GBR", day=D(2019, 6, 1)).code is T.TRIGGERED
    )
    assert (
        judge("EU-42-7", "42(7)", attacker="RUS", victim="GBR", location="GBR", day=D(2021, 1, 1)).code is T.NOT_A_PARTY
    )


def test_teu_french_guiana_ambiguous_nato_out(judge):
    """An outermost region: outside NATO's Art 6, and unclear whether it is 'its territory' under 42(7)."""
    assert judge("EU-42-7", "42(7)", attacker="VEN", victim="FRA", location="GUF", day=TODAY).code is T.AMBIGUOUS_SCOPE
    assert judge("NATO", "5", attacker="VEN", victim="FRA", location="GUF", day=TODAY).code is T.OUT_OF_SCOPE


def test_teu_ceuta_in(judge):
    """Ceuta is Spanish territory in the EU: IN for 42(7), though AMBIGUOUS for NATO."""
    assert judge("EU-42-7", "42(7)", attacker="MAR", victim="ESP", location="ESP-CE", day=TODAY).code is T.TRIGGERED


def test_teu_forces_abroad_out(judge):
    """'armed aggression on its territory': forces abroad are not covered."""
    v = judge(
        "EU-42-7", "42(7)", attacker="LBY", victim="FRA", location="SEA-MED", kind="naval", target="forces", day=TODAY
    )
    assert v.code is T.OUT_OF_SCOPE


# ---------------------------------------------------------------------------------------------
# CSTO (§8)
# ---------------------------------------------------------------------------------------------


def test_csto_armenia_2022_triggered(judge):
    """Armenia invoked Art 4 in Sep 2022; the text is met (the refusal was the Council's politics)."""
    v = judge(
        "CSTO", "4", attacker="AZE", victim="ARM", location="ARM", kind="shelling", casualties=100, day=D(2022, 9, 13)
    )
    assert v.code is T.TRIGGERED and v.decision_rule == "consensus"


def test_csto_armenia_frozen_suspended(judge):
    """Armenia froze its participation on 22 Feb 2024 (ARM→* and *→ARM): SUSPENDED."""
    v = judge(
        "CSTO", "4", attacker="AZE", victim="ARM", location="ARM", kind="shelling", casualties=100, day=D(2024, 6, 1)
    )
    assert v.code is T.SUSPENDED


def test_csto_kazakhstan_2025_armenia_owes_nothing(judge):
    """After the freeze Armenia is not among the guarantors of the others."""
    v = judge("CSTO", "4", attacker="AFG", victim="KAZ", location="KAZ", kind="invasion", day=D(2025, 1, 1))
    assert v.code is T.TRIGGERED and "ARM" in v.suspended and "ARM" not in v.guarantors and "RUS" in v.guarantors


def test_csto_azerbaijan_left_1999(judge):
    """Azerbaijan did not renew in 1999."""
    assert judge("CSTO", "4", attacker="IRN", victim="AZE", location="AZE", day=D(1998, 1, 1)).code is T.TRIGGERED
    assert judge("CSTO", "4", attacker="IRN", victim="AZE", location="AZE", day=D(2000, 1, 1)).code is T.NOT_A_PARTY


def test_csto_armenia_azerbaijan_1998_a_dispute_between_parties(judge):
    """While both were parties (1998), an attack by Armenia on Azerbaijan is a dispute for the Collective Security
    Council, not a case for Art 4: ADVERSARY_EXCLUDED (issue 10: attacks inside one alliance)."""
    v = judge("CSTO", "4", attacker="ARM", victim="AZE", location="AZE", day=D(1998, 1, 1))
    assert v.code is T.ADVERSARY_EXCLUDED and "dispute" in v.failed_gate.detail


def test_csto_forces_abroad_out(judge):
    """Art 4 covers members' territory; Russian ships at sea are outside."""
    v = judge("CSTO", "4", attacker="UKR", victim="RUS", location="SEA-BLK", kind="naval", target="forces", day=TODAY)
    assert v.code is T.OUT_OF_SCOPE


# ---------------------------------------------------------------------------------------------
# China-DPRK (§9) and Russia-DPRK (§10)
# ---------------------------------------------------------------------------------------------


def test_china_dprk_invasion_of_the_north_triggers(judge):
    """Art II: an armed attack by a state that puts the DPRK in a state of war binds China 'immediately'."""
    v = judge("CHN-PRK", "II", attacker="USA", victim="PRK", location="PRK", kind="invasion", day=TODAY)
    assert v.code is T.TRIGGERED and v.obligation == "automatic_all_means" and v.guarantors == ("CHN",)


def test_china_dprk_dprk_initiating_victim_initiated(judge):
    """China is not bound if the DPRK starts the war (initiator rule): VICTIM_INITIATED."""
    v = judge(
        "CHN-PRK", "II", attacker="KOR", victim="PRK", location="PRK", kind="invasion", victim_initiated=True, day=TODAY
    )
    assert v.code is T.VICTIM_INITIATED


def test_china_dprk_strike_short_of_war_below_threshold(judge):
    """Art II needs 'a state of war': a limited strike is BELOW_THRESHOLD."""
    assert (
        judge("CHN-PRK", "II", attacker="USA", victim="PRK", location="PRK", casualties=10, day=TODAY).code
        is T.BELOW_THRESHOLD
    )


def test_china_dprk_non_state_attacker_excluded(judge):
    """Art II: 'armed attack by any state or several states'."""
    assert (
        judge("CHN-PRK", "II", attacker="ISIL", victim="CHN", location="CHN", kind="invasion", day=TODAY).code
        is T.ADVERSARY_EXCLUDED
    )


def test_china_dprk_not_in_force_1960(judge):
    """In force 10 Sep 1961."""
    assert (
        judge("CHN-PRK", "II", attacker="USA", victim="PRK", location="PRK", kind="invasion", day=D(1960, 1, 1)).code
        is T.NOT_IN_FORCE
    )


def test_russia_dprk_kursk_before_4_dec_2024_not_in_force(judge):
    """The treaty entered into force on 4 Dec 2024: the Kursk incursion of Aug 2024 predates it."""
    v = judge("RUS-PRK", "4", attacker="UKR", victim="RUS", location="RUS-KRS", kind="invasion", day=D(2024, 8, 6))
    assert v.code is T.NOT_IN_FORCE


def test_russia_dprk_invasion_after_entry_into_force(judge):
    """Art 4: an armed invasion putting a Party in a state of war; as the Parties claimed it in Apr 2025."""
    assert (
        judge(
            "RUS-PRK", "4", attacker="UKR", victim="RUS", location="RUS-KRS", kind="invasion", day=D(2025, 1, 15)
        ).code
        is T.TRIGGERED
    )
    v = judge(
        "RUS-PRK",
        "4",
        attacker="UKR",
        victim="RUS",
        location="RUS-KRS",
        kind="invasion",
        victim_initiated=True,
        day=D(2025, 1, 15),
    )
    assert v.code is T.VICTIM_INITIATED


def test_russia_dprk_ships_at_sea_out_and_strike_below_threshold(judge):
    """Art 4 covers an invasion of a Party (territory) in a state of war."""
    assert (
        judge(
            "RUS-PRK",
            "4",
            attacker="JPN",
            victim="RUS",
            location="SEA-SOJ",
            kind="naval",
            target="forces",
            casualties=200,
            day=TODAY,
        ).code
        is T.OUT_OF_SCOPE
    )
    assert (
        judge("RUS-PRK", "4", attacker="KOR", victim="PRK", location="PRK", casualties=10, day=TODAY).code
        is T.BELOW_THRESHOLD
    )
    assert (
        judge("RUS-PRK", "3", attacker="KOR", victim="PRK", location="PRK", kind="threat", casualties=0, day=TODAY).code
        is T.CONSULT
    )


# ---------------------------------------------------------------------------------------------
# Look-alikes (§11, §12)
# ---------------------------------------------------------------------------------------------


def test_aukus_attack_on_australia_no_pledge(judge):
    """AUKUS has no mutual-defence clause: never TRIGGERED (the US duty to Australia comes from ANZUS)."""
    v = judge("AUKUS", "Pillars", attacker="CHN", victim="AUS", location="AUS-DRW", kind="invasion", day=TODAY)
    assert v.code is T.OUT_OF_SCOPE
    assert (
        judge("ANZUS", "IV", attacker="CHN", victim="AUS", location="AUS-DRW", kind="invasion", day=TODAY).code
        is T.TRIGGERED
    )


def test_budapest_crimea_2014_consult_only(judge):
    """The Budapest Memorandum gives consultations (para 6) and no defence pledge (para 4)."""
    kw = dict(attacker="RUS", victim="UKR", location="UKR-CRI", kind="invasion", day=D(2014, 3, 1))
    assert judge("BUDAPEST", "6", **kw).code is T.CONSULT
    assert judge("BUDAPEST", "4", **kw).code is T.OUT_OF_SCOPE


def test_look_alikes_never_trigger_anywhere(world):
    """AUKUS and the Budapest Memorandum never give TRIGGERED, for any party, place, target or date."""
    seen = 0
    for victim in ("AUS", "GBR", "USA", "UKR"):
        for loc in world.locations:
            for target in (TargetKind.TERRITORY, TargetKind.FORCES):
                spec = AttackSpec(
                    "RUS" if victim != "RUS" else "CHN", victim, loc, AttackKind.STRIKE, target, casualties=500
                )
                for day in (D(2001, 9, 12), TODAY):
                    for v in assess(world, spec, day):
                        if v.treaty in ("AUKUS", "BUDAPEST"):
                            seen += 1
                            assert v.code is not T.TRIGGERED, v.explain()
                            if v.treaty == "AUKUS":
                                assert v.code is not T.CONSULT, v.explain()
    assert seen > 1000


# ---------------------------------------------------------------------------------------------
# The pack covers the map and the places
# ---------------------------------------------------------------------------------------------


def test_every_map_shape_and_place_is_a_valid_location(world):
    """Every state on the map and every place of locations.csv can be attacked and judged."""
    geo = json.loads((ASSETS / "map" / "countries.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["iso3"] for f in geo["features"]}
    missing = codes - set(world.locations) - {"ATA"}  # Antarctica: nobody's territory
    assert not missing, f"map shapes without a location: {sorted(missing)}"
    for loc in world.locations.values():
        victim = loc.administered_by or "USA"
        if victim not in world.states:
            continue
        target = TargetKind.FORCES if loc.kind.value == "sea" else TargetKind.TERRITORY
        attacker = "RUS" if victim != "RUS" else "CHN"
        verdicts = assess(world, AttackSpec(attacker, victim, loc.id, AttackKind.STRIKE, target, casualties=10), TODAY)
        articles = sum(1 for t in world.treaties for a in t.articles if a.kind.value != "definition")
        assert len(verdicts) == articles + 1  # and UN Charter Art 51


def test_nato_has_32_members_in_2026(world):
    """All 32 Allies with their accession dates (§1)."""
    nato = next(t for t in world.treaties if t.id == "NATO")
    assert len(nato.parties_on(TODAY)) == 32
    assert len(nato.parties_on(D(1950, 1, 1))) == 12
    eu = next(t for t in world.treaties if t.id == "EU-42-7")
    assert len(eu.parties_on(TODAY)) == 27
