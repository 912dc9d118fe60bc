"""Issue 10, twelfth round: severe weakness told with no onset is asked about (is it sudden?).
Sentences of our own."""

import pytest

from actions.engine import assess, load_knowledge
from nlu.extraction import extract_findings


def found(text):
    return {(f["concept"], f["status"]) for f in extract_findings(text)}


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


# ---- severe weakness, onset untold -> one uncertain sudden_onset

@pytest.mark.parametrize("text", [
    "by saturday i couldnt lift my leg at all, went to the er",
    "my dad is in a wheelchair now because his legs are that weak",
    "my legs wont hold me up anymore and i keep falling",
    "i cant support my weight on the left leg",
    "his left leg is completely paralysed",
    "R DF 0/5",
])
def test_severe_weakness_with_no_onset_asks_whether_it_was_sudden(text):
    assert ("sudden_onset", "uncertain") in found(text)


def test_the_check_quotes_the_weakness_and_its_severity(knowledge):
    findings = extract_findings("by saturday i couldnt lift my leg at all")
    result = assess(findings, knowledge=knowledge).to_dict()
    assert result["triage"] != "emergency"          # a question, never an emergency
    assert [(c["concept"], c["text"]) for c in result["red_flag_checks"]] == [
        ("sudden_onset", "couldnt lift my leg at all")]


@pytest.mark.parametrize("text", [
    "suddenly couldnt lift my leg at all",                      # the onset is told: the red flag itself
    "over the last year my foot drop came on gradually, cant lift it at all now",   # told gradual
    "5 yr progressive foot drop. DF 0/5 L",                     # a gradual course anywhere in the text
    "cant walk on my heels at all",                             # the heel-walk test, not a failed leg
    "cant stand up on my toes on the left at all",
    "no pain at all, just weakness in the right leg",           # the severity is the pain's, not the weakness's
    "years ago i couldnt lift my leg at all",                   # history
    "my mate couldnt walk at all after his op",                 # someone else
    "if your legs wont hold you up at all go to A&E",           # advice
    "cant pee and i cant lift my leg at all",                   # another red flag is there already
    "my leg is weak but i can walk fine",                       # weakness, nothing severe
])
def test_no_severity_question_without_severe_current_weakness_and_an_untold_onset(text):
    assert ("sudden_onset", "uncertain") not in found(text)


@pytest.mark.parametrize("text", [
    "my mates son had cauda equina, he ended up with no feeling in his saddle area{}",
    "no numbness in my legs{}, only the pain",
    "they said sciatica and he ended up with no feeling in his saddle area{}, nothing from the waist down",
])
def test_severity_words_change_no_other_finding(text):
    # Severity words are kept out of ConText's targets: as a target, "at all" once took the "no" away from
    # the finding before it.
    def without_checks(findings):
        return [(f["concept"], f["status"], f["experiencer"]) for f in findings if f["status"] != "uncertain"]
    assert without_checks(extract_findings(text.format(" at all"))) == without_checks(extract_findings(text.format("")))


# ---- the bladder's own feeling, sphincters paralysed; a leg word before the numbness owns it

@pytest.mark.parametrize("text, expected", [
    ("ive started losing some feeling around my bladder", {("bladder_dysfunction", "present")}),
    ("permanent bowel and bladder paralysis", {("bladder_dysfunction", "present"), ("bowel_dysfunction", "present")}),
    ("she has bladder paralysis since the op", {("bladder_dysfunction", "present")}),
    ("no feeling in my bladder when its full", {("bladder_dysfunction", "present")}),
])
def test_lost_bladder_feeling_and_paralysed_sphincters_are_present(text, expected):
    assert expected <= found(text)


def test_not_having_lost_bladder_feeling_is_absent():
    assert ("bladder_dysfunction", "absent") in found("i havent lost any feeling in my bladder")


def test_leg_numbness_before_a_pain_from_the_buttocks_is_not_the_saddle():
    text = "bilat leg numbness + shooting pain from buttocks down post thighs"
    assert "saddle_anesthesia" not in {c for c, _ in found(text)}
    assert ("saddle_anesthesia", "present") in found("numbness in both buttocks and shooting pain down my legs")


# ---- imaging-report disc words; the sphincters in plain words

@pytest.mark.parametrize("text", [
    "L5/S1 broad based protrusion touching the nerve root",
    "a small left paracentral herniation at L4/L5",
    "mri showed a large broad-based central disc protrusion",
    "one of the lumbar discs is sticking out and pressing on the nerve",
])
def test_a_disc_told_in_report_words_is_a_reported_prolapsed_disc(text):
    assert ("dx_prolapsed_disc", "present") in found(text)


def test_a_report_denying_the_protrusion_reports_none():
    assert ("dx_prolapsed_disc", "present") not in found("no central disc protrusion")


@pytest.mark.parametrize("text, concept", [
    ("i head for the bathroom but never quite make it", "bladder_dysfunction"),
    ("i dont always make it to the loo in time", "bladder_dysfunction"),
    ("sometimes i just lose my water", "bladder_dysfunction"),
    ("and i cant hold back wind either", "bowel_dysfunction"),
])
def test_sphincter_control_lost_in_plain_words_is_present(text, concept):
    assert (concept, "present") in found(text)


def test_waters_breaking_is_no_bladder_symptom():
    assert not {c for c, _ in found("my waters broke at 3am")} & {"bladder_dysfunction"}


@pytest.mark.parametrize("text", ["im dragging my toes when i walk", "he drags his left toes"])
def test_toes_dragged_are_foot_drop(text):
    assert ("foot_drop", "present") in found(text)
