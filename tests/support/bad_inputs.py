"""The bad-input corpus: what strangers and broken clients send to each channel.

Used by tests/bot/test_abuse.py (every request gets a 4xx or a clear 200, never a 5xx, and the
server keeps running) and by `make soak` (sent while 50 conversations run).
"""
from __future__ import annotations

import json
import time
import urllib.parse
from typing import Callable, List, Tuple

Request = Tuple[str, Callable[[], object]]   # (name, send() -> reply with .status)


def rest_requests(post_raw, rest_url: str, token: str) -> List[Request]:
    auth = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}

    def post(body: bytes, headers=None):
        return lambda: post_raw(rest_url, body, {**auth, **(headers or {})})

    def payload(**fields):
        return post(json.dumps({"sender": "corpus", "message": "hi", **fields}).encode())

    deep = '{"a":' * 5000 + "1" + "}" * 5000
    return [
        ("rest: no token", post(b'{"sender": "x", "message": "hi"}', {"Authorization": ""})),
        ("rest: wrong token", post(b'{"sender": "x", "message": "hi"}',
                                   {"Authorization": "Bearer nope"})),
        ("rest: malformed JSON", post(b'{"sender": "x",')),
        ("rest: not UTF-8", post(b"\xff\xfe\x00")),
        ("rest: empty body", post(b"")),
        ("rest: a list", post(b"[1, 2, 3]")),
        ("rest: no sender", post(b'{"message": "hi"}')),
        ("rest: blank sender", payload(sender="   ")),
        ("rest: lone surrogate sender", payload(sender="\ud800")),
        ("rest: NUL sender", payload(sender="a\x00b")),
        ("rest: control-character sender", payload(sender="a\x1bb")),
        ("rest: 300-character sender", payload(sender="s" * 300)),
        ("rest: sender not a string", payload(sender={"id": 1})),
        ("rest: message not a string", payload(message=["hi"])),
        ("rest: metadata not an object", payload(metadata=[1])),
        ("rest: metadata nested 5,000 deep", post(
            ('{"sender": "corpus", "message": "hi", "metadata": ' + deep + "}").encode())),
        ("rest: 300 KB of metadata", payload(metadata={"pad": "m" * 300_000})),
        ("rest: 2 MB body", payload(metadata={"pad": "m" * 2_000_000})),
        ("rest: 100 KB message", payload(message="numb " * 20_000)),
        ("rest: NULs and surrogates in text", payload(message="foot\x00 \ud800 numb \udfff")),
        ("rest: control characters only", payload(message="\x00\x07\x1b")),
    ]


def slack_requests(slack) -> List[Request]:
    def event(**event_fields):
        body = json.loads(slack.event_body("hello", ts=slack.next_ts()))
        body["event"].update(event_fields)
        return json.dumps(body).encode()

    def send(body: bytes, content_type="application/json", **kwargs):
        return lambda: slack.send(body, content_type, **kwargs)

    return [
        ("slack: unsigned", lambda: slack.post_raw(slack.url, event(), {"Content-Type": "application/json"})),
        ("slack: wrong secret", send(event(), secret="not-the-secret")),
        ("slack: replayed (10 minutes old)", send(event(), timestamp=int(time.time()) - 600)),
        ("slack: malformed JSON", send(b'{"type": "event_callback",')),
        ("slack: a list", send(b"[1]")),
        ("slack: no event", send(b'{"type": "event_callback"}')),
        ("slack: lone surrogate user", send(event(user="U\ud800"))),
        ("slack: NUL user", send(event(user="U\x00"))),
        ("slack: no user", send(event(user=None))),
        ("slack: Radix's own user", send(event(user=slack.bot_user))),
        ("slack: text not a string", send(event(text={"a": 1}))),
        ("slack: channel with a surrogate", send(event(channel="D\ud800"))),
        ("slack: 100 KB text", send(event(text="numb " * 20_000))),
        ("slack: interaction not JSON", send(b"payload=%7Bnot-json",
                                             "application/x-www-form-urlencoded")),
        ("slack: interaction without actions", send(urllib.parse.urlencode(
            {"payload": json.dumps({"type": "block_actions", "actions": "x"})}).encode(),
            "application/x-www-form-urlencoded")),
        ("slack: unknown content type", send(b"hi", "text/plain")),
    ]


def sms_requests(phone) -> List[Request]:
    def signed(**fields):
        params = {**phone.params("hello"), **fields}
        return lambda: phone.signed({k: v for k, v in params.items() if v is not None})

    return [
        ("sms: unsigned", lambda: phone.post(phone.params("hello"), signature=None)),
        ("sms: wrong signature", lambda: phone.post(phone.params("hello"), signature="bm9wZQ==")),
        ("sms: no From", signed(From=None)),
        ("sms: NUL in From", signed(From="+1555\x00123")),
        ("sms: not a form", lambda: phone.post_raw(phone.local_url, b'{"From": "+1"}',
                                                   {"Content-Type": "application/json"})),
        ("sms: not UTF-8", lambda: phone.post_raw(phone.local_url, b"Body=\xff\xfe",
                                                  {"Content-Type": "application/x-www-form-urlencoded"})),
        ("sms: picture only", signed(Body="", NumMedia="1")),
        ("sms: NULs in text", signed(Body="foot\x00 numb \x00")),
        ("sms: 100 KB text", signed(Body="numb " * 20_000)),
    ]
