"""The red-flag safety net (issue 10): red_flag_checks, red_flag_screen, reported diagnoses, and no
emergency from a mention that is denied, uncertain, historical or someone else's."""

import pytest

from actions.engine import assess
from actions.engine.safety import REASONS
from common.contract import RED_FLAG_SCREEN, REPORTED_DIAGNOSIS_CONCEPTS


def f(concept, status="present", site=None, laterality=None, **extra):
    return dict(concept=concept, status=status, site=site, laterality=laterality, **extra)


def run(findings, knowledge):
    return assess(findings, knowledge=knowledge).to_dict()


def test_output_fields_and_shapes(knowledge):
    result = run([f("bladder_dysfunction", "uncertain", text="maybe leaking a bit"), f("back_pain")], knowledge)
    assert result["red_flag_checks"] == [
        {"concept": "bladder_dysfunction", "text": "maybe leaking a bit", "reason": "uncertain"}]
    assert isinstance(result["red_flag_screen"], list)
    assert set(result["red_flag_screen"]) <= set(RED_FLAG_SCREEN)
    assert result["reported_diagnoses"] == []


def test_a_hedged_red_flag_is_a_check_not_an_emergency(knowledge):
    result = run([f("saddle_anesthesia", "uncertain", text="not sure if it's numb down there"), f("leg_pain")],
                 knowledge)
    assert result["triage"] != "emergency"
    assert [(c["concept"], c["reason"]) for c in result["red_flag_checks"]] == [("saddle_anesthesia", "uncertain")]


def test_a_red_flag_told_about_someone_else_now_is_a_check(knowledge):
    result = run([f("numbness"), f("saddle_anesthesia", experiencer="other", text="numb in his saddle area")],
                 knowledge)
    assert result["triage"] != "emergency"
    assert result["red_flag_checks"] == [
        {"concept": "saddle_anesthesia", "text": "numb in his saddle area", "reason": "someone_else"}]


@pytest.mark.parametrize("finding", [
    f("bladder_dysfunction", "absent"),
    f("bladder_dysfunction", historical=True),
    f("bladder_dysfunction", experiencer="other", historical=True),
    f("saddle_anesthesia", "absent"),
])
def test_denied_or_past_mentions_never_raise_an_emergency_nor_a_check(knowledge, finding):
    result = run([f("back_pain"), f("leg_pain"), finding], knowledge)
    assert result["triage"] != "emergency" and result["red_flags"] == []
    assert result["red_flag_checks"] == []


def test_sudden_onset_with_uncertain_weakness_is_a_check(knowledge):
    result = run([f("sudden_onset"), f("weakness", "uncertain", text="not sure if it's weak")], knowledge)
    assert result["triage"] != "emergency"
    assert [(c["concept"], c["reason"]) for c in result["red_flag_checks"]] == [("weakness", "weakness_uncertain")]


def test_a_hedged_weakness_with_its_onset_untold_is_a_check_but_not_when_told_gradual(knowledge):
    hedged = f("weakness", "uncertain", text="paralysed for a moment")
    result = run([f("leg_pain"), hedged], knowledge)
    assert result["triage"] != "emergency"
    assert [(c["concept"], c["reason"]) for c in result["red_flag_checks"]] == [("weakness", "weakness_uncertain")]
    assert run([f("leg_pain"), hedged, f("sudden_onset", "absent")], knowledge)["red_flag_checks"] == []


def test_sudden_numbness_with_strength_unstated_is_a_weakness_check(knowledge):
    result = run([f("sudden_onset", text="woke up and"), f("numbness", laterality="bilateral"), f("back_pain")],
                 knowledge)
    assert result["triage"] != "emergency"
    assert result["red_flag_checks"] == [
        {"concept": "sudden_onset", "text": "woke up and", "reason": "weakness_unstated"}]


@pytest.mark.parametrize("strength", [f("weakness", "absent"), f("weakness"), f("foot_drop")])
def test_sudden_numbness_with_strength_stated_is_no_weakness_check(knowledge, strength):
    result = run([f("sudden_onset", text="woke up and"), f("numbness"), strength], knowledge)
    assert "weakness_unstated" not in {c["reason"] for c in result["red_flag_checks"]}


def test_a_sudden_red_flag_with_numbness_is_an_emergency_with_no_weakness_check(knowledge):
    result = run([f("sudden_onset", text="suddenly"), f("numbness"), f("back_pain"),
                  f("bladder_dysfunction", text="cant control my bladder")], knowledge)
    assert result["triage"] == "emergency"
    assert result["red_flag_checks"] == []


def test_a_sudden_onset_without_numbness_is_no_weakness_check(knowledge):
    result = run([f("sudden_onset", text="suddenly"), f("back_pain")], knowledge)
    assert result["red_flag_checks"] == []


def test_a_reported_cauda_equina_is_a_check_never_an_emergency(knowledge):
    result = run([f("dx_cauda_equina", text="cauda equina"), f("back_pain")], knowledge)
    assert result["triage"] != "emergency"
    assert result["red_flag_checks"][0]["reason"] == "reported_diagnosis"
    assert set(REASONS) >= {c["reason"] for c in result["red_flag_checks"]}


def test_a_present_red_flag_is_an_emergency_and_not_a_check(knowledge):
    result = run([f("bladder_dysfunction", text="cant pass water"), f("back_pain")], knowledge)
    assert result["triage"] == "emergency"
    assert result["red_flag_checks"] == []


def test_screen_lists_every_red_flag_nobody_stated(knowledge):
    assert run([], knowledge)["red_flag_screen"] == list(RED_FLAG_SCREEN)
    assert run([f("foot_pain")], knowledge)["red_flag_screen"] == list(RED_FLAG_SCREEN)


def test_screen_drops_what_is_stated_either_way(knowledge):
    result = run([f("foot_pain"), f("bladder_dysfunction", "absent"), f("bowel_dysfunction", "absent"),
                  f("numbness", site="perianal", status="absent"), f("sudden_onset", "absent")], knowledge)
    assert result["red_flag_screen"] == []


def test_an_uncertain_mention_stays_in_the_screen_and_is_a_check(knowledge):
    result = run([f("foot_pain"), f("bladder_dysfunction", "uncertain")], knowledge)
    assert "bladder_dysfunction" in result["red_flag_screen"]
    assert [c["concept"] for c in result["red_flag_checks"]] == ["bladder_dysfunction"]


@pytest.mark.parametrize("findings, screened", [
    ([f("weakness")], True),                               # weak, onset not told: ask whether sudden
    ([f("sudden_onset")], True),                            # sudden, weakness not told: ask
    ([f("weakness"), f("sudden_onset", "absent")], False),  # gradual weakness
    ([f("weakness", "absent")], False),                     # no weakness
    ([f("foot_drop"), f("sudden_onset")], False),           # the red flag itself (an emergency)
])
def test_screen_sudden_severe_weakness(knowledge, findings, screened):
    assert ("sudden_onset" in run(findings, knowledge)["red_flag_screen"]) is screened


def test_someone_elses_answers_do_not_settle_the_screen(knowledge):
    result = run([f("bladder_dysfunction", "absent", experiencer="other")], knowledge)
    assert "bladder_dysfunction" in result["red_flag_screen"]


def test_reported_diagnoses_are_listed_and_marked_reported(knowledge):
    result = run([f("dx_lumbar_spinal_stenosis", text="MRI showed stenosis at L4-5"), f("back_pain"),
                  f("dx_sciatica", "uncertain"), f("dx_prolapsed_disc", experiencer="other")], knowledge)
    assert [(d["concept"], d["condition"], d["text"]) for d in result["reported_diagnoses"]] == [
        ("dx_lumbar_spinal_stenosis", "lumbar_spinal_stenosis", "MRI showed stenosis at L4-5")]
    top = result["considerations"][0]
    assert top["id"] == "lumbar_spinal_stenosis" and top["reported"] is True
    reported_items = [item for item in top["supporting"] if item["reported"]]
    assert [item["concept"] for item in reported_items] == ["dx_lumbar_spinal_stenosis"]
    assert all(not item["reported"] for item in top["supporting"] if item["concept"] == "back_pain")


def test_reported_diagnoses_are_never_asked(knowledge):
    for findings in ([], [f("foot_pain")], [f("leg_pain"), f("back_pain")]):
        result = run(findings, knowledge)
        asked = {q["concept"] for q in result["next_questions"]}
        missing = {c for item in result["considerations"] for c in item["missing"]}
        assert not (asked | missing) & set(REPORTED_DIAGNOSIS_CONCEPTS)
    assert not set(knowledge.hypotheses) & set(REPORTED_DIAGNOSIS_CONCEPTS)


def test_a_red_flag_symptom_alone_lists_the_findings_that_would_complete_its_emergency(knowledge):
    result = run([f("bladder_dysfunction", text="lost control of my bladder")], knowledge)
    assert result["triage"] != "emergency"
    away = {entry["id"]: entry for entry in result["red_flags_one_answer_away"]}
    bladder = away["red_flag_bladder_bowel"]
    assert bladder["found"] == ["lost control of my bladder"]
    assert bladder["completing"][:2] == ["back_pain", "leg_pain"]
    assert bladder["citations"] and "back and leg symptoms" in bladder["text"]
    # Each completing finding really fires the emergency.
    for concept in bladder["completing"]:
        assert run([f("bladder_dysfunction"), f(concept)], knowledge)["triage"] == "emergency", concept


def test_sudden_onset_alone_asks_for_weakness_before_anything_else(knowledge):
    away = run([f("sudden_onset", text="came on all of a sudden")], knowledge)["red_flags_one_answer_away"]
    completing = {c for entry in away for c in entry["completing"]}
    assert "weakness" in completing


@pytest.mark.parametrize("findings", [
    [f("bladder_dysfunction"), f("back_pain")],                        # fired: an emergency, not "away"
    [f("bladder_dysfunction", "absent")],                              # denied
    [f("bladder_dysfunction", "uncertain")],                           # a check, not a half-met red flag
    [f("bladder_dysfunction", experiencer="other")],                   # someone else's
    [f("bladder_dysfunction", historical=True)],                       # a past episode
    [f("back_pain"), f("numbness")],                                   # no red-flag symptom stated
])
def test_nothing_is_one_answer_away_without_a_current_red_flag_symptom_or_once_it_fired(knowledge, findings):
    result = run(findings, knowledge)
    assert [e for e in result["red_flags_one_answer_away"] if e["id"] == "red_flag_bladder_bowel"] == []
