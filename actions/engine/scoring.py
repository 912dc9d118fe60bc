"""Deterministic scoring, triage and question ranking.

The rules are documented in ONE place: docs/scoring.md. This module implements exactly
that document; change both together.
"""

from __future__ import annotations

from actions.engine.conditions import Case
from actions.engine.knowledge import TRIAGE_LEVELS, Evidence, Knowledge, Rule

TRIAGE_RANK = {level: rank for rank, level in enumerate(TRIAGE_LEVELS)}
DEFAULT_TRIAGE = "routine"      # when no fired rule sets a triage level (docs/scoring.md)
TRIAGE_CHANGE_WEIGHT = 2.0
TOP_CHANGE_WEIGHT = 1.0
FIRE_CHANGE_WEIGHT = 0.5


def score_consideration(rule: Rule, case: Case) -> tuple[float, list[Evidence], list[Evidence]]:
    """(score, supporting evidence, evidence against) for one fired consideration."""
    supporting, against = [], []
    for item in rule.evidence:
        test = item.test
        if test(case):
            supporting.append(item)
        elif test.status == "present" and test.denied_by(case):
            against.append(item)          # the expected finding is explicitly denied
    for item in rule.against:
        if item.test(case):
            against.append(item)
    score = sum(e.weight for e in supporting) - sum(e.weight for e in against)
    return round(score, 3), supporting, against


def triage_of(fired: list[Rule]) -> str:
    levels = [rule.triage for rule in fired if rule.triage]
    if not levels:
        return DEFAULT_TRIAGE
    return max(levels, key=TRIAGE_RANK.__getitem__)


def rank_key(item: tuple[str, float]) -> tuple[float, str]:
    """Considerations rank by score (high first), ties broken by rule id."""
    return (-item[1], item[0])


class Evaluation:
    """Which rules fire on a case and the consideration scores; reused for what-if questions."""

    __slots__ = ("fired", "scores", "triage_counts", "top")

    def __init__(self, knowledge: Knowledge, case: Case, rules=None) -> None:
        self.fired: dict[str, bool] = {}
        self.scores: dict[str, float] = {}
        self.triage_counts = [0] * len(TRIAGE_LEVELS)
        for rule in rules if rules is not None else knowledge.rules:
            fired = rule.when.predicate(case)
            self.fired[rule.id] = fired
            if not fired:
                continue
            if rule.triage:
                self.triage_counts[TRIAGE_RANK[rule.triage]] += 1
            if rule.kind == "consideration":
                self.scores[rule.id] = score_consideration(rule, case)[0]
        self.top = self.top_of(self.scores)

    @staticmethod
    def triage_from_counts(counts: list[int]) -> str:
        for rank in range(len(counts) - 1, -1, -1):
            if counts[rank]:
                return TRIAGE_LEVELS[rank]
        return DEFAULT_TRIAGE

    @property
    def triage(self) -> str:
        return self.triage_from_counts(self.triage_counts)

    @staticmethod
    def top_of(scores: dict[str, float]) -> str | None:
        if not scores:
            return None
        return min(scores.items(), key=rank_key)[0]


def _score_only(rule: Rule, case: Case) -> float:
    """score_consideration without building the evidence lists (hot path of next questions)."""
    score = 0.0
    for item in rule.evidence:
        test = item.test
        if test(case):
            score += item.weight
        elif test.status == "present" and test.denied_by(case):
            score -= item.weight
    for item in rule.against:
        if item.test(case):
            score -= item.weight
    return round(score, 3)


def answer_change(knowledge: Knowledge, base: Evaluation, case: Case, concept: str,
                  entries: tuple) -> float:
    """How much stating ``concept`` as ``entries`` would change triage and ranking.

    Only the considerations and triage-setting rules that look at ``concept`` can change,
    so only those are re-evaluated (docs/scoring.md, "Next questions").
    """
    affected = knowledge.ranking_rules_by_concept.get(concept, ())
    if not affected:
        return 0.0
    # Stating the concept adds both index keys (see conditions.py); undone right after.
    status_keys = [(concept, status) for status in {entry[0] for entry in entries}]
    case[concept] = entries
    for key in status_keys:
        case[key] = tuple(e for e in entries if e[0] == key[1])
    counts = list(base.triage_counts)
    scores = dict(base.scores)
    base_fired = base.fired
    fire_changes = 0
    score_change = 0.0
    try:
        for rule in affected:
            fired = rule.when.predicate(case)
            if rule.triage and fired != base_fired[rule.id]:
                counts[TRIAGE_RANK[rule.triage]] += 1 if fired else -1
            if rule.kind != "consideration":
                continue
            before = base.scores.get(rule.id)
            after = _score_only(rule, case) if fired else None
            if (before is None) != (after is None):
                fire_changes += 1
            if after != before:
                score_change += abs((after or 0.0) - (before or 0.0))
                if after is None:
                    del scores[rule.id]
                else:
                    scores[rule.id] = after
    finally:
        del case[concept]
        for key in status_keys:
            del case[key]
    triage_delta = abs(TRIAGE_RANK[Evaluation.triage_from_counts(counts)] - TRIAGE_RANK[base.triage])
    top_changed = Evaluation.top_of(scores) != base.top
    return round(TRIAGE_CHANGE_WEIGHT * triage_delta + TOP_CHANGE_WEIGHT * top_changed
                 + FIRE_CHANGE_WEIGHT * fire_changes + score_change, 3)


def question_values(knowledge: Knowledge, base: Evaluation, case: Case) -> list[tuple[str, float]]:
    """(concept, value) for every unstated concept whose answer would change something."""
    values = []
    for concept, hypotheses in knowledge.hypotheses.items():
        if concept in case:           # already stated (any status): not asked again
            continue
        value = max(answer_change(knowledge, base, case, concept, entries) for entries in hypotheses)
        if value > 0:
            values.append((concept, value))
    values.sort(key=lambda item: (-item[1], item[0]))
    return values
