"""Issue 10, sixteenth round: the heel and toe tests told as a story, and "can't stand" as an idiom.
Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def found(text, concept):
    return {(f["status"], f["laterality"]) for f in extract_findings(text) if f["concept"] == concept}


def statuses(text, concept):
    return {status for status, _ in found(text, concept)}


# ---- the test told, then its result after a break

@pytest.mark.parametrize("text, concept, status", [
    ("the physio had me go up on tiptoes (fine) then on my heels (couldnt).", "heel_walk_weakness", "present"),
    ("the physio had me go up on tiptoes (fine) then on my heels (couldnt).", "toe_walk_weakness", "absent"),
    ("he made me try walking on my heels. completely impossible, my leg just wont", "heel_walk_weakness", "present"),
    ("asked her to stand on her heels: unable on the right", "heel_walk_weakness", "present"),
    ("tried to walk on my toes - cant do it on that side", "toe_walk_weakness", "present"),
    ("walk on his heels, fine. walk on his toes, struggled", "heel_walk_weakness", "absent"),
    ("walk on his heels, fine. walk on his toes, struggled", "toe_walk_weakness", "present"),
    ("rock back on my heels? nope", "heel_walk_weakness", "present"),
    # a result in brackets needs no move word first
    ("walk on my heels. completely impossible, on tiptoes (fine)", "toe_walk_weakness", "absent"),
    ("tested: on heels (unable), on toes (ok)", "heel_walk_weakness", "present"),
])
def test_a_test_and_its_result_after_a_break(text, concept, status):
    assert statuses(text, concept) == {status}


@pytest.mark.parametrize("text", [
    "i have pain on my heels, cant walk far",
    "standing on my heels all day at work. cant sleep for the pain",
    "sore on my heels. no idea why",
    "i get pain on my heels (bad) when i walk",
])
def test_a_heel_that_is_no_test_is_no_heel_walk(text):
    assert statuses(text, "heel_walk_weakness") == set()


# ---- both tests in one breath, and the single-leg raise

@pytest.mark.parametrize("text, status", [
    ("heel-toe walk intact, Romberg -ve", "absent"),
    ("heel + toe walk ok, squats ok", "absent"),
    ("walks on toes and heels fine, normal gait", "absent"),
    ("walked on her heels and toes fine", "absent"),
    ("heel-toe walking impaired on the L", "present"),
])
def test_heel_and_toe_walking_joined_other_ways(text, status):
    assert statuses(text, "heel_walk_weakness") == {status}
    assert statuses(text, "toe_walk_weakness") == {status}


def test_the_tandem_gait_is_another_test():
    text = "heel-to-toe (tandem) walking steady"
    assert statuses(text, "heel_walk_weakness") == set() and statuses(text, "toe_walk_weakness") == set()


@pytest.mark.parametrize("text, status", [
    ("can't do 10 single-leg heel raises on the R", "present"),
    ("still cant do a single-leg heel raise on land", "present"),
    ("can do 20 single-leg calf raises each side", "absent"),
    ("single-leg heel raise: weak on the left", "present"),
])
def test_the_single_leg_raise_hyphenated_or_counted(text, status):
    assert statuses(text, "toe_walk_weakness") == {status}


# ---- the side of a one-sided story reaches a test named in the plural

def test_a_test_named_in_the_plural_takes_the_one_side_the_story_tells():
    text = "my left foot keeps catching. the physio had me walk on my heels. completely impossible"
    assert found(text, "heel_walk_weakness") == {("present", "left")}


def test_feet_named_beside_the_test_still_mean_both():
    text = "my left leg aches. walking on my heels hurts both feet, impossible"
    assert ("present", "left") not in found(text, "heel_walk_weakness")


# ---- "can't stand" the idiom is not trouble standing

@pytest.mark.parametrize("text", [
    "i can't stand the pain any more, it goes down my leg",
    "cant stand this burning in my feet at night",
    "I cant stand it, my foot tingles all day",
    "honestly i cant stand being stuck indoors with this back",
])
def test_cant_stand_the_pain_is_not_trouble_standing(text):
    assert statuses(text, "difficulty_walking") == set()


@pytest.mark.parametrize("text", [
    "my legs are so weak i cant stand",
    "cant stand. cant walk. please help",
    "he couldnt stand up this morning",
    "i cant stand for long without my back aching",
])
def test_cant_stand_is_still_trouble_standing(text):
    assert statuses(text, "difficulty_walking") == {"present"}


# ---- a reflex graded before its side and name

@pytest.mark.parametrize("text, concept, expected", [
    ("absent left ankle jerk", "achilles_reflex_absent", {("present", "left")}),
    ("absent L AJ", "achilles_reflex_absent", {("present", "left")}),
    ("trace R KJ", "patellar_reflex_absent", {("present", "right")}),
    ("diminished right knee jerk", "patellar_reflex_absent", {("present", "right")}),
    ("normal L ankle reflex", "achilles_reflex_absent", {("absent", "left")}),
])
def test_a_reflex_graded_before_its_side(text, concept, expected):
    assert found(text, concept) == expected


# ---- an exception to a normal exam is the exception's

@pytest.mark.parametrize("text, concept, expected", [
    ("reflexes 2+ symmetrical except trace L AJ", "achilles_reflex_absent", {("present", "left")}),
    ("power 5/5 throughout apart from L EHL 4/5", "weakness", {("present", "left")}),
    ("DTRs normal other than an absent right ankle jerk", "achilles_reflex_absent", {("present", "right")}),
])
def test_an_exception_to_a_normal_exam_replaces_its_normal_reading(text, concept, expected):
    assert found(text, concept) == expected


def test_the_rest_of_the_normal_exam_stays_normal():
    assert statuses("reflexes 2+ symmetrical except trace L AJ", "patellar_reflex_absent") == {"absent"}


@pytest.mark.parametrize("text, concept", [
    ("no back pain, but my back is sore when i bend", "back_pain"),             # "but" is no exception
    ("reflexes normal. except for that, AJ absent L", "achilles_reflex_absent"),  # another sentence
])
def test_no_exception_word_or_another_sentence_keeps_both(text, concept):
    assert statuses(text, concept) == {"absent", "present"}


# ---- sitting named as what brings it on is no relief on sitting

@pytest.mark.parametrize("text", [
    "sitting in my work chair makes it way worse",
    "sitting down or standing certain ways sends shooting pain down my leg",
    "my leg hurts more when ive sat too long",
    "the right leg goes numb a lot, esp sitting or bending over",
    "especially when i sit at my desk the foot burns",
])
def test_sitting_that_brings_it_on_is_no_relief(text):
    assert statuses(text, "relief_sitting_flexion") == {"absent"}


@pytest.mark.parametrize("text, expected", [
    ("sitting helps and standing makes it worse", {"present"}),    # sitting is not what makes it worse
    ("night pain esp lying prone", set()),                         # lying is no flexion
    ("the rest of the day walking makes it worse", set()),
])
def test_sitting_far_from_a_worse_is_not_read_as_its_cause(text, expected):
    assert statuses(text, "relief_sitting_flexion") == expected


# ---- the back listed after another place that shares the pain

@pytest.mark.parametrize("text, status", [
    ("pain in my leg and back since the fall", "present"),
    ("the ache in his hip and lower back is worse at night", "present"),
    ("woke up with the pain in my leg and back gone", "absent"),
])
def test_the_back_listed_after_another_place(text, status):
    assert statuses(text, "back_pain") == {status}
    assert statuses(text, "leg_pain") <= {status}      # the other place keeps its own reading


@pytest.mark.parametrize("text", [
    "pain in my leg and back to work on monday regardless",
    "i had pain in my leg and then it eased",
])
def test_back_as_an_adverb_is_not_the_back(text):
    assert statuses(text, "back_pain") == set()
