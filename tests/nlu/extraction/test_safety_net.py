"""The red-flag safety net in the extractor (issue 10, nlu/extraction/safety_net.py): loose mentions of
red-flag areas and functions that the vocabulary does not state become `uncertain` findings (so the
engine asks at once), and never from a denial, advice, history or someone else's story."""

import pytest

from actions.engine import assess
from nlu.extraction import extract_findings


def uncertain(text):
    """Concepts of the uncertain, current findings of the subject in ``text``."""
    return {f["concept"] for f in extract_findings(text)
            if f["status"] == "uncertain" and f["experiencer"] == "patient" and not f["historical"]}


def red_flag_concepts(text):
    return {f["concept"] for f in extract_findings(text)
            if f["concept"] in ("bladder_dysfunction", "bowel_dysfunction", "saddle_anesthesia", "sudden_onset")}


# Wordings of our own that no vocabulary term was written for: each must at least be asked about.
@pytest.mark.parametrize("text, concept", [
    ("since yesterday my wee just trickles out and my back is agony", "bladder_dysfunction"),
    ("ive started wearing pads for the leaks and my sciatica is awful", "bladder_dysfunction"),
    ("my pee smells odd and the stream is all over the place, leg pain too", "bladder_dysfunction"),
    ("havent been for a number two in days, back pain down my leg", "bowel_dysfunction"),
    ("strange feeling in my privates and sciatica", "saddle_anesthesia"),
    ("my bum feels weird and cold when i sit, leg pain", "saddle_anesthesia"),
    ("since the back went i cant get an erection", "saddle_anesthesia"),
    ("in an instant my left leg just crumpled under me", "sudden_onset"),
])
def test_a_loose_red_flag_mention_becomes_a_question(text, concept):
    assert concept in uncertain(text), extract_findings(text)


@pytest.mark.parametrize("text", [
    "no bladder or bowel problems, leg pain down to my foot",
    "my waterworks are fine, foot numb",
    "the leaflet says go to A&E if you have trouble peeing or numbness in your privates",
    "if you ever lose control of your bladder go straight to hospital",
    "years ago i had to use a catheter after my op, now just foot pain",
    "my mum had a catheter after her stroke. my foot is numb",
    "the bottom of my foot feels numb",
    "my leg goes numb when sitting in the car",
    "had a car accident last year, my back has hurt since",
])
def test_denials_advice_history_and_other_people_do_not_fire(text):
    assert not (uncertain(text) & {"bladder_dysfunction", "bowel_dysfunction", "saddle_anesthesia",
                                   "sudden_onset"}), extract_findings(text)


def test_a_negation_further_away_is_a_loss_not_a_denial():
    found = {(f["concept"], f["status"]) for f in extract_findings("i have no control of my bladder since lunch")}
    assert ("bladder_dysfunction", "present") in found


def test_what_the_vocabulary_states_is_not_repeated():
    # "dribbling" is a bladder term: present, and no extra uncertain finding beside it.
    statuses = [f["status"] for f in extract_findings("my leg hurts and I keep dribbling")
                if f["concept"] == "bladder_dysfunction"]
    assert statuses == ["present"]


def test_weakness_told_loosely_after_a_sudden_onset_is_a_weakness_check():
    result = assess(extract_findings("got out of bed and my left leg just crumpled under me")).to_dict()
    assert result["triage"] != "emergency"
    assert ("weakness", "weakness_uncertain") in {(c["concept"], c["reason"]) for c in result["red_flag_checks"]}


def test_a_loose_mention_is_a_check_and_never_an_emergency():
    result = assess(extract_findings("sciatica down my left leg and my wee just trickles out now")).to_dict()
    assert result["triage"] != "emergency"
    assert [c["concept"] for c in result["red_flag_checks"]] == ["bladder_dysfunction"]
    assert result["red_flag_checks"][0]["text"] == "wee just trickles"     # nearby words make one check


def test_a_sudden_story_with_a_weakness_finding_asks_about_the_onset():
    # The vocabulary knows "weak" but not "in an instant": onset is asked, weakness stays present.
    found = {(f["concept"], f["status"]) for f in extract_findings("in an instant my foot had no strength")}
    assert ("weakness", "present") in found and ("sudden_onset", "uncertain") in found


def test_a_collapse_told_with_a_time_word_is_asked_about():
    # No onset word the vocabulary knows, but "today" + a weakness word: is it sudden? (a check)
    found = {(f["concept"], f["status"]) for f in
             extract_findings("today his legs gave way in the toilet and he cant move anything from the waist down")}
    assert ("sudden_onset", "uncertain") in found
