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
- a test without a site / laterality matches findings at any site / laterality.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from actions.engine.errors import KnowledgeError
from actions.engine.schema import check_keys, require_choice, require_list, require_mapping

STATUSES = ("present", "absent", "uncertain")
LATERALITIES = ("left", "right", "bilateral")
TEST_LATERALITIES = LATERALITIES + ("unilateral",)
COMBINATORS = ("all", "any", "none")

Case = dict  # concept -> tuple[(status, site, laterality), ...]
Predicate = Callable[[Case], bool]


@dataclass(frozen=True)
class FindingTest:
    concept: str
    status: str = "present"
    site: str | None = None
    laterality: str | None = None

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
        if self.site is None and self.laterality is None:
            return True
        for status, site, laterality in entries:
            if self.place_matches(status, site, laterality):
                return True
        return False

    def compile(self) -> Predicate:
        """A fast predicate: a key lookup when the test has no site / laterality."""
        if self.site is None and self.laterality is None:
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


def parse_test(spec: dict, *, concepts: set[str], sites: set[str], file: str, entry_id: str,
               key: str) -> FindingTest:
    spec = require_mapping(spec, file=file, entry_id=entry_id, key=key)
    check_keys(spec, allowed=("concept", "status", "site", "laterality", "weight"),
               required=("concept",), file=file, entry_id=entry_id)
    concept = spec["concept"]
    if concept not in concepts:
        raise KnowledgeError(f"unknown concept {concept!r}", file=file, entry_id=entry_id,
                             key=f"{key}.concept")
    status = require_choice(spec, "status", STATUSES, file=file, entry_id=entry_id, default="present")
    site = spec.get("site")
    if site is not None and site not in sites:
        raise KnowledgeError(f"unknown site {site!r}", file=file, entry_id=entry_id, key=f"{key}.site")
    laterality = spec.get("laterality")
    if laterality is not None and laterality not in TEST_LATERALITIES:
        raise KnowledgeError(f"bad laterality {laterality!r} (expected one of: "
                             f"{', '.join(TEST_LATERALITIES)})", file=file, entry_id=entry_id,
                             key=f"{key}.laterality")
    return FindingTest(concept=concept, status=status, site=site, laterality=laterality)


def parse_condition(spec, *, concepts: set[str], sites: set[str], file: str, entry_id: str,
                    key: str = "when") -> Condition:
    """Compile a condition spec: a finding test or ``{all|any|none: [specs]}``."""
    spec = require_mapping(spec, file=file, entry_id=entry_id, key=key)
    combinators = [name for name in COMBINATORS if name in spec]
    if not combinators:
        if "weight" in spec:
            raise KnowledgeError("unknown key (weight belongs in evidence/against)", file=file,
                                 entry_id=entry_id, key=f"{key}.weight")
        test = parse_test(spec, concepts=concepts, sites=sites, file=file, entry_id=entry_id, key=key)
        simple = test.site is None and test.laterality is None
        return Condition(predicate=test.compile(), tests=(test,),
                         key=(test.concept, test.status) if simple else None)
    if len(spec) != 1:
        extra = sorted(str(k) for k in spec if k != combinators[0])
        raise KnowledgeError("a combinator node takes exactly one of all/any/none and nothing else",
                             file=file, entry_id=entry_id, key=f"{key}.{extra[0]}")
    name = combinators[0]
    items = require_list(spec[name], file=file, entry_id=entry_id, key=f"{key}.{name}")
    if not items:
        raise KnowledgeError("empty list", file=file, entry_id=entry_id, key=f"{key}.{name}")
    children = [parse_condition(item, concepts=concepts, sites=sites, file=file, entry_id=entry_id,
                                key=f"{key}.{name}[{index}]") for index, item in enumerate(items)]
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
