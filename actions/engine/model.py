"""The knowledge in memory: articles with their passages, concepts, rules and their citations.

"Knowledge" means one thing in Radix: the five source articles and the rules derived from them
(actions/knowledge/), loaded by actions/engine/loader.py into a ``Knowledge``. The indices the
scoring needs are derived from the rules by actions/engine/indices.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from actions.engine.conditions import Condition, FindingTest
from actions.engine.corpus import Passage
from actions.engine.indices import build_indices
from common.contract import AUDIENCES

RULE_KINDS = ("consideration", "red_flag", "exam", "imaging", "treatment", "pitfall", "self_care")
ADVICE_KINDS = ("exam", "imaging", "treatment", "pitfall", "self_care")
TOPICS = ("level", "tests", "imaging", "treatment", "red_flags", "self_care", "conditions")


def normalise_subject(subject: str) -> str:
    """'L4-L5', 'l4/l5' and 'L4 L5' compare equal; so do 'Spinal stenosis' and 'spinal_stenosis'."""
    return re.sub(r"[\s/_\-]+", "", subject.strip().lower())


@dataclass(frozen=True)
class Article:
    id: str
    file: str
    seed_stem: str
    seed_sha256: str
    title: str
    title_stated: bool
    kind: str
    audience: str
    publisher: str | None
    last_updated: str | None
    references: tuple
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Citation:
    article_id: str
    title: str
    quote: str
    passage_id: str

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "title": self.title, "quote": self.quote,
                "passage_id": self.passage_id}


@dataclass(frozen=True)
class Evidence:
    test: FindingTest
    weight: float


@dataclass(frozen=True)
class Concept:
    """A contract concept with its wording per audience (common/wording/<audience>.yml)."""

    id: str
    clinician_label: str
    patient_label: str
    clinician_question: str
    patient_question: str

    def label(self, audience: str) -> str:
        return self.patient_label if audience == "patient" else self.clinician_label

    def question(self, audience: str) -> str:
        return self.patient_question if audience == "patient" else self.clinician_question


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    file: str
    when: Condition
    clinician: str
    patient: str
    citations: tuple[Citation, ...]
    label: str | None = None
    patient_label: str | None = None
    triage: str | None = None
    level: str | None = None
    root: str | None = None
    condition: str | None = None
    evidence: tuple[Evidence, ...] = ()
    against: tuple[Evidence, ...] = ()
    # The findings that single this consideration out (a level's or a nerve's own signs): when they
    # hold, it ranks above considerations whose discriminators do not (docs/scoring.md, "Ranking").
    discriminators: Condition | None = None
    topics: tuple[str, ...] = ()
    subjects: frozenset = frozenset()
    concepts: frozenset = frozenset()   # every concept the rule looks at
    # Its evidence items about reported diagnoses (dx_ concepts): one that matches ranks it as reported.
    reported: tuple[Evidence, ...] = ()
    # A generic picture (radiculopathy, sciatica, prolapsed disc) and the words people name it by: the
    # one a person named ranks first among the generic pictures (docs/scoring.md, "Ranking").
    generic: bool = False
    named_as: tuple[str, ...] = ()

    def text(self, audience: str) -> str:
        return self.patient if audience == "patient" else self.clinician

    def display_label(self, audience: str) -> str:
        if audience == "patient" and self.patient_label:
            return self.patient_label
        return self.label or self.id


@dataclass
class Knowledge:
    path: Path
    articles: dict[str, Article]
    concepts: dict[str, Concept]
    sites: dict[str, dict]           # site id -> {"clinician": label, "patient": label}
    rules: tuple[Rule, ...]
    kb_version: str
    passages: dict[str, Passage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.passages = {p.id: p for a in self.articles.values() for p in a.passages}
        self.rules_by_id = {rule.id: rule for rule in self.rules}
        build_indices(self)

    def red_flag_rules(self) -> list[Rule]:
        """The red-flag rules, in id order (the order every list of them is shown in)."""
        return sorted((rule for rule in self.rules if rule.kind == "red_flag"), key=lambda rule: rule.id)

    def site_label(self, site: str | None, audience: str) -> str | None:
        return None if site is None else self.sites[site][audience]

    def answer(self, topic: str, audience: str = "clinician", subject: str | None = None) -> list[dict]:
        """What the corpus says on a topic (and subject), as {kind, text, citations[]} items."""
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r} (expected one of: {', '.join(TOPICS)})")
        if audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r} (expected clinician or patient)")
        wanted = normalise_subject(subject) if subject else None
        items = []
        for rule in sorted(self.rules, key=lambda r: r.id):
            if topic not in rule.topics:
                continue
            if wanted is not None and wanted not in rule.subjects:
                continue
            items.append({"kind": rule.kind, "rule_id": rule.id, "text": rule.text(audience),
                          "citations": [c.to_dict() for c in rule.citations]})
        return items

    def coverage(self) -> dict[str, list[str]]:
        """passage id -> ids of the rules citing it (every passage listed)."""
        cited: dict[str, list[str]] = {pid: [] for pid in self.passages}
        for rule in self.rules:
            for citation in rule.citations:
                if rule.id not in cited[citation.passage_id]:
                    cited[citation.passage_id].append(rule.id)
        return cited
