"""Radix's web chat: Rasa's socket.io channel plus the page (bot/web/) that talks to it.

GET  /webhooks/web/                 the chat page (widget)
GET  /webhooks/web/static/<file>    its script, style and the vendored socket.io client
socket.io at /socket.io             events: session_request -> session_confirm,
                                    user_uttered {message, session_id} -> bot_uttered...,
                                    then bot_turn_done once the turn is over

One bot_uttered message per answer. A structured answer arrives as
{"radix_reply": {...}, "html": <common.render.web>, "text": <plain twin>, "quick_replies": [...]}:
the widget shows the html; "text"/"quick_replies" keep Rasa's socket.io contract for other
clients. Domain responses and refusals arrive as {"text": ...} (+ "quick_replies").

Differences from Rasa's SocketIOInput, and why:
- sessions always persist (the socket joins a room named after the session id), so a
  dropped connection that reconnects keeps its conversation; python-socketio 5.x made
  enter_room a coroutine, which Rasa 3.6 does not await, so it is awaited here;
- session ids are issued and signed by the server (WebSessions): a reconnect asking for an
  id Radix did not sign (made up, altered, or signed with another key) gets a new session, so
  no client can join a conversation by choosing its id; a socket may only speak for the
  session it joined; the conversation id is `web:<session>`;
- each turn runs through bot/turns.py: the replies are emitted once Rasa saved the turn, and a
  failed turn gets one clear message instead;
- bad input (not an object, no session, empty, over-long, control characters) gets a
  clear bot message instead of a silent drop or a traceback;
- long-polling only (see blueprint()): websockets crash in Sanic 21.12 on Python 3.11; a
  polling session lives in one server's memory, so replicas need sticky routing for
  /socket.io (docs/deploy.md), while replies reach the session's sockets on any replica
  through Redis (shared_rooms);
- client metadata is ignored: the web audience is the channel default (patient).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput

from bot.channels.conversation import conversation_id
from bot.channels.inbound import clean_inbound_text
from bot.turns import install_guards, problem_text, run_turn
from common.render.web import render_html
from common.settings import load_settings
from common.wording import say

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
USER_MESSAGE_EVENT = "user_uttered"
BOT_MESSAGE_EVENT = "bot_uttered"
# Sent after the last reply to each user message: the widget stops showing "thinking", and
# clients (and tests) know the turn is over without waiting for silence.
TURN_DONE_EVENT = "bot_turn_done"
SOCKETIO_PATH = "/socket.io"
# Served files, by the name used in the URL: nothing else under bot/web/ is reachable.
STATIC_FILES = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "vendor/socket.io.min.js": "application/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
PAGE_HEADERS = {
    # The page loads only its own files and talks only to its own origin (socket.io included).
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
# A session id: 32 random hex digits, a dot, 32 hex digits of HMAC-SHA256 under the server's key.
SESSION_ID = re.compile(r"([0-9a-f]{32})\.([0-9a-f]{32})")
CREDENTIAL_KEYS = {"allowed_origins", "session_key"}


class WebSessions:
    """Issues session ids signed with the server's key and recognises only those."""

    def __init__(self, key: str = ""):
        if not key:
            logger.info("RADIX_WEB_SESSION_KEY is empty: web sessions last until this server stops.")
        self._key = (key or secrets.token_hex(32)).encode("utf-8")

    def _signature(self, token: str) -> str:
        return hmac.new(self._key, f"radix-web-session:{token}".encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        token = secrets.token_hex(16)
        return f"{token}.{self._signature(token)}"

    def token(self, session_id: object) -> Optional[str]:
        """The session's token if Radix signed this id, else None."""
        match = SESSION_ID.fullmatch(session_id) if isinstance(session_id, str) else None
        if match and hmac.compare_digest(match.group(2), self._signature(match.group(1))):
            return match.group(1)
        return None

def parse_allowed_origins(credentials: Optional[Dict[Text, Any]]) -> Optional[List[str]]:
    """Origins allowed to open the socket; None means only the page's own origin."""
    credentials = credentials or {}
    where = "bot/credentials.yml, bot.channels.web.RadixWebInput"
    unknown = sorted(set(credentials) - CREDENTIAL_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (allowed: {sorted(CREDENTIAL_KEYS)})")
    origins = credentials.get("allowed_origins")
    if origins in (None, "", []):
        return None
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",") if o.strip()]
    if not isinstance(origins, list) or not all(
        isinstance(o, str) and re.fullmatch(r"https?://[^/\s]+", o) for o in origins
    ):
        raise ValueError(
            f"{where}: key 'allowed_origins' must be a list of origins like "
            f"'https://example.org' (scheme and host, no path), got {origins!r}"
        )
    return origins


@lru_cache(maxsize=None)
def shared_rooms() -> Optional[AsyncRedisManager]:
    """With replicas (RADIX_LOCK_URL names their shared Redis): emits go through Redis, so a reply
    reaches every socket of the session whichever replica holds it (a second tab, a reconnect that
    landed elsewhere). Alone: python-socketio's in-process manager."""
    url = load_settings().lock_url
    return AsyncRedisManager(url, channel="radix-web") if url else None


def _web_file(name: str) -> bytes:
    return (WEB_DIR / name).read_bytes()


def bot_payload(message: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
    """The one bot_uttered payload for a structured answer, or None if it is not one."""
    custom = message.get("custom")
    reply = custom.get("radix_reply") if isinstance(custom, dict) else None
    if not isinstance(reply, dict):
        return None
    payload = {"radix_reply": reply, "html": render_html(reply), "text": message.get("text") or ""}
    if reply.get("buttons"):
        payload["quick_replies"] = [
            {"content_type": "text", "title": b["title"], "payload": b["payload"]}
            for b in reply["buttons"]
        ]
    return payload


class RadixWebOutput(SocketIOOutput):
    """Sends each answer as one bot_uttered message (structured answers rendered once), to
    `room` if given (a session), else to the recipient id."""

    def __init__(self, sio: AsyncServer, bot_message_evt: Text, room: Optional[Text] = None):
        super().__init__(sio, bot_message_evt)
        self.room = room

    @classmethod
    def name(cls) -> Text:
        return "web"

    async def _send_message(self, socket_id: Text, response: Any) -> None:
        await self.sio.emit(self.bot_message_evt, response, room=self.room or socket_id)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        payload = bot_payload(message)
        if payload is None:
            await super().send_response(recipient_id, message)
            return
        await self._send_message(recipient_id, payload)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        # One bubble per message (Rasa splits on blank lines).
        await self._send_message(recipient_id, {"text": text.strip()})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {
            "text": text.strip(),
            "quick_replies": [
                {"content_type": "text", "title": b["title"], "payload": b["payload"]}
                for b in buttons
            ],
        })

    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        # Rasa's version passes the dict as emit() keyword arguments, which python-socketio 5 rejects.
        await self._send_message(recipient_id, {"custom": json_message})


class RadixWebInput(SocketIOInput):
    """The socket.io channel the web widget uses, and the routes that serve the widget."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "RadixWebInput":
        return cls(allowed_origins=parse_allowed_origins(credentials),
                   session_key=(credentials or {}).get("session_key") or "")

    def __init__(self, allowed_origins: Optional[List[str]] = None, session_key: str = "") -> None:
        super().__init__(
            user_message_evt=USER_MESSAGE_EVENT,
            bot_message_evt=BOT_MESSAGE_EVENT,
            session_persistence=True,
            socketio_path=SOCKETIO_PATH,
        )
        self.allowed_origins = allowed_origins
        self.sessions = WebSessions(session_key)

    def get_output_channel(self) -> Optional[RadixWebOutput]:
        return RadixWebOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Long-polling only: Sanic 21.12's websocket code calls asyncio.wait() on bare
        # coroutines, which Python 3.11 forbids, so every websocket upgrade would crash.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=self.allowed_origins,
                          transports=["polling"], client_manager=shared_rooms())
        web = SocketBlueprint(sio, self.socketio_path, "radix_web", __name__)
        install_guards(web)
        self.sio = sio
        output = RadixWebOutput(sio, self.bot_message_evt)

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            if not request.path.endswith("/"):  # the page's relative URLs need the slash
                return response.redirect(request.path + "/")
            return response.raw(
                _web_file("index.html"), content_type="text/html; charset=utf-8",
                headers=PAGE_HEADERS,
            )

        @web.route("/static/<name:path>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            if name not in STATIC_FILES:
                return response.json({"error": "not found"}, status=404)
            return response.raw(
                _web_file(name), content_type=STATIC_FILES[name],
                headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
            )

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            # Reconnecting sockets ask for their session back; only an id this server signed
            # is given back, anything else gets a new session.
            session_id = requested if self.sessions.token(requested) else self.sessions.issue()
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: Text, data: Any = None) -> None:
            room = await answer(sid, data)
            await sio.emit(TURN_DONE_EVENT, {}, room=room)

        async def answer(sid: Text, data: Any) -> Text:
            """Reply to one user message; the room (session or socket) the replies went to."""
            if isinstance(data, str):
                try:
                    data = json.loads(data)
                except ValueError:
                    data = None
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                await output._send_message(sid, {"text": say("patient", "web.malformed")})
                return sid
            session_id = data.get("session_id")
            token = self.sessions.token(session_id)
            if not (token and session_id in sio.rooms(sid)):
                await output._send_message(sid, {"text": say("patient", "web.no_session")})
                return sid
            inbound = clean_inbound_text(data.get("message"))
            if inbound.refusal:
                await output._send_message(session_id, {"text": inbound.refusal})
                return session_id
            outcome = await run_turn(on_new_message, inbound.text,
                                     conversation_id(self.name(), token), self.name(),
                                     RadixWebOutput(sio, self.bot_message_evt, room=session_id))
            if not outcome.ok:
                await output._send_message(session_id,
                                           {"text": problem_text(outcome.problem, "patient")})
            return session_id

        return web
