"""Issue 10, twenty-third round: what the blind carer and patient probes showed. Sentences of our own, not
the probes'."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept):
    return [f["status"] for f in extract_findings(text) if f["concept"] == concept]


@pytest.mark.parametrize("text", [
    "she cant feel the loo paper when she wipes",
    "he says he cant feel the loo roll",
    "i cant feel the toilet roll when i wipe",
])
def test_everyday_words_for_toilet_paper_tell_saddle_numbness(text):
    assert statuses(text, "saddle_anesthesia") == ["present"]


@pytest.mark.parametrize("text", [
    "nobody has numbness down there",
    "no one has any numbness in the saddle area",
])
def test_nobody_has_denies(text):
    assert statuses(text, "saddle_anesthesia") == ["absent"]


@pytest.mark.parametrize("text", [
    "i got it from deadlifts, shoots down my right leg",
    "after lifting at work it stabs into my left buttock every evening",
])
def test_a_present_tense_event_after_a_strain_is_no_sudden_onset(text):
    assert "present" not in statuses(text, "sudden_onset")


def test_a_past_event_after_a_strain_is_still_a_sudden_onset():
    assert statuses("bent down to lift the box and a pain shot down my leg", "sudden_onset") == ["present"]


@pytest.mark.parametrize("text", [
    "legs feel heavy, and trouble going for a wee this morning",
    "hes been struggling to pee since yesterday",
])
def test_trouble_going_for_a_wee_is_a_bladder_problem(text):
    assert "present" in statuses(text, "bladder_dysfunction")
