"""Radix's REST channel: Rasa's REST contract, closed to strangers, with strict input checks.

POST /webhooks/rest/webhook  {"sender": "...", "message": "...", "metadata": {"audience": ...}}
  Authorization: Bearer $RADIX_REST_TOKEN
- no token configured, or a missing or wrong bearer token: 401 (the channel is closed);
- malformed JSON (or nested too deep), a body that is not an object, a missing, blank, too long
  or unprintable sender, a non-string message: 400 with {"error": ...};
- the conversation is `rest:<sender>` (bot/channels/conversation.py): a REST client cannot
  reach a Slack, SMS or web conversation whatever sender it sends;
- metadata: only `audience` is kept (clinician | patient); nothing else reaches the tracker;
- empty or over-long text: 200 with one bot message saying why it was not read;
- a turn that fails (action server down or slow, tracker store failing, a bug): 200 with one
  message saying so; nothing of the failed turn is saved or sent (bot/turns.py).
"""
from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversation import BadConversationId, conversation_id
from bot.channels.inbound import clean_inbound_text
from bot.turns import channel_blueprint, problem_text, run_turn
from common.contract import AUDIENCES, default_audience
from common.timings import stage

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 200


def _bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def parse_rest_body(body: bytes) -> tuple[Optional[dict], Optional[str]]:
    """Returns (payload, None) or (None, reason for a 400)."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None, "request body is not valid JSON"
    except RecursionError:
        return None, "request body is nested too deeply"
    if not isinstance(payload, dict):
        return None, "request body must be a JSON object with 'sender' and 'message'"
    sender = payload.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return None, "'sender' is required: a non-empty string identifying the conversation"
    if len(sender.strip()) > MAX_SENDER_CHARS:
        return None, f"'sender' is longer than {MAX_SENDER_CHARS} characters"
    try:
        conversation_id("rest", sender.strip(), "'sender'")
    except BadConversationId as problem:
        return None, str(problem)
    message = payload.get("message")
    if message is not None and not isinstance(message, str):
        return None, "'message' must be a string"
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return None, "'metadata' must be a JSON object"
    return payload, None


def client_metadata(metadata: Optional[dict]) -> dict:
    """The only client metadata Radix keeps: a known audience."""
    audience = (metadata or {}).get("audience")
    return {"audience": audience} if isinstance(audience, str) and audience in AUDIENCES else {}


class RadixRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "RadixRestInput":
        return cls(token=(credentials or {}).get("token") or "")

    def __init__(self, token: str = "") -> None:
        self.token = token
        if not token:
            logger.warning("RADIX_REST_TOKEN is empty: the REST webhook rejects all requests.")

    def authorised(self, request: Request) -> bool:
        if not self.token:
            return False
        scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8", "replace"), self.token.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = channel_blueprint("radix_rest_webhook")

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            with stage("rasa: REST request (whole)"):
                return await self._receive(request, on_new_message)

        return webhook

    async def _receive(self, request: Request,
                       on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if not self.authorised(request):
            reason = ("the REST channel is closed (RADIX_REST_TOKEN is not set)"
                      if not self.token else "missing or wrong bearer token")
            return response.json({"error": reason}, status=401,
                                 headers={"WWW-Authenticate": 'Bearer realm="radix"'})
        payload, problem = parse_rest_body(request.body)
        if problem:
            return _bad_request(problem)
        sender = payload["sender"].strip()
        conversation = conversation_id("rest", sender)
        metadata = client_metadata(payload.get("metadata"))
        audience = metadata.get("audience") or default_audience("rest")
        inbound = clean_inbound_text(payload.get("message"), audience)
        if inbound.refusal:
            return response.json([{"recipient_id": sender, "text": inbound.refusal}])
        collector = CollectingOutputChannel()
        outcome = await run_turn(on_new_message, inbound.text, conversation, self.name(),
                                 collector, metadata=metadata)
        if not outcome.ok:
            return response.json([{"recipient_id": sender,
                                   "text": problem_text(outcome.problem, audience)}])
        return response.json([{**m, "recipient_id": sender} for m in collector.messages])
