"""Finding-test matching and combinators (docs/scoring.md, "Matching")."""

import pytest

from actions.engine.assess import index_case
from actions.engine.conditions import parse_condition
from actions.engine.errors import KnowledgeError
from common.schema import Where

CONCEPTS = {"numbness", "foot_drop", "bladder_dysfunction"}


def condition(spec):
    return parse_condition(spec, where=Where("test.yml", "r1", error=KnowledgeError))


def case(*entries):
    by_concept = {}
    for concept, status, site, laterality in entries:
        by_concept.setdefault(concept, []).append((status, site, laterality))
    return index_case(by_concept)


def test_site_must_match_for_present_findings():
    sole = condition({"concept": "numbness", "site": "sole"})
    assert sole(case(("numbness", "present", "sole", None)))
    assert not sole(case(("numbness", "present", "shin", None)))
    assert not sole(case(("numbness", "present", None, None)))   # unspecified site proves nothing
    assert condition({"concept": "numbness"})(case(("numbness", "present", "shin", "left")))


def test_absent_without_site_denies_everywhere():
    denied_sole = condition({"concept": "numbness", "status": "absent", "site": "sole"})
    assert denied_sole(case(("numbness", "absent", None, None)))
    assert not denied_sole(case(("numbness", "absent", "shin", None)))
    assert not denied_sole(case(("numbness", "present", "sole", None)))


def test_laterality_and_unilateral():
    unilateral = condition({"concept": "foot_drop", "laterality": "unilateral"})
    bilateral = condition({"concept": "foot_drop", "laterality": "bilateral"})
    left = case(("foot_drop", "present", None, "left"))
    both = case(("foot_drop", "present", None, "bilateral"))
    assert unilateral(left) and not unilateral(both)
    assert bilateral(both) and not bilateral(left)


def test_combinators():
    spec = {"all": [{"concept": "foot_drop"},
                    {"any": [{"concept": "numbness", "site": "sole"}, {"concept": "bladder_dysfunction"}]},
                    {"none": [{"concept": "numbness", "site": "shin"}]}]}
    rule = condition(spec)
    assert rule(case(("foot_drop", "present", None, None), ("bladder_dysfunction", "present", None, None)))
    assert not rule(case(("foot_drop", "present", None, None)))
    assert not rule(case(("foot_drop", "present", None, None), ("numbness", "present", "sole", None),
                         ("numbness", "present", "shin", None)))
    assert {t.concept for t in rule.tests} == CONCEPTS


def test_outside_matches_a_finding_at_none_of_the_sites():
    elsewhere = condition({"concept": "numbness", "outside": ["sole", "foot"]})
    assert elsewhere(case(("numbness", "present", "shin", None)))
    assert elsewhere(case(("numbness", "present", None, None)))     # no place told: may be anywhere
    assert not elsewhere(case(("numbness", "present", "foot", None)))
    assert elsewhere(case(("numbness", "present", "foot", None), ("numbness", "present", None, "left")))
    only_in_foot = condition({"none": [{"concept": "numbness", "outside": ["sole", "foot"]}]})
    assert only_in_foot(case(("numbness", "present", "sole", None)))
    assert not only_in_foot(case(("numbness", "present", "sole", None), ("numbness", "present", "calf", None)))


@pytest.mark.parametrize("spec, key", [
    ({"all": [], }, "when.all"),
    ({"concept": "numbness", "outside": ["sole", "ankle"]}, "when.outside[1]"),
    ({"concept": "numbness", "outside": []}, "when.outside"),
    ({"concept": "numbness", "site": "sole", "outside": ["foot"]}, "when.outside"),
    ({"any": [{"concept": "foot_drop"}], "none": [{"concept": "numbness"}]}, "when.none"),
    ({"concept": "foot_drop", "weight": 2}, "when.weight"),
    ({"concept": "foot_drop", "laterality": "both"}, "when.laterality"),
    ({"any": [{"concept": "foot_drop", "sight": "sole"}]}, "sight"),
    ({"any": "foot_drop"}, "when.any"),
])
def test_malformed_conditions_name_the_key(spec, key):
    with pytest.raises(KnowledgeError) as error:
        condition(spec)
    assert "test.yml" in str(error.value) and "'r1'" in str(error.value)
    assert key in str(error.value)
