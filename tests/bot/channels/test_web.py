"""The web channel: its output (one message per answer), its settings, and, against the real
servers, its page routes and socket.io conversation with bad input."""
from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

import pytest

from actions.dialogue.replies import question_reply
from bot.channels.inbound import MAX_MESSAGE_CHARS
from bot.channels.web import RadixWebOutput, parse_allowed_origins
from common.wording import say

MALFORMED_MESSAGE_REPLY = say("patient", "web.malformed")
NO_SESSION_REPLY = say("patient", "web.no_session")


class FakeSocketServer:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None, **kwargs):
        self.emitted.append((event, data, room))


def _sent(message: dict) -> list:
    sio = FakeSocketServer()
    asyncio.run(RadixWebOutput(sio, "bot_uttered").send_response("session-1", message))
    assert all(event == "bot_uttered" and room == "session-1" for event, _, room in sio.emitted)
    return [data for _, data, _ in sio.emitted]


def test_structured_answer_is_one_message_with_html_and_no_text_twin():
    reply = question_reply("Can you walk on your heels?", "patient", 1)
    message = {"text": "Question 1:\n\nCan you walk on your heels?", "buttons": reply["buttons"],
               "custom": {"radix_reply": reply}}
    [payload] = _sent(message)
    assert payload["radix_reply"] == reply
    assert "Can you walk on your heels?" in payload["html"]
    assert [q["payload"] for q in payload["quick_replies"]] == ["/affirm", "/deny", "/unsure"]
    assert payload["text"] == message["text"]  # for generic socket.io clients, same message


def test_plain_text_with_blank_lines_stays_one_message():
    assert _sent({"text": "Hello.\n\nTell me more."}) == [{"text": "Hello.\n\nTell me more."}]


def test_text_with_buttons_is_one_message_with_quick_replies():
    [payload] = _sent({"text": "Go on?\n\nReally?", "buttons": [{"title": "Yes", "payload": "/affirm"}]})
    assert payload["text"] == "Go on?\n\nReally?"
    assert payload["quick_replies"] == [{"content_type": "text", "title": "Yes", "payload": "/affirm"}]


def test_other_custom_json_is_wrapped_not_passed_as_emit_arguments():
    assert _sent({"custom": {"kind": "x"}}) == [{"custom": {"kind": "x"}}]


@pytest.mark.parametrize("credentials", [None, {}, {"allowed_origins": None}, {"allowed_origins": ""}])
def test_default_is_same_origin_only(credentials):
    assert parse_allowed_origins(credentials) is None


def test_allowed_origins_from_list_or_comma_separated_text():
    assert parse_allowed_origins({"allowed_origins": ["https://a.example"]}) == ["https://a.example"]
    assert parse_allowed_origins({"allowed_origins": "https://a.example, http://b.example:8080"}) == [
        "https://a.example", "http://b.example:8080"]


@pytest.mark.parametrize(
    "credentials, named",
    [
        ({"jwt_key": "x"}, "unknown key 'jwt_key'"),
        ({"allowed_origins": ["https://a.example/path"]}, "'allowed_origins'"),
        ({"allowed_origins": [42]}, "'allowed_origins'"),
        ({"allowed_origins": {"a": 1}}, "'allowed_origins'"),
    ],
)
def test_bad_settings_are_rejected_naming_file_channel_and_key(credentials, named):
    with pytest.raises(ValueError) as error:
        parse_allowed_origins(credentials)
    message = str(error.value)
    assert "bot/credentials.yml" in message and "RadixWebInput" in message and named in message


# --- against the real servers -------------------------------------------------------------

def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.headers, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.servers
def test_page_says_it_does_not_diagnose_and_loads_only_its_own_files(radix_servers):
    status, headers, body = _get(f"{radix_servers.settings.rasa_url}/webhooks/web/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "Radix supports decisions; it does not diagnose." in page.replace("\n        ", " ")
    assert 'src="static/widget.js"' in page and 'src="static/vendor/socket.io.min.js"' in page
    assert 'role="log" aria-live="polite"' in page
    assert 'name="viewport" content="width=device-width' in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]


@pytest.mark.servers
def test_page_without_slash_redirects_and_static_files_are_an_allowlist(radix_servers):
    base = f"{radix_servers.settings.rasa_url}/webhooks/web"
    status, _, body = _get(base)  # urllib follows the redirect
    assert status == 200 and b'id="log"' in body
    status, headers, body = _get(f"{base}/static/vendor/socket.io.min.js")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert body.startswith(b"/*!\n * Socket.IO v4.")
    assert _get(f"{base}/static/favicon.svg")[0] == 200
    for name in ("index.html", "..%2Fchannels%2Fweb.py", "%2e%2e/credentials.yml", "nope.js"):
        assert _get(f"{base}/static/{name}")[0] == 404, name


def _run(web_chat, conversation):
    async def main():
        chat = web_chat()
        await chat.open()
        try:
            return await conversation(chat)
        finally:
            await chat.close()
    return asyncio.run(main())


@pytest.mark.servers
def test_greeting_and_a_cited_answer_arrive_as_one_message_each(web_chat):
    async def conversation(chat):
        [greeting] = await chat.say("hi")
        assert "I'm Radix" in greeting["text"] and "radix_reply" not in greeting
        [answer] = await chat.say("what is cauda equina syndrome?")
        reply = answer["radix_reply"]
        assert reply["type"] == "answer" and reply["audience"] == "patient" and reply["citations"]
        assert 'class="cite"' in answer["html"]
    _run(web_chat, conversation)


@pytest.mark.servers
def test_bad_input_gets_a_clear_reply_and_the_conversation_goes_on(web_chat):
    async def conversation(chat):
        sid = chat.session_id
        cases = [
            ({"message": "", "session_id": sid}, "I didn't receive any text"),
            ({"message": "\x00\x07 \x1b", "session_id": sid}, "I didn't receive any text"),
            ({"message": "x" * 100_000, "session_id": sid}, f"{MAX_MESSAGE_CHARS:,} characters"),
            ({"message": {"nested": 1}, "session_id": sid}, MALFORMED_MESSAGE_REPLY),
            ("{not json", MALFORMED_MESSAGE_REPLY),
            ([1, 2], MALFORMED_MESSAGE_REPLY),
            ({"message": "hi"}, NO_SESSION_REPLY),
            ({"message": "hi", "session_id": "f" * 32}, NO_SESSION_REPLY),  # not this socket's
        ]
        for data, expected in cases:
            [reply] = await chat.send(data)
            assert expected in reply["text"], (data if len(str(data)) < 80 else "long", reply)
        [reply] = await chat.send(json.dumps({"message": "hello", "session_id": sid}))
        assert "I'm Radix" in reply["text"]
        [reply] = await chat.say("🦶💥 ሰላም")
        assert reply.get("text") or reply.get("radix_reply")
    _run(web_chat, conversation)


@pytest.mark.servers
def test_a_reconnecting_socket_gets_its_session_back(web_chat):
    async def main():
        first = web_chat()
        session_id = await first.open()
        await first.close()
        second = web_chat()
        assert await second.open(session_id) == session_id
        [reply] = await second.say("hi")
        assert "I'm Radix" in reply["text"]
        await second.close()
        third = web_chat()
        assert await third.open("../not-an-id") != "../not-an-id"
        await third.close()
    asyncio.run(main())


@pytest.mark.servers
@pytest.mark.parametrize("forge", [
    lambda real: real.split(".")[0],                                   # today's unsigned format
    lambda real: real.split(".")[0] + "." + "0" * 32,                  # a made-up signature
    lambda real: "%032x" % (int(real.split(".")[0], 16) ^ 1) + "." + real.split(".")[1],  # another id
])
def test_a_session_id_the_server_did_not_sign_starts_a_new_session(web_chat, forge):
    async def main():
        owner = web_chat()
        real = await owner.open()
        await owner.close()
        stranger = web_chat()
        forged = forge(real)
        given = await stranger.open(forged)
        assert given not in (forged, real)
        assert [reply["text"] for reply in await stranger.send(
            {"message": "hi", "session_id": forged})] == [NO_SESSION_REPLY]
        await stranger.close()
    asyncio.run(main())
