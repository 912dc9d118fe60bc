"""Every room agrees with the contract (common/contract.py): a concept the knowledge uses has a slot,
extractor terms and a question in each audience's wording, and nothing anywhere names a concept,
site, audience or triage level the contract does not define."""
from pathlib import Path

import pytest
import yaml

from actions.engine import load_knowledge
from bot.slots import FINDINGS_DOMAIN, render_finding_slots
from common import contract
from common.wording import wording
from nlu.extraction.rule_pack import load_rule_pack

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "bot" / "domain"


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


@pytest.fixture(scope="module")
def rule_pack():
    return load_rule_pack()


def slots_by_file() -> dict[str, set[str]]:
    return {path.name: set((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("slots") or {})
            for path in sorted(DOMAIN_DIR.glob("*.yml"))}


def test_concepts_the_rules_use_are_exactly_the_contract(knowledge):
    used = set().union(*(rule.concepts for rule in knowledge.rules))
    assert used == set(contract.CONCEPTS)
    assert set(knowledge.concepts) == set(contract.CONCEPTS)


def test_every_contract_concept_has_a_slot_and_no_slot_is_unknown():
    by_file = slots_by_file()
    assert by_file.pop(FINDINGS_DOMAIN.name) == set(contract.CONCEPTS)
    # the conversation's own slots (domain.yml) never shadow a finding slot
    assert all(not slots & set(contract.CONCEPTS) for slots in by_file.values())


def test_every_extractor_entity_type_is_declared_and_does_not_steer_the_policies():
    declared = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entities") or []:
            name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            declared[name] = options or {}
    assert set(contract.CONCEPTS) <= set(declared)
    assert all(declared[c].get("influence_conversation") is False for c in contract.CONCEPTS)


def test_the_generated_slot_file_is_up_to_date():
    assert FINDINGS_DOMAIN.read_text(encoding="utf-8") == render_finding_slots(), \
        "run `python -m bot.slots` (make train does)"


def test_every_contract_concept_has_extractor_terms_and_no_term_is_unknown(rule_pack):
    assert {entry["id"] for entry in rule_pack["concepts"]} == set(contract.CONCEPTS)
    assert {entry["id"] for entry in rule_pack["sites"]} == set(contract.SITES)


@pytest.mark.parametrize("audience", contract.AUDIENCES)
def test_every_concept_has_a_label_and_a_question_for_each_audience(audience):
    said = wording(audience)
    assert set(said["concepts"]) == set(contract.CONCEPTS)
    assert all(entry["question"].rstrip().endswith("?") for entry in said["concepts"].values())
    assert set(said["sites"]) == set(contract.SITES)
    assert set(said["triage"]) == set(contract.TRIAGE_LEVELS)


def test_red_flag_concepts_are_what_the_red_flag_rules_test(knowledge):
    gates = {test.concept for rule in knowledge.rules if rule.kind == "red_flag"
             for test in rule.when.tests}
    assert set(contract.RED_FLAG_CONCEPTS) <= gates


def test_triage_levels_and_sites_in_rules_are_the_contracts(knowledge):
    assert {rule.triage for rule in knowledge.rules if rule.triage} <= set(contract.TRIAGE_LEVELS)
    sites = {test.site for rule in knowledge.rules
             for test in list(rule.when.tests) + [e.test for e in rule.evidence + rule.against]}
    assert sites - {None} <= set(contract.SITES)


def test_channel_names_and_extractor_name_match_the_code():
    from bot.channels.rest import RadixRestInput
    from bot.channels.slack import RadixSlackInput
    from bot.channels.sms import RadixSmsInput
    from bot.channels.web import RadixWebInput
    from nlu.components.finding_extractor import RadixFindingExtractor

    names = {channel.name() for channel in (RadixRestInput, RadixSlackInput, RadixSmsInput, RadixWebInput)}
    assert names == set(contract.CHANNELS) == set(contract.DEFAULT_AUDIENCE)
    assert set(contract.DEFAULT_AUDIENCE.values()) <= set(contract.AUDIENCES)
    assert RadixFindingExtractor.__name__ == contract.EXTRACTOR_NAME
