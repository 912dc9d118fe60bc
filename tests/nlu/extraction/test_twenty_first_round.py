"""Issue 10, twenty-first round: questions that take a symptom as given. Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def found(text, concept):
    return [f for f in extract_findings(text) if f["concept"] == concept]


# ---- "is it serious that ...?" asks how bad a symptom is; the symptom is told

@pytest.mark.parametrize("text, concept", [
    ("is it serious that my left foot drags?", "foot_drop"),
    ("is it normal that my feet are numb all the time?", "numbness"),
    ("isnt it bad that i keep wetting myself?", "bladder_dysfunction"),
    ("is it serious that i have no feeling between my legs?", "saddle_anesthesia"),
])
def test_a_question_about_how_bad_a_symptom_is_tells_the_symptom(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


@pytest.mark.parametrize("text, concept, status", [
    ("is it possible that my foot drags?", "foot_drop", "uncertain"),     # doubt, not judgement
    ("do i have foot drop?", "foot_drop", "uncertain"),
    ("my bladder is not a problem", "bladder_dysfunction", "absent"),
])
def test_doubt_and_denials_stay(text, concept, status):
    assert [f["status"] for f in found(text, concept)] == [status]
