"""Issue 10, eighteenth round: walking trouble told as falls and small steps, the back told by where a
pain's quality sits, and a clause opened by "its" or "hes" after a comma. Sentences of our own."""

import pytest

from nlu.extraction import extract_findings


def statuses(text, concept, **attrs):
    return {f["status"] for f in extract_findings(text)
            if f["concept"] == concept and all(f[key] == value for key, value in attrs.items())}


# ---- walking trouble told as falls, small steps or a step that cannot be taken

@pytest.mark.parametrize("text", [
    "my mum has fallen three times this week",
    "he fell 2 more times over the weekend",
    "been tripping and falling for months now",
    "she gets about in little steps holding the furniture",
    "tiny shuffling steps everywhere now",
    "halfway up the stairs i couldnt take another step",
    "near w/c bound since the spring",
    "O/E barely weight bearing on the R",
    "gait + mobility abnormal",
])
def test_falls_small_steps_and_a_step_not_taken_are_trouble_walking(text):
    assert statuses(text, "difficulty_walking") == {"present"}


@pytest.mark.parametrize("text", [
    "baby steps with the rehab but getting there",
    "small steps forward every week with the physio",
    "i fell on the ice last winter and hurt my back",
])
def test_figurative_steps_and_a_single_fall_are_not_trouble_walking(text):
    assert "present" not in statuses(text, "difficulty_walking")


# ---- the back told by where a pain's quality, a spasm or a pop sits

@pytest.mark.parametrize("text", [
    "then a stabbing feeling in my lower back",
    "a spasm in my low back brought me to my knees",
    "felt a pop low in my back lifting the tree",
    "still achy in the back six weeks after the fusion",
    "my back was on fire all night",
    "honestly my back is getting better",
    "the pain never settled, its in her low back and spreading down her leg",
])
def test_the_back_told_by_what_sits_in_it_is_back_pain(text):
    assert statuses(text, "back_pain") == {"present"}


def test_the_quality_keeps_its_own_finding_and_a_back_spasm_is_no_leg_cramp():
    found = {(f["concept"], f["status"]) for f in extract_findings("a stabbing feeling in my lower back")}
    assert ("shooting_pain", "present") in found
    assert "burning_pain" in {f["concept"] for f in extract_findings("my back was on fire")}
    assert statuses("a spasm in my low back", "leg_heaviness_cramping") == set()


@pytest.mark.parametrize("text", [
    "a knot in the back of my thigh",
    "a sharp feeling in the back of my calf",
    "sore in the back of my knee",
    "pain in the back of my knee when i kneel",
])
def test_the_back_of_a_limb_is_not_the_back(text):
    assert statuses(text, "back_pain") == set()


@pytest.mark.parametrize("text", [
    "the spasm in my back has gone",
    "no stabbing feeling in my back",
])
def test_a_denied_back_spasm_or_quality_is_absent(text):
    assert statuses(text, "back_pain") == {"absent"}


# ---- "its", "hes", "shes", "thats" after a comma open a new clause: a negation before stops there

@pytest.mark.parametrize("text, concept", [
    ("he doesnt get any tingling or numbness, its weakness in his thighs", "weakness"),
    ("no numbness, hes got tingling in his toes though", "tingling"),
    ("not the knee, shes got pain down the back of her calf", "leg_pain"),
])
def test_a_negation_ends_at_a_comma_before_an_apostrophe_less_clause(text, concept):
    assert statuses(text, concept) == {"present"}


def test_a_negated_list_before_the_comma_stays_denied():
    assert statuses("he doesnt get any tingling or numbness, its weakness in his thighs", "numbness") == {"absent"}


# ---- trouble passing urine, told with any difficulty word

@pytest.mark.parametrize("text", [
    "he told them about the pins and needles, trouble passing urine and shooting pains in his foot",
    "problems passing water since the weekend",
    "struggling to pass urine and my back is agony",
])
def test_trouble_passing_urine_is_bladder_dysfunction(text):
    assert statuses(text, "bladder_dysfunction") == {"present"}


def test_no_trouble_passing_water_is_denied():
    assert statuses("no trouble passing water, bowels fine", "bladder_dysfunction") == {"absent"}


# ---- walking or standing that brings symptoms on, told as exertion, a point on the walk, or too long

@pytest.mark.parametrize("text", [
    "c/o L leg pain on exertion",
    "thigh ache that comes on at the same point, halfway on her walk to the shop",
    "whenever im walking for a bit my legs go really heavy",
    "if i stand or sit in one spot too long i get a bad pain in my butt",
])
def test_exertion_and_a_point_on_the_walk_bring_symptoms_on(text):
    assert statuses(text, "worse_standing_walking") == {"present"}


def test_sitting_too_long_in_one_spot_is_no_relief_on_sitting():
    text = "if i stand or sit in one spot too long my leg goes numb"
    assert statuses(text, "relief_sitting_flexion") == {"absent"}


@pytest.mark.parametrize("text, concept", [
    ("if i stand or sit in one spot too long my leg goes numb", "numbness"),
    ("if i stand too long my leg goes numb", "numbness"),
    ("when i walk a bit my calves start cramping", "leg_heaviness_cramping"),
])
def test_the_symptom_walking_or_standing_brings_on_keeps_its_own_finding(text, concept):
    assert statuses(text, "worse_standing_walking") == {"present"}
    assert statuses(text, concept) == {"present"}


# ---- the whole lower body, and places named in the plural, are both sides

@pytest.mark.parametrize("text, concept", [
    ("after the op i was paralysed from the waist down", "weakness"),
    ("paralysed below the knees and couldnt pass urine", "weakness"),
    ("T10 paraplegia after the fall", "weakness"),
    ("my calves are numb after a short walk", "numbness"),
    ("numb on the soles every morning", "numbness"),
])
def test_the_lower_body_and_plural_places_are_both_sides(text, concept):
    assert {f["laterality"] for f in extract_findings(text) if f["concept"] == concept} == {"bilateral"}


def test_one_named_calf_keeps_its_side():
    assert {f["laterality"] for f in extract_findings("my left calf is numb") if f["concept"] == "numbness"} == {"left"}


# ---- the saddle named with a side or an odd feeling, and bladder trouble told as emptying

@pytest.mark.parametrize("text", [
    "now urinary retention and a numb R testicle",
    "numb L scrotum and perineum",
    "there was an odd feeling in his saddle area",
])
def test_a_saddle_numbness_with_a_side_or_an_odd_feeling_in_the_saddle_is_present(text):
    assert statuses(text, "saddle_anesthesia") == {"present"}


def test_an_odd_feeling_in_the_privates_is_still_asked_about():
    assert statuses("a strange feeling in my privates", "saddle_anesthesia") == {"uncertain"}


@pytest.mark.parametrize("text, concepts", [
    ("incomplete bladder emptying, faecal incontinence", {"bladder_dysfunction"}),
    ("my bladder feels incompletely emptied", {"bladder_dysfunction"}),
    ("now im stuck with bladder bowel and sex problems for good", {"bladder_dysfunction", "bowel_dysfunction"}),
])
def test_emptying_and_problems_shared_with_sex_are_bladder_or_bowel_trouble(text, concepts):
    for concept in concepts:
        assert statuses(text, concept) == {"present"}


# ---- a denial stops at a colon after its own object, and at a shorthand duration after a comma

@pytest.mark.parametrize("text, concept", [
    ("2 pts, both well, no vascular RFs: acute LBP with mild weakness of both legs", "weakness"),
    ("42M, no comorbs, 4/52 pain over the medial L ankle, numb L 1st-3rd toes", "numbness"),
    ("76M, no foot trauma, 2y of worsening pain + numbness in both feet", "numbness"),
    ("no numbness, 3/12 of leg pain", "leg_pain"),
])
def test_a_denial_ends_at_its_objects_colon_or_a_shorthand_duration(text, concept):
    assert statuses(text, concept) == {"present"}


@pytest.mark.parametrize("text, concept", [
    ("denies: numbness, weakness", "weakness"),
    ("ROS neg: no numbness, tingling or weakness", "tingling"),
    ("no numbness, 3/12 of leg pain", "numbness"),
])
def test_a_denial_still_reaches_its_own_list(text, concept):
    assert statuses(text, concept) == {"absent"}


# ---- a plan's length is not the complaint's duration; a dash between two numbers is a range

@pytest.mark.parametrize("text", [
    "Plan trial of conservative mx 6-12/52 before any surgical referral.",
    "plan conservative 3-6/12: flexion-based PT, NSAIDs",
    "6/52 of physio then review",
])
def test_a_plans_length_is_not_how_long_the_complaint_has_lasted(text):
    assert statuses(text, "symptoms_persist_weeks") == set()


@pytest.mark.parametrize("text, concept, status", [
    ("LBP 2-3/52, no numbness", "symptoms_persist_weeks", "present"),
    ("no numbness - my foot is weak", "weakness", "present"),
    ("no numbness - my foot is weak", "numbness", "absent"),
])
def test_a_range_dash_joins_numbers_and_a_dash_between_words_still_ends_a_clause(text, concept, status):
    assert statuses(text, concept) == {status}
