"""Strict loader for the real-language evaluation sets (tests/nlu/data/real_language/README.md).

    cases = load_cases("tests/nlu/data/real_language/dev.yml")

Every case is checked against the README's format: unknown keys and bad values raise ``EvalSetError``
naming the file, the case id and the key (``.../dev.yml: entry 'd012': key 'colour': unknown key``).
A loaded case is a plain dict with every optional key filled in (``findings`` and
``reported_diagnoses`` lists, ``expected`` None when null), so scorers need no defaults.
"""

from __future__ import annotations

import re
from pathlib import Path

from common.contract import EXPERIENCERS, LATERALITIES, REPORTED_DIAGNOSIS_CONCEPTS, SITES, STATUSES, SYMPTOM_CONCEPTS
from common.schema import SchemaError, Where, read_yaml

GENRES = ("patient_forum", "blog", "caregiver", "case_report", "clinician_note", "news_story")
STYLES = ("patient", "resident")
SUBJECTS = ("self", "relative")
RED_FLAGS = ("emergency", "check", "none")
# Reported-diagnosis conditions: the contract's dx_ concepts without their prefix.
CONDITIONS = tuple(concept[len("dx_"):] for concept in REPORTED_DIAGNOSIS_CONCEPTS)

_CASE_KEYS = ("id", "source", "genre", "style", "text", "subject", "findings", "reported_diagnoses", "red_flag",
              "expected", "notes")
_REQUIRED = ("id", "source", "genre", "style", "text", "subject", "red_flag")
_FINDING_KEYS = ("concept", "status", "laterality", "site", "experiencer", "historical")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LEVEL = re.compile(r"^[TLS]\d{1,2}/[TLS]\d{1,2}$")


class EvalSetError(SchemaError):
    """An evaluation set breaks its format; the message names the file, the case id and the key."""


def _keys(raw, where: Where, key: str, allowed: tuple, required: tuple) -> None:
    """Like Where.keys, naming the key with its place in the case ("findings[2].side")."""
    where.mapping(raw, key)
    for name in raw:
        if name not in allowed:
            where.fail(f"{key}.{name}", f"unknown key (allowed: {', '.join(allowed)})")
    for name in required:
        if raw.get(name) in (None, ""):
            where.fail(f"{key}.{name}", "missing required key")


def _finding(raw, where: Where, key: str) -> dict:
    _keys(raw, where, key, _FINDING_KEYS, ("concept", "status"))
    finding = {
        "concept": where.choice(raw["concept"], SYMPTOM_CONCEPTS, f"{key}.concept"),
        "status": where.choice(raw["status"], STATUSES, f"{key}.status"),
    }
    for name, allowed in (("laterality", LATERALITIES), ("site", SITES)):
        if name in raw:
            finding[name] = where.choice(raw[name], allowed, f"{key}.{name}")
    if "experiencer" in raw:
        finding["experiencer"] = where.choice(raw["experiencer"], EXPERIENCERS, f"{key}.experiencer")
    if "historical" in raw:
        finding["historical"] = where.boolean(raw["historical"], f"{key}.historical")
    return finding


def _diagnosis(raw, where: Where, key: str) -> dict:
    _keys(raw, where, key, ("condition", "level"), ("condition",))
    diagnosis = {"condition": where.choice(raw["condition"], CONDITIONS, f"{key}.condition")}
    if "level" in raw:
        level = raw["level"]
        if not isinstance(level, str) or not _LEVEL.match(level):
            where.fail(f"{key}.level", f"bad level {level!r} (written as the articles do: L4/L5, L5/S1, T12/L1)")
        diagnosis["level"] = level
    return diagnosis


def _case(raw, where: Where, seen: set) -> dict:
    case_id = raw.get("id") if isinstance(raw, dict) else None
    where = where.at(case_id if isinstance(case_id, str) else "?")
    where.keys(raw, allowed=_CASE_KEYS, required=_REQUIRED)
    if not _ID.match(case_id):
        where.fail("id", f"bad id {case_id!r}")
    if case_id in seen:
        where.fail("id", "duplicate case id")
    seen.add(case_id)
    if "expected" not in raw:
        where.fail("expected", "missing required key (null when nothing ranks)")
    expected = raw["expected"]
    if expected is not None and (not isinstance(expected, str) or not _ID.match(expected)):
        where.fail("expected", f"bad consideration id {expected!r}")
    text = where.text(raw, "text")
    if not 20 <= len(text) <= 700:
        where.fail("text", f"text is {len(text)} characters (allowed 20-700)")
    findings = raw.get("findings") or []
    diagnoses = raw.get("reported_diagnoses") or []
    return {
        "id": case_id, "source": where.text(raw, "source"),
        "genre": where.choice(raw["genre"], GENRES, "genre"),
        "style": where.choice(raw["style"], STYLES, "style"),
        "text": raw["text"], "subject": where.choice(raw["subject"], SUBJECTS, "subject"),
        "findings": [_finding(f, where, f"findings[{i}]") for i, f in enumerate(where.list(findings, "findings"))],
        "reported_diagnoses": [_diagnosis(d, where, f"reported_diagnoses[{i}]")
                               for i, d in enumerate(where.list(diagnoses, "reported_diagnoses"))],
        "red_flag": where.choice(raw["red_flag"], RED_FLAGS, "red_flag"),
        "expected": expected,
    }


def load_cases(path: str | Path) -> list[dict]:
    """The validated cases of a real-language set (README format)."""
    label = str(path)
    data, _ = read_yaml(Path(path), label, EvalSetError)
    where = Where(label, error=EvalSetError)
    where.keys(data, allowed=("cases",), required=("cases",))
    seen: set = set()
    return [_case(raw, where, seen) for raw in where.list(data["cases"], "cases", non_empty=True)]


def is_real_language_set(path: str | Path) -> bool:
    """True for a file in the real-language format (top key ``cases``), False for ``sentences`` sets."""
    data, _ = read_yaml(Path(path), str(path), EvalSetError)
    return isinstance(data, dict) and "cases" in data
