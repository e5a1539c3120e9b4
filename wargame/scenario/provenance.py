"""Provenance check: every number in a scenario record has a source or is marked as an assumption.

A number is covered when its record has a non-empty ``source`` (covering all its numbers), a
``sources = { field = "..." }`` entry for it, or lists it in ``assumed`` (``"*"`` = all).  A scope
clause's numbers are also covered by its article's ``source``.  A file with ``[provenance]
all_assumed = "why"`` needs nothing more.  Not checked: ``[scenario]`` settings (turn length,
max_turns, seed) and an inject's ``turn``, which are design choices rather than facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from wargame.scenario.errors import Problem
from wargame.scenario.loader import PROVENANCE_KEYS, load_scenario, source_files
from wargame.scenario.schema import (
    ArticleDoc,
    ForceDoc,
    InjectDoc,
    LegalDoc,
    LiftDoc,
    LocationDoc,
    MeasureDoc,
    MunitionsDoc,
    NuclearDoc,
    PlanDoc,
    RulesDoc,
    ScopeDoc,
    StateDoc,
    StraitDoc,
    TerritorialDoc,
    TheatreDoc,
    TransitDoc,
    TreatyDoc,
    UnionDoc,
)

EXEMPT: dict[str, frozenset[str]] = {"injects": frozenset({"turn"})}


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, list) and any(_is_number(v) for v in value)


def _check_record(
    record: dict[str, Any],
    model: type[BaseModel],
    file: str,
    path: str,
    problems: list[Problem],
    *,
    inherited: bool = False,
    exempt: frozenset[str] = frozenset(),
) -> None:
    known = {info.alias or name for name, info in model.model_fields.items()} - set(PROVENANCE_KEYS)
    source = record.get("source", "")
    sources: dict[str, Any] = record.get("sources", {})
    assumed: list[str] = record.get("assumed", [])
    for name, text in sources.items():
        if name not in known:
            problems.append(Problem(f"{path}.sources.{name}", f"{name!r} is not a field of this record", file))
        elif not str(text).strip():
            problems.append(Problem(f"{path}.sources.{name}", "empty source", file))
    for i, name in enumerate(assumed):
        if name != "*" and name not in known:
            problems.append(Problem(f"{path}.assumed[{i}]", f"{name!r} is not a field of this record", file))
    if str(source).strip() or inherited or "*" in assumed:
        return
    for name, value in record.items():
        if name in exempt or name in PROVENANCE_KEYS or not _is_number(value):
            continue
        if str(sources.get(name, "")).strip() or name in assumed:
            continue
        problems.append(
            Problem(
                f"{path}.{name}", f'number without a source: add source, sources.{name} or assumed = ["{name}"]', file
            )
        )


def check_provenance(path: str | Path) -> list[Problem]:
    """Every number in the scenario's records (main file and includes) has its provenance.

    The scenario must load (else :class:`ScenarioError` is raised); the provenance problems are returned.
    """
    load_scenario(path)
    problems: list[Problem] = []
    tables: tuple[tuple[str, type[BaseModel]], ...] = (
        ("states", StateDoc),
        ("locations", LocationDoc),
        ("forces", ForceDoc),
        ("injects", InjectDoc),
        ("theatres", TheatreDoc),
        ("plans", PlanDoc),
        ("transit", TransitDoc),
        ("straits", StraitDoc),
        ("lift", LiftDoc),
        ("munitions", MunitionsDoc),
        ("nuclear", NuclearDoc),
        ("territorial", TerritorialDoc),
        ("unions", UnionDoc),
        ("legal", LegalDoc),
        ("measures", MeasureDoc),
    )
    files = source_files(path)
    for index, f in enumerate(files):
        raw = f.raw
        prov = raw.get("provenance", {})
        if str(prov.get("all_assumed", "")).strip():
            continue
        is_main = index == len(files) - 1
        for table, model in tables:
            if table == "injects" and not is_main:
                continue
            for i, rec in enumerate(raw.get(table, [])):
                _check_record(rec, model, f.key, f"{table}[{i}]", problems, exempt=EXEMPT.get(table, frozenset()))
        if is_main and "rules" in raw:
            _check_record(raw["rules"], RulesDoc, f.key, "rules", problems)
        for i, treaty in enumerate(raw.get("treaties", [])):
            _check_record(treaty, TreatyDoc, f.key, f"treaties[{i}]", problems)
            for j, art in enumerate(treaty.get("articles", [])):
                art_path = f"treaties[{i}].articles[{j}]"
                _check_record(art, ArticleDoc, f.key, art_path, problems)
                covered = bool(str(art.get("source", "")).strip())
                for k, clause in enumerate(art.get("scope", [])):
                    _check_record(clause, ScopeDoc, f.key, f"{art_path}.scope[{k}]", problems, inherited=covered)
    return problems
