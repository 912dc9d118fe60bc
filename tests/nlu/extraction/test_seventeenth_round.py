"""Issue 10, seventeenth round: the toilet as a place walked to, toilet trouble told plainly, and
anniversaries. Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept, **attrs):
    return {f["status"] for f in extract_findings(text)
            if f["concept"] == concept and all(f[key] == value for key, value in attrs.items())}


# ---- the toilet as a place someone walks to is no bladder mention

@pytest.mark.parametrize("text", [
    "3am on the way to the loo with the walker i noticed my right leg dragging",
    "taking my little one to the loo i felt a nasty twinge in my back",
    "he keeps falling, trying to get to the bathroom in the night",
    "i had to crawl to the toilet on my hands and knees, the back pain was that bad",
    "my wife nags me to use the cane even to the bathroom",
    "hobbling to the loo takes me ten minutes",
])
def test_walking_to_the_toilet_is_not_a_bladder_check(text):
    assert statuses(text, "bladder_dysfunction") == set()


@pytest.mark.parametrize("text", [
    "i keep having to run to the bathroom and my back hurts",
    "something is wrong when i go to the loo",
    "had to go to the toilet four times last night",
])
def test_a_toilet_trip_that_is_the_complaint_is_still_asked_about(text):
    assert statuses(text, "bladder_dysfunction") == {"uncertain"}


@pytest.mark.parametrize("text", [
    "then i went pee and couldnt feel it coming",
    "one accident last week, never had that before",
    "i even wee differently now",
])
def test_a_walking_word_only_drops_the_toilet_as_a_place(text):
    # the motion words drop "to the loo", not the bladder's own words after them
    assert statuses(text, "bladder_dysfunction") == {"uncertain"}


# ---- toilet trouble told plainly

@pytest.mark.parametrize("text", [
    "my bum went numb and i was really struggling to go to the loo",
    "he was struggling to go to the toilet",
    "numb down below and having trouble to go to the bathroom",
    "when he weed he couldnt feel it",
    "when i pee i cant feel it at all",
])
def test_toilet_trouble_told_plainly_is_a_bladder_problem(text):
    assert statuses(text, "bladder_dysfunction") == {"present"}


@pytest.mark.parametrize("text", [
    "she was desperate for a wee but couldnt stand up",
    "im bursting for the loo all the time",
    "always desperate to pee these days",
])
def test_an_urge_is_asked_about_not_alarmed_on(text):
    assert statuses(text, "bladder_dysfunction") == {"uncertain"}


# ---- an anniversary is the past

@pytest.mark.parametrize("text, concept", [
    ("13 years ago today i couldnt walk or feel my toes", "difficulty_walking"),
    ("13 years ago today i couldnt walk or feel my toes", "numbness"),
    ("a year ago today i got up and my right leg lit up, like every nerve was burning", "leg_pain"),
    ("two years ago this week my foot went numb", "numbness"),
])
def test_an_anniversary_is_history(text, concept):
    found = [f for f in extract_findings(text) if f["concept"] == concept]
    assert found and all(f["historical"] for f in found)


def test_an_anniversary_is_no_sudden_onset_check():
    # "today" after "ago" tells the date of a past event, not that it began today
    assert statuses("2 years ago today i couldnt walk", "sudden_onset") == set()
    # ... while today on its own still asks
    assert statuses("today i couldnt walk", "sudden_onset") == {"uncertain"}


# ---- a scan's result after a comma is its own clause

@pytest.mark.parametrize("text", [
    "physio didnt help, mri showed loose bits of disc blocking my nerves",
    "injections did nothing, the scan showed a disc herniation at L4/5",
    "no better with rest, MRI revealed a prolapsed disc",
])
def test_a_negation_does_not_reach_a_scan_result_after_a_comma(text):
    assert statuses(text, "dx_prolapsed_disc") == {"present"}


def test_a_list_after_a_negation_stays_denied():
    assert statuses("no numbness, weakness or bladder problems", "weakness") == {"absent"}


# ---- bladder and bowel trouble in plain words

@pytest.mark.parametrize("text, concept", [
    ("latest scans showed my bowels are losing power", "bowel_dysfunction"),
    ("my bowels changed, i was bunged up which is never me", "bowel_dysfunction"),
    ("i told the physio id had an accident with my bowels that morning", "bowel_dysfunction"),
    ("a few hours later she couldnt feel herself wee", "bladder_dysfunction"),
    ("and now weeing is getting difficult", "bladder_dysfunction"),
    ("i had an accident with my bladder at work", "bladder_dysfunction"),
])
def test_bladder_and_bowel_trouble_in_plain_words(text, concept):
    assert statuses(text, concept) == {"present"}


def test_an_accident_with_the_bowels_is_not_a_bladder_accident():
    text = "i told the physio id had an accident with my bowels that morning"
    assert statuses(text, "bladder_dysfunction") == set()
    assert statuses("i had an accident in the shop", "bladder_dysfunction") == {"present"}
