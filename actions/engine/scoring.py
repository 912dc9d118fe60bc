"""Deterministic scoring, triage and question ranking.

The rules are documented in ONE place: docs/scoring.md. This module implements exactly
that document; change both together.
"""

from __future__ import annotations

from actions.engine.conditions import Case
from actions.engine.model import Evidence, Knowledge, Rule
from common.contract import TRIAGE_LEVELS

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


DISCRIMINATING = (2, 0.0)
PICTURE = (0, 0.0)


def reported_tier(rule: Rule, case: Case) -> tuple[int, float]:
    """(1, heaviest matched reported-diagnosis weight) when a reported diagnosis supports it, else PICTURE."""
    weights = [item.weight for item in rule.reported if item.test(case)]
    return (1, max(weights)) if weights else PICTURE


def rank_tier(rule: Rule, case: Case) -> tuple[int, float]:
    """DISCRIMINATING when the consideration's discriminators hold, else its reported tier."""
    if rule.discriminators is not None and rule.discriminators.predicate(case):
        return DISCRIMINATING
    return reported_tier(rule, case)


def rank_key(item: tuple[str, float], tiers: dict[str, tuple]) -> tuple:
    """Considerations rank by tier (discriminating, then reported by the diagnosis' weight, then the
    picture alone), then score (high first); ties broken by rule id."""
    tier = tiers.get(item[0], PICTURE)
    return (-tier[0], -tier[1], -item[1], item[0])


def named_pictures(knowledge: Knowledge, findings) -> frozenset[str]:
    """Ids of the generic pictures a current, present finding names in the person's own words ("my
    sciatica is back"): the name people use, not a diagnosis, so it only orders the generic pictures."""
    texts = [f.text for f in findings if f.current and f.status == "present" and f.text]
    return frozenset(rule_id for rule_id, pattern in knowledge.name_patterns
                     if any(pattern.search(text) for text in texts))


def ordered(scores: dict[str, float], tiers: dict[str, tuple], generic: frozenset[str],
            named: frozenset[str]) -> list[tuple[str, float]]:
    """The ranking (rank_key); then, among the generic pictures ranked by their picture alone, the one the
    person named takes the first of their places (the others keep theirs, in order)."""
    ranking = sorted(scores.items(), key=lambda item: rank_key(item, tiers))
    if named:
        slots = [i for i, (rule_id, _) in enumerate(ranking)
                 if rule_id in generic and tiers.get(rule_id, PICTURE) == PICTURE]
        items = sorted((ranking[i] for i in slots), key=lambda item: item[0] not in named)
        for i, item in zip(slots, items):
            ranking[i] = item
    return ranking


class Evaluation:
    """Which rules fire on a case and the consideration scores; reused for what-if questions."""

    __slots__ = ("fired", "scores", "points", "tiers", "reported", "triage_counts", "top", "triage_rank",
                 "generic", "named")

    def __init__(self, knowledge: Knowledge, case: Case, named: frozenset[str] = frozenset()) -> None:
        self.generic = knowledge.generic_pictures
        self.named = named                      # generic pictures the person named (``ordered``)
        self.fired: dict[str, bool] = {}
        self.scores: dict[str, float] = {}     # fired considerations only
        self.points: dict[str, float] = {}     # every consideration, fired or not
        self.tiers: dict[str, tuple] = {}      # every consideration, fired or not
        self.reported: dict[str, tuple] = {}   # considerations a reported diagnosis supports
        self.triage_counts = [0] * len(TRIAGE_LEVELS)
        for rule in knowledge.rules:
            fired = rule.when.predicate(case)
            self.fired[rule.id] = fired
            if rule.kind == "consideration":
                self.points[rule.id] = score_consideration(rule, case)[0]
                self.tiers[rule.id] = rank_tier(rule, case)
                tier = reported_tier(rule, case)
                if tier != PICTURE:
                    self.reported[rule.id] = tier
                if fired:
                    self.scores[rule.id] = self.points[rule.id]
            if fired and rule.triage:
                self.triage_counts[TRIAGE_RANK[rule.triage]] += 1
        self.top = self.top_of(self.scores, self.tiers, self.generic, self.named)
        self.triage_rank = TRIAGE_RANK[self.triage_from_counts(self.triage_counts)]

    @staticmethod
    def triage_from_counts(counts: list[int]) -> str:
        for rank in range(len(counts) - 1, -1, -1):
            if counts[rank]:
                return TRIAGE_LEVELS[rank]
        return DEFAULT_TRIAGE

    @property
    def triage(self) -> str:
        return self.triage_from_counts(self.triage_counts)

    def ranking(self) -> list[tuple[str, float]]:
        """(rule id, score) of the fired considerations, best first."""
        return ordered(self.scores, self.tiers, self.generic, self.named)

    @staticmethod
    def top_of(scores: dict[str, float], tiers: dict[str, tuple], generic: frozenset[str],
               named: frozenset[str]) -> str | None:
        if not scores:
            return None
        if named:
            return ordered(scores, tiers, generic, named)[0][0]
        return min(scores.items(), key=lambda item: rank_key(item, tiers))[0]


def _concept_points(items: tuple, case: Case) -> float:
    """Points the items about one concept add to a consideration's score (hot path)."""
    points = 0.0
    for match, test, weight, sign in items:
        if match(case):
            points += sign * weight
        elif sign > 0 and test.status == "present" and test.denied_by(case):
            points -= weight
    return points


def answer_change(knowledge: Knowledge, base: Evaluation, case: Case, concept: str,
                  entry: tuple) -> float:
    """How much stating ``concept`` as ``entry`` (status, site, laterality) would change
    triage and ranking.

    Only the considerations and triage-setting rules that look at ``concept`` can change,
    so only those are re-evaluated (docs/scoring.md, "Next questions"). This is the hot
    path of an assessment, hence the pre-extracted ``knowledge.question_plan``.
    """
    plan = knowledge.question_plan.get(concept)
    if not plan:
        return 0.0
    # Stating the concept adds both index keys (see conditions.py); undone right after.
    status_key = (concept, entry[0])
    case[concept] = case[status_key] = (entry,)
    base_fired, base_scores, base_points = base.fired, base.scores, base.points
    counts = None
    changed: dict[str, float | None] = {}
    tiers_after: dict[str, tuple] = {}
    fire_changes = 0
    score_change = 0.0
    try:
        for rule_id, predicate, triage_rank, items, discriminators in plan:
            fired = predicate(case) if predicate is not None else base_fired[rule_id]
            if triage_rank >= 0 and fired != base_fired[rule_id]:
                counts = counts or list(base.triage_counts)
                counts[triage_rank] += 1 if fired else -1
            if items is None:
                continue
            if discriminators is not None:
                tier = DISCRIMINATING if discriminators(case) else base.reported.get(rule_id, PICTURE)
                if tier != base.tiers[rule_id]:
                    tiers_after[rule_id] = tier
                    changed.setdefault(rule_id, base_scores.get(rule_id))
            before = base_scores.get(rule_id)
            after = None
            if fired:
                # The concept was unstated, so its items added nothing to the base points.
                after = round(base_points[rule_id] + _concept_points(items, case), 3) \
                    if items else base_points[rule_id]
            if after != before:
                if (before is None) != (after is None):
                    fire_changes += 1
                score_change += abs((after or 0.0) - (before or 0.0))
                changed[rule_id] = after
    finally:
        del case[concept], case[status_key]
    triage_delta = 0
    if counts is not None:
        triage_delta = abs(TRIAGE_RANK[Evaluation.triage_from_counts(counts)] - base.triage_rank)
    top_changed = False
    if changed:
        scores = dict(base_scores)
        for rule_id, after in changed.items():
            if after is None:
                scores.pop(rule_id, None)
            else:
                scores[rule_id] = after
        tiers = dict(base.tiers, **tiers_after) if tiers_after else base.tiers
        top_changed = Evaluation.top_of(scores, tiers, base.generic, base.named) != base.top
    return round(TRIAGE_CHANGE_WEIGHT * triage_delta + TOP_CHANGE_WEIGHT * top_changed
                 + FIRE_CHANGE_WEIGHT * fire_changes + score_change, 3)


def question_values(knowledge: Knowledge, base: Evaluation, case: Case) -> list[tuple[str, float]]:
    """(concept, value) for every unstated concept whose answer would change something."""
    values = []
    for concept, hypotheses in knowledge.hypotheses.items():
        if concept in case:           # already stated (any status): not asked again
            continue
        value = max(answer_change(knowledge, base, case, concept, entry) for entry in hypotheses)
        if value > 0:
            values.append((concept, value))
    values.sort(key=lambda item: (-item[1], item[0]))
    return values
