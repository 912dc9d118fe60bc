"""Findings in, assessment out: considerations, red flags, triage, next questions, advice."""

from __future__ import annotations

from dataclasses import dataclass

from actions.engine.conditions import Case
from actions.engine.errors import FindingError
from actions.engine.loader import load_knowledge
from actions.engine.model import ADVICE_KINDS, Knowledge, Rule
from actions.engine.safety import red_flag_checks, red_flag_screen, red_flags_one_answer_away, reported_diagnoses
from actions.engine.scoring import (DISCRIMINATING, Evaluation, named_pictures, question_values,
                                    score_consideration)
from common.contract import AUDIENCES, REPORTED_DIAGNOSIS_CONCEPTS
from common.finding import Finding

_ADVICE_ORDER = {kind: index for index, kind in enumerate(ADVICE_KINDS)}


def normalise_findings(findings, knowledge: Knowledge) -> list[Finding]:
    """Validate finding dicts (common/finding.py); FindingError names the bad one."""
    if not isinstance(findings, (list, tuple)):
        raise FindingError(f"findings must be a list of objects, got {type(findings).__name__}")
    return [Finding.from_dict(raw, f"finding #{index + 1}", concepts=knowledge.concepts)
            for index, raw in enumerate(findings)]


def build_case(findings: list[Finding]) -> Case:
    case: dict[str, list] = {}
    for finding in findings:
        if finding.current:
            entry = (finding.status, finding.site, finding.laterality)
            entries = case.setdefault(finding.concept, [])
            if entry not in entries:
                entries.append(entry)
    return index_case(case)


def index_case(by_concept: dict) -> Case:
    """Add the (concept, status) index next to the concept index (see conditions.py)."""
    case: dict = {}
    for concept, entries in by_concept.items():
        entries = tuple(entries)
        case[concept] = entries
        for entry in entries:
            case[(concept, entry[0])] = case.get((concept, entry[0]), ()) + (entry,)
    return case


@dataclass
class Assessment:
    findings: list[Finding]
    audience: str
    triage: str
    red_flags: list[dict]
    red_flag_checks: list[dict]
    red_flag_screen: list[str]
    red_flags_one_answer_away: list[dict]
    reported_diagnoses: list[dict]
    considerations: list[dict]
    next_questions: list[dict]
    advice: list[dict]
    rules_fired: list[str]
    kb_version: str

    @property
    def interview_complete(self) -> bool:
        """True when no unanswered question would change the ranking or the triage."""
        return not self.next_questions

    def to_dict(self) -> dict:
        return {"findings": [f.to_dict() for f in self.findings], "audience": self.audience,
                "triage": self.triage, "red_flags": self.red_flags,
                "red_flag_checks": self.red_flag_checks, "red_flag_screen": self.red_flag_screen,
                "red_flags_one_answer_away": self.red_flags_one_answer_away,
                "reported_diagnoses": self.reported_diagnoses,
                "considerations": self.considerations, "next_questions": self.next_questions,
                "advice": self.advice, "rules_fired": self.rules_fired,
                "interview_complete": self.interview_complete, "kb_version": self.kb_version}


def _evidence_item(evidence, knowledge: Knowledge, audience: str) -> dict:
    test = evidence.test
    return {"concept": test.concept, "label": knowledge.concepts[test.concept].label(audience),
            "status": test.status, "site": test.site, "laterality": test.laterality, "weight": evidence.weight,
            "reported": test.concept in REPORTED_DIAGNOSIS_CONCEPTS}


def _missing(rule: Rule, case: Case) -> list[str]:
    """Unstated concepts this consideration looks at, heaviest first (ties by id); reported
    diagnoses are what the user was told, never something to find out, so they are not listed."""
    weights: dict[str, float] = {}
    for item in rule.evidence + rule.against:
        concept = item.test.concept
        if concept not in case and concept not in REPORTED_DIAGNOSIS_CONCEPTS:
            weights[concept] = max(weights.get(concept, 0.0), item.weight)
    return [c for c, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]


def assess(findings, *, knowledge: Knowledge | None = None, audience: str = "clinician") -> Assessment:
    if audience not in AUDIENCES:
        raise FindingError(f"unknown audience {audience!r} (expected clinician or patient)")
    knowledge = knowledge or load_knowledge()
    normalised = normalise_findings(findings, knowledge)
    case = build_case(normalised)
    base = Evaluation(knowledge, case, named_pictures(knowledge, normalised))
    fired = [rule for rule in knowledge.rules if base.fired[rule.id]]

    considerations = []
    for rule_id, score in base.ranking():
        rule = knowledge.rules_by_id[rule_id]
        _, supporting, against = score_consideration(rule, case)
        considerations.append({
            "id": rule.id, "label": rule.display_label(audience), "level": rule.level,
            "root": rule.root, "condition": rule.condition, "score": score,
            # Ranked first by its own discriminating findings / supported by a reported diagnosis.
            "discriminating": base.tiers[rule_id] == DISCRIMINATING, "reported": rule_id in base.reported,
            # The person called it this ("my sciatica"): first among the generic pictures.
            "named": rule_id in base.named,
            "text": rule.text(audience),
            "supporting": [_evidence_item(e, knowledge, audience) for e in supporting],
            "against": [_evidence_item(e, knowledge, audience) for e in against],
            "missing": _missing(rule, case),
            "citations": [c.to_dict() for c in rule.citations]})

    red_flags = [{"id": rule.id, "label": rule.display_label(audience), "text": rule.text(audience),
                  "triage": rule.triage, "citations": [c.to_dict() for c in rule.citations]}
                 for rule in fired if rule.kind == "red_flag"]

    advice_rules = sorted((rule for rule in fired if rule.kind in _ADVICE_ORDER),
                          key=lambda r: (_ADVICE_ORDER[r.kind], r.id))
    advice = [{"kind": rule.kind, "rule_id": rule.id, "text": rule.text(audience),
               "citations": [c.to_dict() for c in rule.citations]} for rule in advice_rules]

    next_questions = [{"concept": concept,
                       "question": knowledge.concepts[concept].question(audience),
                       "value": value}
                      for concept, value in question_values(knowledge, base, case)]

    return Assessment(findings=normalised, audience=audience, triage=base.triage,
                      red_flags=red_flags, red_flag_checks=red_flag_checks(normalised, case),
                      red_flag_screen=red_flag_screen(case),
                      red_flags_one_answer_away=red_flags_one_answer_away(
                          knowledge, case, normalised, {rule.id for rule in fired}, audience),
                      reported_diagnoses=reported_diagnoses(normalised, knowledge, audience),
                      considerations=considerations,
                      next_questions=next_questions, advice=advice,
                      rules_fired=[rule.id for rule in fired], kb_version=knowledge.kb_version)
