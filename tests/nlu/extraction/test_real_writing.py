"""How people really write (issue 10): one test group per class the issue names. Each case is a
sentence of our own in the style of the class, with the finding it must (or must not) give."""

import pytest

from nlu.extraction import extract_findings


def found(text):
    """{(concept, status, experiencer)} of the findings in ``text``."""
    return {(f["concept"], f["status"], f["experiencer"]) for f in extract_findings(text)}


def concepts(text):
    return {f["concept"] for f in extract_findings(text)}


def assert_finds(text, concept, status="present", experiencer="patient"):
    assert (concept, status, experiencer) in found(text), f"{text!r}: {extract_findings(text)}"


# ---- euphemistic bladder, bowel and saddle words

@pytest.mark.parametrize("text, concept", [
    ("can't tell when my bladder is full", "bladder_dysfunction"),
    ("had an accident in my pants this morning", "bladder_dysfunction"),
    ("i keep dribbling", "bladder_dysfunction"),
    ("cant get the stream going", "bladder_dysfunction"),
    ("i cant feel myself pass water", "bladder_dysfunction"),
    ("didnt make it to the loo in time last night", "bladder_dysfunction"),
    ("no feeling when I open my bowels", "bowel_dysfunction"),
    ("theres poo everywhere except in the toilet", "bowel_dysfunction"),
    ("im numb down below", "saddle_anesthesia"),
    ("my privates are numb", "saddle_anesthesia"),
    ("my bits feel numb", "saddle_anesthesia"),
    ("numb where I sit", "saddle_anesthesia"),
    ("numb in my crotch", "saddle_anesthesia"),
    ("it feels strange when wiping with toilet paper", "saddle_anesthesia"),
    # Not sensing the need to go, whoever is told about and however the need is said.
    ("my mum cant feel when she needs a wee", "bladder_dysfunction"),
    ("I can not feel when I need to pee", "bladder_dysfunction"),
    ("he doesnt know when he needs a poo", "bowel_dysfunction"),
])
def test_everyday_words_for_red_flags(text, concept):
    assert_finds(text, concept)


@pytest.mark.parametrize("text", ["i can feel when i need a wee", "hang on i need a wee", "she can tell when she needs to pee"])
def test_sensing_the_need_to_go_is_no_bladder_problem(text):
    assert ("bladder_dysfunction", "present", "patient") not in found(text), extract_findings(text)


def test_a_vague_bathroom_complaint_is_uncertain_not_ignored():
    assert_finds("things are kind of weird when he tries to go to the bathroom", "bladder_dysfunction", "uncertain")


def test_an_everyday_urge_is_asked_about_not_alarmed_on():
    assert ("bladder_dysfunction", "uncertain", "patient") in found("a constant urge to wee every waking minute")


# ---- sudden weakness told as a story, foot drop / heel / toe walk in everyday words

@pytest.mark.parametrize("text, expected", [
    ("got out of bed and my foot wouldn't lift", {"sudden_onset", "foot_drop"}),
    ("my leg suddenly gave out yesterday", {"sudden_onset", "weakness"}),
    ("overnight I lost the strength in my ankle", {"sudden_onset", "weakness"}),
    ("woke up boxing day with my right foot just not working", {"sudden_onset", "foot_drop"}),
])
def test_sudden_weakness_told_as_a_story(text, expected):
    assert expected <= concepts(text), extract_findings(text)


@pytest.mark.parametrize("text, concept", [
    ("my foot catches on the kerb", "foot_drop"),
    ("my toes scuff the floor", "foot_drop"),
    ("I have to march to clear my foot", "foot_drop"),
    ("neither foot will lift", "foot_drop"),
    ("i cant pick my foot up", "foot_drop"),
    ("i cant push up onto the balls of my feet", "toe_walk_weakness"),
    ("i cant rock back on my heels", "heel_walk_weakness"),
])
def test_foot_drop_heel_and_toe_walk_in_everyday_words(text, concept):
    assert_finds(text, concept)


def test_neither_foot_will_lift_is_both_sides():
    drop = [f for f in extract_findings("neither foot will lift") if f["concept"] == "foot_drop"]
    assert drop and drop[0]["laterality"] in (None, "bilateral")
    assert any(f["laterality"] == "bilateral" for f in extract_findings("both feet flop when i try"))


# ---- walking and posture told as stories

@pytest.mark.parametrize("text, concept, status", [
    ("after a couple of hundred metres I have to stop and bend forward", "worse_standing_walking", "present"),
    ("queuing is agony", "worse_standing_walking", "present"),
    ("cycling is fine", "relief_sitting_flexion", "present"),
    ("no position helps", "relief_sitting_flexion", "absent"),
    ("standing sitting even lying down is torture, nothing eases it", "relief_sitting_flexion", "absent"),
    ("i lean on the shopping trolley and it eases off", "relief_sitting_flexion", "present"),
    ("worse sitting, better walking", "worse_standing_walking", "absent"),
])
def test_walking_and_posture_stories(text, concept, status):
    assert_finds(text, concept, status)


def test_pain_told_as_a_path_names_every_part_it_reaches():
    text = "pain from my left buttock all the way down the leg into my foot"
    assert {"buttock_pain", "leg_pain", "foot_pain"} <= concepts(text)
    assert {f["laterality"] for f in extract_findings(text) if f["concept"] == "buttock_pain"} == {"left"}


def test_a_tingling_that_runs_down_the_leg_is_not_leg_pain():
    assert concepts("a tingling that runs down the back of my leg to my ankle") == {"tingling"}


# ---- no apostrophes, common misspellings

@pytest.mark.parametrize("text, concept, status", [
    ("i cant feel my foot", "numbness", "present"),
    ("i dont have back pain", "back_pain", "absent"),
    ("my legs arent weak", "weakness", "absent"),
    ("it isnt numb", "numbness", "absent"),
    ("i didnt wet myself", "bladder_dysfunction", "absent"),
    ("my legs werent numb at all", "numbness", "absent"),
    ("my sciatic is bad", "leg_pain", "present"),
    ("numbess in my toes", "numbness", "present"),
    ("tingly feet", "tingling", "present"),
    ("pins n needles in my toes", "tingling", "present"),
])
def test_no_apostrophes_and_misspellings(text, concept, status):
    assert_finds(text, concept, status)


# ---- negation and scope

def test_x_and_y_are_fine_denies_both():
    assert {("bladder_dysfunction", "absent", "patient"), ("bowel_dysfunction", "absent", "patient")} <= \
        found("my bladder and bowels are fine")
    assert {("back_pain", "absent", "patient"), ("leg_pain", "absent", "patient")} <= found("back and legs are fine")


def test_coordination_negates_or_affirms_both():
    assert {("back_pain", "absent", "patient"), ("leg_pain", "absent", "patient")} <= found("no back or leg pain")
    assert {("patellar_reflex_absent", "present", "patient"), ("achilles_reflex_absent", "present", "patient")} <= \
        found("knee and ankle reflexes were absent")


@pytest.mark.parametrize("text, kept", [
    ("no numbness - my foot is weak", ("weakness", "present", "patient")),
    ("no back pain, my foot is numb", ("numbness", "present", "patient")),
])
def test_a_dash_or_comma_does_not_carry_a_negation(text, kept):
    assert kept in found(text)


@pytest.mark.parametrize("text", [
    "the leaflet says go to A&E if you go numb down below",
    "gp said if i lose control of my waterworks or bowels to go straight to a&e",
    "physio said if i ever get numbness in my groin go straight to a&e",
    "could my office chair give me sciatica?",
    "can lower back pain cause pressure on the bladder?",
    "other people get weakness, numbness, even lose bladder and bowel control",
])
def test_conditionals_advice_and_causal_questions_are_not_findings(text):
    assert not concepts(text) & {"saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction", "leg_pain",
                                 "numbness", "weakness", "back_pain"}, extract_findings(text)


def test_an_if_that_states_a_symptom_is_kept():
    assert "leg_pain" in concepts("if i stand up the pain shoots down my legs")


def test_a_question_about_a_symptom_one_has_keeps_it():
    assert_finds("is it bad that I can't hold my pee?", "bladder_dysfunction")


def test_anatomy_contrast():
    assert_finds("my neck is sore but not my lower back", "back_pain", "absent")
    assert ("back_pain", "absent", "patient") in found("my back is absolutely fine, but my calf is killing me")


# ---- who it is about

def test_caregiver_reporting_a_relative_now_is_about_the_patient():
    assert_finds("my wife cant pass water since this afternoon", "bladder_dysfunction")
    assert_finds("my son's foot keeps dragging", "foot_drop")


def test_pronouns_and_appositions_carry():
    assert found("My dad, 70, has numb toes. He's also diabetic.") == {
        ("numbness", "present", "patient"), ("diabetes", "present", "patient")}


def test_family_history_stays_someone_elses():
    text = "my mother had foot drop years ago and my own foot is numb now"
    assert ("foot_drop", "present", "other") in found(text)
    assert_finds(text, "numbness")


def test_a_friends_story_beside_ones_own_symptoms_is_someone_elses():
    text = ("hurt my back at the gym and cant pass water today. my mates son had cauda equina and ended up "
            "with no feeling in his saddle area")
    assert ("saddle_anesthesia", "present", "other") in found(text)
    assert_finds(text, "bladder_dysfunction")


def test_a_reporting_relative_is_not_the_subject():
    assert_finds("my wife says my foot drags", "foot_drop")
    assert_finds("pt wife notes he has been tripping over his L foot", "foot_drop")


def test_the_writer_setting_themselves_apart_keeps_the_relative_other():
    assert ("diabetes", "present", "other") in found("my mum has diabetes, I don't")


# ---- reported diagnoses

@pytest.mark.parametrize("text, concept", [
    ("MRI showed stenosis at L4-5", "dx_lumbar_spinal_stenosis"),
    ("I was told I have spondylolisthesis", "dx_spondylolisthesis"),
    ("my physio says it's piriformis", "dx_piriformis_syndrome"),
    ("bulging disc L5/S1", "dx_prolapsed_disc"),
    ("diabetic neuropathy", "dx_peripheral_neuropathy"),
    ("doc says its sciatica", "dx_sciatica"),
    ("diagnosed with cauda equina syndrome in 2011", "dx_cauda_equina"),
])
def test_reported_diagnoses(text, concept):
    assert_finds(text, concept)


def test_sciatica_as_the_name_of_the_pain_is_leg_pain_and_named_by_a_doctor_a_diagnosis():
    assert concepts("my sciatica is killing me") == {"leg_pain"}
    assert "dx_sciatica" in concepts("doc says its sciatica") and "leg_pain" not in concepts("doc says its sciatica")


@pytest.mark.parametrize("text, concept", [
    ("DDx: PN vs LSS", "dx_lumbar_spinal_stenosis"),
    ("?disc bulge on R S1", "dx_prolapsed_disc"),
    ("worried it might be cauda equina", "dx_cauda_equina"),
    ("is that the cauda equina thing??", "dx_cauda_equina"),
])
def test_a_differential_guess_or_question_is_not_a_reported_diagnosis(text, concept):
    assert (concept, "present", "patient") not in found(text)


def test_a_diagnosis_given_in_the_past_is_still_reported():
    finding = [f for f in extract_findings("diagnosed with a herniated disc back in may")
               if f["concept"] == "dx_prolapsed_disc"]
    assert finding and finding[0]["status"] == "present" and finding[0]["historical"] is False


def test_someone_elses_diagnosis_is_not_the_patients():
    text = "years back my husband herniated a disc. now its my turn, ive got sciatica down the leg"
    assert ("dx_prolapsed_disc", "present", "patient") not in found(text)


# ---- clinician shorthand

@pytest.mark.parametrize("text, concept, status", [
    ("TA 4-/5", "weakness", "present"),
    ("AJ absent", "achilles_reflex_absent", "present"),
    ("KJ 2+", "patellar_reflex_absent", "absent"),
    ("PR: reduced tone", "bowel_dysfunction", "present"),
    ("retention", "bladder_dysfunction", "present"),
    ("PR lax tone", "bowel_dysfunction", "present"),
    ("DF nil", "foot_drop", "present"),
    ("power and sensation intact", "numbness", "absent"),
])
def test_clinician_shorthand(text, concept, status):
    assert_finds(text, concept, status)


def test_a_differential_is_not_doubt_about_the_patients_diabetes():
    assert found("T2DM. DDx: PN vs LSS") >= {("diabetes", "present", "patient"),
                                            ("dx_peripheral_neuropathy", "uncertain", "patient")}
    assert ("diabetes", "uncertain", "patient") not in found("T2DM. DDx: PN vs LSS")


def test_slr_is_not_misread_as_another_finding():
    assert concepts("SLR positive at 30 degrees") == set()


def test_lt_is_light_touch_not_the_left_side():
    numb = [f for f in extract_findings("reduced LT sensation medial R leg") if f["concept"] == "numbness"]
    assert numb and numb[0]["laterality"] == "right"


# ---- how long: one duration per text

def test_one_duration_per_text_and_frequencies_do_not_count():
    durations = [f for f in extract_findings("4 months on, the cortisone shot lasted 10 days and my back still hurts")
                 if f["concept"] == "symptoms_persist_weeks"]
    assert [d["status"] for d in durations] == ["present"]
    assert "symptoms_persist_weeks" not in concepts("epidurals 3 or 4 times a year for my back pain")
    assert "symptoms_persist_weeks" not in concepts("diabetic for 10 years, feet numb")


# ---- issue 10, second round: scope rules that generalise

@pytest.mark.parametrize("text", [
    "should you ever lose control of your bladder, dial 999",
    "the physio told me to watch for numbness in my groin",
    "what does it mean if your leg gives way?",
    "keep an eye out for any bladder changes and call us",
])
def test_more_advice_and_generic_you_are_not_findings(text):
    assert not [f for f in extract_findings(text) if f["experiencer"] == "patient" and not f["historical"]
                and f["concept"] in ("bladder_dysfunction", "saddle_anesthesia", "weakness")], extract_findings(text)


@pytest.mark.parametrize("text, concept", [
    ("in 2016 i had a numb foot for months", "numbness"),
    ("as a teenager my leg went weak after a fall", "weakness"),
])
def test_a_named_past_time_is_history(text, concept):
    assert any(f["concept"] == concept and f["historical"] for f in extract_findings(text)), extract_findings(text)


def test_a_problem_that_cleared_up_is_absent():
    assert_finds("the tingling in my foot has cleared up", "tingling", "absent")


def test_the_bladder_named_without_a_problem_is_asked_about_not_alarmed_on():
    assert_finds("could it be the disc, i feel the urge even with an empty bladder", "bladder_dysfunction", "uncertain")
    assert_finds("i have trouble... you know... controlling my bladder", "bladder_dysfunction", "present")
    assert_finds("no trouble with my waterworks", "bladder_dysfunction", "absent")
    # A red flag already present is not asked about again.
    assert [f["status"] for f in extract_findings("new urinary retention, 800 ml on bladder scan")
            if f["concept"] == "bladder_dysfunction"] == ["present"]


def test_parts_listed_before_a_pain_word_share_it():
    assert {"buttock_pain", "leg_pain"} <= concepts("L buttock and leg pain")
    assert {"thigh_pain", "leg_pain"} <= concepts("burning sharp pain lat thigh and lat leg b/l")
    # A part with its own symptom word is that symptom's.
    assert "foot_pain" not in concepts("numb foot and leg pain")


def test_a_year_ago_dates_a_past_episode():
    found = [f for f in extract_findings("had sciatica a year ago but that went away by itself") if f["concept"] == "leg_pain"]
    assert found and all(f["historical"] for f in found)
    assert "symptoms_persist_weeks" in concepts("it all started 3 days ago")


def test_radiating_is_where_the_pain_goes_not_its_quality():
    assert "shooting_pain" not in concepts("LBP radiating to the L leg")
    assert "leg_pain" in concepts("LBP radiating to the L leg")


@pytest.mark.parametrize("text", [
    "bent down to tie my shoes this morning and a sharp pain shot from my lower back down my leg",
    "lifting the dog and my back went",
    "sneezed at work and my back locked",
])
def test_an_onset_told_as_a_story_is_sudden(text):
    assert_finds(text, "sudden_onset")


def test_an_onset_story_keeps_its_history_and_needs_an_event():
    assert any(f["concept"] == "sudden_onset" and f["historical"]
               for f in extract_findings("years ago i bent over and my back went, now my foot is numb"))
    assert "sudden_onset" not in concepts("i was lifting boxes all day and it hurt by evening")


def test_a_question_mark_ending_a_statement_is_not_doubt():
    assert_finds("month after my disc op and now my legs feel weak?? what can i do", "weakness")
    assert_finds("why does my leg ache and go numb sometimes??", "numbness")
    assert_finds("is my foot numb?", "numbness", "uncertain")
    assert_finds("L foot weak, foot drop?", "foot_drop", "uncertain")
    assert_finds("maybe my right foot is a bit numb?", "numbness", "uncertain")


def test_the_organs_named_together_without_a_problem_are_asked_about():
    assert_finds("S: bowels + bladder stable", "bowel_dysfunction", "absent")
    assert_finds("leg pain and my bladder and bowels since the fall", "bladder_dysfunction", "uncertain")
    assert_finds("afterwards i didnt have full control of my bowels", "bowel_dysfunction")
    assert_finds("no accidents with my bowels or bladder", "bladder_dysfunction", "absent")
    assert any(f["historical"] for f in extract_findings("friday 13th april 2007 i woke up numb below my hip"))


def test_acute_before_a_symptom_is_an_onset_and_a_story_dates_only_what_it_tells():
    assert_finds("acute foot drop, no urinary incontinence", "sudden_onset")
    assert "sudden_onset" not in concepts("EMG shows acute denervation")
    # A story onset with the weakness told in another sentence: the weakness's onset is asked.
    assert_finds("lifting the sofa and my back went. now my left foot drags", "sudden_onset", "uncertain")
    assert_finds("lifting the sofa and my back went and my leg buckled", "sudden_onset", "present")


def test_lady_bits_are_no_lady_and_a_numbness_that_wore_off_is_gone():
    assert_finds("my lady bits are still numb", "saddle_anesthesia")
    assert_finds("the numbness wore off after a few hours", "numbness", "absent")


def test_a_path_from_the_hip_or_buttock_to_the_foot_crosses_the_leg():
    assert {"foot_pain", "leg_pain"} <= concepts("terrible pain from his hip down to his foot")
    assert "leg_pain" not in concepts("pain in my foot")


@pytest.mark.parametrize("text", ["every step is a fight to get the right foot up", "the foot didnt come up",
                                  "can't DF R foot", "my foot has started to drop"])
def test_foot_drop_told_loosely(text):
    assert_finds(text, "foot_drop")
