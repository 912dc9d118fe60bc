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


# ---- red flags a blind probe found missed with no check

@pytest.mark.parametrize("text, concept", [
    ("i just dont feel when my bladder is full any more, sciatica down my left leg", "bladder_dysfunction"),
    ("he doesnt know when his bladder is full and his back is agony", "bladder_dysfunction"),
    ("ive not been able to go for a wee since breakfast and my back is killing me", "bladder_dysfunction"),
    ("she hasnt been to the loo for a pee all day, back pain down her leg", "bladder_dysfunction"),
    ("havent passed any urine since last night, bad sciatica", "bladder_dysfunction"),
    ("loss of control of my back passage since this morning, low back pain into my buttock", "bowel_dysfunction"),
    ("found poo in my knickers and never felt it, my back is bad", "bowel_dysfunction"),
    ("when i wipe after a wee i cant feel the paper at all, back pain for a week", "saddle_anesthesia"),
    ("i cant feel anything where i sit, sciatica both legs", "saddle_anesthesia"),
    ("couldnt feel the flannel on my inner thighs in the shower, back pain", "saddle_anesthesia"),
    ("down there is completely dead since yesterday and my back has gone", "saddle_anesthesia"),
    ("my husband cant tell when he needs to open his bowels, sciatica both legs", "bowel_dysfunction"),
])
def test_an_everyday_red_flag_is_found(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


@pytest.mark.parametrize("text, concept", [
    ("my sons back is in bits since rugby", "back_pain"),
    ("new paraparesis since this am, cannot weight bear", "weakness"),
    ("my toes keep catching on the kerb", "foot_drop"),
    ("why does my left foot feel like its asleep all the time", "numbness"),
    ("both feet feel like theyre asleep", "numbness"),
])
def test_a_back_in_bits_paraparesis_catching_toes_and_a_foot_asleep(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


@pytest.mark.parametrize("text", [
    "since this morning i cant lift my right foot",
    "over the last hour he has lost the strength in both legs and cant stand",
    "b/l LL weakness onset 2h, hip flexion 2/5",
    "i literally just tried to stand and my legs went, stuck on the kitchen floor",
    "mum collapsed in the hall, her legs went from under her and now she cant move them",
])
def test_weakness_dated_to_the_last_hours_gets_the_sudden_onset_check(text):
    assert [f["status"] for f in found(text, "sudden_onset")] in (["uncertain"], ["present"])


@pytest.mark.parametrize("text, concept", [
    ("what does saddle numbness feel like? the leaflet says watch for it", "saddle_anesthesia"),
    ("how does foot drop start?", "foot_drop"),
])
def test_a_question_about_a_term_names_no_finding(text, concept):
    assert [f["status"] for f in found(text, concept) if f["status"] == "present"] == []


@pytest.mark.parametrize("text, concept, status", [
    ("what does it mean that my foot drags?", "foot_drop", "present"),
    ("my bladder is fine, i can tell when its full", "bladder_dysfunction", "absent"),
    ("my back has been bad for 3 weeks since the move", "sudden_onset", None),
])
def test_what_the_new_words_leave_alone(text, concept, status):
    assert [f["status"] for f in found(text, concept)] == ([status] if status else [])


# ---- a loss told with a negation is no denial (a probe of our own; these had been read as denials)

@pytest.mark.parametrize("text, concept", [
    ("i dont get the urge to wee any more and my back is agony", "bladder_dysfunction"),
    ("i never know when im going to wet myself now, back and leg pain", "bladder_dysfunction"),
    ("he doesnt realise hes wet himself, his back has been bad all week", "bladder_dysfunction"),
    ("i dont feel anything when i sit on the toilet, back pain down my leg", "saddle_anesthesia"),
])
def test_a_loss_told_with_a_negation_is_found(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]


@pytest.mark.parametrize("text, concept", [
    ("i can feel when i need to wee, no leaks, just back pain", "bladder_dysfunction"),
    ("i can feel everything down there, just my foot is numb", "saddle_anesthesia"),
])
def test_a_sensation_told_as_kept_is_a_denial(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["absent"]


def test_a_kept_sensation_followed_by_but_is_not_a_denial():
    assert "absent" not in [f["status"] for f in found(
        "i can feel when i need to wee but i keep sleeping through and waking up wet", "bladder_dysfunction")]


@pytest.mark.parametrize("text, concept, status", [
    ("i have full control of my bladder, just sciatica", "bladder_dysfunction", "absent"),
    ("she has good control of her bowels and bladder", "bowel_dysfunction", "absent"),
    ("i didnt have full control of my bowels after the op and still dont", "bowel_dysfunction", "present"),
    ("im not in control of my bladder anymore, back and leg pain", "bladder_dysfunction", "present"),
    ("i dont have any feeling between my legs now, back pain", "saddle_anesthesia", "present"),
    ("normal feeling in my groin and bottom, only my foot is numb", "saddle_anesthesia", "absent"),
    ("i still have feeling down there thank god, back pain and sciatica", "saddle_anesthesia", "absent"),
    ("bladder emptying fine, sciatica down my leg", "bladder_dysfunction", "absent"),
])
def test_control_and_feeling_kept_or_lost(text, concept, status):
    assert [f["status"] for f in found(text, concept)] == [status]


# ---- the subject after the verb in a question: "why cant i lift my toes"

@pytest.mark.parametrize("text, concept", [
    ("why cant i lift my toes properly on my left foot", "foot_drop"),
    ("why can't he walk on his heels any more", "heel_walk_weakness"),
])
def test_a_question_with_the_subject_after_the_verb_tells_the_symptom(text, concept):
    assert [f["status"] for f in found(text, concept)] == ["present"]
