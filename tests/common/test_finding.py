"""The one finding shape: validated once, the same from extractor entity to slot to engine."""
import pytest

from common.contract import EXTRACTOR_NAME
from common.finding import FIELDS, MAX_TEXT_CHARS, Finding, FindingError


def test_dict_form_has_exactly_the_contract_fields_and_round_trips():
    finding = Finding("foot_drop", "present", None, "left", text="foot slaps", start=3, end=13)
    data = finding.to_dict()
    assert tuple(data) == FIELDS
    assert Finding.from_dict(data) == finding


def test_entity_carries_the_whole_finding_including_the_users_words():
    finding = Finding("numbness", "absent", "sole", "right", text="no numbness", start=0, end=11)
    entity = finding.to_entity()
    assert (entity["entity"], entity["value"], entity["extractor"]) == ("numbness", "absent", EXTRACTOR_NAME)
    assert (entity["text"], entity["start"], entity["end"]) == ("no numbness", 0, 11)
    assert "role" not in entity and "group" not in entity
    assert Finding.from_entity(entity) == finding


def test_entities_of_other_extractors_or_broken_ones_are_not_findings():
    assert Finding.from_entity({"entity": "numbness", "value": "x", "extractor": "DIETClassifier"}) is None
    assert Finding.from_entity({"entity": "elbow_pain", "extractor": EXTRACTOR_NAME}) is None


def test_defaults_for_a_minimal_dict():
    finding = Finding.from_dict({"concept": "foot_pain"})
    assert (finding.status, finding.experiencer, finding.historical, finding.text) == \
        ("present", "patient", False, "")
    assert finding.current


@pytest.mark.parametrize("raw, fragment", [
    ({"concept": "heartburn"}, "unknown concept 'heartburn'"),
    ({"concept": "foot_pain", "status": "sometimes"}, "bad status"),
    ({"concept": "foot_pain", "site": "elbow"}, "unknown site"),
    ({"concept": "foot_pain", "laterality": "both"}, "bad laterality"),
    ({"concept": "foot_pain", "experiencer": "dog"}, "bad experiencer"),
    ({"concept": "foot_pain", "historical": "yes"}, "historical must be true or false"),
    ({"concept": "foot_pain", "text": 3}, "text must be a string"),
    ("foot_pain", "expected an object"),
])
def test_bad_findings_name_what_is_wrong(raw, fragment):
    with pytest.raises(FindingError, match=fragment):
        Finding.from_dict(raw, "finding #2")


def test_other_peoples_and_past_findings_are_not_current():
    assert not Finding("foot_drop", experiencer="other").current
    assert not Finding("foot_drop", historical=True).current


def test_text_is_bounded_and_bad_offsets_dropped():
    finding = Finding.from_dict({"concept": "foot_pain", "text": "x" * 5000, "start": "3", "end": 9})
    assert len(finding.text) == MAX_TEXT_CHARS
    assert (finding.start, finding.end) == (None, None)
