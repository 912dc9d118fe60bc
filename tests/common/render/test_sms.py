"""SMS rendering (pure): segment math, the 3-segment assessment, WHY follow-ups."""
from __future__ import annotations

import pytest

from actions.dialogue import replies
from actions.engine import assess
from common.render.sms import (MAX_WHY_MESSAGES, compact_marks, is_gsm7, render_plain_sms,
                            render_sms, segment_count, split_message, to_sms_text)
from common.wording import say

GSM_EXTENSION = set("^{}\\[~]|€")


def gsm_septets(text: str) -> int:
    """Independent check of the budget: 3 segments = 459 septets, extension chars cost 2."""
    return sum(2 if ch in GSM_EXTENSION else 1 for ch in text)


def _finding(concept, **extra):
    return {"concept": concept, "status": "present", "experiencer": "patient", **extra}


CASES = {
    "cauda_equina": [_finding("saddle_anesthesia"), _finding("bladder_dysfunction"),
                     _finding("numbness", site="sole", laterality="bilateral"), _finding("back_pain")],
    "foot_drop": [_finding("foot_drop", laterality="right"), _finding("heel_walk_weakness"),
                  _finding("numbness", site="dorsum"), _finding("back_pain")],
    "s1": [_finding("numbness", site="sole"), _finding("achilles_reflex_absent"),
           _finding("toe_walk_weakness"), _finding("leg_pain")],
    "stenosis": [_finding("worse_standing_walking"), _finding("relief_sitting_flexion"),
                 _finding("leg_heaviness_cramping"), _finding("back_pain")],
}


def _assessment(case, audience, detail=None):
    return replies.assessment_reply(assess(CASES[case], audience=audience).to_dict(), audience, detail=detail)


@pytest.mark.parametrize("text, segments", [
    ("", 0),
    ("a" * 160, 1),
    ("a" * 161, 2),
    ("a" * 306, 2),
    ("a" * 307, 3),
    ("[" * 80, 1),                       # 160 septets: extension characters cost two
    ("[" * 81, 2),
    ("a" * 152 + "[" + "a" * 152, 3),   # 306 septets, but "[" cannot straddle segments
    ("é" * 160, 1),                     # é is in the GSM-7 basic table
    ("ł" * 70, 1),                      # ł is not: UCS-2, 70 per single segment
    ("ł" * 71, 2),
    ("ł" * 134, 2),
    ("ł" * 135, 3),
    ("\U0001F600" * 35, 1),             # 70 UTF-16 units
    ("\U0001F600" * 36, 2),
])
def test_segment_count(text, segments):
    assert segment_count(text) == segments


def test_typographic_punctuation_is_mapped_to_gsm7():
    text = to_sms_text("\u201cIt\u2019s L4\u2013L5\u2026\u201d")
    assert text == '"It\'s L4-L5..."' and is_gsm7(text)


@pytest.mark.parametrize("numbers, marks", [
    ([1], "[1]"), ([3, 1, 2, 5], "[1-3,5]"), ([7, 8], "[7,8]"), ([12, 13, 14, 20, 9], "[9,12-14,20]"),
])
def test_compact_marks(numbers, marks):
    assert compact_marks(numbers) == marks


@pytest.mark.parametrize("audience", ["patient", "clinician"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_assessment_is_one_message_of_at_most_three_segments(case, audience):
    reply = _assessment(case, audience)
    messages = render_sms(reply)
    assert len(messages) == 1
    body = messages[0]
    assert is_gsm7(body) and gsm_septets(body) <= 3 * 153
    triage = next(s for s in reply["sections"] if s["kind"] == "triage")["items"][0]["text"]
    assert triage in body
    assert body.endswith("Reply WHY for the sources.")


def test_red_flags_come_first_in_the_sms_and_the_first_flag_is_whole():
    reply = _assessment("cauda_equina", "patient")
    body = render_sms(reply)[0]
    assert body.startswith("URGENT: GET MEDICAL HELP NOW:")
    first_flag = reply["sections"][0]["items"][0]["text"]
    assert to_sms_text(first_flag) in body
    assert body.index(first_flag[:30]) < body.index("How urgent: EMERGENCY")
    assert "Radix does not diagnose." in body


def test_the_top_consideration_is_kept_when_there_is_no_red_flag():
    reply = _assessment("foot_drop", "patient")
    top = next(s for s in reply["sections"] if s["kind"] == "considerations")["items"][0]
    body = render_sms(reply)[0]
    assert to_sms_text(top["text"]) + " " + compact_marks(top["citations"]) in body


def test_why_sends_the_quotes_verbatim_in_follow_ups_of_at_most_three_segments():
    previous = _assessment("foot_drop", "patient", detail=True)   # 'why?' explains the full assessment
    explanation = replies.explanation_reply(previous, "patient")
    messages = render_sms(explanation)
    assert 2 <= len(messages) <= MAX_WHY_MESSAGES
    assert all(gsm_septets(m) <= 3 * 153 for m in messages)
    first = explanation["citations"][0]
    assert messages[0].startswith(f"Sources (exact words): [1] \"{to_sms_text(first['quote'])}\"")
    joined = "\n".join(messages)
    positions = [joined.find(f"[{c['n']}] \"") for c in explanation["citations"][:5]]
    assert -1 not in positions and positions == sorted(positions)
    shown = sum(1 for c in explanation["citations"] if f"[{c['n']}] \"" in joined)
    assert f"(+{len(explanation['citations']) - shown} more quotes not sent by SMS.)" in messages[-1]


def test_why_with_few_quotes_sends_them_all_without_a_note():
    reply = replies.message_reply("x", "patient")
    reply.update(type="explanation", citations=[
        {"n": 1, "article_id": "a", "title": "Article A", "quote": "Quote one.", "passage_id": "a:1"},
        {"n": 2, "article_id": "a", "title": "Article A", "quote": "Quote two.", "passage_id": "a:2"},
    ])
    assert render_sms(reply) == ['Sources (exact words): [1] "Quote one." - Article A\n[2] "Quote two."']


def test_question_asks_for_y_or_n():
    body, = render_sms(replies.question_reply("Can you walk on your heels?", "patient", 3))
    assert body == ("Question 3: Can you walk on your heels?\n"
                    "Reply Y or N (or NOT SURE), or answer in your own words.")


def test_long_plain_text_is_split_between_words_into_short_messages():
    words = [f"word{i}" for i in range(300)]
    messages = render_plain_sms(" ".join(words))
    assert len(messages) > 1
    assert all(segment_count(m) <= 3 for m in messages)
    assert " ".join(messages).split() == words


def test_split_message_cuts_an_enormous_word():
    messages = split_message("x" * 2000)
    assert "".join(messages) == "x" * 2000 and all(gsm_septets(m) <= 459 for m in messages)


def test_why_this_question_keeps_the_question_in_the_sms():
    from actions.dialogue import prompts
    from actions.engine import load_knowledge

    knowledge = load_knowledge()
    findings = [{"concept": "numbness", "status": "present", "site": "dorsum"}]
    outcomes = {status: assess(findings + [{"concept": "heel_walk_weakness", "status": status}],
                               audience="patient").to_dict() for status in ("present", "absent")}
    question = knowledge.concepts["heel_walk_weakness"].question("patient")
    reply = prompts.why_question_reply("heel_walk_weakness", question, 2, outcomes, knowledge, findings, "patient")
    (body,) = render_sms(reply)
    assert to_sms_text(question) in body and body.endswith("Reply WHY for the sources.")


def test_the_red_flag_screen_lists_every_item_and_takes_y_or_n():
    from actions.dialogue import prompts

    reply = prompts.screen_reply(["bladder_dysfunction", "saddle_anesthesia"], "patient")
    (body,) = render_sms(reply)
    assert "1. trouble controlling or emptying your bladder" in body and "2. numbness around" in body
    assert "Reply Y or N" in body


def test_the_summary_button_under_an_assessment_becomes_a_reply_word_when_it_fits():
    from common.reply import summary_button

    prompt = say("patient", "sms.summary_prompt")
    for case in CASES:
        reply = {**_assessment(case, "patient"), "buttons": [summary_button("patient")]}
        text = render_sms(reply)[0]
        assert segment_count(text) <= 3 and "Reply: Summary" not in text
        assert text.endswith(say("patient", "sms.why_prompt"))
    short = {**replies.message_reply("x", "patient"), "citations": [], "buttons": [summary_button("patient")]}
    assert prompt in render_sms(short)[0]
