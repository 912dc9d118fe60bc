"""Load and validate the knowledge folder (actions/knowledge): articles and rules.

``load_knowledge()`` parses every file, validates it against a strict schema (unknown keys and bad
values are rejected naming the file, the entry id and the key: common/schema.py), verifies that every
citation quote occurs in its article, and caches the result per folder. Concept and site ids are the
contract's (common/contract.py); their labels and questions are the wording's (common/wording).
Nothing is read at import time.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.resources
import re
from dataclasses import replace
from pathlib import Path

from actions.engine.conditions import parse_condition, parse_test
from actions.engine.corpus import PASSAGE_KINDS, find_quote, split_passages
from actions.engine.errors import KnowledgeError
from actions.engine.model import (RULE_KINDS, TOPICS, Article, Citation, Concept, Evidence, Knowledge,
                                  Rule, normalise_subject)
from common.contract import AUDIENCES, CONCEPTS, REPORTED_DIAGNOSIS_CONCEPTS, SITES, TRIAGE_LEVELS
from common.schema import Where, read_yaml
from common.wording import wording

_DEFAULT_TOPICS = {"red_flag": ("red_flags",), "exam": ("tests",), "imaging": ("imaging",),
                   "treatment": ("treatment",), "pitfall": ("conditions",),
                   "self_care": ("self_care",)}
# Patient wording of a consideration must not state a diagnosis as certain.
_HEDGE = re.compile(r"\b(may|might|can|could|possible|possibly)\b", re.IGNORECASE)

_COMMON_RULE_KEYS = ("id", "kind", "when", "clinician", "patient", "citations", "triage", "topics",
                     "subjects", "label", "patient_label")
_CONSIDERATION_KEYS = ("level", "root", "condition", "evidence", "against", "discriminators", "generic",
                       "named_as")
_ARTICLE_KEYS = ("id", "file", "seed_stem", "seed_sha256", "title", "title_stated", "kind", "audience",
                 "publisher", "last_updated", "references", "passage_kinds")


def default_knowledge_dir() -> Path:
    return Path(str(importlib.resources.files("actions") / "knowledge"))


def _where(file: str, entry: str | None = None) -> Where:
    return Where(file, entry, error=KnowledgeError)


def _load_articles(folder: Path, digest) -> dict[str, Article]:
    label = "articles.yml"
    data, raw = read_yaml(folder / label, label, KnowledgeError)
    digest.update(raw.encode())
    top = _where(label)
    top.keys(data, allowed=("articles",), required=("articles",))
    articles: dict[str, Article] = {}
    for entry in top.list(data["articles"], "articles"):
        entry = top.mapping(entry, "articles")
        where = top.at(str(entry.get("id") or "?"))
        where.keys(entry, allowed=_ARTICLE_KEYS,
                   required=("id", "file", "seed_stem", "seed_sha256", "title", "kind", "audience"))
        article_id = entry["id"]
        if article_id in articles:
            where.fail("id", "duplicate article id")
        where.choice(entry["audience"], AUDIENCES, "audience")
        where.boolean(entry.get("title_stated", True), "title_stated")
        try:
            raw_text = (folder / "articles" / str(entry["file"])).read_bytes()
        except OSError:
            where.fail("file", f"article file not found: articles/{entry['file']}")
        if hashlib.sha256(raw_text).hexdigest() != entry["seed_sha256"]:
            where.fail("seed_sha256", "the article text is not the seed text it names (sha256 differs)")
        text = raw_text.decode("utf-8")
        digest.update(raw_text)
        kinds = where.mapping(entry.get("passage_kinds") or {}, "passage_kinds")
        for kind in kinds.values():
            where.choice(kind, PASSAGE_KINDS, "passage_kinds")
        passages = split_passages(article_id, text, kinds)
        known = {p.text for p in passages}
        for passage_text in kinds:
            if passage_text not in known:
                where.fail("passage_kinds", f"passage_kinds names text not found in the article: "
                                            f"{passage_text[:60]!r}")
        references = where.list(entry.get("references") or [], "references")
        for reference in references:
            where.keys(reference, allowed=("title", "source", "year"), required=("title",))
        last_updated = entry.get("last_updated")
        if last_updated is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(last_updated)):
            where.fail("last_updated", "expected an ISO date YYYY-MM-DD or null")
        articles[article_id] = Article(
            id=article_id, file=str(entry["file"]), seed_stem=str(entry["seed_stem"]),
            seed_sha256=entry["seed_sha256"], title=str(entry["title"]),
            title_stated=entry.get("title_stated", True), kind=str(entry["kind"]),
            audience=entry["audience"], publisher=entry.get("publisher"),
            last_updated=str(last_updated) if last_updated is not None else None,
            references=tuple(dict(r) for r in references), passages=tuple(passages))
    return articles


def _load_concepts() -> tuple[dict[str, Concept], dict[str, dict]]:
    """Contract concepts and sites with their wording for both audiences."""
    said = {audience: wording(audience) for audience in AUDIENCES}
    concepts = {cid: Concept(id=cid, clinician_label=said["clinician"]["concepts"][cid]["label"],
                             patient_label=said["patient"]["concepts"][cid]["label"],
                             clinician_question=said["clinician"]["concepts"][cid]["question"],
                             patient_question=said["patient"]["concepts"][cid]["question"])
                for cid in CONCEPTS}
    sites = {sid: {audience: said[audience]["sites"][sid] for audience in AUDIENCES} for sid in SITES}
    return concepts, sites


def _parse_citations(entry: dict, articles: dict[str, Article], where: Where) -> tuple[Citation, ...]:
    items = where.list(entry.get("citations"), "citations", non_empty=True)
    citations = []
    for index, item in enumerate(items):
        key = f"citations[{index}]"
        where.keys(where.mapping(item, key), allowed=("article", "quote"), required=("article", "quote"))
        article = articles.get(item["article"])
        if article is None:
            where.fail(f"{key}.article", f"unknown article {item['article']!r}")
        quote = where.text(item, "quote")
        passage = find_quote(quote, list(article.passages))
        if passage is None:
            where.fail(f"{key}.quote", f"quote not found in article {article.id}: {quote[:80]!r}")
        citations.append(Citation(article_id=article.id, title=article.title, quote=quote,
                                  passage_id=passage.id))
    return tuple(citations)


def _required_concepts(spec) -> set[str]:
    """Concepts a (validated) condition spec can require, leaving out its ``none`` branches: "no spinal
    diagnosis reported" may guard a discriminator, a reported diagnosis may not make one."""
    if "concept" in spec:
        return {spec["concept"]}
    name = next(iter(spec))
    return set() if name == "none" else set().union(*(_required_concepts(item) for item in spec[name]))


def _parse_evidence(entry: dict, key: str, where: Where) -> tuple[Evidence, ...]:
    evidence = []
    for index, item in enumerate(where.list(entry.get(key) or [], key)):
        item_key = f"{key}[{index}]"
        item = where.mapping(item, item_key)
        test = parse_test(item, where=where, key=item_key)
        weight = item.get("weight")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
            where.fail(f"{item_key}.weight", f"bad weight {weight!r} (expected a number in (0, 10])")
        evidence.append(Evidence(test=test, weight=float(weight)))
    return tuple(evidence)


def _parse_rule(entry, *, file: str, articles) -> Rule:
    entry = _where(file).mapping(entry, "rules")
    rule_id = entry.get("id")
    where = _where(file, str(rule_id))
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", rule_id):
        where.fail("id", f"bad rule id {rule_id!r} (lowercase letters, digits, underscores)")
    if "kind" not in entry:
        where.fail("kind", "missing required key")
    kind = where.choice(entry["kind"], RULE_KINDS, "kind")
    allowed = _COMMON_RULE_KEYS + (_CONSIDERATION_KEYS if kind == "consideration" else ())
    required = ("id", "kind", "when", "clinician", "patient", "citations")
    if kind in ("consideration", "red_flag"):
        required += ("label",)
    if kind == "red_flag":
        required += ("triage",)
    where.keys(entry, allowed=allowed, required=required)
    when = parse_condition(entry["when"], where=where)
    triage = where.choice(entry["triage"], TRIAGE_LEVELS, "triage") if "triage" in entry else None
    fields = {key: where.text(entry, key, optional=True)
              for key in ("label", "patient_label", "level", "root", "condition")}
    evidence = against = ()
    discriminators = None
    generic, named_as = False, ()
    if kind == "consideration":
        if not (fields["level"] or fields["root"] or fields["condition"]):
            where.fail("level", "a consideration needs a level, a root or a condition")
        evidence = _parse_evidence(entry, "evidence", where)
        if not evidence:
            where.fail("evidence", "a consideration needs evidence")
        against = _parse_evidence(entry, "against", where)
        if "discriminators" in entry:
            discriminators = parse_condition(entry["discriminators"], where=where, key="discriminators")
            if _required_concepts(entry["discriminators"]) & set(REPORTED_DIAGNOSIS_CONCEPTS):
                where.fail("discriminators", "discriminators are findings, not reported diagnoses")
        if any(e.test.concept in REPORTED_DIAGNOSIS_CONCEPTS for e in against):
            where.fail("against", "a reported diagnosis cannot argue against (it is evidence only)")
        if any(e.test.concept in REPORTED_DIAGNOSIS_CONCEPTS and e.test.status != "present" for e in evidence):
            where.fail("evidence", "a reported diagnosis is tested as stated (its suspected form is derived)")
        generic, named_as = _parse_naming(entry, where)
    clinician = where.text(entry, "clinician")
    patient = where.text(entry, "patient")
    if kind == "consideration" and not _HEDGE.search(patient):
        where.fail("patient", "patient wording of a consideration must be hedged (may/can/could...)")
    topics = list(_DEFAULT_TOPICS.get(kind, ()))
    if kind == "consideration":
        topics += (["level"] if fields["level"] or fields["root"] else []) + \
                  (["conditions"] if fields["condition"] else [])
    for topic in where.list(entry.get("topics") or [], "topics"):
        where.choice(topic, TOPICS, "topics")
        if topic not in topics:
            topics.append(topic)
    subjects = [fields[k] for k in ("level", "root", "condition") if fields[k]]
    for subject in where.list(entry.get("subjects") or [], "subjects"):
        if not isinstance(subject, str) or not subject.strip():
            where.fail("subjects", "subjects must be non-empty strings")
        subjects.append(subject)
    citations = _parse_citations(entry, articles, where)
    looked_at = {t.concept for t in when.tests} | {e.test.concept for e in evidence + against}
    if discriminators is not None:
        looked_at |= {t.concept for t in discriminators.tests}
    reported = tuple(e for e in evidence if e.test.concept in REPORTED_DIAGNOSIS_CONCEPTS)
    # A diagnosis a clinician only suspects ("?S1 radic") weighs as much as the stated one, but among the
    # findings: only a stated diagnosis lifts the consideration into the reported tier.
    evidence += tuple(Evidence(test=replace(e.test, status="uncertain"), weight=e.weight) for e in reported)
    if kind != "consideration" and triage and any(t.concept in REPORTED_DIAGNOSIS_CONCEPTS for t in when.tests):
        where.fail("when", "a reported diagnosis never sets a triage level (it may be old or treated)")
    return Rule(id=rule_id, kind=kind, file=file, when=when, clinician=clinician, patient=patient,
                citations=citations, triage=triage, evidence=evidence, against=against,
                discriminators=discriminators, reported=reported, generic=generic, named_as=named_as,
                topics=tuple(topics), subjects=frozenset(normalise_subject(s) for s in subjects),
                concepts=frozenset(looked_at), **fields)


def _parse_naming(entry: dict, where: Where) -> tuple[bool, tuple[str, ...]]:
    """``generic`` (true/false) and ``named_as`` (lowercase words people name a generic picture by)."""
    generic = entry.get("generic", False)
    if not isinstance(generic, bool):
        where.fail("generic", f"must be true or false, got {generic!r}")
    named_as = []
    for word in where.list(entry.get("named_as") or [], "named_as"):
        if not isinstance(word, str) or not re.fullmatch(r"[a-z][a-z ]*[a-z]", word):
            where.fail("named_as", f"bad word {word!r} (lowercase letters and spaces)")
        named_as.append(word)
    if named_as and not generic:
        where.fail("named_as", "only a generic picture is ordered by its name (add generic: true)")
    return generic, tuple(named_as)


def _load_rules(folder: Path, digest, articles) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    files = sorted((folder / "rules").glob("*.yml"))
    if not files:
        raise KnowledgeError("no rule files found", file="rules/")
    for path in files:
        label = f"rules/{path.name}"
        data, raw = read_yaml(path, label, KnowledgeError)
        digest.update(label.encode() + raw.encode())
        top = _where(label)
        top.keys(data, allowed=("rules",), required=("rules",))
        for entry in top.list(data["rules"], "rules"):
            rule = _parse_rule(entry, file=label, articles=articles)
            if rule.id in rules:
                top.at(rule.id).fail("id", f"duplicate rule id (also in {rules[rule.id].file})")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def _load(folder: Path) -> Knowledge:
    if not folder.is_dir():
        raise KnowledgeError(f"knowledge folder not found: {folder}")
    digest = hashlib.sha256()
    articles = _load_articles(folder, digest)
    concepts, sites = _load_concepts()
    for audience in AUDIENCES:   # wording changes what users read: part of the version
        digest.update(repr(sorted(wording(audience)["concepts"].items())).encode())
    rules = _load_rules(folder, digest, articles)
    return Knowledge(path=folder, articles=articles, concepts=concepts, sites=sites, rules=rules,
                     kb_version=digest.hexdigest()[:12])


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str) -> Knowledge:
    return _load(Path(folder))


def load_knowledge(path: str | Path | None = None) -> Knowledge:
    """Parse, validate and quote-check the knowledge folder (default: the packaged one); cached."""
    folder = Path(path) if path is not None else default_knowledge_dir()
    return _load_cached(str(folder.resolve()))
