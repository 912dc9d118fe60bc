"""Issue 10, fifteenth round: general readings found while reading the development splits' misses.
Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept):
    return {f["status"] for f in extract_findings(text) if f["concept"] == concept and not f["historical"]}


# ---- an inability told in the perfect or the past is the finding, not its denial

@pytest.mark.parametrize("text, concept", [
    ("i havent been able to walk for days", "difficulty_walking"),
    ("I haven't been able to walk since monday", "difficulty_walking"),
    ("i have not been able to walk properly", "difficulty_walking"),
    ("she hasnt been able to pee since this morning", "bladder_dysfunction"),
    ("he wasnt able to lift his foot off the floor", "foot_drop"),
    ("I wasn't able to stand on my toes on the left", "toe_walk_weakness"),
    ("the twins werent able to walk at all that week", "difficulty_walking"),
    ("ive never been able to walk far since the op", "difficulty_walking"),
])
def test_an_inability_in_the_perfect_or_past_is_present(text, concept):
    assert statuses(text, concept) == {"present"}


@pytest.mark.parametrize("text, concept", [
    ("i was able to walk fine today", "difficulty_walking"),
    ("no problem walking, i have been able to walk miles", "difficulty_walking"),
])
def test_an_ability_is_still_not_an_inability(text, concept):
    assert "present" not in statuses(text, concept)


def test_a_denial_before_an_inability_keeps_to_its_own_finding():
    findings = extract_findings("no back pain, i havent been able to walk")
    assert {(f["concept"], f["status"]) for f in findings} >= {("back_pain", "absent"),
                                                              ("difficulty_walking", "present")}


# ---- the back told in a list, by an adjective, or as what is getting worse

@pytest.mark.parametrize("text", [
    "back and hip pain for months",
    "Back, hip and leg pain since the fall.",
    "67M, severe back, R hip + leg pain",
    "ive had low back and groin pain for weeks",
    "achy low back round the belt line for two years",
    "dodgy lower back most of my adult life",
    "my back keeps getting worse and now my foot hurts",
    "lower back getting worse every week",
    "laid up with my back in the middle of harvest",
    "stuck in bed with my back for 5 days",
])
def test_the_back_told_otherwise_is_back_pain(text):
    assert statuses(text, "back_pain") == {"present"}


def test_a_list_keeps_its_other_places_findings():
    concepts = {f["concept"] for f in extract_findings("Back, hip and leg pain since the fall.")}
    assert {"back_pain", "leg_pain"} <= concepts


@pytest.mark.parametrize("text", [
    "no back, hip or leg pain",
    "she denies back and hip pain",
])
def test_a_denied_list_is_never_present_back_pain(text):
    assert "present" not in statuses(text, "back_pain")


@pytest.mark.parametrize("text", [
    "the back of my thigh and leg pain",
    "she came back, hip pain no better",
])
def test_the_back_of_a_limb_or_coming_back_is_no_list(text):
    assert "present" not in statuses(text, "back_pain")


# ---- standing that can only last so long, walking that makes a part hurt

@pytest.mark.parametrize("text", [
    "cant stand still more than 2 or 3 mins without pain",
    "he cant stand more than a minute or two",
    "I can't stand upright for long before it tightens",
    "even walking slow makes my legs hurt",
    "walking the dog makes my back worse",
])
def test_standing_or_walking_limits_are_worse_standing_walking(text):
    assert statuses(text, "worse_standing_walking") == {"present"}


def test_what_walking_makes_hurt_keeps_its_own_finding():
    findings = extract_findings("even walking slow makes my legs hurt")
    assert {"worse_standing_walking", "leg_pain"} <= {f["concept"] for f in findings}


def test_standing_told_without_a_limit_is_no_standing_pattern():
    assert "present" not in statuses("i cant stand up on my own", "worse_standing_walking")
