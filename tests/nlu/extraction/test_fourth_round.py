"""Issue 10, fourth round: classes of wording found on the development splits, each tested with sentences
of our own (not the development texts)."""

import pytest

from nlu.extraction import extract_findings


def found(text):
    """{(concept, status)} of the patient's current findings in ``text``."""
    return {(f["concept"], f["status"]) for f in extract_findings(text)
            if f["experiencer"] == "patient" and not f["historical"]}


# ---- one problem word shared by both organs

@pytest.mark.parametrize("text", [
    "came in with urinary + faecal incontinence and low back pain",
    "new urinary AND fecal incontinence since the fall",
    "bowel and urinary incontinence, weak legs",
])
def test_a_problem_word_shared_by_bladder_and_bowel_states_both(text):
    assert {("bladder_dysfunction", "present"), ("bowel_dysfunction", "present")} <= found(text)
    assert ("bladder_dysfunction", "uncertain") not in found(text)


def test_a_shared_problem_word_under_a_denial_denies_both():
    assert {("bladder_dysfunction", "absent"), ("bowel_dysfunction", "absent")} <= found(
        "no urinary or faecal incontinence")


# ---- reduced reflexes are hyporeflexia: they localise like absent ones

@pytest.mark.parametrize("text, concept", [
    ("KJ reduced on the L", "patellar_reflex_absent"),
    ("ankle jerk diminished, SLR positive", "achilles_reflex_absent"),
    ("trace AJ bilaterally", "achilles_reflex_absent"),
])
def test_a_reduced_reflex_is_stated_present(text, concept):
    assert (concept, "present") in found(text)


def test_a_normal_reflex_is_still_absent():
    assert ("achilles_reflex_absent", "absent") in found("AJ 2+ and symmetrical")


# ---- walking told with every form of the gait verbs and aids

@pytest.mark.parametrize("text", [
    "i have to hobble to the car",
    "she is back on the rollator",
    "he came in on a four wheel walker",
    "walked to the car with help",
    "a run of falls since christmas",
    "my feet feel like blocks and im misjudging steps",
])
def test_gait_verbs_and_aids_are_difficulty_walking(text):
    assert ("difficulty_walking", "present") in found(text)


def test_walking_without_help_is_not_difficulty_walking():
    assert ("difficulty_walking", "present") not in found("walking fine, no pain in my legs")


# ---- a dated onset of a complaint still there says how long it has lasted

@pytest.mark.parametrize("text", [
    "hurt my back lifting a few weeks back and my back still aches every day",
    "3 months ago the pain in my left leg started and it still hurts",
    "the numbness started back in june. it is still there",
    "in 2019 my left foot started going numb and it still is",
])
def test_an_onset_dated_weeks_ago_of_a_current_complaint_lasts_weeks(text):
    assert ("symptoms_persist_weeks", "present") in found(text)


@pytest.mark.parametrize("text", [
    "had a slipped disc in 2019, now numb on the outside of my foot",
    "years ago my dad had sciatica",
    "3 months ago i went to spain",
])
def test_a_dated_past_event_without_a_current_complaint_says_no_duration(text):
    assert "symptoms_persist_weeks" not in {concept for concept, _ in found(text)}


def test_a_counted_duration_wins_over_a_dated_onset():
    findings = [f for f in extract_findings("back in 2015 i hurt my back. this new pain in my leg has been there for 3 days")
                if f["concept"] == "symptoms_persist_weeks"]
    assert [f["status"] for f in findings] == ["absent"]


def test_a_dated_onset_quotes_the_users_own_words():
    text = "hurt my back a few weeks back and it still aches"
    duration = next(f for f in extract_findings(text) if f["concept"] == "symptoms_persist_weeks")
    assert text[duration["start"]:duration["end"]] == duration["text"] == "a few weeks back"


def test_a_complaint_dated_in_the_past_that_goes_on_since_is_current():
    findings = extract_findings("back in june i got this pain down both legs, been on a walking stick since, "
                                "in and out of pain for months")
    leg = next(f for f in findings if f["concept"] == "leg_pain")
    assert leg["status"] == "present" and not leg["historical"]


def test_a_past_complaint_fine_since_stays_in_the_past():
    foot_drop = next(f for f in extract_findings("years ago i had foot drop, fine since, still get a twinge in my back")
                     if f["concept"] == "foot_drop")
    assert foot_drop["historical"]


# ---- pain told as a likeness reaches the part it names

@pytest.mark.parametrize("text, concept", [
    ("like a knife in the bottom of my foot when i step", "foot_pain"),
    ("stabs into my heel first thing", "foot_pain"),
    ("zaps right down my leg", "leg_pain"),
])
def test_a_pain_likeness_reaches_the_part_it_names(text, concept):
    assert (concept, "present") in found(text)


def test_picking_up_the_feet_is_no_pain():
    assert ("foot_pain", "present") not in found("i pick up my feet higher now")


# ---- advice told as a list of warning signs is not a finding

@pytest.mark.parametrize("text", [
    "most sciatica can wait. but if it ever turns into numbness where youd sit, inner thighs, groin, and on top "
    "of that new trouble peeing, a weak stream, thats cauda equina and you go to hospital that day",
    "warning card from the physios: no feeling between your inner thighs, numb round your back passage, "
    "cant hold a bowel motion. answer yes to any of these and go to a&e now",
])
def test_a_list_of_warning_signs_in_advice_states_no_red_flag(text):
    concepts = {concept for concept, status in found(text) if status == "present"}
    assert not concepts & {"saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction"}


def test_a_report_inside_advice_is_still_a_finding():
    assert ("weakness", "present") in found("they told me to watch for numbness, and my foot is weak now, "
                                            "should i go to a&e")


# ---- clinician numbers and everyday words for the red-flag areas

@pytest.mark.parametrize("text", ["PVR 270 ml", "post void residual of 450ml", "bladder scan 800 ml"])
def test_a_retention_volume_is_a_bladder_problem(text):
    assert ("bladder_dysfunction", "present") in found(text)


def test_a_small_residual_is_not_retention():
    assert ("bladder_dysfunction", "present") not in found("PVR 50 ml")


def test_not_feeling_the_wiping_is_saddle_numbness():
    assert ("saddle_anesthesia", "present") in found("she cant feel it when she wipes with the toilet paper")


def test_hurrying_to_the_toilet_is_asked_about_not_alarmed_on():
    assert ("bladder_dysfunction", "uncertain") in found("often has to rush to the toilet")
    assert ("bladder_dysfunction", "present") not in found("often has to rush to the toilet")


def test_sudden_jolts_are_the_shooting_quality_not_an_onset():
    concepts = found("i get sudden jolts like electric shocks with no warning, and weakness in my leg")
    assert ("shooting_pain", "present") in concepts and "sudden_onset" not in {c for c, _ in concepts}


# ---- a sudden-weakness story told over two sentences is asked about

def test_a_collapse_the_sentence_after_an_onset_is_a_sudden_weakness_check():
    findings = extract_findings("friday morning i rolled over in bed and my back hurt. tried to stand "
                                "and my legs wouldnt hold me")
    assert any(f["concept"] == "sudden_onset" and f["status"] == "uncertain" for f in findings)


def test_an_onset_two_sentences_before_the_weakness_is_another_story():
    findings = extract_findings("friday morning i rolled over in bed. had breakfast with the kids. "
                                "my leg is weak these days")
    assert not any(f["concept"] == "sudden_onset" for f in findings)
