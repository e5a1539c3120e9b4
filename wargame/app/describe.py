"""Words instead of ids: one place where codes, keys and enums become text a facilitator can read aloud.

The desktop application, the command line's text output and the report use these helpers, so they say the
same thing: an attack is "Russian invasion at Narva (A2)", a verdict key "NATO Art 5 on the Russian invasion
at Narva (A2)", a verdict code "below the threshold", a rules field "the operations reserve share". The code
itself goes in a tooltip (:func:`with_code`). Unknown codes (a newer engine's) degrade to their words
(``NEW_CODE`` → "new code"), never to an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

__all__ = [
    "ADJECTIVES",
    "article",
    "attack",
    "attack_kind",
    "clean",
    "count",
    "gravity",
    "level",
    "outcome",
    "place",
    "plural",
    "rules_field",
    "state",
    "treaty_short",
    "verdict",
    "verdict_help",
    "verdict_key",
    "with_code",
    "words",
]

#: Adjectives of the states that scenarios attack with or defend ("Russian invasion at Narva (A2)"); a state
#: not listed reads "invasion by Kiribati at …".
ADJECTIVES: dict[str, str] = {
    "USA": "American",
    "GBR": "British",
    "FRA": "French",
    "DEU": "German",
    "ITA": "Italian",
    "ESP": "Spanish",
    "PRT": "Portuguese",
    "NLD": "Dutch",
    "BEL": "Belgian",
    "LUX": "Luxembourgish",
    "DNK": "Danish",
    "NOR": "Norwegian",
    "SWE": "Swedish",
    "FIN": "Finnish",
    "ISL": "Icelandic",
    "IRL": "Irish",
    "POL": "Polish",
    "CZE": "Czech",
    "SVK": "Slovak",
    "HUN": "Hungarian",
    "ROU": "Romanian",
    "BGR": "Bulgarian",
    "GRC": "Greek",
    "TUR": "Turkish",
    "EST": "Estonian",
    "LVA": "Latvian",
    "LTU": "Lithuanian",
    "SVN": "Slovenian",
    "HRV": "Croatian",
    "ALB": "Albanian",
    "MNE": "Montenegrin",
    "MKD": "North Macedonian",
    "SRB": "Serbian",
    "AUT": "Austrian",
    "CHE": "Swiss",
    "CYP": "Cypriot",
    "MLT": "Maltese",
    "CAN": "Canadian",
    "MEX": "Mexican",
    "BRA": "Brazilian",
    "ARG": "Argentine",
    "CHL": "Chilean",
    "CUB": "Cuban",
    "VEN": "Venezuelan",
    "RUS": "Russian",
    "BLR": "Belarusian",
    "UKR": "Ukrainian",
    "MDA": "Moldovan",
    "GEO": "Georgian",
    "ARM": "Armenian",
    "AZE": "Azerbaijani",
    "KAZ": "Kazakh",
    "KGZ": "Kyrgyz",
    "TJK": "Tajik",
    "UZB": "Uzbek",
    "CHN": "Chinese",
    "TWN": "Taiwanese",
    "PRK": "North Korean",
    "KOR": "South Korean",
    "JPN": "Japanese",
    "PHL": "Philippine",
    "VNM": "Vietnamese",
    "IND": "Indian",
    "PAK": "Pakistani",
    "AFG": "Afghan",
    "IRN": "Iranian",
    "IRQ": "Iraqi",
    "SYR": "Syrian",
    "ISR": "Israeli",
    "SAU": "Saudi",
    "EGY": "Egyptian",
    "LBY": "Libyan",
    "AUS": "Australian",
    "NZL": "New Zealand",
    "IDN": "Indonesian",
    "MYS": "Malaysian",
    "THA": "Thai",
    "ZAF": "South African",
}

_CODE_WORDS: dict[str, str] = {
    # verdict codes
    "TRIGGERED": "triggered",
    "CONSULT": "consultations",
    "NOT_IN_FORCE": "not in force",
    "NOT_A_PARTY": "not a party",
    "SUSPENDED": "suspended",
    "VICTIM_INITIATED": "the victim started it",
    "ADVERSARY_EXCLUDED": "attacker not covered",
    "OUT_OF_SCOPE": "outside the treaty area",
    "AMBIGUOUS_SCOPE": "treaty area unclear",
    "BELOW_THRESHOLD": "below the threshold",
    "ATTRIBUTION_PENDING": "attacker not yet known",
    "NOT_REQUESTED": "no request yet",
    # collective outcomes
    "INVOKED": "invoked",
    "BLOCKED": "blocked",
    "PENDING": "decision pending",
    # gravity
    "THREAT": "threat",
    "INCIDENT": "incident",
    "USE_OF_FORCE": "use of force",
    "ARMED_ATTACK": "armed attack",
    "STATE_OF_WAR": "state of war",
}

_VERDICT_HELP: dict[str, str] = {
    "TRIGGERED": "The article applies: its parties owe the victim what it says.",
    "CONSULT": "The parties must consult together.",
    "NOT_IN_FORCE": "The treaty or article was not in force on that date.",
    "NOT_A_PARTY": "The victim is not a party to this treaty.",
    "SUSPENDED": "The obligation towards the victim is suspended.",
    "VICTIM_INITIATED": "The victim started the hostilities: a defensive treaty does not apply.",
    "ADVERSARY_EXCLUDED": "The treaty does not cover an attack by this attacker.",
    "OUT_OF_SCOPE": "The place attacked lies outside the area the treaty covers.",
    "AMBIGUOUS_SCOPE": "Whether the place lies in the treaty area is disputed.",
    "BELOW_THRESHOLD": "The attack is not grave enough for this article (not an armed attack).",
    "ATTRIBUTION_PENDING": "It is not yet known with enough confidence who attacked.",
    "NOT_REQUESTED": "The victim has not asked for assistance under this article.",
}

_LEVEL_WORDS: dict[str, str] = {
    "none": "no response",
    "delayed": "delayed",
    "declined": "declined to help",
    "statement": "a statement",
    "sanctions": "sanctions",
    "mobilise": "mobilising",
    "deploy": "deploying forces",
    "assault": "assault",
    "defend": "defending",
}

_ATTACK_WORDS: dict[str, str] = {
    "gray_zone": "grey-zone action",
    "hybrid": "hybrid attack",
    "cyber": "cyber attack",
    "airspace_violation": "airspace violation",
    "naval": "naval attack",
    "air": "air attack",
    "missile": "missile strike",
    "terrorist": "terrorist attack",
}

#: Short names of the bundled treaties (a treaty not listed uses its id when short, else its name).
TREATY_SHORT: dict[str, str] = {
    "EU-42-7": "EU Art 42(7)",
    "US-JPN": "US–Japan",
    "US-ROK": "US–South Korea",
    "US-PHL": "US–Philippines",
    "CHN-PRK": "China–North Korea",
    "RUS-PRK": "Russia–North Korea",
    "RIO": "Rio Treaty",
    "BUDAPEST": "Budapest Memorandum",
    "UN": "UN Charter",
}

_ENUM = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_KEY = re.compile(r"\b([A-Z][A-Z0-9-]*):([A-Za-z0-9().\-]+):(A\d+)\b")
_RULES = re.compile(r"\brules\.([a-z_][a-z0-9_]*)")
_PLURAL_S = re.compile(r"(\d[\d,]*) ([a-z]+)\(s\)")


def words(code: Any) -> str:
    """Any code or enum (member or value) in words: ``NOT_A_PARTY`` → "not a party", ``gray_zone`` → "grey zone"."""
    raw = getattr(code, "name", None) if not isinstance(code, str) else None
    value = getattr(code, "value", code)
    text = str(value if isinstance(value, str) else raw or value)
    if text in _CODE_WORDS:
        return _CODE_WORDS[text]
    if text.upper() in _CODE_WORDS and text.isupper():
        return _CODE_WORDS[text.upper()]
    return text.replace("_", " ").lower().replace("gray", "grey")


def with_code(code: Any) -> tuple[str, str]:
    """(words, tooltip with the code): for a cell that shows words and keeps the code at hand."""
    value = str(getattr(code, "value", code))
    help_text = _VERDICT_HELP.get(value, "")
    return words(code), f"{help_text} (code {value})".strip()


def verdict(code: Any) -> str:
    """A verdict code in words."""
    return words(code)


def verdict_help(code: Any) -> str:
    """What a verdict code means, in a sentence."""
    return _VERDICT_HELP.get(str(getattr(code, "value", code)), words(code).capitalize() + ".")


def outcome(value: Any) -> str:
    return words(value)


def level(value: Any) -> str:
    """A response level in words."""
    v = str(getattr(value, "value", value))
    return _LEVEL_WORDS.get(v, words(v))


def gravity(value: Any) -> str:
    name = getattr(value, "name", None)
    return words(name if isinstance(name, str) else value)


def attack_kind(value: Any) -> str:
    v = str(getattr(value, "value", value))
    return _ATTACK_WORDS.get(v, words(v))


def plural(n: float, noun: str, many: str = "") -> str:
    """``1 day``, ``2 days``, ``1 force``, ``0 forces`` (``many`` for an irregular plural)."""
    whole = int(n) if float(n).is_integer() else n
    text = f"{whole:,}" if isinstance(whole, int) else f"{whole:g}"
    return f"{text} {noun if whole == 1 else (many or noun + 's')}"


count = plural


def state(scenario: Any, sid: str) -> str:
    """A state's name (the id if the scenario does not know it)."""
    st = getattr(scenario, "states", {}).get(sid)
    return st.name if st is not None else sid


def adjective(scenario: Any, sid: str) -> str:
    """ "Russian" for RUS; "" when none is known."""
    return ADJECTIVES.get(sid, "")


def place(scenario: Any, lid: str) -> str:
    """A place's name (a state's name for a whole state; the id if unknown)."""
    loc = getattr(scenario, "locations", {}).get(lid)
    if loc is not None:
        return str(loc.name)
    return state(scenario, lid)


def attack(scenario: Any, world: Any, aid: str, *, with_id: bool = True, mid: bool = False) -> str:
    """ "Russian invasion at Narva (A2)" (the attacker as attributed, if the world says so); ``mid``: inside a
    sentence, "the Russian invasion at Narva (A2)"."""
    att = getattr(world, "attacks", {}).get(aid) if world is not None else None
    if att is None:
        return aid
    spec = att.spec
    attacker = getattr(att, "attacker", None) or spec.attacker
    kind = attack_kind(spec.kind)
    adj = adjective(scenario, attacker)
    where = place(scenario, spec.location)
    if spec.location == spec.victim:
        where = state(scenario, spec.victim)
    head = f"{adj} {kind}" if adj else f"{kind} by {state(scenario, attacker)}"
    head = "the " + head if mid else head[0].upper() + head[1:]
    prep = "on" if spec.location == spec.victim else "at"
    if getattr(spec.target, "value", "territory") == "forces":
        prep, where = "on", f"{state(scenario, spec.victim)}'s forces at {where}"
    return f"{head} {prep} {where}" + (f" ({aid})" if with_id else "")


def treaty_short(scenario: Any, treaty_id: str) -> str:
    """A treaty's short name: "NATO", "EU Art 42(7)", "US–Japan"."""
    if treaty_id in TREATY_SHORT:
        return TREATY_SHORT[treaty_id]
    treaties = {t.id: t for t in getattr(scenario, "treaties", ())}
    charter = getattr(scenario, "charter", None)
    if charter is not None:
        treaties[charter.id] = charter
    t = treaties.get(treaty_id)
    if treaty_id.isalpha() and treaty_id.isupper() and len(treaty_id) <= 6:
        return treaty_id
    parts = treaty_id.split("-")
    states = getattr(scenario, "states", {})
    if len(parts) > 1 and all(p in states for p in parts):
        return "–".join(state(scenario, p) for p in parts)
    if t is not None and len(t.name) <= 24:
        return str(t.name)
    return treaty_id


def article(scenario: Any, treaty_id: str, article_id: str) -> str:
    """ "NATO Art 5": the treaty's short name and the article's citation."""
    treaties = {t.id: t for t in getattr(scenario, "treaties", ())}
    charter = getattr(scenario, "charter", None)
    if charter is not None:
        treaties[charter.id] = charter
    t = treaties.get(treaty_id)
    cite = ""
    if t is not None:
        for a in t.articles:
            if a.id == article_id:
                cite = a.citation
                break
    cite = cite.rsplit(", ", 1)[-1].split(" (")[0].strip()
    m = re.search(r"\b(Art(?:icle)?s?|para(?:graph)?|§)\s*\S.*$", cite)
    short = treaty_short(scenario, treaty_id)
    if m:
        cite = m.group(0)
    elif cite:
        return cite if cite.startswith(short) else f"{short} {cite}"
    else:
        cite = f"Art {article_id}"
    if short.endswith(cite):
        return short
    return f"{short} {cite}"


def verdict_key(scenario: Any, world: Any, key: Any) -> str:
    """ "NATO Art 5 on the Russian invasion at Narva (A2)" for ``NATO:5:A2``."""
    text = str(key)
    m = _KEY.fullmatch(text)
    if m is None:
        return text
    return f"{article(scenario, m.group(1), m.group(2))} on {attack(scenario, world, m.group(3), mid=True)}"


def rules_field(name: str) -> str:
    """``ops_reserve_share`` (or ``rules.ops_reserve_share``) → "the operations reserve share (a rule)"."""
    field_name = name.removeprefix("rules.")
    text = field_name.replace("_", " ")
    for short, long in (("ops", "operations"), ("km", "km"), ("musd", "US$ million"), ("ai ", "the AI's ")):
        text = re.sub(rf"\b{short}\b", long, text) if short != "ai " else text.replace(short, long, 1)
    return f"the rule '{text}'"


def _name_of(scenario: Any, ident: str) -> str:
    """The name of a force, place or state id ('' unchanged when it is none of them)."""
    try:
        return str(scenario.force(ident).name)
    except (AttributeError, KeyError):
        pass
    if ident in getattr(scenario, "locations", {}) or ident in getattr(scenario, "states", {}):
        return place(scenario, ident)
    return ident


def clean(text: str, scenario: Any = None, world: Any = None, names: Mapping[str, str] | None = None) -> str:
    """A text the engine wrote (a headline, a gate's detail, a source) with its codes turned into words:
    verdict keys, ``rules.x`` fields, ``CODE_NAMES``, bare verdict codes and "N thing(s)"."""
    out = text
    if ":" in out:  # each pattern is tried only where its mark is in the text (a turn's summary has hundreds)
        out = _KEY.sub(lambda m: verdict_key(scenario, world, m.group(0)), out)
        out = re.sub(
            r"\b(deploy|mobilise):(A\d+)\b",
            lambda m: (
                ("deploying forces" if m.group(1) == "deploy" else "mobilising")
                + f" for {attack(scenario, world, m.group(2), mid=True)}"
            ),
            out,
        )
    if "rules." in out:
        out = _RULES.sub(lambda m: rules_field(m.group(1)), out)
    if "(s)" in out:
        out = _PLURAL_S.sub(lambda m: plural(int(m.group(1).replace(",", "")), m.group(2)), out)
    if world is not None and getattr(world, "attacks", None):  # a bare attack id: its words (not one in brackets)
        out = re.sub(
            r"(?<![(\w])(A\d+)(?![\w)])",
            lambda m: attack(scenario, world, m.group(1), mid=True) if m.group(1) in world.attacks else m.group(1),
            out,
        )
    if scenario is not None:  # ids of forces, places and states in brackets: their names

        def named(m: re.Match[str]) -> str:
            name = _name_of(scenario, m.group(1))
            before = m.string[: m.start()].rstrip()
            return "" if name != m.group(1) and before.endswith(name) else f"({name})"

        if "(" in out:
            out = re.sub(r"\s?\(([A-Z]{2,}[A-Z0-9-]*)\)", lambda m: (" " + named(m)).rstrip() if named(m) else "", out)
            out = re.sub(  # a list of ids in brackets: "(GBR-SSN, GBR-16AA)" → "(HMS … , 16 Air Assault …)"
                r"\(([A-Z]{2,}[A-Z0-9-]*(?:, [A-Z]{2,}[A-Z0-9-]*)+)\)",
                lambda m: "(" + ", ".join(_name_of(scenario, i) for i in m.group(1).split(", ")) + ")",
                out,
            )
        states = getattr(scenario, "states", {})
        places = getattr(scenario, "locations", {})
        if "-" in out:
            out = re.sub(
                r"(?<![-\w])[A-Z]{2,4}-[A-Z0-9-]+(?![-\w])",
                lambda m: place(scenario, m.group(0)) if m.group(0) in places else m.group(0),
                out,
            )
        out = re.sub(
            r"(?<![-\w])[A-Z]{3}(?![-\w])",
            lambda m: state(scenario, m.group(0)) if m.group(0) in states else m.group(0),
            out,
        )
    if "(s)" in out:
        out = re.sub(r"\bday\(s\)", "days", out)
        out = re.sub(r"\bforce\(s\)", "forces", out)
    if "_" in out:
        out = _ENUM.sub(lambda m: words(m.group(0)), out)
        out = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: m.group(0).replace("_", " "), out)  # use_of_force
    out = re.sub(
        r"(?<![A-Za-z])(TRIGGERED|CONSULT|INVOKED|BLOCKED|PENDING|SUSPENDED)(?![A-Za-z])",
        lambda m: words(m.group(1)),
        out,
    )
    if names:
        out = id_words(names)(out)
    return out


def id_words(names: Mapping[str, str]) -> Callable[[str], str]:
    """A function that writes each id of ``names`` (a state, place or force id standing alone, e.g. ``EST-NAR``) as
    its name, in one pass; make it once for many texts (a seat's view names its ids this way)."""
    if not names:
        return lambda text: text
    pattern = re.compile(
        r"(?<![-\w])(" + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")(?![-\w])"
    )
    return lambda text: pattern.sub(lambda m: names[m.group(1)], text)


# ------------------------------------------------------------------------------------------
# What happened this turn, in plain language
# ------------------------------------------------------------------------------------------

_QUIET_CODES = {"NOT_A_PARTY", "NOT_IN_FORCE", "NOT_REQUESTED", "BELOW_THRESHOLD", "ATTRIBUTION_PENDING"}


def _names(scenario: Any, ids: list[str], limit: int = 4) -> str:
    names = [state(scenario, s) for s in ids]
    if len(names) <= limit:
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""
    return ", ".join(names[:limit]) + f" and {plural(len(names) - limit, 'other')}"


def turn_lines(scenario: Any, world: Any, events: list[Any], limit: int = 12) -> list[str]:
    """What happened in a turn, for the room: attacks, verdicts that apply, outcomes, fighting, places changing
    hands and grouped national responses, in words (no codes, no keys), most important first."""
    first: list[str] = []
    then: list[str] = []
    responses: dict[tuple[str, str], list[str]] = {}
    for ev in events:
        kind = str(getattr(ev.kind, "value", ev.kind))
        data = ev.data or {}
        if kind == "attack":
            aid = ev.subject
            att = world.attacks.get(aid) if world is not None else None
            if att is not None:
                casualties = att.spec.casualties
                first.append(
                    attack(scenario, world, aid)
                    + (f": {plural(casualties, 'casualty', 'casualties')}" if casualties else "")
                    + f" ({gravity(att.gravity)})."
                )
        elif kind == "verdict":
            v = data.get("verdict") or {}
            code = str(v.get("code", ""))
            if code in _QUIET_CODES or code == str(data.get("previous")):
                continue
            what = article(scenario, str(v.get("treaty")), str(v.get("article")))
            on = attack(scenario, world, str(v.get("attack")), mid=True)
            if code == "TRIGGERED":
                then.append(f"{what} applies to {on}.")
            elif code == "CONSULT":
                then.append(f"{what}: the parties consult on {on}.")
            else:
                then.append(f"{what} on {on}: {verdict(code)}.")
        elif kind == "collective":
            parts = ev.subject.split(":")
            if len(parts) == 3:
                what = article(scenario, parts[0], parts[1])
                on = attack(scenario, world, parts[2], mid=True)
                then.append(f"{what} {outcome(data.get('outcome', ''))} for {on}.")
        elif kind == "decision" and data.get("level") in ("statement", "sanctions") and data.get("attack"):
            responses.setdefault((str(data["level"]), str(data["attack"])), []).append(str(data.get("state", "")))
        elif kind in ("control", "engagement", "end", "request", "arrive"):
            first.append(clean(ev.summary, scenario, world) if kind != "request" else _request(scenario, world, data))
        elif kind == "decision":
            then.append(clean(ev.summary, scenario, world))
    for (lvl, aid), who in sorted(responses.items(), key=lambda kv: (kv[0][0] != "sanctions", kv[0][1])):
        noun = "Sanctions" if lvl == "sanctions" else "Statements"
        then.append(f"{noun} over {attack(scenario, world, aid, mid=True)} from {_names(scenario, who)}.")
    lines = first + then
    if len(lines) > limit:
        lines = lines[: limit - 1] + [f"… and {plural(len(lines) - limit + 1, 'more event')} in the event log."]
    return lines


def _request(scenario: Any, world: Any, data: Mapping[str, Any]) -> str:
    return (
        f"{state(scenario, str(data.get('state', '')))} asks for help against "
        f"{attack(scenario, world, str(data.get('attack', '')), mid=True)}."
    )


def subject(scenario: Any, world: Any, text: str) -> str:
    """An event's subject in words: a verdict key, a state, a place, a force or an attack."""
    if _KEY.fullmatch(text):
        return verdict_key(scenario, world, text)
    if text in getattr(scenario, "states", {}):
        return state(scenario, text)
    if text in getattr(scenario, "locations", {}):
        return place(scenario, text)
    if world is not None and text in getattr(world, "attacks", {}):
        return attack(scenario, world, text)
    try:
        return str(scenario.force(text).name)
    except (AttributeError, KeyError):
        return words(text) if "_" in text and text.islower() else text


def label(text: str) -> str:
    """A gate's or a reason's label in words: ``in_force`` → "in force"."""
    return text.replace("_", " ")
