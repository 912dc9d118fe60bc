"""Strangers and bad input against the real servers (issue 12: input at the door, isolation).

Each test sends what an attacker or a broken client would and then checks that the servers are
still up and answering: the Rasa process must never exit and never answer 5xx.
"""
from __future__ import annotations

import json
import sqlite3
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.channels.inbound import MAX_MESSAGE_CHARS

pytestmark = pytest.mark.servers

RED_FLAG = "my back hurts and I suddenly can't control my bladder and I'm numb between my legs"


def still_serving(radix_servers, rest_chat) -> None:
    assert radix_servers.exited() is None
    assert "I'm Radix" in rest_chat.say("hi")


def tracker_rows(radix_servers, conversation: str) -> list[str]:
    path = Path(radix_servers.settings.tracker_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (conversation,))]


# --- REST: closed to strangers -------------------------------------------------------------

@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic cmFkaXg6eA==",
                                           "Bearer "])
def test_rest_without_the_bearer_token_is_refused(rest_post, rest_chat, authorization):
    headers = {"Authorization": authorization} if authorization else {"Authorization": ""}
    reply = rest_post(json.dumps({"sender": "stranger", "message": "hi"}).encode(), headers)
    assert reply.status == 401 and "token" in reply.json()["error"]


# --- ids and text at the door --------------------------------------------------------------

@pytest.mark.parametrize("sender", [
    "\ud800", "a\ud800b", "x\x00y", "tab\there", "\u202eevil", "a" * 300, "\u2028",
])
def test_unprintable_or_oversized_senders_get_400_and_the_server_stays_up(
        rest_post, radix_servers, rest_chat, sender):
    body = json.dumps({"sender": sender, "message": "hi"}).encode()  # ensure_ascii: "\ud800"
    reply = rest_post(body)
    assert reply.status == 400, reply.body
    assert "sender" in reply.json()["error"]
    still_serving(radix_servers, rest_chat)


def test_text_with_lone_surrogates_and_nuls_is_answered(rest_chat, radix_servers):
    messages = rest_chat.send("my foot \ud800 is numb\x00 \udfff")
    assert messages and all(m.get("text") or m.get("custom") for m in messages)
    stored = "\n".join(tracker_rows(radix_servers, f"rest:{rest_chat.sender}"))
    assert "\\ufffd" in stored and "\\u0000" not in stored and "\\ud800" not in stored
    still_serving(radix_servers, rest_chat)


def test_deeply_nested_json_gets_400(rest_post, radix_servers, rest_chat):
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    body = ('{"sender": "deep", "message": "hi", "metadata": ' + deep + "}").encode()
    reply = rest_post(body)
    assert reply.status == 400 and "nested" in reply.json()["error"]
    still_serving(radix_servers, rest_chat)


def test_a_body_over_the_cap_gets_413_not_a_crash(rest_post, radix_servers, rest_chat):
    cap = radix_servers.settings.max_request_bytes
    body = json.dumps({"sender": "big", "message": "x", "metadata": {"pad": "y" * cap}}).encode()
    assert rest_post(body).status == 413
    still_serving(radix_servers, rest_chat)


def test_only_the_audience_survives_from_client_metadata(rest_chat, radix_servers):
    junk = {"pad": "z" * 200_000, "nested": [[[[{"x": 1}]]]], "audience": "clinician",
            "slack_user": "U0RESIDENT"}
    assert rest_chat.send("hi", metadata=junk)
    events = [json.loads(d) for d in tracker_rows(radix_servers, f"rest:{rest_chat.sender}")]
    [stored] = [e["metadata"] for e in events if e.get("event") == "user"]
    assert stored["audience"] == "clinician"
    assert set(stored) <= {"audience", "model_id", "assistant_id"}  # the last two: Rasa's own
    assert max(len(d) for d in tracker_rows(radix_servers, f"rest:{rest_chat.sender}")) < 20_000


def test_message_over_the_limit_is_refused_on_every_channel(rest_chat, phone, slack):
    long_text = "numb " * (MAX_MESSAGE_CHARS // 5 + 10)
    assert f"{MAX_MESSAGE_CHARS:,}" in rest_chat.say(long_text)
    assert any(f"{MAX_MESSAGE_CHARS:,}" in body for body in phone.exchange(long_text))
    ts = slack.dm(long_text)
    assert f"{MAX_MESSAGE_CHARS:,}" in slack.wait_posts(1)[0]["text"]
    assert slack.posts()[0]["thread_ts"] == ts


# --- isolation between channels ------------------------------------------------------------

def test_rest_cannot_read_or_wipe_a_slack_residents_case(slack, rest_post, radix_servers):
    slack.dm(RED_FLAG)
    first = slack.wait_posts(1)[0]
    assert "Red flags" in json.dumps(first["blocks"])
    for sender in (slack.user, f"slack:{slack.user}", f"slack:{slack.user}".upper()):
        for message in ("why?", "new case"):
            reply = rest_post(json.dumps({"sender": sender, "message": message}).encode())
            assert reply.status == 200
            assert "bladder" not in reply.body.decode().lower(), (sender, message)
    # The resident's case is intact: their findings are still there.
    slack.dm("result")
    assessment = slack.wait_posts(2)[-1]
    assert "Red flags" in json.dumps(assessment["blocks"])
    assert tracker_rows(radix_servers, slack.user) == []  # nothing stored un-namespaced


def test_the_sms_hash_does_not_appear_in_the_rasa_log(phone, radix_servers):
    from bot.channels.sms import sender_hash

    phone.exchange("hello")
    conversation = sender_hash(phone.number, phone.env["RADIX_SENDER_HASH_KEY"])
    log = (radix_servers.settings.data_dir / "logs" / "rasa.log").read_text(errors="replace")
    assert conversation.split(":")[1] not in log


# --- browsers: CORS only for configured origins --------------------------------------------

def _cors(radix_servers, origin: str):
    request = urllib.request.Request(
        f"{radix_servers.settings.rasa_url}/webhooks/rest/webhook", method="OPTIONS",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.headers


def test_cors_is_answered_only_for_configured_origins(radix_servers):
    configured = radix_servers.settings.cors_origins[0]
    assert _cors(radix_servers, configured)["Access-Control-Allow-Origin"] == configured
    for stranger in ("https://evil.example", "null", "http://127.0.0.1:9"):
        headers = _cors(radix_servers, stranger)
        assert headers["Access-Control-Allow-Origin"] is None, stranger
        assert headers["Access-Control-Allow-Credentials"] is None, stranger


# --- Slack ids and authors -------------------------------------------------------------------

@pytest.mark.parametrize("user", ["U\ud800X", "U\x00X", "U" + "X" * 300, ""])
def test_slack_events_with_bad_or_missing_users_are_ignored(slack, radix_servers, rest_chat, user):
    body = slack.event_body("my foot is numb", ts=slack.next_ts(), user=user)
    reply = slack.send(body, "application/json")
    assert reply.status == 200 and b"skipped" in reply.body
    assert len(slack.marker()) == 1  # only the marker was answered
    still_serving(radix_servers, rest_chat)


def test_slack_ignores_its_own_user(slack):
    body = slack.event_body("Assessment: red flags", ts=slack.next_ts(), user=slack.bot_user)
    reply = slack.send(body, "application/json")
    assert reply.status == 200 and b"skipped" in reply.body
    assert len(slack.marker()) == 1


def test_sms_from_an_unprintable_number_gets_400(phone, radix_servers, rest_chat):
    phone.number = "+1555\x00" + uuid.uuid4().hex[:6]
    assert phone.text("hello").status == 400
    still_serving(radix_servers, rest_chat)


# --- the whole corpus (also sent by `make soak`) ---------------------------------------------

def test_the_bad_input_corpus_never_gets_a_5xx_and_nothing_exits(
        harness, post_raw, radix_servers, slack, phone, rest_chat, channel_env):
    corpus = harness.support("bad_inputs")
    requests = (corpus.rest_requests(post_raw, f"{radix_servers.settings.rasa_url}/webhooks/rest/webhook",
                                     channel_env["RADIX_REST_TOKEN"])
                + corpus.slack_requests(slack) + corpus.sms_requests(phone))
    statuses = {}
    for name, send in requests:
        statuses[name] = send().status
    assert {n: s for n, s in statuses.items() if s >= 500} == {}
    assert statuses["rest: 2 MB body"] == 413 and statuses["rest: wrong token"] == 401
    still_serving(radix_servers, rest_chat)


def test_a_slack_interaction_with_malformed_actions_is_declined_not_a_caught_crash(harness, slack):
    corpus = harness.support("bad_inputs")
    [send] = [send for name, send in corpus.slack_requests(slack) if name == "slack: interaction without actions"]
    reply = send()
    assert reply.status == 200 and b"Interaction not handled" in reply.body
