import re

from actions.dialogue import state
from common.finding import Finding

CONCEPTS = ["numbness", "heel_walk_weakness", "bladder_dysfunction", "foot_drop"]


def entity(concept, status="present", **extra):
    """The entity the extractor adds for one finding (common/finding.py)."""
    return Finding(concept, status, **extra).to_entity()


def slot(concept, status="present", **extra):
    return Finding(concept, status, **extra).to_dict()


def test_stated_findings_fill_their_slots_with_status_site_and_side():
    updates = state.slot_updates(
        {}, CONCEPTS,
        [entity("numbness", site="dorsum", laterality="right"), entity("bladder_dysfunction", "absent")],
        "describe_symptoms", "R dorsum numb, denies bladder problems", None)
    assert updates["numbness"] == slot("numbness", site="dorsum", laterality="right")
    assert updates["bladder_dysfunction"]["status"] == "absent"


def test_other_people_past_and_foreign_entities_are_not_the_patients_findings():
    updates = state.slot_updates(
        {}, CONCEPTS,
        [entity("foot_drop", experiencer="other"), entity("numbness", historical=True),
         {"entity": "numbness", "value": "x", "extractor": "DIETClassifier"}],
        "describe_symptoms", "my mother had foot drop", None)
    assert updates == {}


def test_a_correction_overrides_the_earlier_status():
    slots = {"foot_drop": {"status": "present", "site": None, "laterality": "left", "text": "foot drop"}}
    updates = state.slot_updates(slots, CONCEPTS, [entity("foot_drop", "absent")],
                                 "describe_symptoms", "actually no foot drop", None)
    assert updates["foot_drop"]["status"] == "absent"
    assert updates["foot_drop"]["laterality"] is None


def test_repeating_a_finding_keeps_its_known_side():
    slots = {"numbness": {"status": "present", "site": "sole", "laterality": "left", "text": ""}}
    merged = state.merge_finding(slots["numbness"], Finding("numbness"))
    assert (merged["site"], merged["laterality"]) == ("sole", "left")


def test_yes_no_unsure_answer_the_pending_question():
    for intent, status in [("affirm", "present"), ("deny", "absent"), ("unsure", "uncertain")]:
        updates = state.slot_updates({}, CONCEPTS, [], intent, "yes", "heel_walk_weakness")
        assert updates == {"heel_walk_weakness": slot("heel_walk_weakness", status, text="yes")}


def test_an_answer_that_states_the_concept_itself_wins_over_yes_no():
    updates = state.slot_updates({}, CONCEPTS, [entity("heel_walk_weakness", "absent")],
                                 "affirm", "yes I can walk on my heels fine", "heel_walk_weakness")
    assert updates["heel_walk_weakness"]["status"] == "absent"


def test_a_side_alone_answers_the_pending_question_with_laterality():
    updates = state.slot_updates({}, CONCEPTS, [], "describe_symptoms", "only the left one", "foot_drop")
    assert updates["foot_drop"]["laterality"] == "left"
    assert state.side_answer("both feet") == "bilateral"
    assert state.side_answer("my left foot hurts a lot") is None


def test_no_pending_question_means_yes_changes_nothing():
    assert state.slot_updates({}, CONCEPTS, [], "affirm", "yes", None) == {}
    assert state.slot_updates({}, CONCEPTS, [], "affirm", "yes", state.CONTINUE_AFTER_RED_FLAG) == {}


def test_findings_from_slots_are_in_the_engine_shape():
    slots = {"numbness": {"status": "present", "site": "sole", "laterality": "left", "text": "numb"},
             "foot_drop": None}
    assert state.findings_from_slots(slots, CONCEPTS) == [
        {"concept": "numbness", "status": "present", "site": "sole", "laterality": "left",
         "experiencer": "patient", "historical": False, "text": "numb", "start": None, "end": None}]


def test_the_users_words_and_their_place_travel_from_entity_to_slot():
    updates = state.slot_updates({}, CONCEPTS, [entity("foot_drop", text="foot keeps dragging",
                                                       start=3, end=22)],
                                 "describe_symptoms", "my foot keeps dragging", None)
    assert (updates["foot_drop"]["text"], updates["foot_drop"]["start"]) == ("foot keeps dragging", 3)


def test_audience_user_choice_then_request_then_channel_default():
    assert state.audience_for("slack", None, None) == "clinician"
    assert state.audience_for("twilio", None, None) == "patient"
    assert state.audience_for("rest", {"audience": "clinician"}, None) == "clinician"
    assert state.audience_for("slack", {"audience": "clinician"}, "patient") == "patient"


def test_requested_audience_reads_plain_requests():
    assert state.requested_audience("I'm a resident") == "clinician"
    assert state.requested_audience("explain it simply please") == "patient"
    assert state.requested_audience("I'm not a doctor") == "patient"
    assert state.requested_audience("switch mode") is None


def test_a_question_about_a_finding_does_not_state_it_but_a_red_flag_still_counts():
    updates = state.slot_updates(
        {}, CONCEPTS, [entity("foot_drop"), entity("bladder_dysfunction")],
        "ask_level_question", "does L1/L2 cause foot drop? I can't hold my bladder", None)
    assert "foot_drop" not in updates
    assert updates["bladder_dysfunction"]["status"] == "present"


def test_every_interview_question_asks_whether_the_finding_is_there():
    """Yes/no answers map yes -> present, so no question may ask about an ability instead."""
    from actions.engine import load_knowledge

    for concept in load_knowledge().concepts.values():
        for question in (concept.clinician_question, concept.patient_question):
            lowered = question.lower()
            assert not lowered.startswith(("can ", "are you able", "is the patient able")), question
            assert not re.search(r"\bable to\b", lowered), question


def test_answers_about_walking_ability_are_read_for_what_they_say():
    # The question is "Is it hard or impossible to walk on your heels?"
    cases = [("I can't", "deny", "present"), ("no I cannot do that", "deny", "present"),
             ("yes I can", "affirm", "absent"), ("no problem at all", "deny", "absent"),
             ("yes", "affirm", "present"), ("no", "deny", "absent"), ("not sure", "unsure", "uncertain")]
    for text, intent, status in cases:
        updates = state.slot_updates({}, CONCEPTS, [], intent, text, "heel_walk_weakness")
        assert updates["heel_walk_weakness"]["status"] == status, text


def test_cant_has_no_special_meaning_for_other_questions():
    updates = state.slot_updates({}, CONCEPTS, [], "deny", "I can't say I have", "bladder_dysfunction")
    assert updates["bladder_dysfunction"]["status"] == "absent"
