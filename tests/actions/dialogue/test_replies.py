"""Replies built from real engine output over the real knowledge base."""
import pytest

from actions.dialogue import replies
from actions.engine import assess, load_knowledge
from common.reply import MAX_CITATIONS_PER_ITEM
from common.wording import say


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
    assert say("patient", "disclaimer") in reply["footer"]
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
