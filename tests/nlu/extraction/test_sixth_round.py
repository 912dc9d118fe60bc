"""Issue 10, sixth round: red-flag wordings found by probing the extractor with sentences of our own, each
class tested here (not with development texts)."""

import pytest

from actions.engine import assess
from nlu.extraction import extract_findings


def found(text):
    """{(concept, status)} of the patient's current findings in ``text``."""
    return {(f["concept"], f["status"]) for f in extract_findings(text)
            if f["experiencer"] == "patient" and not f["historical"]}


# ---- numbness below a line on the body takes in the saddle area

@pytest.mark.parametrize("text", [
    "no feeling from the waist down since last night",
    "i cant feel anything below my belly button",
    "legs are numb from the hips down",
    "he still has very little feeling from the waist down",
    "numb below the waist",
])
def test_numbness_below_the_waist_is_both_legs_and_the_saddle(text):
    findings = extract_findings(text)
    assert ("saddle_anesthesia", "present") in found(text)
    assert ("numbness", "present") in found(text)
    # The saddle is not a side of the body; the legs' numbness is both sides.
    assert [f["laterality"] for f in findings if f["concept"] == "saddle_anesthesia"] == [None]
    assert [f["laterality"] for f in findings if f["concept"] == "numbness"] == ["bilateral"]


def test_one_leg_numb_from_the_hip_down_is_not_the_saddle():
    assert ("saddle_anesthesia", "present") not in found("my left leg is numb from the hip down")


def test_numbness_below_the_waist_with_back_pain_is_an_emergency():
    result = assess(extract_findings("no feeling from the waist down since last night and my back is killing me"))
    assert result.triage == "emergency"


# ---- "and my ..." starts a new statement: a denial or a hedge before it does not reach into it

@pytest.mark.parametrize("text, expected", [
    ("i havent been able to go to the loo for two days and my bum is numb", ("saddle_anesthesia", "present")),
    ("i havent been able to work and my foot is numb", ("numbness", "present")),
    ("i might have sciatica and my foot is numb", ("numbness", "present")),
])
def test_a_new_clause_ends_a_denial_or_a_hedge(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text, expected", [
    ("no weakness and no numbness", ("numbness", "absent")),
    ("i dont have back pain and leg pain", ("leg_pain", "absent")),
])
def test_a_denial_still_reaches_a_list_of_findings(text, expected):
    assert expected in found(text)


def test_a_new_clause_does_not_end_a_past_episode():
    findings = extract_findings("10 years ago i fell asleep with my legs crossed and my right foot flopped")
    assert [f["historical"] for f in findings if f["concept"] == "foot_drop"] == [True]


# ---- legs that fail, told as a story

@pytest.mark.parametrize("text", [
    "my legs just went from under me",
    "his legs turned to jelly and he went down",
    "my left leg wont support me",
    "my leg wont hold my weight",
])
def test_legs_that_fail_are_weakness(text):
    assert ("weakness", "present") in found(text)


@pytest.mark.parametrize("text", [
    "my right foot just started slapping on the ground",
    "his foot keeps dragging on the pavement",
])
def test_a_foot_that_started_slapping_is_foot_drop(text):
    assert ("foot_drop", "present") in found(text)


@pytest.mark.parametrize("text", [
    "my husband is paralysed from the waist down since he woke up",
    "my foot has been flopping since i woke up",
])
def test_since_waking_dates_the_onset_to_the_night(text):
    assert ("sudden_onset", "present") in found(text)


@pytest.mark.parametrize("text", [
    "my legs just went from under me this afternoon, back pain for a week",
    "his legs turned to jelly this morning and he cant walk",
    "my leg wont take my weight anymore, happened this morning, back pain too",
])
def test_a_failing_leg_with_a_recent_time_is_a_red_flag_check(text):
    result = assess(extract_findings(text)).to_dict()
    assert result["triage"] == "emergency" or any(
        check["concept"] == "sudden_onset" for check in result["red_flag_checks"])


# ---- everyday and rude words for the buttocks

@pytest.mark.parametrize("text", ["my ass is numb", "my arse has gone numb", "one bum cheek feels numb"])
def test_a_numb_backside_in_any_words_is_saddle_numbness(text):
    assert ("saddle_anesthesia", "present") in found(text)


def test_a_pain_in_the_ass_is_not_a_finding():
    assert found("my boss is a pain in the ass") == set()


# ---- care words and reporters are told apart whatever the order of the context rules

@pytest.mark.parametrize("text, concept, status", [
    ("my physio reckons its piriformis", "dx_piriformis_syndrome", "present"),
    ("my riding buddy reckons its a slipped disc", "dx_prolapsed_disc", "uncertain"),
    ("MRI pinched nerve at L5", "dx_lumbar_radiculopathy", "present"),
    ("MRI of the lumbar spine: pinched nerve at L5", "dx_lumbar_radiculopathy", "present"),
])
def test_a_clinicians_word_reports_and_a_friends_guess_does_not(text, concept, status):
    assert (concept, status) in found(text)


@pytest.mark.parametrize("text", [
    "stress fracture, so a brace and 6-12 weeks physio before football",
    "physio for 6 weeks then review",
])
def test_weeks_of_physio_are_not_weeks_of_symptoms(text):
    assert "symptoms_persist_weeks" not in {concept for concept, _ in found(text)}


def test_a_patient_who_did_not_know_still_has_the_rest():
    assert ("back_pain", "present") in found("pooed myself and didnt know, my back is agony")


@pytest.mark.parametrize("text", ["bad sciatica and my wee wont come", "my pee wont start, leg pain"])
def test_urine_that_will_not_come_is_bladder_dysfunction(text):
    assert ("bladder_dysfunction", "present") in found(text)


def test_both_feet_dropping_is_foot_drop():
    assert ("foot_drop", "present") in found("both my feet are dropping since yesterday")


def test_a_numb_private_area_is_saddle_numbness():
    assert ("saddle_anesthesia", "present") in found("my private area feels numb")


# ---- found on the seventh and eighth development splits (our own sentences)

@pytest.mark.parametrize("text, expected", [
    ("lifting the sofa, my back went and now i cant stand straight", ("back_pain", "present")),
    ("her back started hurting at work", ("back_pain", "present")),
    ("felt odd at lunch and minutes later his legs gave way", ("sudden_onset", "present")),
    ("LBP with urinary difficulty", ("bladder_dysfunction", "present")),
])
def test_everyday_and_shorthand_wordings(text, expected):
    assert expected in found(text)


def test_the_reason_for_a_scan_is_the_current_complaint():
    findings = extract_findings("MRI L-spine, hx: LBP with LLE numbness and urinary difficulty")
    assert {f["concept"] for f in findings if not f["historical"]} >= {"back_pain", "numbness", "bladder_dysfunction"}


def test_a_past_medical_history_stays_in_the_past():
    assert [f["historical"] for f in extract_findings("pmh: sciatica") if f["concept"] == "leg_pain"] == [True]


def test_the_risks_of_an_operation_are_no_emergency():
    text = "the surgeon could operate but worst case id be paralysed and lose control of my bladder"
    assert assess(extract_findings(text)).triage != "emergency"
    assert ("weakness", "present") not in found(text)


def test_a_relative_just_diagnosed_is_the_consultation_subject():
    findings = extract_findings("my daughter was just diagnosed with spondylolisthesis")
    assert [(f["concept"], f["experiencer"]) for f in findings] == [("dx_spondylolisthesis", "patient")]


def test_a_relatives_old_story_is_still_someone_elses():
    assert [f["experiencer"] for f in extract_findings("my mother had foot drop years ago")] == ["other"]


@pytest.mark.parametrize("text", ["mri: a huge l5/s1 disc fragment", "mri showed loose bits of disc on the nerve",
                                  "the disc was pressing on the nerve"])
def test_disc_fragments_are_a_reported_disc(text):
    assert ("dx_prolapsed_disc", "present") in found(text)
