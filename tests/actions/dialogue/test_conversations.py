"""Whole conversations: the trained model and the actions in-process (`chat`), and two through the
REST channel of the real Rasa and action servers (`rest_chat`, marked `servers`).

Each asserts what Radix says (the citation, the triage, the wording), not merely that it answered.
"""
from __future__ import annotations

import pytest

from actions.engine import load_knowledge
from actions.engine.corpus import normalise
from actions.storage.store import list_consults, make_session_factory

CLINICIAN = {"audience": "clinician"}
PATIENT = {"audience": "patient"}
T12L1_TITLE = "Can spinal conditions at T12/L1 and L1/L2 cause foot pain?"
RED_FLAG_TITLE = "Can Lower Back Pain Cause Foot Pain?"
MAX_TURNS = 12


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def of_type(replies: list[dict], reply_type: str) -> dict | None:
    return next((r for r in replies if r["type"] == reply_type), None)


def question_text(reply: dict) -> str:
    return next(s for s in reply["sections"] if s["kind"] == "question")["items"][0]["text"]


def is_screen(reply: dict | None) -> bool:
    return bool(reply) and any(s["kind"] == "screen" for s in reply["sections"])


def result(chat, metadata=None, ask: str = "what's the result") -> dict | None:
    """The assessment, answering the red-flag screen "none of those" if it is asked first."""
    replies = chat.structured(ask, metadata)
    if is_screen(of_type(replies, "question")):
        replies = chat.structured("none of those", metadata)
    return of_type(replies, "assessment")


def answer_until_assessment(chat, answer: str, metadata) -> tuple[dict, list[str]]:
    """Answers every interview question the same way (and the red-flag screen "none of those");
    returns the assessment and the questions."""
    questions = []
    for _ in range(MAX_TURNS):
        replies = chat.structured(answer, metadata)
        assessment = of_type(replies, "assessment")
        if assessment:
            return assessment, questions
        question = of_type(replies, "question")
        assert question, replies
        if is_screen(question):
            answer = "none of those"
            continue
        questions.append(question_text(question))
    pytest.fail(f"no assessment after {MAX_TURNS} answers: {questions}")


@pytest.mark.servers
def test_full_interview_asks_distinct_questions_then_gives_a_cited_assessment(
    rest_chat, radix_servers, knowledge
):
    first = rest_chat.structured(
        "Pt c/o R foot numbness on the top of the foot, can't heel walk", CLINICIAN)
    assert is_screen(of_type(first, "question")), "the red-flag screen comes first"
    question = of_type(rest_chat.structured("none of those", CLINICIAN), "question")
    assert question and [b["payload"] for b in question["buttons"]][:2] == ["/affirm", "/deny"]
    asked = [question_text(question)]

    assessment, more = answer_until_assessment(rest_chat, "no", CLINICIAN)
    asked += more
    assert len(asked) == len(set(asked)), "a question was asked twice"
    assert 1 <= len(asked) <= 8
    assert assessment["triage"] in ("urgent", "routine", "emergency", "self-care")
    # Every answer was "no", so the considerations may all have been argued down; the exam stays.
    # Every citation is a verbatim quote of the article it names.
    for citation in assessment["citations"]:
        article = knowledge.articles[citation["article_id"]]
        assert citation["title"] == article.title
    exam = [s for s in assessment["sections"] if s["title"] == "Discriminating exam"]
    assert exam and any("heel" in i["text"].lower() for i in exam[0]["items"])

    # The consult is recorded through the knowledge base's SQLAlchemy layer.
    with make_session_factory(radix_servers.settings.db_url)() as session:
        consults = list_consults(session)
    assert any(c.triage == assessment["triage"] and c.audience == "clinician"
               and any(f["concept"] == "heel_walk_weakness" for f in c.findings) for c in consults)


def test_a_red_flag_mid_interview_interrupts_first_then_continues_if_wanted(chat):
    assert of_type(chat.structured("my left foot tingles and burns", PATIENT), "question")
    replies = chat.structured("I've also lost control of my bladder", PATIENT)
    assert replies[0]["type"] == "red_flag_alert"
    assert replies[0]["sections"][0]["kind"] == "red_flags"
    assert replies[0]["triage"] == "emergency"
    assert any(c["title"] == RED_FLAG_TITLE for c in replies[0]["citations"])
    assert [b["payload"] for b in replies[0]["buttons"]] == ["/affirm", "/deny"]

    # "yes, go on": the interview continues with a question, not the alert again.
    replies = chat.structured("yes", PATIENT)
    assert of_type(replies, "question") and not of_type(replies, "red_flag_alert")

    assessment = of_type(chat.structured("what's the result", PATIENT), "assessment")
    assert assessment["sections"][0]["kind"] == "red_flags"
    assert assessment["triage"] == "emergency"


def test_declining_to_continue_after_a_red_flag_gives_the_assessment(chat):
    chat.structured("numb foot and my foot slaps the ground", CLINICIAN)
    alert = chat.structured("also numbness between my legs, in the saddle area", CLINICIAN)
    assert alert[0]["type"] == "red_flag_alert"
    assessment = of_type(chat.structured("no", CLINICIAN), "assessment")
    assert assessment and assessment["sections"][0]["kind"] == "red_flags"


def test_a_correction_overrides_an_earlier_finding(chat):
    chat.structured("my right foot feels weak and numb", CLINICIAN)
    chat.structured("actually I don't have any weakness", CLINICIAN)
    assert result(chat, CLINICIAN)
    explanation = of_type(chat.structured("why?", CLINICIAN), "explanation")
    reasons = " ".join(i["detail"] or "" for s in explanation["sections"]
                       if s["kind"] == "reasoning" for i in s["items"])
    for_parts = [part for part in reasons.split(";") if part.strip().startswith("for:")]
    assert not any("weakness" in part for part in for_parts), reasons


def test_why_and_source_show_findings_and_verbatim_quotes_with_titles(chat, knowledge):
    chat.structured("bilateral foot drop, ankle jerks absent, knee jerks absent", CLINICIAN)
    assert result(chat, CLINICIAN, "result please")
    for ask in ("why?", "source?"):
        explanation = of_type(chat.structured(ask, CLINICIAN), "explanation")
        quotes = next(s for s in explanation["sections"] if s["kind"] == "quotes")
        assert any(i["detail"] == T12L1_TITLE for i in quotes["items"])
        for item in quotes["items"]:
            quote = item["text"][1:-1]  # strip the typographic quote marks the reply adds
            article = next(a for a in knowledge.articles.values() if a.title == item["detail"])
            article_text = normalise(" ".join(p.text for p in article.passages))
            assert normalise(quote) in article_text, quote
        reasoning = next(s for s in explanation["sections"] if s["kind"] == "reasoning")
        assert reasoning["items"][0]["text"].startswith("T12/L1")
        assert "foot drop" in reasoning["items"][0]["detail"]


def test_direct_level_question_with_no_case_open(chat):
    replies = chat.structured("can T12/L1 cause foot pain?", CLINICIAN)
    answer = of_type(replies, "answer")
    assert answer["title"].endswith("T12/L1")
    assert answer["sections"][0]["kind"] == "answer"
    assert all(c["title"] == T12L1_TITLE for c in answer["citations"])
    assert "drop foot" in " ".join(i["text"] for i in answer["sections"][0]["items"]).lower()


def test_a_condition_question_is_answered_from_its_articles(chat):
    answer = of_type(chat.structured("what is spinal stenosis?", PATIENT), "answer")
    text = " ".join(i["text"] for i in answer["sections"][0]["items"]).lower()
    assert "narrow" in text
    assert any(c["title"] == "Foot pain from the spine" for c in answer["citations"])


def test_a_question_naming_a_finding_opens_no_case(chat):
    answer = of_type(chat.structured("does L1/L2 herniation cause foot drop?", CLINICIAN), "answer")
    assert answer and answer["title"].endswith("L1/L2")
    assert "couldn't pick out any findings" in chat.say("what's the result", CLINICIAN)


def test_direct_tests_and_red_flag_questions_are_cited(chat):
    tests = of_type(chat.structured("what imaging should I order?", CLINICIAN), "answer")
    assert "MRI" in " ".join(i["text"] for i in tests["sections"][0]["items"])
    flags = of_type(chat.structured("what are the red flags?", PATIENT), "answer")
    assert any(c["title"] == RED_FLAG_TITLE for c in flags["citations"])


def test_audience_switch_changes_the_wording(chat):
    assert "plain words" in chat.say("I'm a patient, explain simply")
    chat.structured("my foot slaps the ground when I walk and my shin is numb")
    patient = result(chat, None, "just tell me the result")
    assert patient["audience"] == "patient"
    assert "does not diagnose" in patient["footer"]
    assert "Triage:" not in str(patient)

    assert "Clinician wording" in chat.say("I'm a doctor, use clinical terms")
    clinician = of_type(chat.structured("give me the assessment"), "assessment")   # screened already
    assert clinician["audience"] == "clinician"
    assert any("Triage:" in i["text"] for s in clinician["sections"] for i in s["items"])


def test_out_of_scope_and_gibberish_get_helpful_replies(chat):
    assert "I can only help with one question" in chat.say("can you book me a flight to paris")
    gibberish = chat.say("qwzx plmk vvtrr oiu")
    assert "didn't follow" in gibberish or "couldn't pick out" in gibberish


@pytest.mark.servers
def test_100kb_message_mid_interview_keeps_the_case(rest_chat):
    assert of_type(rest_chat.structured("my right foot is numb", PATIENT), "question")
    refusal = rest_chat.say("numb " * 20480, PATIENT)
    assert "102,399 characters" in refusal or "102,400 characters" in refusal
    # The case survived: asking for the result still uses the numbness stated before.
    assert result(rest_chat, PATIENT) is not None


def test_a_new_case_clears_the_old_findings(chat):
    chat.structured("bilateral foot drop and I can't control my bowels", CLINICIAN)
    chat.structured("result", CLINICIAN)
    assert "New case started" in chat.say("new patient", CLINICIAN)
    after = chat.say("what's the result", CLINICIAN)
    assert "couldn't pick out any findings" in after
    fresh = chat.structured("L thigh pain, anterior thigh numbness", CLINICIAN)
    assert not of_type(fresh, "red_flag_alert")
