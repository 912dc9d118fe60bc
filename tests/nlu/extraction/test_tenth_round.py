"""Issue 10, tenth round: where in the foot a sensation is, tested with sentences of our own."""

import pytest

from actions.engine import assess
from nlu.extraction import extract_findings


def sites(text, concept):
    return {f["site"] for f in extract_findings(text) if f["concept"] == concept}


# ---- the foot at large

@pytest.mark.parametrize("text, concept", [
    ("my feet are numb all the time", "numbness"),
    ("tingly toes most nights", "tingling"),
    ("burning in both feet when i lie down", "burning_pain"),
    ("numbness in my left foot for a month", "numbness"),
])
def test_a_sensation_of_the_feet_or_toes_is_placed_in_the_foot(text, concept):
    assert sites(text, concept) == {"foot"}


@pytest.mark.parametrize("text, concept, site", [
    ("the bottom of my foot is numb", "numbness", "sole"),
    ("my big toe is numb", "numbness", "big_toe"),
    ("numb toes and the top of my foot", "numbness", "dorsum"),
])
def test_a_precise_part_of_the_foot_wins(text, concept, site):
    assert sites(text, concept) == {site}


@pytest.mark.parametrize("text", ["numbness in my leg and foot", "my calf and toes are numb",
                                  "numbness down my leg into my foot"])
def test_a_leg_named_with_the_foot_is_not_the_foot_alone(text):
    assert "foot" not in sites(text, "numbness")


def test_a_leg_named_in_another_clause_leaves_the_foot_its_site():
    text = "both my feet have been numb and tingly for months, no back or leg pain"
    assert sites(text, "tingling") == {"foot"} and sites(text, "numbness") == {"foot"}
    assert top(text) == "spinal_origin_unlikely"


@pytest.mark.parametrize("text, concept", [("left foot drop", "foot_drop"), ("my foot feels weak", "weakness")])
def test_weakness_of_the_foot_takes_no_foot_site(text, concept):
    assert "foot" not in sites(text, concept)


# ---- what the engine makes of it

def top(text):
    return assess(extract_findings(text)).considerations[0]["id"]


@pytest.mark.parametrize("text", [
    "both my feet have been numb and tingly for months",
    "type 2 diabetic, the soles of my feet are numb",
    "my heel hurts every morning and my toes go numb on the bike",
])
def test_symptoms_told_only_in_the_feet_point_away_from_the_spine(text):
    assert top(text) == "spinal_origin_unlikely"


@pytest.mark.parametrize("text", [
    "my feet are numb and my back aches",
    "my toes are numb and the pain shoots down my leg",
    "my feet go numb after ten minutes standing and ease when i sit down",
])
def test_feet_told_with_the_back_the_leg_or_a_positional_pattern_do_not(text):
    assert top(text) != "spinal_origin_unlikely"


# ---- one side told for the whole text

def sides(text):
    return {f["concept"]: f["laterality"] for f in extract_findings(text)}


def test_a_text_naming_one_side_gives_it_to_its_limb_findings():
    found = sides("my left leg has been killing me for weeks. now the foot drags and my toes are numb")
    assert found["foot_drop"] == "left" and found["numbness"] == "left"


def test_the_back_and_the_bladder_take_no_side():
    found = sides("right leg pain since friday. back pain too and i cant pee properly")
    assert found["leg_pain"] == "right"
    assert found["back_pain"] is None and found["bladder_dysfunction"] is None


@pytest.mark.parametrize("text", [
    "left leg pain, and the right foot is numb too. the toes tingle",   # two sides: the tingling's is not told
    "both legs ache. left is worse. the toes tingle",
])
def test_a_text_naming_both_sides_gives_none(text):
    assert sides(text)["tingling"] is None


@pytest.mark.parametrize("text", [
    "i left hospital on friday and my foot is numb",
    "i left work early, my foot was numb",
    "is that normal right? my foot is numb",
    "all right then, my foot is numb",
])
def test_left_as_a_verb_and_right_as_agreement_name_no_side(text):
    assert sides(text)["numbness"] is None


# ---- the two sphincters told together

def statuses(text):
    return {f["concept"]: f["status"] for f in extract_findings(text)
            if f["concept"] in ("bladder_dysfunction", "bowel_dysfunction")}


@pytest.mark.parametrize("text", ["now incontinent of urine and faeces", "she has no control of her bladder or bowels now"])
def test_a_sphincter_joined_to_a_stated_one_is_said_the_same(text):
    assert statuses(text) == {"bladder_dysfunction": "present", "bowel_dysfunction": "present"}


@pytest.mark.parametrize("text", ["cant pee properly, and my bowels are weird", "cant pee, maybe my bowels too"])
def test_a_sphincter_told_apart_or_hedged_stays_unsure(text):
    assert statuses(text) == {"bladder_dysfunction": "present", "bowel_dysfunction": "uncertain"}


# ---- how long the complaint has lasted

def duration(text):
    return {f["status"] for f in extract_findings(text) if f["concept"] == "symptoms_persist_weeks"}


@pytest.mark.parametrize("text", ["waited over 2 hours in a and e with my sciatica",
                                  "3 hours after the birth my leg was numb",
                                  "my uncle is 60 years and cant control his urine",
                                  "7 pts (41-66y) with foot drop"])
def test_hours_waited_and_ages_are_no_duration_of_the_complaint(text):
    assert duration(text) == set()


@pytest.mark.parametrize("text, status", [("rapidly progressive leg weakness over 24 hours", "absent"),
                                          ("over the next few hours my bum went numb", "absent"),
                                          ("back pain for 10 years", "present")])
def test_hours_a_complaint_came_on_over_are_days(text, status):
    assert duration(text) == {status}


# ---- wordings from the tenth round's development texts

def found(text):
    return {(f["concept"], f["status"]) for f in extract_findings(text)
            if f["experiencer"] == "patient" and not f["historical"]}


@pytest.mark.parametrize("text, finding", [
    ("hes lost all the feeling in his left foot", ("numbness", "present")),
    ("both my calves started hurting", ("leg_pain", "present")),
    ("i cant feel myself passing water at all", ("bladder_dysfunction", "present")),
    ("i hadnt opened my bowels for 10 days", ("bowel_dysfunction", "present")),
])
def test_wordings_of_the_tenth_round(text, finding):
    assert finding in found(text)


def test_a_complaint_that_began_years_ago_and_is_told_to_the_end_is_current():
    text = ("about three years ago both my calves started hurting. it got worse and worse. "
            "i couldnt stand for long and could only walk a little way before i had to stop.")
    assert ("worse_standing_walking", "present") in found(text)
    # a past episode the text comes back from stays in the past
    back_to_now = "10 years ago my sciatica started after a fall. i couldnt walk for weeks. now my foot is numb"
    assert ("difficulty_walking", "present") not in found(back_to_now)
    assert ("numbness", "present") in found(back_to_now)


def test_a_shooting_pain_in_the_foot_alone_points_away_from_the_spine():
    assert top("when i put weight on the ball of my foot i get a shooting pain out to my second toe") == \
        "spinal_origin_unlikely"


def test_physical_therapy_that_wont_help_makes_no_patient_of_a_note():
    text = "my legs give out when i sit. the dr is very concerned, says PT wont help now."
    assert {f["experiencer"] for f in extract_findings(text)} == {"patient"}
    # a note's own patient still is the subject
    assert ("difficulty_walking", "present") in found("pt is 45M with numb feet, pt wont weight bear")
