"""Issue 10, twenty-fourth round: what the blind carer and patient probes showed. Sentences of our own, not
the probes'."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept):
    return [f["status"] for f in extract_findings(text) if f["concept"] == concept]


@pytest.mark.parametrize("text", [
    "he has never had an accident",
    "shes never had any accidents, she just goes a lot at night",
])
def test_never_having_had_an_accident_denies_it(text):
    assert statuses(text, "bladder_dysfunction") == ["absent"]


def test_an_accident_with_the_bowels_is_still_not_the_bladders():
    assert "absent" not in statuses("she has never had an accident with her bowels", "bladder_dysfunction")


@pytest.mark.parametrize("text", [
    "her waterworks and her bowels are completely normal",
    "bladder and bowels totally fine",
    "his bowels and his bladder are perfectly ok",
])
def test_both_organs_told_normal_with_an_intensifier(text):
    assert statuses(text, "bladder_dysfunction") == ["absent"]
    assert statuses(text, "bowel_dysfunction") == ["absent"]


def test_an_organ_told_not_normal_is_still_asked_about():
    assert "absent" not in statuses("my bladder is not normal", "bladder_dysfunction")


@pytest.mark.parametrize("text, concept", [
    ("bladder problems: no. bowel problems: no.", "bladder_dysfunction"),
    ("bladder problems: no. bowel problems: no.", "bowel_dysfunction"),
    ("Saddle numbness: nil, foot drop R", "saddle_anesthesia"),
    ("sudden weakness: no", "sudden_onset"),
])
def test_an_item_answered_no_after_a_colon(text, concept):
    assert statuses(text, concept) == ["absent"]


@pytest.mark.parametrize("text, concept", [
    ("red flags: no saddle numbness. foot drop R", "foot_drop"),      # the denial goes with what follows
    ("foot drop: yes", "foot_drop"),
])
def test_a_colon_before_what_follows_or_a_yes_leaves_the_finding(text, concept):
    assert statuses(text, concept) == ["present"]


def test_a_back_that_gave_way_is_back_pain_not_leg_weakness():
    found = {f["concept"] for f in extract_findings("my back gave way yesterday lifting the shopping")}
    assert "back_pain" in found and "weakness" not in found


@pytest.mark.parametrize("text", [
    "she hasnt actually weed since this morning",
    "he has not peed since yesterday and says he doesnt need to",
    "i try but it doesnt all come out",
])
def test_not_passing_or_not_emptying_urine_in_everyday_words(text):
    assert statuses(text, "bladder_dysfunction") == ["present"]


def test_something_else_rather_than_weakness_is_no_weakness():
    assert statuses("my legs feel heavy rather than weak", "weakness") == ["absent"]


@pytest.mark.parametrize("text", ["he says its all normal down there", "everything is fine down below"])
def test_all_normal_down_there_denies_saddle_numbness(text):
    assert statuses(text, "saddle_anesthesia") == ["absent"]


@pytest.mark.parametrize("text", ["he is waiting 2 weeks for the GP", "the gp cant see him for 2 weeks",
                                  "my appointment is in 3 weeks"])
def test_a_wait_for_care_is_not_how_long_the_complaint_has_lasted(text):
    assert "present" not in statuses(text, "symptoms_persist_weeks")


def test_time_on_a_waiting_list_still_dates_the_complaint():
    assert statuses("ive been on the waiting list over 2 years for surgery on my back", "symptoms_persist_weeks") == [
        "present"]


def test_not_because_of_weakness_denies_it():
    assert statuses("walking hurts her but not because shes weak", "weakness") == ["absent"]


@pytest.mark.parametrize("text", ["its been a bit hard to get going when i wee", "i leaked without noticing"])
def test_hesitancy_and_unnoticed_leaks_in_everyday_words(text):
    assert statuses(text, "bladder_dysfunction") == ["present"]


@pytest.mark.parametrize("text", ["he hasnt needed to wee all day", "he says he doesnt feel like he needs to go",
                                  "it takes a sec to start when i go"])
def test_no_urge_and_hesitancy_in_everyday_words(text):
    assert statuses(text, "bladder_dysfunction") == ["present"]


@pytest.mark.parametrize("text", ["he doesnt feel he needs to go to hospital",
                                  "she doesnt feel like she needs to go back to the gp"])
def test_not_needing_to_go_somewhere_is_no_bladder_problem(text):
    assert statuses(text, "bladder_dysfunction") == []


@pytest.mark.parametrize("text", ["ive just asked her about the numbness down below - she says no",
                                  "the bottom numbness thing she hasnt said anything about it"])
def test_a_red_flag_asked_about_or_not_yet_told_is_not_stated(text):
    assert "present" not in statuses(text, "saddle_anesthesia")


def test_standing_or_walking_not_making_it_worse():
    assert statuses("as i said it makes no difference. standing or walking does not make it worse",
                    "worse_standing_walking") == ["absent"]


def test_passing_water_well_and_no_leaks_deny_the_bladder_problem():
    assert statuses("i can pass water perfectly well, no leaks", "bladder_dysfunction") == ["absent"]


def test_now_i_think_about_it_is_no_doubt():
    text = "oh and now i think about it he hasnt been to the toilet for a wee since last night"
    assert statuses(text, "bladder_dysfunction") == ["present"]


def test_he_says_he_doesnt_need_to_go_is_no_urge():
    assert statuses("he hasnt gone since last night, he says he doesnt need to go", "bladder_dysfunction") == [
        "present"]
