"""Load and validate the knowledge folder: articles, concepts, rules.

``load_knowledge()`` parses every file, validates it against a strict schema (unknown keys
and bad values are rejected naming the file, the entry id and the key), verifies that every
citation quote occurs in its article, and caches the result per folder. Nothing is read at
import time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actions.engine.conditions import Condition, FindingTest, parse_condition, parse_test
from actions.engine.corpus import PASSAGE_KINDS, Passage, find_quote, split_passages
from actions.engine.errors import KnowledgeError
from actions.engine.schema import (check_keys, require_choice, require_list, require_mapping,
                                   require_text)

RULE_KINDS = ("consideration", "red_flag", "exam", "imaging", "treatment", "pitfall", "self_care")
ADVICE_KINDS = ("exam", "imaging", "treatment", "pitfall", "self_care")
TRIAGE_LEVELS = ("self-care", "routine", "urgent", "emergency")   # least to most severe
TOPICS = ("level", "tests", "imaging", "treatment", "red_flags", "self_care", "conditions")
AUDIENCES = ("clinician", "patient")
_DEFAULT_TOPICS = {"red_flag": ("red_flags",), "exam": ("tests",), "imaging": ("imaging",),
                   "treatment": ("treatment",), "pitfall": ("conditions",),
                   "self_care": ("self_care",)}
# Patient wording of a consideration must not state a diagnosis as certain.
_HEDGE = re.compile(r"\b(may|might|can|could|possible|possibly)\b", re.IGNORECASE)

_COMMON_RULE_KEYS = ("id", "kind", "when", "clinician", "patient", "citations", "triage", "topics",
                     "subjects", "label", "patient_label")
_CONSIDERATION_KEYS = ("level", "root", "condition", "evidence", "against")


def default_knowledge_dir() -> Path:
    return Path(str(importlib.resources.files("actions") / "knowledge"))


def normalise_subject(subject: str) -> str:
    """'L4-L5', 'l4/l5' and 'L4 L5' compare equal; so do 'Spinal stenosis' and 'spinal_stenosis'."""
    return re.sub(r"[\s/_\-]+", "", subject.strip().lower())


@dataclass(frozen=True)
class Article:
    id: str
    file: str
    seed_stem: str
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
    topics: tuple[str, ...] = ()
    subjects: frozenset = frozenset()
    concepts: frozenset = frozenset()   # every concept the rule looks at

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
    sites: dict[str, dict]
    rules: tuple[Rule, ...]
    kb_version: str
    passages: dict[str, Passage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.passages = {p.id: p for a in self.articles.values() for p in a.passages}
        self.rules_by_id = {rule.id: rule for rule in self.rules}
        by_concept: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for concept in rule.concepts:
                by_concept.setdefault(concept, []).append(rule)
        self.rules_by_concept = {c: tuple(rs) for c, rs in by_concept.items()}
        # Only considerations and triage-setting rules can change a question's value.
        # Each entry is (rule, whether its `when` looks at the concept): when it does not,
        # stating the concept cannot change whether the rule fires.
        self.ranking_rules_by_concept = {
            c: tuple((r, any(t.concept == c for t in r.when.tests))
                     for r in rs if r.kind == "consideration" or r.triage)
            for c, rs in self.rules_by_concept.items()}
        self.hypotheses = self._hypotheses()
        # Per consideration, its evidence (+1) and against (-1) items grouped by concept: stating
        # one concept can only move the items about that concept (docs/scoring.md).
        self.score_items: dict[str, dict[str, tuple]] = {}
        for rule in self.rules:
            if rule.kind != "consideration":
                continue
            grouped: dict[str, list] = {}
            for sign, items in ((1, rule.evidence), (-1, rule.against)):
                for item in items:
                    grouped.setdefault(item.test.concept, []).append(
                        (item.test.compile(), item.test, item.weight, sign))
            self.score_items[rule.id] = {c: tuple(v) for c, v in grouped.items()}
        self.question_plan = self._question_plan()

    def _question_plan(self) -> dict[str, tuple]:
        """Per concept, what answer_change needs of each rule it can affect, pre-extracted:
        (rule id, `when` predicate or None if the gate ignores the concept, triage rank or -1,
        the consideration's items about the concept or None for a non-consideration)."""
        order = {level: rank for rank, level in enumerate(TRIAGE_LEVELS)}
        plan = {}
        for concept, entries in self.ranking_rules_by_concept.items():
            plan[concept] = tuple(
                (rule.id, rule.when.predicate if gated else None,
                 order[rule.triage] if rule.triage else -1,
                 self.score_items[rule.id].get(concept, ()) if rule.kind == "consideration"
                 else None)
                for rule, gated in entries)
        return plan

    def _hypotheses(self) -> dict[str, tuple]:
        """Answers simulated for a next question: absent, present, and present at each
        site / laterality some rule tests for (see docs/scoring.md, "Next questions")."""
        variants: dict[str, set] = {}
        for rule in self.rules:
            if rule.kind != "consideration" and not rule.triage:
                continue            # cannot change ranking or triage: its sites do not matter
            tests = list(rule.when.tests) + [e.test for e in rule.evidence + rule.against]
            for test in tests:
                found = variants.setdefault(test.concept, {("absent", None, None),
                                                           ("present", None, None)})
                if test.status == "present" and (test.site or test.laterality):
                    laterality = "left" if test.laterality == "unilateral" else test.laterality
                    found.add(("present", test.site, laterality))
        return {concept: tuple(sorted(found, key=lambda e: tuple(x or "" for x in e)))
                for concept, found in sorted(variants.items())}

    def site_label(self, site: str | None, audience: str) -> str | None:
        if site is None:
            return None
        entry = self.sites[site]
        return entry["patient_label"] if audience == "patient" else entry["clinician_label"]

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


def _read_yaml(path: Path, label: str):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read: {exc.strerror}", file=label) from None
    try:
        return yaml.safe_load(text), text
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"invalid YAML: {exc}", file=label) from None


def _load_articles(folder: Path, digest) -> dict[str, Article]:
    label = "articles.yml"
    data, raw = _read_yaml(folder / label, label)
    digest.update(raw.encode())
    data = require_mapping(data, file=label, entry_id=None)
    check_keys(data, allowed=("articles",), required=("articles",), file=label, entry_id=None)
    articles: dict[str, Article] = {}
    for entry in require_list(data["articles"], file=label, entry_id=None, key="articles"):
        entry = require_mapping(entry, file=label, entry_id=None, key="articles")
        article_id = str(entry.get("id") or "?")
        check_keys(entry, allowed=("id", "file", "seed_stem", "title", "title_stated", "kind",
                                   "audience", "publisher", "last_updated", "references",
                                   "passage_kinds"),
                   required=("id", "file", "seed_stem", "title", "kind", "audience"), file=label,
                   entry_id=article_id)
        if article_id in articles:
            raise KnowledgeError("duplicate article id", file=label, entry_id=article_id, key="id")
        require_choice(entry, "audience", AUDIENCES, file=label, entry_id=article_id)
        if not isinstance(entry.get("title_stated", True), bool):
            raise KnowledgeError("expected true or false", file=label, entry_id=article_id,
                                 key="title_stated")
        text_path = folder / "articles" / str(entry["file"])
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError:
            raise KnowledgeError(f"article file not found: articles/{entry['file']}", file=label,
                                 entry_id=article_id, key="file") from None
        digest.update(text.encode())
        kinds = require_mapping(entry.get("passage_kinds") or {}, file=label, entry_id=article_id,
                                key="passage_kinds")
        for passage_text, kind in kinds.items():
            if kind not in PASSAGE_KINDS:
                raise KnowledgeError(f"bad passage kind {kind!r} (expected one of: "
                                     f"{', '.join(PASSAGE_KINDS)})", file=label, entry_id=article_id,
                                     key="passage_kinds")
        passages = split_passages(article_id, text, kinds)
        known = {p.text for p in passages}
        for passage_text in kinds:
            if passage_text not in known:
                raise KnowledgeError(f"passage_kinds names text not found in the article: "
                                     f"{passage_text[:60]!r}", file=label, entry_id=article_id,
                                     key="passage_kinds")
        references = require_list(entry.get("references") or [], file=label, entry_id=article_id,
                                  key="references")
        for reference in references:
            reference = require_mapping(reference, file=label, entry_id=article_id, key="references")
            check_keys(reference, allowed=("title", "source", "year"), required=("title",),
                       file=label, entry_id=article_id)
        last_updated = entry.get("last_updated")
        if last_updated is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(last_updated)):
            raise KnowledgeError("expected an ISO date YYYY-MM-DD or null", file=label,
                                 entry_id=article_id, key="last_updated")
        articles[article_id] = Article(
            id=article_id, file=str(entry["file"]), seed_stem=str(entry["seed_stem"]),
            title=str(entry["title"]), title_stated=entry.get("title_stated", True),
            kind=str(entry["kind"]), audience=entry["audience"], publisher=entry.get("publisher"),
            last_updated=str(last_updated) if last_updated is not None else None,
            references=tuple(dict(r) for r in references), passages=tuple(passages))
    return articles


def _load_concepts(folder: Path, digest) -> tuple[dict[str, Concept], dict[str, dict]]:
    label = "concepts.yml"
    data, raw = _read_yaml(folder / label, label)
    digest.update(raw.encode())
    data = require_mapping(data, file=label, entry_id=None)
    check_keys(data, allowed=("concepts", "sites"), required=("concepts", "sites"), file=label,
               entry_id=None)
    concepts = {}
    for concept_id, entry in require_mapping(data["concepts"], file=label, entry_id=None,
                                             key="concepts").items():
        entry = require_mapping(entry, file=label, entry_id=concept_id)
        keys = ("clinician_label", "patient_label", "clinician_question", "patient_question")
        check_keys(entry, allowed=keys, required=keys, file=label, entry_id=concept_id)
        concepts[concept_id] = Concept(id=concept_id, **{
            k: require_text(entry, k, file=label, entry_id=concept_id) for k in keys})
    sites = {}
    for site_id, entry in require_mapping(data["sites"], file=label, entry_id=None,
                                          key="sites").items():
        entry = require_mapping(entry, file=label, entry_id=site_id)
        keys = ("clinician_label", "patient_label")
        check_keys(entry, allowed=keys, required=keys, file=label, entry_id=site_id)
        sites[site_id] = {k: require_text(entry, k, file=label, entry_id=site_id) for k in keys}
    return concepts, sites


def _parse_citations(entry: dict, articles: dict[str, Article], *, file: str, rule_id: str
                     ) -> tuple[Citation, ...]:
    items = require_list(entry.get("citations"), file=file, entry_id=rule_id, key="citations")
    if not items:
        raise KnowledgeError("at least one citation is required", file=file, entry_id=rule_id,
                             key="citations")
    citations = []
    for index, item in enumerate(items):
        key = f"citations[{index}]"
        item = require_mapping(item, file=file, entry_id=rule_id, key=key)
        check_keys(item, allowed=("article", "quote"), required=("article", "quote"), file=file,
                   entry_id=rule_id)
        article = articles.get(item["article"])
        if article is None:
            raise KnowledgeError(f"unknown article {item['article']!r}", file=file, entry_id=rule_id,
                                 key=f"{key}.article")
        quote = require_text(item, "quote", file=file, entry_id=rule_id)
        passage = find_quote(quote, list(article.passages))
        if passage is None:
            raise KnowledgeError(f"quote not found in article {article.id}: {quote[:80]!r}",
                                 file=file, entry_id=rule_id, key=f"{key}.quote")
        citations.append(Citation(article_id=article.id, title=article.title, quote=quote,
                                  passage_id=passage.id))
    return tuple(citations)


def _parse_evidence(entry: dict, key: str, *, concepts, sites, file: str, rule_id: str
                    ) -> tuple[Evidence, ...]:
    items = require_list(entry.get(key) or [], file=file, entry_id=rule_id, key=key)
    evidence = []
    for index, item in enumerate(items):
        item_key = f"{key}[{index}]"
        item = require_mapping(item, file=file, entry_id=rule_id, key=item_key)
        test = parse_test(item, concepts=concepts, sites=sites, file=file, entry_id=rule_id,
                          key=item_key)
        weight = item.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
            raise KnowledgeError(f"bad weight {weight!r} (expected a number in (0, 10])", file=file,
                                 entry_id=rule_id, key=f"{item_key}.weight")
        evidence.append(Evidence(test=test, weight=float(weight)))
    return tuple(evidence)


def _parse_rule(entry, *, file: str, articles, concepts, sites) -> Rule:
    entry = require_mapping(entry, file=file, entry_id=None, key="rules")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", rule_id):
        raise KnowledgeError(f"bad rule id {rule_id!r} (lowercase letters, digits, underscores)",
                             file=file, entry_id=str(rule_id), key="id")
    kind = require_choice(entry, "kind", RULE_KINDS, file=file, entry_id=rule_id)
    if kind is None:
        raise KnowledgeError("missing required key", file=file, entry_id=rule_id, key="kind")
    allowed = _COMMON_RULE_KEYS + (_CONSIDERATION_KEYS if kind == "consideration" else ())
    required = ("id", "kind", "when", "clinician", "patient", "citations")
    if kind in ("consideration", "red_flag"):
        required += ("label",)
    if kind == "red_flag":
        required += ("triage",)
    check_keys(entry, allowed=allowed, required=required, file=file, entry_id=rule_id)
    when = parse_condition(entry["when"], concepts=set(concepts), sites=set(sites), file=file,
                           entry_id=rule_id)
    triage = require_choice(entry, "triage", TRIAGE_LEVELS, file=file, entry_id=rule_id) \
        if "triage" in entry else None
    fields = {}
    for key in ("label", "patient_label", "level", "root", "condition"):
        fields[key] = require_text(entry, key, file=file, entry_id=rule_id, optional=True)
    evidence = against = ()
    if kind == "consideration":
        if not (fields["level"] or fields["root"] or fields["condition"]):
            raise KnowledgeError("a consideration needs a level, a root or a condition", file=file,
                                 entry_id=rule_id, key="level")
        evidence = _parse_evidence(entry, "evidence", concepts=set(concepts), sites=set(sites),
                                   file=file, rule_id=rule_id)
        if not evidence:
            raise KnowledgeError("a consideration needs evidence", file=file, entry_id=rule_id,
                                 key="evidence")
        against = _parse_evidence(entry, "against", concepts=set(concepts), sites=set(sites),
                                  file=file, rule_id=rule_id)
    clinician = require_text(entry, "clinician", file=file, entry_id=rule_id)
    patient = require_text(entry, "patient", file=file, entry_id=rule_id)
    if kind == "consideration" and not _HEDGE.search(patient):
        raise KnowledgeError("patient wording of a consideration must be hedged (may/can/could...)",
                             file=file, entry_id=rule_id, key="patient")
    topics = list(_DEFAULT_TOPICS.get(kind, ()))
    if kind == "consideration":
        topics += (["level"] if fields["level"] or fields["root"] else []) + \
                  (["conditions"] if fields["condition"] else [])
    for topic in require_list(entry.get("topics") or [], file=file, entry_id=rule_id, key="topics"):
        if topic not in TOPICS:
            raise KnowledgeError(f"unknown topic {topic!r} (expected one of: {', '.join(TOPICS)})",
                                 file=file, entry_id=rule_id, key="topics")
        if topic not in topics:
            topics.append(topic)
    subjects = [fields[k] for k in ("level", "root", "condition") if fields[k]]
    for subject in require_list(entry.get("subjects") or [], file=file, entry_id=rule_id,
                                key="subjects"):
        if not isinstance(subject, str) or not subject.strip():
            raise KnowledgeError("subjects must be non-empty strings", file=file, entry_id=rule_id,
                                 key="subjects")
        subjects.append(subject)
    citations = _parse_citations(entry, articles, file=file, rule_id=rule_id)
    looked_at = {t.concept for t in when.tests} | {e.test.concept for e in evidence + against}
    return Rule(id=rule_id, kind=kind, file=file, when=when, clinician=clinician, patient=patient,
                citations=citations, triage=triage, evidence=evidence, against=against,
                topics=tuple(topics), subjects=frozenset(normalise_subject(s) for s in subjects),
                concepts=frozenset(looked_at), **fields)


def _load_rules(folder: Path, digest, articles, concepts, sites) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    files = sorted((folder / "rules").glob("*.yml"))
    if not files:
        raise KnowledgeError("no rule files found", file="rules/")
    for path in files:
        label = f"rules/{path.name}"
        data, raw = _read_yaml(path, label)
        digest.update(label.encode() + raw.encode())
        data = require_mapping(data, file=label, entry_id=None)
        check_keys(data, allowed=("rules",), required=("rules",), file=label, entry_id=None)
        for entry in require_list(data["rules"], file=label, entry_id=None, key="rules"):
            rule = _parse_rule(entry, file=label, articles=articles, concepts=concepts, sites=sites)
            if rule.id in rules:
                raise KnowledgeError(f"duplicate rule id (also in {rules[rule.id].file})", file=label,
                                     entry_id=rule.id, key="id")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def _load(folder: Path) -> Knowledge:
    if not folder.is_dir():
        raise KnowledgeError(f"knowledge folder not found: {folder}")
    digest = hashlib.sha256()
    articles = _load_articles(folder, digest)
    concepts, sites = _load_concepts(folder, digest)
    rules = _load_rules(folder, digest, articles, concepts, sites)
    return Knowledge(path=folder, articles=articles, concepts=concepts, sites=sites, rules=rules,
                     kb_version=digest.hexdigest()[:12])


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str) -> Knowledge:
    return _load(Path(folder))


def load_knowledge(path: str | Path | None = None) -> Knowledge:
    """Parse, validate and quote-check the knowledge folder (default: the packaged one); cached."""
    folder = Path(path) if path is not None else default_knowledge_dir()
    return _load_cached(str(folder.resolve()))
