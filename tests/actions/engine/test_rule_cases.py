"""Each rule fires on a case built from its own article and not when its key finding is negated."""

from pathlib import Path

import pytest
import yaml

from actions.engine import assess, load_knowledge

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_every_rule_has_a_case(knowledge):
    assert set(CASES) == {rule.id for rule in knowledge.rules}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_article_case(knowledge, rule_id):
    case = CASES[rule_id]
    rule = knowledge.rules_by_id[rule_id]
    assert case["article"] in {c.article_id for c in rule.citations}
    result = assess(case["findings"], knowledge=knowledge)
    assert rule_id in result.rules_fired


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_does_not_fire_when_key_finding_negated(knowledge, rule_id):
    case = CASES[rule_id]
    negated = [dict(f, status="absent") if f["concept"] == case["key"] else f
               for f in case["findings"]]
    assert any(f["concept"] == case["key"] for f in case["findings"])
    result = assess(negated, knowledge=knowledge)
    assert rule_id not in result.rules_fired
