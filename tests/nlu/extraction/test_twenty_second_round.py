"""Issue 10, twenty-second round: what blind conversations and the positional stories showed. Sentences of
our own, not the probes'."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept):
    return [f["status"] for f in extract_findings(text) if f["concept"] == concept]


# ---- sitting that brings symptoms on is no relief on sitting

@pytest.mark.parametrize("text", [
    "my right calf goes numb and tingly whenever i sit",
    "it comes on when i sit in the car",
    "the burning starts when he sits down",
    "worse with coughing, lying down and sitting",
    "numb whether he is sitting or standing",
    "if i sit for a long time my foot aches",
    "long sitting and gardening are the worst for it",
])
def test_sitting_that_brings_symptoms_on_is_no_relief(text):
    assert statuses(text, "relief_sitting_flexion") == ["absent"]


@pytest.mark.parametrize("text", [
    "the ache goes right off when she sits down",
    "the pain goes away when i sit",
    "worse walking, better sitting",
])
def test_relief_on_sitting_stays(text):
    assert statuses(text, "relief_sitting_flexion") == ["present"]


def test_sitting_among_what_cannot_be_done_keeps_the_walking_trouble():
    text = "i cant walk or sit for more than ten minutes"
    assert statuses(text, "relief_sitting_flexion") == ["absent"]
    assert statuses(text, "difficulty_walking") == ["present"]


# ---- walking and standing limits told as distance, time, stopping or straightening

@pytest.mark.parametrize("text", [
    "cant walk more than 200 metres without a rest",
    "she can only stand for ten minutes",
    "the tingling stops as soon as i stop walking",
    "when he straightens up the leg pain comes back",
])
def test_walking_and_standing_limits(text):
    assert statuses(text, "worse_standing_walking") == ["present"]


# ---- an answer's "no" before a normal statement is no denial of the normal

@pytest.mark.parametrize("text, concept", [
    ("no bowels fine", "bowel_dysfunction"),
    ("nope my bladder is fine", "bladder_dysfunction"),
    ("nah, his waterworks are fine", "bladder_dysfunction"),
])
def test_a_reply_no_before_a_normal_statement_is_a_denial(text, concept):
    assert statuses(text, concept) == ["absent"]


def test_no_right_before_a_normal_word_still_negates_it():
    assert statuses("no normal feeling in the saddle area", "saddle_anesthesia") == ["present"]


# ---- normal saddle sensation in shorthand and plain words

@pytest.mark.parametrize("text", ["saddle intact", "SLR +ve 40, saddle intact", "perianal sensation nl",
                                  "down below is fine"])
def test_normal_saddle_sensation(text):
    assert statuses(text, "saddle_anesthesia") == ["absent"]


def test_a_documented_red_flag_screen_is_read_as_denials():
    findings = extract_findings("red flags neg: no saddle anaesthesia, no retention, PR tone nl")
    assert {(f["concept"], f["status"]) for f in findings} >= {
        ("saddle_anesthesia", "absent"), ("bladder_dysfunction", "absent"), ("bowel_dysfunction", "absent")}


def test_red_flags_to_watch_for_are_still_no_findings():
    assert statuses("the leaflet lists red flags like numbness in the saddle area", "saddle_anesthesia") == []


# ---- a past problem dated by an aside

def test_a_problem_dated_by_an_aside_after_a_comma_is_past():
    findings = [f for f in extract_findings("i had bowel problems after my surgery, about 10 years ago, "
                                            "all sorted now") if f["concept"] == "bowel_dysfunction"]
    assert findings and all(f["historical"] for f in findings)


def test_a_clause_after_the_comma_is_not_an_aside():
    findings = [f for f in extract_findings("my foot is numb, it started 2 years ago") if f["concept"] == "numbness"]
    assert findings and not any(f["historical"] for f in findings)


# ---- a reflex takes no site from the words around it

def test_a_reflex_takes_no_site_from_nearby_words():
    reflexes = [f for f in extract_findings("AJ absent R, numb sole and little toe")
                if f["concept"] == "achilles_reflex_absent"]
    assert [(f["status"], f["site"]) for f in reflexes] == [("present", None)]


# ---- wet without knowing, and no feeling when wiping

@pytest.mark.parametrize("text, concept", [
    ("woke up this morning and the bed was soaked, never felt myself go", "bladder_dysfunction"),
    ("she didnt even feel herself go", "bladder_dysfunction"),
    ("when i wipe i cant really feel anything", "saddle_anesthesia"),
])
def test_losses_told_as_what_was_not_felt(text, concept):
    assert "present" in statuses(text, concept)


# ---- short replies with their own finding

@pytest.mark.parametrize("text, concept, status", [
    ("nah sitting is worse", "relief_sitting_flexion", "absent"),
    ("sitting makes no difference to it", "relief_sitting_flexion", "absent"),
    ("no walking doesnt change it at all", "worse_standing_walking", "absent"),
    ("heels are fine", "heel_walk_weakness", "absent"),
    ("the outer edge of my foot feels kinda dead", "numbness", "present"),
])
def test_short_replies_that_tell_their_own_finding(text, concept, status):
    assert statuses(text, concept) == [status]


def test_the_back_first_in_a_list_of_sore_places_keeps_both():
    findings = extract_findings("my lower back and left leg are really sore")
    assert {(f["concept"], f["status"]) for f in findings} >= {("back_pain", "present"), ("leg_pain", "present")}


# ---- a second blind probe: note shorthand, no wee, and a reply's "no" before the news

@pytest.mark.parametrize("text, concept, status", [
    ("bowels nml", "bowel_dysfunction", "absent"),
    ("bladder nml", "bladder_dysfunction", "absent"),
    ("she hasnt peed since lunchtime", "bladder_dysfunction", "present"),
    ("not really, more of an ache and pins and needles in her calves", "tingling", "present"),
    ("no numbness, just tingling in the toes", "tingling", "present"),
    ("no pain its numb on the top", "numbness", "present"),
    ("no its not numb", "numbness", "absent"),
])
def test_shorthand_no_wee_and_a_reply_no_before_the_news(text, concept, status):
    assert statuses(text, concept) == [status]


@pytest.mark.parametrize("text", ["no back pain, leg pain or numbness", "no leg pain, back pain or numbness",
                                  "denies numbness, tingling or weakness"])
def test_a_denied_list_that_opens_with_a_pain_denies_every_item(text):
    findings = extract_findings(text)
    assert len(findings) == 3 and {f["status"] for f in findings} == {"absent"}


@pytest.mark.parametrize("text, status", [("worse sitting/cough, better lying", ["absent"]),
                                          ("lying down helps", []), ("better sitting down", ["present"])])
def test_relief_is_on_sitting_or_bending_not_lying(text, status):
    assert statuses(text, "relief_sitting_flexion") == status


def test_a_reply_no_and_a_dash_does_not_deny_the_exam_after_it():
    assert statuses("no - EHL 3/5 but came on over 3/52, not sudden", "weakness") == ["present"]


@pytest.mark.parametrize("text, concept", [("voiding nl", "bladder_dysfunction"),
                                           ("no positional pattern at all", "relief_sitting_flexion")])
def test_note_shorthand_for_normal_and_no_pattern(text, concept):
    assert statuses(text, concept) == ["absent"]


@pytest.mark.parametrize("text, status", [("when i cough or sneeze it shoots down my leg", []),
                                          ("every time i bend over something pops", []),
                                          ("i sneezed and my back locked", ["present"]),
                                          ("when i was lifting the box my back went", ["present"])])
def test_what_sets_it_off_each_time_is_no_sudden_onset(text, status):
    assert statuses(text, "sudden_onset") == status
