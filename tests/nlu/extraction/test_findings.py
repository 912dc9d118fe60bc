"""Behaviour of the free-text extractor on the cases the issue names (one assertion target each)."""

import pytest

from nlu.extraction import extract_findings


def only(findings, concept):
    matches = [f for f in findings if f["concept"] == concept]
    assert len(matches) == 1, f"expected one {concept} finding, got {findings}"
    return matches[0]


def test_acceptance_sentence_from_issue():
    findings = extract_findings("Pt c/o R foot numbness, denies bladder problems, can't heel walk")
    numbness = only(findings, "numbness")
    assert (numbness["status"], numbness["laterality"]) == ("present", "right")
    assert only(findings, "bladder_dysfunction")["status"] == "absent"
    assert only(findings, "heel_walk_weakness")["status"] == "present"


def test_finding_dict_follows_shared_contract():
    text = "my left foot is numb"
    finding = only(extract_findings(text), "numbness")
    assert set(finding) == {"concept", "site", "laterality", "status", "experiencer", "historical", "text", "start", "end"}
    assert text[finding["start"]:finding["end"]] == finding["text"] == "numb"
    assert finding["experiencer"] == "patient" and finding["historical"] is False


@pytest.mark.parametrize(
    "text, concept",
    [
        ("my foot slaps the ground", "foot_drop"),
        ("pins and needles", "tingling"),
        ("I can't walk on my heels", "heel_walk_weakness"),
        ("can't stand on tiptoe", "toe_walk_weakness"),
        ("I keep peeing myself", "bladder_dysfunction"),
        ("numb between my legs", "saddle_anesthesia"),
        ("my toes curl under when I stand", "toe_clawing_weight_bearing"),
        ("ankle jerk absent", "achilles_reflex_absent"),
        ("AJ 0", "achilles_reflex_absent"),
        ("knee jerk absent", "patellar_reflex_absent"),
        ("paresthesias in the foot", "tingling"),
        ("saddle anesthesia", "saddle_anesthesia"),
        ("urinary retention", "bladder_dysfunction"),
        ("it all started suddenly", "sudden_onset"),
        ("the weakness came on overnight", "sudden_onset"),
        ("numbnes in my foot", "numbness"),
        ("tinglin in my toes", "tingling"),
        ("weakness of dorsiflexion", "weakness"),
    ],
)
def test_lay_and_clinical_phrasing_is_present(text, concept):
    assert only(extract_findings(text), concept)["status"] == "present"


def test_ehl_weakness_is_big_toe_weakness_not_foot_drop():
    findings = extract_findings("EHL 4/5")
    weakness = only(findings, "weakness")
    assert weakness["site"] == "big_toe"
    assert not [f for f in findings if f["concept"] == "foot_drop"]


@pytest.mark.parametrize("text", ["no numbness", "denies numbness", "without numbness", "negative for numbness",
                                  "neg for numbness", "pt denies numbness, tingling or weakness"])
def test_negation_cues(text):
    assert only(extract_findings(text), "numbness")["status"] == "absent"


def test_negation_covers_a_list():
    findings = extract_findings("denies numbness, tingling, or weakness")
    assert {f["concept"]: f["status"] for f in findings} == {
        "numbness": "absent", "tingling": "absent", "weakness": "absent"}


def test_negation_stops_at_but():
    findings = extract_findings("no numbness but tingling in my left foot")
    assert only(findings, "numbness")["status"] == "absent"
    assert only(findings, "tingling")["status"] == "present"


def test_negation_does_not_enter_a_new_clause():
    findings = extract_findings("no numbness, my foot is weak")
    assert only(findings, "weakness")["status"] == "present"


@pytest.mark.parametrize("text", ["maybe some numbness", "not sure if it's numbness", "numbness?", "?numbness"])
def test_uncertainty_cues(text):
    assert only(extract_findings(text), "numbness")["status"] == "uncertain"


def test_question_about_own_problem_stays_present():
    assert only(extract_findings("is it bad that I can't hold my pee?"), "bladder_dysfunction")["status"] == "present"


def test_other_experiencer():
    finding = only(extract_findings("my mother had foot drop"), "foot_drop")
    assert (finding["experiencer"], finding["status"]) == ("other", "present")


def test_relative_reporting_on_patient_keeps_patient():
    assert only(extract_findings("my wife says my left foot drags"), "foot_drop")["experiencer"] == "patient"


def test_historical_keeps_stated_status():
    finding = only(extract_findings("I had foot drop years ago"), "foot_drop")
    assert (finding["historical"], finding["status"]) == (True, "present")
    # a lasting condition is not a past episode: a history of diabetes is diabetes now (seventh round)
    assert only(extract_findings("history of diabetes"), "diabetes")["historical"] is False


@pytest.mark.parametrize(
    "text, laterality",
    [("left foot numbness", "left"), ("numbness in my right foot", "right"), ("numbness in both feet", "bilateral"),
     ("bilat foot numbness", "bilateral"), ("R foot numbness", "right"), ("numbness L foot", "left")],
)
def test_laterality_terms(text, laterality):
    assert only(extract_findings(text), "numbness")["laterality"] == laterality


def test_on_that_side_takes_the_last_stated_side():
    findings = extract_findings("Left leg pain. Numbness on that side too.")
    assert only(findings, "numbness")["laterality"] == "left"


def test_each_finding_takes_its_nearest_side():
    findings = extract_findings("L foot numb and R foot weak")
    assert only(findings, "numbness")["laterality"] == "left"
    assert only(findings, "weakness")["laterality"] == "right"


def test_capital_letters_are_sides_only_in_clinical_context():
    assert only(extract_findings("numbness in the L5 distribution"), "numbness")["laterality"] is None
    assert only(extract_findings("R/O foot drop"), "foot_drop")["laterality"] is None


@pytest.mark.parametrize(
    "text, concept, site",
    [("numbness on the top of my foot", "numbness", "dorsum"),
     ("pain along the bottom of the foot", "foot_pain", "sole"),
     ("tingling down the outside of my calf", "tingling", "lateral_calf"),
     ("numb big toe", "numbness", "big_toe")],
)
def test_site_attachment(text, concept, site):
    assert only(extract_findings(text), concept)["site"] == site


def test_sites_do_not_jump_clauses():
    findings = extract_findings("numbness, and pain in my shin")
    assert only(findings, "numbness")["site"] is None


def test_one_phrase_can_state_two_concepts():
    findings = extract_findings("denies bowel or bladder problems")
    assert {(f["concept"], f["status"]) for f in findings} == {
        ("bowel_dysfunction", "absent"), ("bladder_dysfunction", "absent")}


def test_normal_exam_phrases_are_absent_findings():
    findings = extract_findings("heel walk normal, AJ 2+, strength 5/5")
    assert only(findings, "heel_walk_weakness")["status"] == "absent"
    assert only(findings, "achilles_reflex_absent")["status"] == "absent"
    assert only(findings, "weakness")["status"] == "absent"


def test_saddle_site_turns_numbness_into_saddle_anesthesia():
    findings = extract_findings("i feel numb when i sit on the toilet, around my back passage")
    assert only(findings, "saddle_anesthesia")["status"] == "present"
    assert not [f for f in findings if f["concept"] == "numbness"]


def test_bottom_of_foot_is_not_the_saddle_area():
    findings = extract_findings("numbness in the bottom of my foot")
    assert only(findings, "numbness")["site"] == "sole"
    assert not [f for f in findings if f["concept"] == "saddle_anesthesia"]


def test_chat_without_symptoms_gives_nothing():
    assert extract_findings("thanks, see you tomorrow") == []
