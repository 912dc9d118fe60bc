"""The REST channel against the real Rasa server and action server."""
from __future__ import annotations

import json

import pytest

from bot.channels.inbound import MAX_MESSAGE_CHARS
from bot.channels.rest import parse_rest_body

pytestmark = pytest.mark.servers


def test_conversation_greet_help_out_of_scope_goodbye(rest_chat):
    assert "I'm Radix" in rest_chat.say("hi")

    help_reply = rest_chat.say("what can you do?")
    # action_help lives on the action server: this text proves the round trip.
    assert "from which level" in help_reply
    assert "it does not diagnose" in help_reply

    assert "I can only help with one question" in rest_chat.say("book me a flight to paris")
    assert "Goodbye" in rest_chat.say("bye")


@pytest.mark.parametrize(
    "body, reason",
    [
        (b'{"sender": "x",', "not valid JSON"),
        (b"\xff\xfe not utf-8", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"message": "hi"}', "'sender' is required"),
        (b'{"sender": "   ", "message": "hi"}', "'sender' is required"),
        (b'{"sender": "x", "message": 42}', "'message' must be a string"),
        (b'{"sender": "x", "message": "hi", "metadata": [1]}', "'metadata' must be a JSON object"),
    ],
)
def test_malformed_requests_get_400_with_reason_and_server_keeps_serving(
    rest_post, rest_chat, body, reason
):
    reply = rest_post(body)
    assert reply.status == 400
    assert reason in reply.json()["error"]
    assert "I'm Radix" in rest_chat.say("hello")


def test_empty_message_gets_a_clear_reply(rest_chat):
    for empty in ["", "   ", "\x00\x07"]:
        assert "I didn't receive any text" in rest_chat.say(empty)


def test_100kb_message_is_refused_with_its_size_and_conversation_continues(rest_chat):
    message = ("my right foot is numb. " * 5000)[: 100 * 1024 - 1] + "!"
    reply = rest_chat.say(message)
    assert "102,400 characters" in reply and f"{MAX_MESSAGE_CHARS:,}" in reply
    assert "I'm Radix" in rest_chat.say("hi")


def test_control_characters_and_emoji_get_an_answer(rest_chat):
    messages = rest_chat.send("hi\x00\x1b[31m 👋🦶 你好 привет")
    assert messages and all(m.get("text") for m in messages)
    assert "I'm Radix" in rest_chat.say("hi")


def test_parse_rest_body_accepts_a_well_formed_message():
    payload, problem = parse_rest_body(json.dumps({"sender": "a", "message": "hi"}).encode())
    assert problem is None and payload["message"] == "hi"


def test_parse_rest_body_rejects_an_oversized_sender():
    _, problem = parse_rest_body(json.dumps({"sender": "a" * 300, "message": "hi"}).encode())
    assert "longer than" in problem
