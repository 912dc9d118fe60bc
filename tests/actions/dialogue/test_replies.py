"""Replies built from real engine output over the real knowledge base."""
import pytest

from actions.dialogue import replies
from actions.engine import assess, load_knowledge
from common.reply import MAX_CITATIONS_PER_ITEM
from common.render.text import render_text
from common.wording import say

# Cases from every triage level (tests/common/render/test_sms.py has more).
CASES = {
    "emergency": [{"concept": "saddle_anesthesia"}, {"concept": "bladder_dysfunction"}, {"concept": "bowel_dysfunction"},
                  {"concept": "foot_drop", "laterality": "bilateral"}, {"concept": "sudden_onset"},
                  {"concept": "numbness", "site": "sole"}, {"concept": "back_pain"}],
    "urgent": [{"concept": "foot_drop", "laterality": "left"}, {"concept": "numbness", "site": "dorsum"},
               {"concept": "leg_pain"}, {"concept": "foot_pain"}, {"concept": "back_pain"}],
    "routine": [{"concept": "foot_pain"}, {"concept": "leg_pain"}, {"concept": "symptoms_persist_weeks"}],
    "self-care": [{"concept": "foot_pain"}, {"concept": "tingling"}],
}


def case(name, audience):
    findings = [{"status": "present", **f} for f in CASES[name]]
    return assess(findings, audience=audience).to_dict()


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def t12l1_case(knowledge, audience):
    findings = [
        {"concept": "foot_drop", "status": "present", "laterality": "bilateral"},
        {"concept": "achilles_reflex_absent", "status": "present"},
        {"concept": "patellar_reflex_absent", "status": "present"},
        {"concept": "bladder_dysfunction", "status": "present"},
    ]
    return assess(findings, knowledge=knowledge, audience=audience).to_dict()


def test_assessment_puts_red_flags_first_and_numbers_every_citation(knowledge):
    assessment = t12l1_case(knowledge, "clinician")
    reply = replies.assessment_reply(assessment, "clinician")
    assert reply["sections"][0]["kind"] == "red_flags"
    assert reply["triage"] == "emergency"
    numbers = [c["n"] for c in reply["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    for section in reply["sections"]:
        if section["kind"] in ("red_flags", "considerations", "advice"):
            for item in section["items"]:
                assert item["citations"], item
                assert set(item["citations"]) <= set(numbers)
    considerations = next(s for s in reply["sections"] if s["kind"] == "considerations")
    assert considerations["items"][0]["text"].startswith("T12/L1")


def test_each_quote_is_cited_once_even_when_items_share_it(knowledge):
    reply = replies.assessment_reply(t12l1_case(knowledge, "clinician"), "clinician")
    keys = [(c["article_id"], c["quote"]) for c in reply["citations"]]
    assert len(keys) == len(set(keys))


def test_patient_assessment_is_plain_and_carries_the_disclaimer(knowledge):
    reply = replies.assessment_reply(t12l1_case(knowledge, "patient"), "patient")
    assert say("patient", "conversation.short_disclaimer") in reply["footer"]
    full = replies.assessment_reply(t12l1_case(knowledge, "patient"), "patient", detail=True)
    assert say("patient", "disclaimer") in full["footer"]
    considerations = next(s for s in reply["sections"] if s["kind"] == "considerations")
    assert "score" not in (considerations["items"][0]["detail"] or "")


def test_explanation_shows_for_against_and_verbatim_quotes_of_the_last_answer(knowledge):
    assessment = t12l1_case(knowledge, "clinician")
    previous = replies.assessment_reply(assessment, "clinician")
    explanation = replies.explanation_reply(previous, "clinician")
    reasoning = next(s for s in explanation["sections"] if s["kind"] == "reasoning")
    assert "foot drop" in reasoning["items"][0]["detail"]
    quotes = next(s for s in explanation["sections"] if s["kind"] == "quotes")
    for item, citation in zip(quotes["items"], explanation["citations"]):
        assert item["text"] == f"\u201c{citation['quote']}\u201d"
        assert item["detail"] == citation["title"]
    assert len(quotes["items"]) == len(previous["citations"])


def test_explanation_without_a_previous_answer_says_so():
    reply = replies.explanation_reply(None, "patient")
    assert "nothing to explain yet" in reply["sections"][0]["items"][0]["text"]


def test_alert_in_an_interview_asks_whether_to_continue(knowledge):
    assessment = t12l1_case(knowledge, "patient")
    alert = replies.red_flag_alert_reply(assessment["red_flags"], "patient", "emergency", in_interview=True)
    assert alert["sections"][0]["kind"] == "red_flags"
    assert [b["payload"] for b in alert["buttons"]] == ["/affirm", "/deny"]


def test_an_unanswered_direct_question_says_the_sources_do_not_cover_it():
    reply = replies.answer_reply([], "clinician", "Treatment")
    assert "do not answer that" in reply["sections"][0]["items"][0]["text"]


def stenosis_case(knowledge, audience):
    findings = [
        {"concept": "numbness", "status": "present"},
        {"concept": "worse_standing_walking", "status": "present"},
        {"concept": "relief_sitting_flexion", "status": "present"},
        {"concept": "heel_walk_weakness", "status": "present"},
    ]
    return assess(findings, knowledge=knowledge, audience=audience).to_dict()


def test_patient_assessment_is_short_two_considerations_and_self_care_only(knowledge):
    reply = replies.assessment_reply(stenosis_case(knowledge, "patient"), "patient")
    considerations = next(s for s in reply["sections"] if s["kind"] == "considerations")
    assert len(considerations["items"]) <= 2
    advice_titles = {s["title"] for s in reply["sections"] if s["kind"] == "advice"}
    assert advice_titles <= {"What you can do"}


def test_clinician_assessment_keeps_exam_and_workup(knowledge):
    reply = replies.assessment_reply(stenosis_case(knowledge, "clinician"), "clinician")
    assert "Discriminating exam" in {s["title"] for s in reply["sections"]}


def test_no_item_carries_more_than_the_citation_cap(knowledge):
    for audience in ("patient", "clinician"):
        reply = replies.assessment_reply(stenosis_case(knowledge, audience), audience)
        for section in reply["sections"]:
            for item in section["items"]:
                assert len(item["citations"]) <= MAX_CITATIONS_PER_ITEM


def test_clinician_consideration_names_its_label_once(knowledge):
    reply = replies.assessment_reply(t12l1_case(knowledge, "clinician"), "clinician")
    considerations = next(s for s in reply["sections"] if s["kind"] == "considerations")
    first = considerations["items"][0]["text"]
    assert first.startswith("T12/L1") and first.count("T12/L1 disc herniation") == 1


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_short_patient_assessment_is_triage_what_to_do_top_consideration_within_600(name):
    assessment = case(name, "patient")
    assert assessment["triage"] == name
    reply = replies.assessment_reply(assessment, "patient")
    text = render_text(reply)
    assert len(text) <= 600, (len(text), text)
    kinds = [s["kind"] for s in reply["sections"]] + ["considerations"]   # none when nothing fired
    assert kinds.index("triage") < kinds.index("considerations")
    if name != "emergency":
        assert kinds.index("triage") < kinds.index("what_to_do") < kinds.index("considerations")
    assert reply["footer"].startswith("Ask 'more'")


@pytest.mark.parametrize("audience", ["patient", "clinician"])
@pytest.mark.parametrize("detail", [False, True])
def test_an_emergency_never_also_says_see_a_doctor_soon_and_headings_match_content(audience, detail):
    reply = replies.assessment_reply(case("emergency", audience), audience, detail=detail)
    text = render_text(reply).lower()
    assert "soon" not in text and "self-care" not in text and "what you can do" not in text
    for name in ("urgent", "routine"):
        reply = replies.assessment_reply(case(name, audience), audience, detail=True)
        self_care = [s for s in reply["sections"] if s["title"] == say(audience, "advice.self_care")]
        assert not self_care, self_care   # a referral is never under a self-care heading


def test_clinician_assessment_leads_with_a_one_line_summary(knowledge):
    reply = replies.assessment_reply(case("urgent", "clinician"), "clinician")
    summary = reply["sections"][0]
    assert summary["kind"] == "summary" and summary["items"][0]["text"].startswith("Triage: urgent.")


def test_what_should_i_do_answers_with_this_cases_triage_step_and_reason(knowledge):
    assessment = case("urgent", "patient")
    findings = {f["concept"]: {**f, "status": "present"} for f in CASES["urgent"]}
    reply = replies.advice_reply(assessment, "patient", findings)
    text = render_text(reply)
    assert "How urgent: soon" in text and "Get it checked by a doctor soon" in text
    assert "Because you mentioned: foot drop" in text
    assert len(text) <= 600


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_a_half_met_red_flag_comes_right_after_the_red_flags_and_qualifies_the_triage(audience):
    assessment = assess([{"concept": "bladder_dysfunction", "status": "present"}], audience=audience).to_dict()
    assert assessment["triage"] != "emergency" and assessment["red_flags_one_answer_away"]
    for reply in (replies.assessment_reply(assessment, audience),
                  replies.advice_reply(assessment, audience, {}, ())):
        kinds = [section["kind"] for section in reply["sections"]]
        assert kinds.index("red_flags") < kinds.index("triage")
        half_met = reply["sections"][kinds.index("red_flags")]
        assert half_met["title"] == say(audience, "conversation.one_answer_away_title")
        assert half_met["items"][0]["text"] == assessment["red_flags_one_answer_away"][0]["text"]
        assert half_met["items"][0]["citations"]
        triage = reply["sections"][kinds.index("triage")]["items"][0]["text"]
        assert triage == say(audience, "assessment.half_met", triage=say(audience, f"triage.{assessment['triage']}"))


def test_an_emergency_carries_no_half_met_section_or_qualified_triage():
    # Bladder with back pain fires one emergency and half meets another (the T12/L1 picture).
    assessment = assess([{"concept": "bladder_dysfunction", "status": "present"},
                         {"concept": "back_pain", "status": "present"}], audience="patient").to_dict()
    assert assessment["triage"] == "emergency" and assessment["red_flags_one_answer_away"]
    reply = replies.assessment_reply(assessment, "patient")
    titles = [section.get("title") for section in reply["sections"]]
    assert say("patient", "conversation.one_answer_away_title") not in titles
    assert say("patient", "triage.emergency") in render_text(reply)


def test_a_patients_advice_leaves_out_the_findings_behind_it_before_passing_600_characters():
    from actions.dialogue import replies as r
    from actions.engine import assess, load_knowledge
    from common.render.text import render_text
    knowledge = load_knowledge()
    findings = [{"concept": c, "status": "present"} for c in ("foot_pain", "leg_pain", "symptoms_persist_weeks")]
    assessment = assess(findings, knowledge=knowledge, audience="patient").to_dict()
    by_concept = {f["concept"]: f for f in findings}
    notes = [("conversation.corrected_title", [{"text": "numbness: now right (before: left)", "detail": None,
                                                "citations": []}])]
    short = r.advice_reply(assessment, "patient", by_concept, notes)
    full = r.advice_reply(assessment, "clinician", by_concept, notes)
    assert len(render_text(short)) <= r.PATIENT_REPLY_CHARS
    assert any(s["kind"] == "what_to_do" for s in short["sections"])
    assert len(render_text(full)) > len(render_text(short))
