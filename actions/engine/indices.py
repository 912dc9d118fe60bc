"""Indices over the rules that scoring and question ranking read on the hot path (docs/scoring.md).

Derived once when the knowledge loads; nothing here changes what a rule says.
"""
from __future__ import annotations

import re

from common.contract import REPORTED_DIAGNOSIS_CONCEPTS, TRIAGE_LEVELS


def build_indices(knowledge) -> None:
    """Set rules_by_concept, ranking_rules_by_concept, hypotheses, score_items, question_plan,
    generic_pictures and name_patterns."""
    by_concept: dict[str, list] = {}
    for rule in knowledge.rules:
        for concept in rule.concepts:
            by_concept.setdefault(concept, []).append(rule)
    knowledge.rules_by_concept = {c: tuple(rs) for c, rs in by_concept.items()}
    # Only considerations and triage-setting rules can change a question's value.
    # Each entry is (rule, whether its `when` looks at the concept): when it does not,
    # stating the concept cannot change whether the rule fires.
    knowledge.ranking_rules_by_concept = {
        c: tuple((r, any(t.concept == c for t in r.when.tests))
                 for r in rs if r.kind == "consideration" or r.triage)
        for c, rs in knowledge.rules_by_concept.items()}
    knowledge.hypotheses = _hypotheses(knowledge.rules)
    knowledge.score_items = _score_items(knowledge.rules)
    knowledge.question_plan = _question_plan(knowledge)
    # The generic pictures, and the words a person names one by as a whole-word pattern (scoring.ordered).
    knowledge.generic_pictures = frozenset(rule.id for rule in knowledge.rules if rule.generic)
    knowledge.name_patterns = tuple(
        (rule.id, re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, rule.named_as)), re.IGNORECASE))
        for rule in knowledge.rules if rule.named_as)


def _score_items(rules) -> dict[str, dict[str, tuple]]:
    """Per consideration, its evidence (+1) and against (-1) items grouped by concept: stating
    one concept can only move the items about that concept (docs/scoring.md)."""
    score_items: dict[str, dict[str, tuple]] = {}
    for rule in rules:
        if rule.kind != "consideration":
            continue
        grouped: dict[str, list] = {}
        for sign, items in ((1, rule.evidence), (-1, rule.against)):
            for item in items:
                grouped.setdefault(item.test.concept, []).append(
                    (item.test.compile(), item.test, item.weight, sign))
        score_items[rule.id] = {c: tuple(v) for c, v in grouped.items()}
    return score_items


def _question_plan(knowledge) -> dict[str, tuple]:
    """Per concept, what answer_change needs of each rule it can affect, pre-extracted:
    (rule id, `when` predicate or None if the gate ignores the concept, triage rank or -1,
    the consideration's items about the concept or None for a non-consideration,
    the discriminators' predicate when they look at the concept, else None)."""
    order = {level: rank for rank, level in enumerate(TRIAGE_LEVELS)}
    plan = {}
    for concept, entries in knowledge.ranking_rules_by_concept.items():
        plan[concept] = tuple(
            (rule.id, rule.when.predicate if gated else None,
             order[rule.triage] if rule.triage else -1,
             knowledge.score_items[rule.id].get(concept, ()) if rule.kind == "consideration"
             else None,
             rule.discriminators.predicate if rule.discriminators is not None
             and any(t.concept == concept for t in rule.discriminators.tests) else None)
            for rule, gated in entries)
    return plan


def _hypotheses(rules) -> dict[str, tuple]:
    """Answers simulated for a next question: absent, present, and present at each
    site / laterality some rule tests for (see docs/scoring.md, "Next questions").
    Reported diagnoses are never asked: they are what the user was told, not a symptom."""
    variants: dict[str, set] = {}
    for rule in rules:
        if rule.kind != "consideration" and not rule.triage:
            continue            # cannot change ranking or triage: its sites do not matter
        tests = list(rule.when.tests) + [e.test for e in rule.evidence + rule.against]
        if rule.discriminators is not None:
            tests += list(rule.discriminators.tests)
        for test in tests:
            if test.concept in REPORTED_DIAGNOSIS_CONCEPTS:
                continue
            found = variants.setdefault(test.concept, {("absent", None, None),
                                                       ("present", None, None)})
            if test.status == "present" and (test.site or test.laterality):
                laterality = "left" if test.laterality == "unilateral" else test.laterality
                found.add(("present", test.site, laterality))
    return {concept: tuple(sorted(found, key=lambda e: tuple(x or "" for x in e)))
            for concept, found in sorted(variants.items())}
