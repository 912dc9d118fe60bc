"""Radix's REST channel: Rasa's REST contract with strict input checks.

POST /webhooks/rest/webhook  {"sender": "...", "message": "...", "metadata": {...}}
- malformed JSON, a body that is not an object, a missing/blank sender or a non-string
  message: 400 with {"error": ...};
- empty or over-long text: 200 with one bot message saying why it was not read;
- a failure inside Rasa: 200 with a bot message saying so (never a 500, never an empty reply).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage

from bot.channels.inbound import clean_inbound_text
from common.contract import AUDIENCES, default_audience
from common.wording import say

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 256


def _bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def parse_rest_body(body: bytes) -> tuple[Optional[dict], Optional[str]]:
    """Returns (payload, None) or (None, reason for a 400)."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None, "request body is not valid JSON"
    if not isinstance(payload, dict):
        return None, "request body must be a JSON object with 'sender' and 'message'"
    sender = payload.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return None, "'sender' is required: a non-empty string identifying the conversation"
    if len(sender) > MAX_SENDER_CHARS:
        return None, f"'sender' is longer than {MAX_SENDER_CHARS} characters"
    message = payload.get("message")
    if message is not None and not isinstance(message, str):
        return None, "'message' must be a string"
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return None, "'metadata' must be a JSON object"
    return payload, None


class RadixRestInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("radix_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            payload, problem = parse_rest_body(request.body)
            if problem:
                return _bad_request(problem)
            sender_id = payload["sender"].strip()
            audience = (payload.get("metadata") or {}).get("audience")
            inbound = clean_inbound_text(payload.get("message"),
                                         audience if audience in AUDIENCES else default_audience("rest"))
            if inbound.refusal:
                return response.json([{"recipient_id": sender_id, "text": inbound.refusal}])

            collector = CollectingOutputChannel()
            metadata: Dict[Text, Any] = dict(payload.get("metadata") or {})
            try:
                await on_new_message(
                    UserMessage(
                        inbound.text,
                        collector,
                        sender_id,
                        input_channel=self.name(),
                        metadata=metadata,
                    )
                )
            except Exception:  # a crash inside Rasa must still give the user an answer
                logger.exception("Processing a REST message failed (sender %s)", sender_id)
                return response.json(
                    [{"recipient_id": sender_id, "text": say("patient", "messages.processing_failed")}]
                )
            return response.json(collector.messages)

        return webhook
