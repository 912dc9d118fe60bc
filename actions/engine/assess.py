"""Findings in, assessment out: considerations, red flags, triage, next questions, advice."""

from __future__ import annotations

from dataclasses import dataclass

from actions.engine.conditions import Case
from actions.engine.errors import FindingError
from actions.engine.loader import load_knowledge
from actions.engine.model import ADVICE_KINDS, Knowledge, Rule
from actions.engine.scoring import Evaluation, question_values, rank_key, score_consideration
from common.contract import AUDIENCES
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
                "considerations": self.considerations, "next_questions": self.next_questions,
                "advice": self.advice, "rules_fired": self.rules_fired,
                "interview_complete": self.interview_complete, "kb_version": self.kb_version}


def _evidence_item(evidence, knowledge: Knowledge, audience: str) -> dict:
    test = evidence.test
    return {"concept": test.concept, "label": knowledge.concepts[test.concept].label(audience),
            "site": test.site, "laterality": test.laterality, "weight": evidence.weight}


def _missing(rule: Rule, case: Case) -> list[str]:
    """Unstated concepts this consideration looks at, heaviest first (ties by id)."""
    weights: dict[str, float] = {}
    for item in rule.evidence + rule.against:
        concept = item.test.concept
        if concept not in case:
            weights[concept] = max(weights.get(concept, 0.0), item.weight)
    return [c for c, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]


def assess(findings, *, knowledge: Knowledge | None = None, audience: str = "clinician") -> Assessment:
    if audience not in AUDIENCES:
        raise FindingError(f"unknown audience {audience!r} (expected clinician or patient)")
    knowledge = knowledge or load_knowledge()
    normalised = normalise_findings(findings, knowledge)
    case = build_case(normalised)
    base = Evaluation(knowledge, case)
    fired = [rule for rule in knowledge.rules if base.fired[rule.id]]

    considerations = []
    for rule_id, score in sorted(base.scores.items(), key=rank_key):
        rule = knowledge.rules_by_id[rule_id]
        _, supporting, against = score_consideration(rule, case)
        considerations.append({
            "id": rule.id, "label": rule.display_label(audience), "level": rule.level,
            "root": rule.root, "condition": rule.condition, "score": score,
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
                      red_flags=red_flags, considerations=considerations,
                      next_questions=next_questions, advice=advice,
                      rules_fired=[rule.id for rule in fired], kb_version=knowledge.kb_version)
