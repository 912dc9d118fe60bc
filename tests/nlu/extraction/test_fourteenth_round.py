"""Issue 10, fourteenth round: a past time that "just" does not end, and weakness graded mild is not the
sudden *severe* weakness of the red flag. Sentences of our own."""

import pytest

from actions.engine import assess, load_knowledge
from nlu.extraction import extract_findings


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def current(text, concept):
    return {f["status"] for f in extract_findings(text) if f["concept"] == concept and not f["historical"]}


# ---- "just" ends a denial's list, not a past time

@pytest.mark.parametrize("text, concept", [
    ("back in 2003, her legs just gave out from under her", "weakness"),
    ("in 2015, my foot just started dragging", "foot_drop"),
    ("years ago, my left leg just went numb for a week", "numbness"),
])
def test_just_does_not_end_a_past_time(text, concept):
    findings = [f for f in extract_findings(text) if f["concept"] == concept]
    assert findings and all(f["historical"] for f in findings)


@pytest.mark.parametrize("text, denied, stated", [
    ("no back pain, just leg pain", "back_pain", "leg_pain"),
    ("no numbness just tingling in my foot", "numbness", "tingling"),
])
def test_just_still_ends_a_denial(text, denied, stated):
    assert current(text, denied) == {"absent"}
    assert current(text, stated) == {"present"}


def test_a_relatives_past_and_a_present_after_just_stay_apart():
    findings = extract_findings("my mum had foot drop years ago, just my foot is numb")
    numb = [f for f in findings if f["concept"] == "numbness"]
    assert numb and numb[0]["experiencer"] == "patient" and not numb[0]["historical"]


# ---- a sudden onset with weakness graded 4/5 or better is asked about, not an emergency

MILD = [
    "27M, acute onset LBP after gardening, pain down R leg, foot noticeably weaker. DF 4/5 R, AJ reduced R",
    "woke 1/52 ago with a weak R ankle, EHL 4-/5, sensation intact",
    "sudden onset L leg pain and weakness. O/E PF 4/5, eversion 4+/5",
]


@pytest.mark.parametrize("text", MILD)
def test_an_onset_with_mild_graded_weakness_is_uncertain(text):
    assert current(text, "sudden_onset") == {"uncertain"}


@pytest.mark.parametrize("text", MILD)
def test_mild_graded_weakness_is_a_check_not_an_emergency(text, knowledge):
    result = assess(extract_findings(text), knowledge=knowledge).to_dict()
    assert result["triage"] != "emergency"
    assert "sudden_onset" in {check["concept"] for check in result["red_flag_checks"]}


@pytest.mark.parametrize("text", [
    "sudden weakness R leg, DF 2/5, EHL 4/5",                     # one grade is severe
    "sudden onset R foot drop, TA 4/5",                           # foot drop told in words
    "woke up and couldnt lift my foot at all, EHL 4/5",           # severity words
    "sudden weakness in my left leg since 4/5",                   # a date, no grade
    "acute onset L foot drop, 3/52 of LBP",                       # weeks, no grade
])
def test_severe_or_ungraded_weakness_keeps_its_sudden_onset(text, knowledge):
    assert "present" in current(text, "sudden_onset")
    assert assess(extract_findings(text), knowledge=knowledge).to_dict()["triage"] == "emergency"


# ---- a friend who is a doctor is a clinician, not the person a pronoun stands for

def test_a_clinician_friend_does_not_take_the_subjects_pronoun():
    findings = extract_findings("update on my brother. the mri says a disc has squeezed out and is pressing on his "
                                "left l4 root. my doctor friend translated, that could give him left leg pain")
    assert {f["experiencer"] for f in findings} == {"patient"}
    assert ("dx_prolapsed_disc", "present") in {(f["concept"], f["status"]) for f in findings}


# ---- "pinched a nerve" is the everyday name of a radiculopathy, reported when a clinician says it

@pytest.mark.parametrize("text, status", [
    ("my doctor says ive pinched a nerve in my lower back", {"present"}),
    ("the physio said i had trapped the nerve", {"present"}),
    ("i think ive trapped a nerve", set()),        # self-named: no clinician, no reported diagnosis
])
def test_a_pinched_nerve_told_by_a_clinician_is_a_reported_radiculopathy(text, status):
    assert current(text, "dx_lumbar_radiculopathy") == status


# ---- a pain that slides down the leg is a path; "slide it back in" names no back

def test_a_pain_sliding_down_the_leg_is_leg_pain():
    assert current("the pain slides down the side of my leg into the knee", "leg_pain") == {"present"}


def test_sliding_a_disc_back_in_is_no_back_pain():
    assert current("i thought they could just slide it back in but no, its injections then an op", "back_pain") == set()


# ---- a weak or normal knee or ankle is the limb's, not a reflex; a named reflex still is one

@pytest.mark.parametrize("text, reflex", [
    ("my knee is weak", "patellar_reflex_absent"),
    ("ankle weak on the left", "achilles_reflex_absent"),
    ("weak ankle DF + EHL", "achilles_reflex_absent"),
    ("normal knee bend, sore back", "patellar_reflex_absent"),
    ("reduced ankle dorsiflexion from a tight calf", "achilles_reflex_absent"),
    ("my knee is gone", "patellar_reflex_absent"),
    ("my ankle is missing something", "achilles_reflex_absent"),
    ("weak ankles", "achilles_reflex_absent"),
])
def test_a_joint_told_weak_or_normal_is_no_reflex(text, reflex):
    assert current(text, reflex) == set()


@pytest.mark.parametrize("text, reflex, status", [
    ("AJ weak L", "achilles_reflex_absent", "present"),
    ("weak ankle jerks", "achilles_reflex_absent", "present"),
    ("ankle 1 bilat", "achilles_reflex_absent", "present"),
    ("reflexes: knee 2, ankle 0", "patellar_reflex_absent", "absent"),
    ("reflexes: knee 2, ankle 0", "achilles_reflex_absent", "present"),
    ("knee reflexes normal", "patellar_reflex_absent", "absent"),
    ("diminished knee jerk R", "patellar_reflex_absent", "present"),
    ("ankles absent", "achilles_reflex_absent", "present"),
    ("Pt c/o parasthesias b/l feet, AJ's absent", "achilles_reflex_absent", "present"),
    ("L ankle jerk missing", "achilles_reflex_absent", "present"),
    ("reflexes knees 2+, ankles 0", "patellar_reflex_absent", "absent"),
])
def test_a_named_reflex_is_still_read(text, reflex, status):
    assert current(text, reflex) == {status}


@pytest.mark.parametrize("text", ["O/E weak ankle DF + EHL", "dorsiflexion weak R", "weakness of L ankle dorsiflexion"])
def test_weak_dorsiflexion_is_foot_drop(text):
    assert current(text, "foot_drop") == {"present"}
