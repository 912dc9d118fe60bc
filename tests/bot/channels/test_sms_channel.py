"""The SMS gateway against the running servers, signed like Twilio, with a fake REST API.

Each test texts from its own phone number, so conversations and replies never mix. "All the
replies to a text have come" is a known event, not a quiet period: the text's inbox row is done
and its conversation has nothing left in the outbox (tests/support/delivery.py).
"""
from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from common.wording import say

pytestmark = pytest.mark.servers

GSM_EXTENSION = set("^{}\\[~]|€")
THREE_SEGMENTS = 3 * 153  # septets in a 3-part concatenated GSM-7 SMS
SYMPTOMS = "my right foot is numb on top and I can't walk on my heels, and my lower back hurts"


def septets(text: str) -> int:
    assert text.isascii(), text  # the renderer keeps SMS in GSM-7 (ASCII here)
    return sum(2 if ch in GSM_EXTENSION else 1 for ch in text)


def test_signed_text_gets_an_empty_twiml_ack_and_a_rest_reply_from_the_twilio_number(phone):
    reply = phone.text("hello")
    assert reply.status == 200 and b"<Response></Response>" in reply.body
    phone.wait(1)
    sent = [c for c in phone.fake.calls if c["to"] == phone.number]
    assert sent[0]["from"] == phone.env["TWILIO_NUMBER"]
    assert "Radix" in sent[0]["body"]


@pytest.mark.parametrize("how", ["wrong token", "local url", "missing"])
def test_bad_signature_is_rejected_and_nothing_is_sent(phone, how):
    if how == "wrong token":
        reply = phone.text("hello", token="not-the-auth-token")
    elif how == "local url":  # signed for the URL the server sees, not the public one
        reply = phone.text("hello", url=phone.local_url)
    else:
        reply = phone.post(phone.params("hello"), signature=None)
    assert reply.status == 403
    rejected = phone.last_sid
    assert phone.probe.inbox_row("sms", rejected) is None  # nothing was scheduled...
    greeting = phone.exchange("hello")  # ...as the next text proves: only its reply comes
    assert phone.received() == greeting and len(greeting) == 1


def test_interview_with_y_answers_then_assessment_in_three_segments_then_why_quotes(phone):
    screen = "\n".join(phone.exchange(SYMPTOMS))  # the red-flag screen first
    assert "bladder" in screen.lower() and "Reply Y or N" in screen
    question = phone.exchange("n")
    assert any("Reply Y or N" in body for body in question) and not any("bladder" in b.lower() for b in question)
    after_yes = phone.exchange("y")  # Y answers the question (not read as free text)
    assert after_yes and not any("couldn't pick out" in body for body in after_yes)

    assessment, = phone.exchange("result")
    assert septets(assessment) <= THREE_SEGMENTS
    assert "How urgent:" in assessment  # patient wording by default
    assert assessment.endswith("Reply WHY for the sources.")
    assert "[1" in assessment

    quotes = phone.exchange("WHY")
    assert len(quotes) >= 2
    assert all(septets(body) <= THREE_SEGMENTS for body in quotes)
    assert quotes[0].startswith('Sources (exact words): [1] "')


def test_stop_is_honoured_until_start_and_help_always_answers(phone, radix_servers):
    confirmation, = phone.exchange(" stop ")
    assert "unsubscribed" in confirmation and "START" in confirmation

    assert phone.exchange(SYMPTOMS) == []  # read by nobody, answered with nothing
    assert len(phone.received()) == 1

    help_text, = phone.exchange("HELP")
    assert "does not diagnose" in help_text and "STOP" in help_text

    back, = phone.exchange("START")
    assert "subscribed again" in back
    assert phone.exchange("hello")  # answered again

    db = Path(radix_servers.settings.db_url.removeprefix("sqlite:///"))
    with sqlite3.connect(db) as connection:
        stored = [row[0] for row in connection.execute("SELECT sender_hash FROM sms_opt_out")]
    assert all(phone.number not in value for value in stored)


def _all_text(db_path: Path) -> str:
    """Every value of every table, as text (whatever the schema)."""
    with sqlite3.connect(db_path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return "\n".join(str(row) for table in tables
                         for row in connection.execute(f'SELECT * FROM "{table}"'))


def test_phone_numbers_are_not_stored_in_the_tracker_consults_or_logs(phone, radix_servers):
    marker = "hello radix " + uuid.uuid4().hex[:8]
    phone.exchange(marker)
    phone.exchange(SYMPTOMS)
    phone.exchange("result")  # records a consult

    settings = radix_servers.settings
    tracker = Path(settings.tracker_url.removeprefix("sqlite:///"))
    radix_db = Path(settings.db_url.removeprefix("sqlite:///"))
    tracker_text = _all_text(tracker)
    assert marker in tracker_text  # the conversation is there...
    with sqlite3.connect(tracker) as connection:
        senders = {r[0] for r in connection.execute(
            "SELECT sender_id FROM events WHERE data LIKE ?", (f"%{marker}%",))}
    assert senders and all(s.startswith("sms:") for s in senders)  # ...under a hashed id
    digits = phone.number.lstrip("+")
    for path in [tracker, radix_db, *settings.data_dir.glob("logs/*.log")]:
        content = path.read_bytes()
        assert digits.encode() not in content, path
    assert digits not in tracker_text and digits not in _all_text(radix_db)


def test_a_picture_without_text_is_signed_with_blank_fields_and_gets_a_text_reply(phone):
    # Twilio signs every field, blank ones included (Body is empty for a picture).
    [reply] = phone.exchange("", NumMedia="1", MediaContentType0="image/jpeg",
                             MediaUrl0="https://api.twilio.com/2010-04-01/Media/ME1",
                             MessagingServiceSid="")
    assert reply == say("patient", "sms.media_only")


def test_stop_with_a_blank_field_is_honoured(phone):
    [confirmation] = phone.exchange("STOP", MessagingServiceSid="", FromCity="")
    assert "unsubscribed" in confirmation
    assert phone.exchange("hello") == []


def test_summary_by_sms_fits_three_segments_names_only_the_case_and_offers_why(phone, radix_servers):
    import contextlib
    import io
    import re

    from actions import cli

    phone.exchange(SYMPTOMS + ", my number is " + phone.number)
    phone.exchange("result")
    phone.exchange("n")
    summary, = phone.exchange("SUMMARY")
    assert septets(summary) <= THREE_SEGMENTS
    assert summary.startswith(say("patient", "summary.title") + ":")
    assert summary.endswith(say("patient", "sms.why_prompt"))
    case_id = re.search(r"Radix case ([0-9a-f]{12}),", summary).group(1)
    digits = phone.number.lstrip("+")
    assert digits not in summary and digits[-7:] not in summary

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["case", "show", case_id, "--db-url", radix_servers.settings.db_url]) == 0
    stored = out.getvalue()
    assert stored.startswith(say("patient", "summary.title").upper()) and digits[-7:] not in stored

    quotes = phone.exchange("WHY")
    assert quotes and quotes[0].startswith('Sources (exact words): [1] "')
