"""Clients that talk to the test servers as Slack, Twilio and the web widget do.

SlackWorkspace signs Events API / interactivity requests with the signing secret; Phone signs
Twilio form posts; WebChat speaks the widget's socket.io protocol. The fixtures `slack`, `phone`
and `web_chat` (tests/conftest.py) give each test its own user, number or session.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import random
import time
import urllib.parse
import uuid

import socketio
from twilio.request_validator import RequestValidator

BOT_USER = "UBOTRADIX"
TURN_DONE = object()   # stands for the server's bot_turn_done event in a WebChat inbox


def sign(body: bytes, timestamp: str, secret: str) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackWorkspace:
    """Sends Events API and interactivity requests to Radix as Slack would."""

    bot_user = BOT_USER  # Radix's own user id in this workspace

    def __init__(self, post_raw, rasa_url: str, fake, signing_secret: str):
        self.post_raw = post_raw
        self.signing_secret = signing_secret
        self.url = f"{rasa_url}/webhooks/slack/webhook"
        self.fake = fake
        self.user = "U" + uuid.uuid4().hex[:10].upper()
        self.channel = "D" + uuid.uuid4().hex[:10].upper()
        self._ts = 0

    def next_ts(self) -> str:
        self._ts += 1
        return f"{int(time.time())}.{self._ts:06d}"

    def send(self, body: bytes, content_type: str, *, secret=None, timestamp=None, headers=None):
        timestamp = str(int(time.time()) if timestamp is None else timestamp)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": sign(body, timestamp, secret or self.signing_secret),
            **(headers or {}),
        }
        return self.post_raw(self.url, body, all_headers)

    def event_body(self, text: str, *, ts: str, thread_ts=None, kind="message", channel=None,
                   event_id=None, user=None) -> bytes:
        event = {"type": kind, "user": user or self.user, "text": text, "ts": ts,
                 "channel": channel or self.channel,
                 "channel_type": "im" if kind == "message" else "channel"}
        if user == "":
            del event["user"]
        if thread_ts:
            event["thread_ts"] = thread_ts
        return json.dumps({
            "type": "event_callback", "team_id": "T0RADIX", "api_app_id": "A0RADIX",
            "event_id": event_id or "Ev" + uuid.uuid4().hex[:12].upper(), "event_time": int(time.time()),
            "authorizations": [{"user_id": BOT_USER, "is_bot": True}], "event": event,
        }).encode()

    def dm(self, text: str, thread_ts=None, **kwargs) -> str:
        ts = self.next_ts()
        reply = self.send(self.event_body(text, ts=ts, thread_ts=thread_ts), "application/json", **kwargs)
        assert reply.status == 200, (reply.status, reply.body)
        return ts

    def click(self, value: str, message: dict):
        payload = {"type": "block_actions", "user": {"id": self.user},
                   "channel": {"id": message["channel"]},
                   "message": {"ts": message["ts"], "thread_ts": message["thread_ts"]},
                   "actions": [{"type": "button", "action_id": "radix_button_0", "value": value,
                                "action_ts": f"{time.time():.6f}"}]}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
        reply = self.send(body, "application/x-www-form-urlencoded")
        assert reply.status == 200, (reply.status, reply.body)

    def posts(self, channel=None):
        return self.fake.posts(channel=channel or self.channel)

    def wait_posts(self, count: int, channel=None) -> list[dict]:
        self.fake.wait_for(lambda _: len(self.posts(channel)) >= count)
        return self.posts(channel)

    def marker(self) -> list[dict]:
        """Send "hello" and wait for its reply; replies of one conversation are posted in order,
        so every reply to what was sent before has come by then. All posts in the DM."""
        ts = self.dm("hello")
        self.fake.wait_for(lambda _: any(p["thread_ts"] == ts for p in self.posts()))
        posts = self.posts()
        assert "Radix" in next(p for p in posts if p["thread_ts"] == ts)["text"]
        return posts


class Phone:
    """A patient's phone texting Radix's Twilio number (requests signed as Twilio does)."""

    def __init__(self, post_raw, rasa_url: str, fake, env: dict, probe):
        self.post_raw = post_raw
        self.local_url = f"{rasa_url}/webhooks/sms/webhook"
        self.env = env
        self.fake = fake
        self.probe = probe
        self.number = "+1555" + "".join(random.choice("0123456789") for _ in range(7))
        self.last_sid = None

    def params(self, body: str, **extra) -> dict:
        self.last_sid = "SM" + uuid.uuid4().hex
        return {"From": self.number, "To": self.env["TWILIO_NUMBER"], "Body": body,
                "MessageSid": self.last_sid, "AccountSid": self.env["TWILIO_ACCOUNT_SID"],
                "NumMedia": "0", **extra}

    def post(self, params: dict, signature):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return self.post_raw(self.local_url, urllib.parse.urlencode(params).encode(), headers)

    def signed(self, params: dict, *, token=None, url=None):
        # Twilio signs the public URL it was configured with, not what the server sees.
        signature = RequestValidator(token or self.env["TWILIO_AUTH_TOKEN"]).compute_signature(
            url or self.env["TWILIO_WEBHOOK_URL"], params)
        return self.post(params, signature)

    def text(self, body: str, *, token=None, url=None, **extra):
        return self.signed(self.params(body, **extra), token=token, url=url)

    def received(self) -> list[str]:
        return self.fake.to(self.number)

    def wait(self, count: int) -> list[str]:
        self.fake.wait_for(lambda _: len(self.received()) >= count)
        return self.received()

    def answered(self) -> dict:
        """Once the last text was processed and all its replies were sent: its inbox row."""
        return self.probe.wait_answered("sms", self.last_sid)

    def exchange(self, body: str, **extra) -> list[str]:
        """Text `body` and return all the replies to it."""
        before = len(self.received())
        reply = self.text(body, **extra)
        assert reply.status == 200, (reply.status, reply.body)
        self.answered()
        return self.received()[before:]


class WebChat:
    """A socket.io client speaking the widget's protocol (polling: no extra websocket package)."""

    def __init__(self, url: str):
        self.url = url
        self.client = socketio.AsyncClient()
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.client.on("bot_uttered", self.inbox.put_nowait)
        self.client.on("bot_turn_done", lambda *_: self.inbox.put_nowait(TURN_DONE))
        self.client.on("session_confirm", lambda sid: self.inbox.put_nowait({"session": sid}))
        self.session_id = None

    async def open(self, session_id=None) -> str:
        await self.client.connect(self.url, transports=["polling"])
        await self.client.emit("session_request", {"session_id": session_id})
        self.session_id = (await asyncio.wait_for(self.inbox.get(), 30))["session"]
        return self.session_id

    async def send(self, data) -> list:
        """Everything the bot sent back for one message, up to the server's end-of-turn event."""
        await self.client.emit("user_uttered", data)
        messages = []
        while (message := await asyncio.wait_for(self.inbox.get(), 60)) is not TURN_DONE:
            messages.append(message)
        return messages

    async def say(self, text) -> list:
        return await self.send({"message": text, "session_id": self.session_id})

    async def close(self):
        # The socket.io goodbye, then drop the transport: a polling client's graceful disconnect
        # waits out the server's 25 s ping interval.
        await self.client._send_packet(self.client.packet_class(socketio.packet.DISCONNECT, namespace="/"))
        await self.client.eio.disconnect(abort=True)


