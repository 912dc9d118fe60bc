"""The Slack channel against the running servers, signed like Slack, with a fake Web API.

Each test uses its own user and channel ids, so conversations and posts never mix. "Nothing
(more) was posted" is proved with a marker: a following message whose reply is waited for
(replies of one conversation are posted in order, bot/delivery/).
"""
from __future__ import annotations

import json
import time
import uuid

import pytest

from common.wording import say

pytestmark = pytest.mark.servers

BOT_USER = "UBOTRADIX"  # tests/support/clients.py signs events as Radix's workspace
FOOT_DROP_NOTE = "R foot drop, numbness on the dorsum, can't heel walk, low back pain, no bladder symptoms"
CAUDA_EQUINA_NOTE = ("saddle anaesthesia, new urinary retention, both soles numb, low back pain")


def section_texts(post) -> list[str]:
    return [b["text"]["text"] for b in post["blocks"] if b["type"] == "section"]


def header(post):
    first = post["blocks"][0]
    return first["text"]["text"] if first["type"] == "header" else None


def first_index(post, needle) -> int:
    return next(i for i, b in enumerate(post["blocks"])
                if b["type"] == "section" and needle in b["text"]["text"])


def test_dm_interview_in_thread_with_buttons_then_block_kit_assessment(slack):
    thread = slack.dm(FOOT_DROP_NOTE)
    screen = slack.wait_posts(1)[0]  # the red-flag screen first, with its buttons
    assert screen["thread_ts"] == thread  # answered in the thread of the user's message
    assert header(screen) == say("clinician", "conversation.screen_first_title") and "saddle" in "\n".join(section_texts(screen))
    none = [e for e in screen["blocks"][-1]["elements"] if e["text"]["text"] == "None"]
    slack.click(none[0]["value"], screen)  # the button's value comes back as the user's message

    question = slack.wait_posts(2)[1]
    assert question["thread_ts"] == thread
    assert question["blocks"][0]["type"] == "header"
    actions = question["blocks"][-1]
    assert actions["type"] == "actions"
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]][:2] == [
        ("Yes", "/affirm"), ("No", "/deny")]
    slack.click("/affirm", question)
    after_click = slack.wait_posts(3)[2]
    assert after_click["thread_ts"] == thread

    slack.dm("result", thread_ts=thread)
    assessment = slack.wait_posts(4)[-1]
    assert assessment["thread_ts"] == thread
    blocks = assessment["blocks"]
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Assessment", "emoji": True}}
    text = "\n".join(section_texts(assessment))
    assert "Triage:" in text and "Considerations (ranked)" in text  # clinician wording by default
    assert "How urgent" not in text
    context = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert any(line.startswith("[1]") for line in context)


def test_red_flags_are_shown_first(slack):
    thread = slack.dm(CAUDA_EQUINA_NOTE)
    first = slack.wait_posts(1)[0]
    assert "Red flags: act now" in section_texts(first)[0]
    slack.dm("result", thread_ts=thread)
    slack.fake.wait_for(lambda _: any(header(p) == "Assessment" for p in slack.posts()))
    assessment = next(p for p in slack.posts() if header(p) == "Assessment")
    assert first_index(assessment, "Red flags") < first_index(assessment, "Triage:") \
        < first_index(assessment, "Considerations")


def test_app_mention_in_a_channel_is_answered_in_its_thread_without_the_mention(slack):
    channel = "C" + uuid.uuid4().hex[:10].upper()
    ts = slack.next_ts()
    body = slack.event_body(f"<@{BOT_USER}> hello", ts=ts, kind="app_mention", channel=channel)
    assert slack.send(body, "application/json").status == 200
    post = slack.wait_posts(1, channel=channel)[0]
    assert post["thread_ts"] == ts
    assert "Radix" in post["text"]


def test_a_retried_event_is_answered_once(slack):
    ts = slack.next_ts()
    body = slack.event_body("hello", ts=ts, event_id="EvRETRY" + uuid.uuid4().hex[:8])
    assert slack.send(body, "application/json").status == 200
    slack.wait_posts(1)
    retry = slack.send(body, "application/json",
                       headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status == 200 and b"Duplicate" in retry.body  # recognised at once
    assert len(slack.marker()) == 2  # the original's reply, then the marker's: nothing else


@pytest.mark.parametrize("how", ["wrong secret", "stale timestamp", "no signature"])
def test_unsigned_or_stale_requests_are_rejected_and_not_answered(slack, how):
    body = slack.event_body("hello", ts=slack.next_ts())
    if how == "wrong secret":
        reply = slack.send(body, "application/json", secret="not-the-secret")
    elif how == "stale timestamp":  # correctly signed, but 10 minutes old: a replay
        reply = slack.send(body, "application/json", timestamp=int(time.time()) - 600)
    else:
        reply = slack.post_raw(slack.url, body, {"Content-Type": "application/json"})
    assert reply.status == 401
    assert len(slack.marker()) == 1  # only the marker was answered


def test_url_verification_echoes_the_challenge(slack):
    body = json.dumps({"type": "url_verification", "token": "t", "challenge": "radix-challenge-42"}).encode()
    reply = slack.send(body, "application/json")
    assert reply.status == 200 and reply.json() == {"challenge": "radix-challenge-42"}


@pytest.mark.parametrize("body, content_type", [
    (b'{"type": "event_callback", ', "application/json"),
    (b"[1, 2]", "application/json"),
    (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
])
def test_malformed_signed_requests_get_400_not_500(slack, body, content_type):
    assert slack.send(body, content_type).status == 400


def test_control_characters_only_get_the_refusal_in_the_thread(slack):
    ts = slack.dm("\x00\x07 \x1b")
    post = slack.wait_posts(1)[0]
    assert post["thread_ts"] == ts
    assert "I didn't receive any text" in post["text"]


def test_a_resident_gets_the_note_in_the_thread_with_a_plain_copy_that_the_database_gives_again(slack, radix_servers):
    import contextlib
    import io
    import re

    from actions import cli

    thread = slack.dm(FOOT_DROP_NOTE)
    screen = slack.wait_posts(1)[-1]     # the red-flag screen first
    none = [e for e in screen["blocks"][-1]["elements"] if e["text"]["text"] == "None"]
    slack.click(none[0]["value"], screen)
    slack.wait_posts(2)
    slack.dm("result", thread_ts=thread)
    assessment = slack.wait_posts(3)[-1]
    summary_button = assessment["blocks"][-1]["elements"][0]
    assert summary_button["text"]["text"] == say("clinician", "buttons.summary")

    slack.click(summary_button["value"], assessment)       # one click
    note = slack.wait_posts(4)[-1]
    assert note["thread_ts"] == thread and header(note) == say("clinician", "summary.title")
    formatted = "\n".join(section_texts(note))
    assert formatted.index("Presenting findings") < formatted.index("Considerations (ranked)")
    copy_at = next(i for i, b in enumerate(note["blocks"]) if b["type"] == "context"
                   and b["elements"][0]["text"] == say("clinician", "slack.copy_title"))
    plain = "\n".join(b["text"]["text"] for b in note["blocks"][copy_at + 1:])
    assert all(b["text"]["type"] == "plain_text" for b in note["blocks"][copy_at + 1:])
    assert plain.startswith("RADIX CASE NOTE\nCase ") and slack.user not in plain and slack.channel not in plain

    case_id = re.match(r"RADIX CASE NOTE\nCase ([0-9a-f]{12}),", plain).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["case", "show", case_id, "--db-url", radix_servers.settings.db_url]) == 0
    assert out.getvalue() == plain + "\n"

    slack.dm("note", thread_ts=thread)                      # one word
    again = slack.wait_posts(5)[-1]
    assert "\n".join(b["text"]["text"] for b in again["blocks"][copy_at + 1:]) == plain
