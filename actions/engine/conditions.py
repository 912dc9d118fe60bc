"""Conditions over findings: finding tests and all / any / none combinators.

A *case* is the patient's current findings indexed twice: by concept
``{concept: ((status, site, laterality), ...)}`` (is the concept stated at all?) and by
``(concept, status)`` with the same entries (does a test match?). Conditions are compiled once at load
time into plain closures so that evaluating a rule is a few dict lookups.

Matching (see docs/scoring.md, "Matching"):
- the status must be equal;
- a test with a site / laterality only matches findings with that site / laterality
  ("unilateral" means left or right), except that an *absent* finding with no site /
  laterality (the patient denies the symptom anywhere) matches absent tests at any site;
- a test without a site / laterality matches findings at any site / laterality;
- a test with ``outside: [sites]`` only matches findings at none of those sites (no site counts as
  outside): ``none: [{concept: numbness, outside: [sole, dorsum, big_toe, foot]}]`` is "no numbness
  anywhere but the foot".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from common.contract import CONCEPTS, LATERALITIES, SITES, STATUSES, TEST_LATERALITIES
from common.schema import Where

__all__ = ["Case", "Condition", "FindingTest", "LATERALITIES", "STATUSES", "parse_condition", "parse_test"]

COMBINATORS = ("all", "any", "none")

Case = dict  # concept -> tuple[(status, site, laterality), ...]
Predicate = Callable[[Case], bool]


@dataclass(frozen=True)
class FindingTest:
    concept: str
    status: str = "present"
    site: str | None = None
    laterality: str | None = None
    outside: tuple[str, ...] | None = None

    @property
    def placed(self) -> bool:
        """Does the test look at where the finding is (site, side or sites it must be outside)?"""
        return self.site is not None or self.laterality is not None or self.outside is not None

    def matches_entry(self, status: str, site: str | None, laterality: str | None) -> bool:
        if status != self.status:
            return False
        return self.place_matches(status, site, laterality)

    def denied_by(self, case: Case) -> bool:
        """The case explicitly denies this (present) finding at this site / laterality."""
        for status, site, laterality in case.get((self.concept, "absent"), ()):
            if self.place_matches(status, site, laterality):
                return True
        return False

    def place_matches(self, status: str, site: str | None, laterality: str | None) -> bool:
        wildcard = status == "absent"
        if self.site is not None and site != self.site and not (wildcard and site is None):
            return False
        if self.outside is not None and site in self.outside:
            return False
        if self.laterality is not None and not (wildcard and laterality is None):
            if self.laterality == "unilateral":
                if laterality not in ("left", "right"):
                    return False
            elif laterality != self.laterality:
                return False
        return True

    def __call__(self, case: Case) -> bool:
        entries = case.get((self.concept, self.status))
        if not entries:
            return False
        if not self.placed:
            return True
        for status, site, laterality in entries:
            if self.place_matches(status, site, laterality):
                return True
        return False

    def compile(self) -> Predicate:
        """A fast predicate: a key lookup when the test has no site / laterality."""
        if not self.placed:
            key = (self.concept, self.status)
            return lambda case: key in case
        return self.__call__

    def describe(self) -> dict:
        return {"concept": self.concept, "status": self.status, "site": self.site,
                "laterality": self.laterality}


@dataclass(frozen=True)
class Condition:
    """A compiled condition tree; ``tests`` lists every finding test it contains.

    ``key`` is set when the condition is one test without site / laterality: it is then
    just ``(concept, status) in case``, and combinators check such keys inline (hot path).
    """

    predicate: Predicate
    tests: tuple[FindingTest, ...]
    key: tuple | None = None

    def __call__(self, case: Case) -> bool:
        return self.predicate(case)


def parse_test(spec: dict, *, where: Where, key: str) -> FindingTest:
    spec = where.mapping(spec, key)
    where.keys(spec, allowed=("concept", "status", "site", "laterality", "outside", "weight"), required=("concept",))
    concept = where.choice(spec["concept"], CONCEPTS, f"{key}.concept")
    status = where.choice(spec.get("status", "present"), STATUSES, f"{key}.status")
    site = where.choice(spec.get("site"), SITES, f"{key}.site", nullable=True)
    laterality = where.choice(spec.get("laterality"), TEST_LATERALITIES, f"{key}.laterality", nullable=True)
    outside = None
    if "outside" in spec:
        if site is not None:
            where.fail(f"{key}.outside", "a test takes a site or the sites it must be outside, not both")
        outside = tuple(where.choice(item, SITES, f"{key}.outside[{index}]")
                        for index, item in enumerate(where.list(spec["outside"], f"{key}.outside", non_empty=True)))
    return FindingTest(concept=concept, status=status, site=site, laterality=laterality, outside=outside)


def parse_condition(spec, *, where: Where, key: str = "when") -> Condition:
    """Compile a condition spec: a finding test or ``{all|any|none: [specs]}``."""
    spec = where.mapping(spec, key)
    combinators = [name for name in COMBINATORS if name in spec]
    if not combinators:
        if "weight" in spec:
            where.fail(f"{key}.weight", "unknown key (weight belongs in evidence/against)")
        test = parse_test(spec, where=where, key=key)
        simple = not test.placed
        return Condition(predicate=test.compile(), tests=(test,),
                         key=(test.concept, test.status) if simple else None)
    if len(spec) != 1:
        extra = sorted(str(k) for k in spec if k != combinators[0])
        where.fail(f"{key}.{extra[0]}", "a combinator node takes exactly one of all/any/none and nothing else")
    name = combinators[0]
    items = where.list(spec[name], f"{key}.{name}", non_empty=True)
    children = [parse_condition(item, where=where, key=f"{key}.{name}[{index}]")
                for index, item in enumerate(items)]
    keys = tuple(child.key for child in children if child.key is not None)
    predicates = tuple(child.predicate for child in children if child.key is None)
    tests = tuple(test for child in children for test in child.tests)
    if name == "all":
        def predicate(case, _keys=keys, _ps=predicates):
            for k in _keys:
                if k not in case:
                    return False
            for p in _ps:
                if not p(case):
                    return False
            return True
    else:
        # "any" is true when one child matches; "none" is its negation.
        negate = name == "none"

        def predicate(case, _keys=keys, _ps=predicates, _negate=negate):
            for k in _keys:
                if k in case:
                    return not _negate
            for p in _ps:
                if p(case):
                    return not _negate
            return _negate
    return Condition(predicate=predicate, tests=tests)
