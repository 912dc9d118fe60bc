"""The red-flag safety net of an assessment (docs/scoring.md, "Red-flag safety net").

- ``red_flag_checks``: every red-flag mention that is not certain, with the words that triggered it,
  so nothing that could be a red flag is dropped silently; a conversation asks about each one.
- ``red_flag_screen``: the articles' red flags nobody has stated yet, so a conversation can ask one
  combined screening question before any non-emergency result.
- ``red_flags_one_answer_away``: emergency red flags a stated red-flag symptom has half met ("I lost
  control of my bladder": the article's red flag needs back or leg symptoms too), with the unstated
  findings that would complete them, so a conversation asks those first and says why.
- ``reported_diagnoses``: what the user says a clinician or a scan found (dx_ concepts).

Checks never raise the triage: Radix raises an emergency only from present, current findings, never
from a denied, normal, conditional, historical or hypothetical mention (those are not findings at all,
or not current ones).
"""
from __future__ import annotations

from actions.engine.conditions import Case
from common.contract import (RED_FLAG_CONCEPTS, RED_FLAG_SCREEN, REPORTED_DIAGNOSIS_CONCEPTS, SADDLE_SITES,
                             WEAKNESS_CONCEPTS)
from common.finding import Finding

# Why a mention is a check, by reason id (documented in docs/scoring.md).
REASONS = {
    "uncertain": "the red-flag symptom is hedged, asked about or not sure",
    "someone_else": "the red-flag symptom is stated now for someone other than the consultation subject",
    "weakness_uncertain": "whether there is weakness is not sure, and its onset was sudden or is not told",
    "weakness_unstated": "numbness came on suddenly and nothing is said about weakness",
    "reported_diagnosis": "a clinician is reported to have named cauda equina syndrome",
}


def _check(finding: Finding, reason: str) -> dict:
    return {"concept": finding.concept, "text": finding.text, "reason": reason}


def red_flag_checks(findings: list[Finding], case: Case) -> list[dict]:
    """{concept, text, reason} for every red-flag mention that is not certain, in text order."""
    # A hedged weakness ("paralysed for a moment", "not sure if it's weak") could be the sudden severe
    # weakness unless its onset is told gradual.
    gradual = ("sudden_onset", "absent") in case and ("sudden_onset", "present") not in case
    checks: list[dict] = []
    for finding in findings:
        if finding.historical:
            continue
        reason = None
        if finding.concept in RED_FLAG_CONCEPTS or (
                finding.concept == "numbness" and finding.site in SADDLE_SITES):
            if finding.status == "uncertain":
                reason = "uncertain"
            elif finding.status == "present" and finding.experiencer == "other":
                reason = "someone_else"
        elif finding.concept in WEAKNESS_CONCEPTS and finding.status == "uncertain" and not gradual \
                and finding.experiencer == "patient":
            reason = "weakness_uncertain"
        elif finding.concept == "dx_cauda_equina" and finding.status == "present" \
                and finding.experiencer == "patient":
            reason = "reported_diagnosis"
        if reason is not None:
            check = _check(finding, reason)
            if check not in checks:
                checks.append(check)
    return checks + _sudden_numbness(findings, case)


def _sudden_numbness(findings: list[Finding], case: Case) -> list[dict]:
    """Sudden numbness with nothing said of strength ("woke up with no feeling in my legs"): is there
    sudden severe weakness too? One check, on the onset's words."""
    if any(concept in case for concept in WEAKNESS_CONCEPTS) or ("numbness", "present") not in case:
        return []       # strength stated (present, absent or unsure: the latter is its own check)
    if any((concept, "present") in case for concept in RED_FLAG_CONCEPTS if concept != "sudden_onset"):
        return []       # "suddenly cant control my bladder": that red flag is there already, the onset is its
    onset = next((f for f in findings if f.concept == "sudden_onset" and f.status == "present"
                  and f.experiencer == "patient" and not f.historical), None)
    return [] if onset is None else [_check(onset, "weakness_unstated")]


def _stated(case: Case, concept: str) -> bool:
    return (concept, "present") in case or (concept, "absent") in case


def red_flag_screen(case: Case) -> list[str]:
    """The RED_FLAG_SCREEN concepts still unstated (present or absent) for the consultation subject.

    ``saddle_anesthesia`` is also settled by numbness stated at the perianal area or groin;
    ``sudden_onset`` stands for "sudden severe weakness": settled when onset is denied (gradual), when
    weakness is denied and no weakness finding is present, or when both are present (the red flag).
    """
    screen = []
    for concept in RED_FLAG_SCREEN:
        if concept == "saddle_anesthesia":
            settled = _stated(case, concept) or any(
                site in SADDLE_SITES for status, site, _ in case.get("numbness", ()) if status != "uncertain")
        elif concept == "sudden_onset":
            weak = any((c, "present") in case for c in WEAKNESS_CONCEPTS)
            settled = (concept, "absent") in case or ((concept, "present") in case and weak) \
                or (("weakness", "absent") in case and not weak)
        else:
            settled = _stated(case, concept)
        if not settled:
            screen.append(concept)
    return screen


def reported_diagnoses(findings: list[Finding], knowledge, audience: str) -> list[dict]:
    """Diagnoses the consultation subject reports (present, current), once each, in text order."""
    seen, reported = set(), []
    for finding in findings:
        if finding.concept in REPORTED_DIAGNOSIS_CONCEPTS and finding.current and finding.status == "present" \
                and finding.concept not in seen:
            seen.add(finding.concept)
            reported.append({"concept": finding.concept, "condition": finding.concept[len("dx_"):],
                             "label": knowledge.concepts[finding.concept].label(audience),
                             "text": finding.text})
    return reported


def _fires_with(rule, case: Case, concept: str) -> bool:
    """Would ``rule`` fire if ``concept`` were stated present (no site or side)? The case is restored."""
    entry = ("present", None, None)
    case[concept] = case[(concept, "present")] = (entry,)
    try:
        return rule.when.predicate(case)
    finally:
        del case[concept], case[(concept, "present")]


def red_flags_one_answer_away(knowledge, case: Case, findings: list[Finding], fired: set[str],
                              audience: str) -> list[dict]:
    """Emergency red flags that did not fire although a red-flag symptom they test is present now,
    and that one more present finding would fire: {id, label, text, citations, found (the user's
    words), completing (unstated concepts, in rule order)}. Nothing here raises the triage."""
    away = []
    for rule in knowledge.rules:
        if rule.kind != "red_flag" or rule.triage != "emergency" or rule.id in fired:
            continue
        tested = list(dict.fromkeys(test.concept for test in rule.when.tests))
        stated = [c for c in tested if c in RED_FLAG_CONCEPTS and (c, "present") in case]
        if not stated:
            continue
        completing = [c for c in tested if c not in case and _fires_with(rule, case, c)]
        if completing:
            found = [f.text or knowledge.concepts[f.concept].label(audience) for f in findings
                     if f.concept in stated and f.current and f.status == "present"]
            away.append({"id": rule.id, "label": rule.display_label(audience), "text": rule.text(audience),
                         "citations": [c.to_dict() for c in rule.citations],
                         "found": list(dict.fromkeys(found)), "completing": completing})
    return away
