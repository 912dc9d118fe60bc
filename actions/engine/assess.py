"""Findings in, assessment out: considerations, red flags, triage, next questions, advice."""

from __future__ import annotations

from dataclasses import dataclass

from actions.engine.conditions import LATERALITIES, STATUSES, Case
from actions.engine.errors import FindingError
from actions.engine.knowledge import ADVICE_KINDS, AUDIENCES, Knowledge, Rule, load_knowledge
from actions.engine.scoring import Evaluation, question_values, rank_key, score_consideration

EXPERIENCERS = ("patient", "other")
_ADVICE_ORDER = {kind: index for index, kind in enumerate(ADVICE_KINDS)}


@dataclass(frozen=True)
class Finding:
    concept: str
    site: str | None
    laterality: str | None
    status: str
    experiencer: str
    historical: bool
    text: str
    start: int | None = None
    end: int | None = None

    @property
    def current(self) -> bool:
        """Counts as the patient's current finding (not family history, not past)."""
        return self.experiencer == "patient" and not self.historical

    def to_dict(self) -> dict:
        data = {"concept": self.concept, "site": self.site, "laterality": self.laterality,
                "status": self.status, "experiencer": self.experiencer,
                "historical": self.historical, "text": self.text}
        if self.start is not None:
            data["start"], data["end"] = self.start, self.end
        return data


def normalise_findings(findings, knowledge: Knowledge) -> list[Finding]:
    """Validate finding dicts of the shared contract; FindingError names the bad one."""
    if not isinstance(findings, (list, tuple)):
        raise FindingError(f"findings must be a list of objects, got {type(findings).__name__}")
    result = []
    for index, raw in enumerate(findings):
        where = f"finding #{index + 1}"
        if not isinstance(raw, dict):
            raise FindingError(f"{where}: expected an object, got {type(raw).__name__}")
        concept = raw.get("concept")
        if not isinstance(concept, str) or concept not in knowledge.concepts:
            raise FindingError(f"{where}: unknown concept {concept!r}")
        status = raw.get("status", "present")
        if status not in STATUSES:
            raise FindingError(f"{where}: bad status {status!r} (expected one of: "
                               f"{', '.join(STATUSES)})")
        site = raw.get("site")
        if site is not None and site not in knowledge.sites:
            raise FindingError(f"{where}: unknown site {site!r}")
        laterality = raw.get("laterality")
        if laterality is not None and laterality not in LATERALITIES:
            raise FindingError(f"{where}: bad laterality {laterality!r} (expected one of: "
                               f"{', '.join(LATERALITIES)} or null)")
        experiencer = raw.get("experiencer", "patient")
        if experiencer not in EXPERIENCERS:
            raise FindingError(f"{where}: bad experiencer {experiencer!r} (expected patient or other)")
        historical = raw.get("historical", False)
        if not isinstance(historical, bool):
            raise FindingError(f"{where}: historical must be true or false")
        text = raw.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise FindingError(f"{where}: text must be a string")
        start, end = raw.get("start"), raw.get("end")
        offsets_ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        result.append(Finding(concept=concept, site=site, laterality=laterality, status=status,
                              experiencer=experiencer, historical=historical, text=text,
                              start=start if offsets_ok else None, end=end if offsets_ok else None))
    return result


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
