"""Block Kit rendering (pure): layout, urgency first, citations, buttons, Slack limits."""
from __future__ import annotations

import json

from actions.dialogue import replies
from actions.engine import assess
from common.render.slack import render_slack


def _finding(concept, **extra):
    return {"concept": concept, "status": "present", "experiencer": "patient", **extra}


CAUDA_EQUINA = [_finding("saddle_anesthesia"), _finding("bladder_dysfunction"),
                _finding("numbness", site="sole", laterality="bilateral"), _finding("back_pain")]
FOOT_DROP = [_finding("foot_drop", laterality="right"), _finding("heel_walk_weakness"),
             _finding("numbness", site="dorsum"), _finding("back_pain")]


def _assessment(findings, audience="clinician"):
    return replies.assessment_reply(assess(findings, audience=audience).to_dict(), audience)


def _texts(blocks, kind="section"):
    return [b["text"]["text"] for b in blocks if b["type"] == kind]


def _index(blocks, needle):
    return next(i for i, b in enumerate(blocks)
                if b["type"] == "section" and needle in b["text"]["text"])


def test_assessment_starts_with_header_then_red_flags_before_triage_and_considerations():
    message = render_slack(_assessment(CAUDA_EQUINA))
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == "Assessment"
    assert blocks[1]["type"] == "section" and ":rotating_light: *Red flags: act now*" in blocks[1]["text"]["text"]
    assert _index(blocks, "Red flags") < _index(blocks, "Triage: EMERGENCY") < _index(blocks, "Considerations (ranked)")


def test_red_flags_come_first_even_when_the_reply_lists_them_later():
    reply = _assessment(CAUDA_EQUINA)
    reply["sections"].append(reply["sections"].pop(0))  # red flags moved to the end
    blocks = render_slack(reply)["blocks"]
    assert "Red flags" in blocks[1]["text"]["text"]


def test_considerations_are_numbered_with_their_findings_and_citation_marks():
    reply = _assessment(FOOT_DROP)
    considerations = next(s for s in reply["sections"] if s["kind"] == "considerations")
    first = considerations["items"][0]
    text = "\n".join(_texts(render_slack(reply)["blocks"]))
    marks = "".join(f"[{n}]" for n in first["citations"])
    assert f"1. *{first['text']}* {marks}" in text
    assert f"_{first['detail']}_" in text and "for: " in first["detail"]


def test_context_blocks_carry_the_numbered_sources_and_the_footer():
    reply = _assessment(FOOT_DROP)
    blocks = render_slack(reply)["blocks"]
    context = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    titles = {c["title"] for c in reply["citations"]}
    for title in titles:
        line = next(t for t in context if t.endswith(title))
        assert line.startswith("[")
    assert any("Decision support from the cited articles" in t for t in context)


def test_question_has_yes_no_buttons_whose_values_are_the_payloads():
    message = render_slack(replies.question_reply("Are the ankle reflexes absent?", "clinician", 2))
    blocks = message["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Question 2", "emoji": True}}
    assert "Question 2" not in "\n".join(_texts(blocks))  # the header is not repeated
    actions = blocks[-1]
    assert actions["type"] == "actions"
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == [
        ("Yes", "/affirm"), ("No", "/deny"), ("Not sure", "/unsure")]
    assert len({e["action_id"] for e in actions["elements"]}) == 3


def test_patient_alert_shows_urgent_header_and_flags_first():
    a = assess(CAUDA_EQUINA, audience="patient").to_dict()
    reply = replies.red_flag_alert_reply(a["red_flags"], "patient", a["triage"], in_interview=True)
    blocks = render_slack(reply)["blocks"]
    assert blocks[0]["type"] == "header" and "Urgent" in blocks[0]["text"]["text"]
    assert "Urgent: get medical help now" in blocks[1]["text"]["text"]
    assert blocks[-1]["type"] == "actions"


def test_user_text_is_escaped_for_mrkdwn():
    reply = replies.message_reply("Saw <@U123> & <!channel> > 3 times", "clinician")
    text = render_slack(reply)["blocks"][0]["text"]["text"]
    assert text == "Saw &lt;@U123&gt; &amp; &lt;!channel&gt; &gt; 3 times"


def test_an_oversized_reply_stays_within_block_kit_limits():
    reply = replies.message_reply("x", "clinician", buttons=[{"title": "Yes", "payload": "/affirm"}])
    reply["sections"] = [
        {"kind": "advice", "title": f"Advice {i}",
         "items": [{"text": "word " * 700, "detail": None, "citations": [1]}] * 3}
        for i in range(40)
    ]
    message = render_slack(reply)
    blocks = message["blocks"]
    assert len(blocks) <= 50
    assert all(len(t) <= 3000 for t in _texts(blocks))
    assert blocks[-1]["type"] == "actions"  # the buttons survive the cut
    assert any("Shortened for Slack" in e["text"] for b in blocks if b["type"] == "context"
               for e in b["elements"])
    assert len(message["text"]) <= 3000
    json.dumps(message)  # serialisable as sent


def test_fallback_text_is_the_plain_rendering():
    message = render_slack(_assessment(FOOT_DROP))
    assert message["text"].startswith("ASSESSMENT")
    assert "Triage: urgent" in message["text"]


def test_a_summary_ends_with_its_quotes_and_a_plain_text_copy_of_the_whole_note():
    from actions.dialogue.summary import build_summaries, screen_answers
    from actions.engine import load_knowledge
    from common.render.slack import MAX_BLOCKS, MAX_SECTION_CHARS
    from common.render.text import render_summary_text

    screen = screen_answers(FOOT_DROP, [], [], [])
    note = build_summaries(case_id="abc123", date="2026-11-24 09:30 UTC", findings=FOOT_DROP, screen=screen,
                           corrections=[], knowledge=load_knowledge())["clinician"]
    message = render_slack(note)
    blocks = message["blocks"]
    assert blocks[0]["text"]["text"] == "Radix case note" and len(blocks) <= MAX_BLOCKS
    copy_at = next(i for i, b in enumerate(blocks)
                   if b["type"] == "context" and "Plain text to paste" in b["elements"][0]["text"])
    plain = blocks[copy_at + 1:]
    assert plain and all(b["type"] == "section" and b["text"]["type"] == "plain_text" for b in plain)
    assert all(len(b["text"]["text"]) <= MAX_SECTION_CHARS for b in blocks if b["type"] == "section")
    assert "\n".join(b["text"]["text"] for b in plain) == render_summary_text(note)
    context = [e["text"] for b in blocks[:copy_at] if b["type"] == "context" for e in b["elements"]]
    assert any(line.startswith('[1] ') and line.endswith('"') for line in context)       # the quotes
    formatted = "\n".join(_texts(blocks[:copy_at]))
    assert formatted.index("Presenting findings") < formatted.index("Considerations (ranked)")
