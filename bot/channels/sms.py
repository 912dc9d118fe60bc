"""Radix by SMS: a Twilio-compatible webhook that answers through the Twilio REST API.

Endpoint: POST /webhooks/sms/webhook (Twilio's form post: From, To, Body, MessageSid, NumMedia).
- X-Twilio-Signature is checked with twilio's RequestValidator against the public webhook
  URL (TWILIO_WEBHOOK_URL: behind a proxy the URL the server sees differs), else the
  request URL, over every form field *including blank ones* (Twilio signs them; Sanic's
  request.form drops them, which made genuine requests with an empty field fail). Wrong or
  missing signature: 403; no auth token configured: every request is rejected (fail closed).
- Privacy: the conversation id is `sms:` + a keyed hash of the phone number (HMAC-SHA256 with
  RADIX_SENDER_HASH_KEY). The clear number is never put in the message metadata, the tracker,
  the consult records or the log; the inbox and outbox keep it *sealed* (encrypted under a key
  derived from the same secret) until the reply is sent, then erase it.
- Durable (bot/delivery/): the text is recorded in the inbox before Twilio gets its 200 (a
  retried MessageSid is recognised on any replica; a server that crashes mid-turn answers after
  its restart); replies go through the outbox (in order, red flags first, retried on 5xx / 429 /
  network errors, or recorded as failed).
- Carrier keywords (whole message, any case): STOP & co. opt out (stored as the hashed
  sender, bot/channels/sms_opt_out.py) and nothing more is sent until START/UNSTOP/YES;
  HELP/INFO answer with the help text and disclaimer. Y/N/NOT SURE answer questions, WHY
  asks for the sources (quotes come as follow-up messages). A picture without text gets a
  reply saying Radix reads text only.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import urllib.parse
import uuid
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversation import BadConversationId, check_printable
from bot.channels.inbound import clean_inbound_text
from bot.channels.sms_opt_out import OptOutStore
from bot.channels.sms_output import SmsRenderer, TwilioSender
from bot.delivery.durable import DurableDelivery
from bot.delivery.sealed import Sealer
from bot.delivery.store import InboxItem, Outgoing, urgent
from bot.turns import channel_blueprint, problem_text, run_turn, turn_is_urgent
from common.render.sms import render_plain_sms
from common.wording import say

logger = logging.getLogger(__name__)

SENDER_PREFIX = "sms:"

STOP_KEYWORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}
START_KEYWORDS = {"START", "UNSTOP"}
HELP_KEYWORDS = {"HELP", "INFO"}
# Rasa reads "/intent" as that intent, whatever the NLU model would make of one letter.
ANSWER_PAYLOADS = {
    "Y": "/affirm", "YES": "/affirm", "YEAH": "/affirm", "YEP": "/affirm",
    "N": "/deny", "NO": "/deny", "NOPE": "/deny",
    "NOT SURE": "/unsure", "UNSURE": "/unsure", "DONT KNOW": "/unsure", "DON'T KNOW": "/unsure",
    "WHY": "/ask_why", "SOURCES": "/ask_why", "SOURCE": "/ask_why",
}

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MAX_NUMBER_CHARS = 64


def sender_hash(phone_number: str, key: str) -> str:
    """The conversation id for a phone number: `sms:` + HMAC-SHA256 under the deployment's key."""
    if not key:
        raise ValueError("RADIX_SENDER_HASH_KEY is empty: refusing to hash phone numbers without a key")
    normalised = re.sub(r"[\s().-]", "", phone_number or "")
    digest = hmac.new(key.encode("utf-8"), normalised.encode("utf-8"), hashlib.sha256).hexdigest()
    return SENDER_PREFIX + digest[:40]


def sms_keyword(body: str) -> Optional[str]:
    """The whole message as a keyword ('STOP', 'Y', 'NOT SURE'...), upper-cased, or None."""
    cleaned = " ".join((body or "").replace("\u2019", "'").split()).strip(" .!").upper()
    if cleaned in STOP_KEYWORDS | START_KEYWORDS | HELP_KEYWORDS or cleaned in ANSWER_PAYLOADS:
        return cleaned
    return None


def parse_twilio_form(request: Request) -> Optional[Dict[str, str]]:
    """Every field of Twilio's form post, blank ones included; None if it is not one."""
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    try:
        pairs = urllib.parse.parse_qsl((request.body or b"").decode("utf-8"),
                                       keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    params: Dict[str, str] = {}
    for key, value in pairs:
        params.setdefault(key, value)
    return params


def media_count(params: Mapping[str, Any]) -> int:
    raw = str(params.get("NumMedia") or "0").strip()
    return int(raw) if raw.isdigit() else 0


class RadixSmsInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "sms"  # not "slack": patient wording by default

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            account_sid=credentials.get("account_sid") or "",
            auth_token=credentials.get("auth_token") or "",
            twilio_number=credentials.get("twilio_number") or "",
            webhook_url=credentials.get("webhook_url") or "",
            api_url=credentials.get("api_url") or "",
            sender_hash_key=credentials.get("sender_hash_key") or "",
        )

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str = "",
                 webhook_url: str = "", api_url: str = "", sender_hash_key: str = "",
                 opt_outs: Optional[OptOutStore] = None):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.webhook_url = webhook_url
        self.sender_hash_key = sender_hash_key
        self.opt_outs = opt_outs or OptOutStore(os.environ.get("RADIX_DB_URL") or None)
        self.sealer = Sealer(sender_hash_key, "sms-destination") if sender_hash_key else None
        self.sender = TwilioSender(account_sid, auth_token, api_url or None, self.sealer,
                                   self.opt_outs)
        self.delivery: Optional[DurableDelivery] = None
        if not auth_token:
            logger.warning("TWILIO_AUTH_TOKEN is empty: the SMS webhook rejects all requests.")
        if not sender_hash_key:
            logger.warning("RADIX_SENDER_HASH_KEY is empty: the SMS webhook refuses messages.")

    def signature_valid(self, request: Request, params: Mapping[str, str]) -> bool:
        if not self.auth_token:
            return False
        from twilio.request_validator import RequestValidator

        signature = request.headers.get("X-Twilio-Signature", "")
        url = self.webhook_url or request.url
        try:
            return bool(signature) and RequestValidator(self.auth_token).validate(
                url, dict(params), signature)
        except Exception:  # a malformed header is an invalid signature, not a crash
            logger.warning("Could not check an X-Twilio-Signature; rejected", exc_info=True)
            return False

    async def answer(self, item: InboxItem,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> List[Outgoing]:
        """The texts to send for one received SMS: keywords, then Rasa."""
        payload, sender_id = item.payload, item.conversation_id
        out = SmsRenderer(payload["from"], payload.get("to") or self.twilio_number)
        body = payload.get("body") or ""
        keyword = sms_keyword(body)
        if keyword in STOP_KEYWORDS:
            self.opt_outs.opt_out(sender_id)
            out.add([say("patient", "sms.stop")], even_if_opted_out=True, priority=0)
            return out.outgoing
        if keyword in HELP_KEYWORDS:  # carriers require HELP to answer, opted out or not
            out.add([say("patient", "sms.help")], even_if_opted_out=True)
            return out.outgoing
        if self.opt_outs.is_opted_out(sender_id):
            if keyword in START_KEYWORDS or keyword == "YES":
                self.opt_outs.opt_in(sender_id)
                out.add([say("patient", "sms.start")])
            return out.outgoing  # opted out: nothing is read or sent
        if keyword in START_KEYWORDS:
            out.add([say("patient", "sms.start")])
            return out.outgoing
        if not body.strip() and payload.get("media", 0) > 0:
            out.add(render_plain_sms(say("patient", "sms.media_only")))
            return out.outgoing
        inbound = clean_inbound_text(body)
        if inbound.refusal:
            out.add(render_plain_sms(inbound.refusal))
            return out.outgoing
        text = ANSWER_PAYLOADS.get(keyword, inbound.text) if keyword else inbound.text
        outcome = await run_turn(on_new_message, text, sender_id, self.name(), out,
                                 message_id=item.message_key)
        if not outcome.ok:
            out.add(render_plain_sms(problem_text(outcome.problem, "patient")))
        elif turn_is_urgent(outcome.messages):
            return urgent(out.outgoing)
        return out.outgoing

    async def reply_to(self, item: InboxItem,
                       on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> List[Outgoing]:
        """`answer`, or one clear problem text when answering itself failed (e.g. the opt-out table
        could not be read): an acknowledged text never goes unanswered. Opted-out numbers are
        still not written to: the sender drops messages to them at send time."""
        try:
            return await self.answer(item, on_new_message)
        except Exception:
            logger.exception("sms: answering a message of %s failed; sending the problem text",
                             item.conversation_id)
            out = SmsRenderer(item.payload["from"], item.payload.get("to") or self.twilio_number)
            out.add(render_plain_sms(problem_text("error", "patient")))
            return out.outgoing

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sms_webhook = channel_blueprint("radix_sms_webhook")

        async def process(item: InboxItem) -> List[Outgoing]:
            return await self.reply_to(item, on_new_message)

        self.delivery = DurableDelivery(self.name(), self.sender, process)
        self.delivery.attach(sms_webhook)

        @sms_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            params = parse_twilio_form(request)
            if params is None:
                return response.text("Expected a form-encoded Twilio request.",
                                     status=HTTPStatus.BAD_REQUEST)
            if not self.signature_valid(request, params):
                return response.text("Rejected: invalid or missing X-Twilio-Signature.",
                                     status=HTTPStatus.FORBIDDEN)
            if not self.sender_hash_key:
                return response.text("SMS channel not configured (RADIX_SENDER_HASH_KEY).",
                                     status=HTTPStatus.SERVICE_UNAVAILABLE)
            try:
                number = check_printable((params.get("From") or "").strip(), "'From'",
                                         MAX_NUMBER_CHARS)
            except BadConversationId as problem:
                return response.text(str(problem), status=HTTPStatus.BAD_REQUEST)
            key = params.get("MessageSid") or params.get("SmsSid") or f"unkeyed:{uuid.uuid4().hex}"
            payload = {"from": self.sealer.seal(number), "to": (params.get("To") or "").strip(),
                       "body": params.get("Body") or "", "media": media_count(params)}
            try:
                accepted = await self.delivery.receive(key[:200], sender_hash(number, self.sender_hash_key),
                                                       payload)
            except Exception:  # never a 500: log it; Twilio gets an empty answer
                logger.exception("Receiving an SMS failed")
                accepted = False
            if not accepted:
                logger.info("SMS %s already received; retry ignored", key[:40])
            # Answer Twilio now; the replies go out through the REST API when ready.
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return sms_webhook
