"""Faults against the real servers (issue 12): a hung or dead action server, a locked tracker
database, a Slack or Twilio API that fails, and who may read the files Radix writes.

The Rasa server reaches the action server through `action_proxy` (tests/support/http_fakes.py),
which holds calls (hung) or refuses connections (dead); action calls give up after 2 s in tests.
"""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from common.wording import say

pytestmark = pytest.mark.servers

SYMPTOMS = "my right foot is numb on top and I can't walk on my heels"
RED_FLAG = "my back hurts and I suddenly can't control my bladder and I'm numb between my legs"
PROBLEM = say("patient", "messages.service_problem")
NOT_SAVED = say("patient", "messages.not_saved")


def tracker_events(radix_servers, conversation: str) -> list[dict]:
    path = Path(radix_servers.settings.tracker_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        return [json.loads(row[0]) for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (conversation,))]


def user_texts(radix_servers, conversation: str) -> list[str]:
    return [e.get("text") for e in tracker_events(radix_servers, conversation)
            if e.get("event") == "user"]


def rasa_log(radix_servers) -> str:
    return (radix_servers.settings.data_dir / "logs" / "rasa.log").read_text(errors="replace")


@pytest.fixture
def actions(action_proxy):
    """The action proxy, put back to "pass" after the test whatever happened."""
    yield action_proxy
    action_proxy.set_mode("pass")


def has_red_flags(replies: list[dict]) -> bool:
    return any(r["type"] == "red_flag_alert" or any(s["kind"] == "red_flags" for s in r["sections"])
               for r in replies)


# --- the action server -------------------------------------------------------------------------

def test_a_hung_action_server_gets_a_clear_reply_within_the_timeout_and_nothing_saved(
        actions, rest_chat, radix_servers):
    held_before = actions.held
    actions.set_mode("hold")
    assert rest_chat.send(SYMPTOMS) == [{"recipient_id": rest_chat.sender, "text": PROBLEM}]
    actions.wait_held(held_before + 1)  # it really was waiting on the action server
    assert user_texts(radix_servers, f"rest:{rest_chat.sender}") == []  # the turn was not kept
    actions.set_mode("pass")
    assert rest_chat.structured(SYMPTOMS)  # and the conversation goes on


def test_a_dead_action_server_gets_a_clear_reply_on_every_channel(
        actions, rest_chat, slack, phone, web_chat):
    actions.set_mode("down")
    assert rest_chat.say(SYMPTOMS) == PROBLEM

    slack.dm(SYMPTOMS)
    assert slack.wait_posts(1)[0]["text"].startswith(say("clinician", "messages.service_problem")[:40])

    assert phone.exchange(SYMPTOMS) == [PROBLEM]

    async def web():
        chat = web_chat()
        await chat.open()
        try:
            return await chat.say(SYMPTOMS)
        finally:
            await chat.close()
    assert [m.get("text") for m in asyncio.run(web())] == [PROBLEM]

    actions.set_mode("pass")
    assert rest_chat.structured(SYMPTOMS)


# --- the tracker store -------------------------------------------------------------------------

def test_a_locked_tracker_database_fails_the_turn_visibly_and_the_red_flag_survives(
        rest_chat, radix_servers):
    conversation = f"rest:{rest_chat.sender}"
    rest_chat.say("hi")
    path = radix_servers.settings.tracker_url.removeprefix("sqlite:///")
    locker = sqlite3.connect(path, isolation_level=None, timeout=1)
    locker.execute("BEGIN IMMEDIATE")  # another writer holds the database: reads work, writes wait
    try:
        reply = rest_chat.send(RED_FLAG)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert [m["text"] for m in reply] == [NOT_SAVED]  # told to repeat; no flag announced unsaved
    assert RED_FLAG not in user_texts(radix_servers, conversation)
    assert f"Turn of conversation {conversation} not saved" in rasa_log(radix_servers)

    assert has_red_flags(rest_chat.structured(RED_FLAG))  # repeated: answered and kept
    assert has_red_flags(rest_chat.structured("result"))
    assert RED_FLAG in user_texts(radix_servers, conversation)


# --- outgoing messages: retried, recorded ------------------------------------------------------

def test_a_failed_twilio_send_is_retried_and_delivered(phone, fake_twilio_api):
    before = len(fake_twilio_api.failures)
    fake_twilio_api.fail_next(2, 500, {"code": 20500, "message": "Internal", "status": 500})
    [greeting] = phone.exchange("hello")
    assert "Radix" in greeting
    assert len(fake_twilio_api.failures) == before + 2
    [row] = phone.probe.outbox_rows(phone.probe.inbox_row("sms", phone.last_sid)["conversation_id"])
    assert row["status"] == "sent" and row["attempts"] == 2 and row["destination"] is None


def test_a_send_that_keeps_failing_is_recorded_as_failed_and_logged(phone, fake_twilio_api,
                                                                     radix_servers):
    attempts = radix_servers.settings.outbox_attempts
    fake_twilio_api.fail_next(attempts, 503, {"code": 20503, "message": "Unavailable", "status": 503})
    assert phone.exchange("hello") == []
    conversation = phone.probe.inbox_row("sms", phone.last_sid)["conversation_id"]
    [row] = phone.probe.outbox_rows(conversation)
    assert row["status"] == "failed" and "503" in row["last_error"] and row["destination"] is None
    assert f"sms message to {conversation} failed after {attempts} attempt(s)" in rasa_log(radix_servers)
    assert "Radix" in phone.exchange("hello")[0]  # the next one goes through


def test_a_refused_twilio_send_is_not_retried(phone, fake_twilio_api):
    before = len(fake_twilio_api.failures)
    fake_twilio_api.fail_next(1, 400, {"code": 21211, "message": "Invalid 'To'", "status": 400})
    assert phone.exchange("hello") == []
    assert len(fake_twilio_api.failures) == before + 1
    [row] = phone.probe.outbox_rows(phone.probe.inbox_row("sms", phone.last_sid)["conversation_id"])
    assert row["status"] == "failed" and row["attempts"] == 0


def test_slack_rate_limits_and_server_errors_are_retried(slack, fake_slack_api):
    fake_slack_api.fail_next(1, 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    fake_slack_api.fail_next(1, 500, {"ok": False, "error": "internal_error"})
    ts = slack.dm("hello")
    [post] = slack.wait_posts(1)
    assert post["thread_ts"] == ts and "Radix" in post["text"]


def test_red_flag_replies_are_queued_as_urgent(phone):
    phone.exchange(RED_FLAG)
    rows = phone.probe.outbox_rows(phone.probe.inbox_row("sms", phone.last_sid)["conversation_id"])
    assert rows and all(row["priority"] == 0 for row in rows)
    phone.exchange("hello")
    rows = phone.probe.outbox_rows(rows[0]["conversation_id"])
    assert rows[-1]["priority"] == 1


# --- files ---------------------------------------------------------------------------------------

def test_databases_logs_and_the_data_directory_are_private(radix_servers, rest_chat, phone):
    rest_chat.say("hi")
    phone.exchange("hello")
    data_dir = radix_servers.settings.data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    found = {p.name for p in data_dir.rglob("*")}
    assert {"tracker.db", "radix.db", "rasa.log", "actions.log"} <= found
    for path in data_dir.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = 0o700 if path.is_dir() else 0o600
        assert mode & ~expected == 0, (path, oct(mode))
    assert os.access(data_dir, os.R_OK)
