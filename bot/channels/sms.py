"""Radix by SMS: a Twilio-compatible webhook that answers through the Twilio REST API.

Endpoint: POST /webhooks/sms/webhook (Twilio's form post: From, To, Body, MessageSid).
- X-Twilio-Signature is checked with twilio's RequestValidator against the public webhook
  URL (TWILIO_WEBHOOK_URL: behind a proxy the URL the server sees differs), else the
  request URL. Wrong or missing signature: 403; no auth token configured: every request
  is rejected (fail closed).
- The reply is sent with the REST API (messages.create) at TWILIO_API_URL; the webhook
  itself answers at once with an empty TwiML <Response/>.
- Privacy: the conversation id is a keyed hash of the phone number (HMAC-SHA256 with
  RADIX_SENDER_HASH_KEY). The clear number lives only in the output channel object of the
  request being handled (needed to address the reply); it is never put in the message
  metadata, the tracker, the consult records or the log.
- Carrier keywords (whole message, any case): STOP & co. opt out (stored as the hashed
  sender, bot/channels/sms_opt_out.py) and nothing more is sent until START/UNSTOP/YES;
  HELP/INFO answer with the help text and disclaimer. Y/N/NOT SURE answer questions, WHY
  asks for the sources (quotes come as follow-up messages).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, Mapping, Optional, Set, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from bot.channels.dedupe import RecentKeys
from bot.channels.inbound import clean_inbound_text
from bot.channels.sms_opt_out import OptOutStore
from common.render.sms import render_plain_sms, render_sms
from common.wording import say

logger = logging.getLogger(__name__)

DEFAULT_TWILIO_API_URL = "https://api.twilio.com"
SENDER_PREFIX = "sms-"

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

def sender_hash(phone_number: str, key: str) -> str:
    """The conversation id for a phone number: HMAC-SHA256 under the deployment's key."""
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


class TwilioSender:
    """messages.create through twilio's async client, at a configurable API base URL."""

    def __init__(self, account_sid: str, auth_token: str, api_url: Optional[str] = None):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.api_url = (api_url or DEFAULT_TWILIO_API_URL).rstrip("/")
        self._client = None

    def _twilio(self):
        # Built on first send, inside the server's event loop (aiohttp sessions bind to it).
        if self._client is None:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            client = Client(self.account_sid, self.auth_token,
                            http_client=AsyncTwilioHttpClient(timeout=20))
            client.api.base_url = self.api_url
            self._client = client
        return self._client

    async def send(self, to: str, from_: str, body: str) -> None:
        await self._twilio().messages.create_async(to=to, from_=from_, body=body)


class SmsOutput(OutputChannel):
    """Sends one conversation's replies to one phone number (held here only, in memory)."""

    @classmethod
    def name(cls) -> Text:
        return "sms"

    def __init__(self, sender: TwilioSender, to_number: str, from_number: str,
                 sender_id: str, opt_outs: OptOutStore):
        self._sender = sender
        self._to = to_number
        self._from = from_number
        self.sender_id = sender_id
        self._opt_outs = opt_outs

    def __repr__(self) -> str:  # never show the number, even in a debugger or a log line
        return f"SmsOutput(sender_id={self.sender_id!r})"

    async def send_bodies(self, bodies: Iterable[str], even_if_opted_out: bool = False) -> None:
        for body in bodies:
            if not even_if_opted_out and self._opt_outs.is_opted_out(self.sender_id):
                logger.info("SMS to %s not sent: the sender opted out", self.sender_id)
                return
            try:
                await self._sender.send(self._to, self._from, body)
            except Exception:  # one failed send is logged; the conversation goes on
                logger.exception("Sending an SMS to %s failed", self.sender_id)
                return

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("radix_reply"), dict):
            await self.send_bodies(render_sms(custom["radix_reply"]))
        elif message.get("text"):
            await self.send_bodies(render_plain_sms(message["text"], message.get("buttons")))

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_bodies(render_plain_sms(text))


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
        self.sender = TwilioSender(account_sid, auth_token, api_url or None)
        self.opt_outs = opt_outs or OptOutStore(os.environ.get("RADIX_DB_URL") or None)
        self.recent = RecentKeys()
        self._background_tasks: Set[asyncio.Task] = set()
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

    async def handle_sms(self, number: str, to: str, body: str,
                         on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Everything after the webhook has answered Twilio: keywords, then Rasa."""
        sender_id = sender_hash(number, self.sender_hash_key)
        out = SmsOutput(self.sender, number, to or self.twilio_number, sender_id, self.opt_outs)
        keyword = sms_keyword(body)
        if keyword in STOP_KEYWORDS:
            self.opt_outs.opt_out(sender_id)
            await out.send_bodies([say("patient", "sms.stop")], even_if_opted_out=True)
            return
        if keyword in HELP_KEYWORDS:  # carriers require HELP to answer, opted out or not
            await out.send_bodies([say("patient", "sms.help")], even_if_opted_out=True)
            return
        if self.opt_outs.is_opted_out(sender_id):
            if keyword in START_KEYWORDS or keyword == "YES":
                self.opt_outs.opt_in(sender_id)
                await out.send_bodies([say("patient", "sms.start")])
            return  # opted out: nothing is read or sent
        if keyword in START_KEYWORDS:
            await out.send_bodies([say("patient", "sms.start")])
            return
        inbound = clean_inbound_text(body)
        if inbound.refusal:
            await out.send_bodies(render_plain_sms(inbound.refusal))
            return
        text = ANSWER_PAYLOADS.get(keyword, inbound.text) if keyword else inbound.text
        try:
            await on_new_message(UserMessage(text, out, sender_id, input_channel=self.name()))
        except Exception:
            logger.exception("Processing an SMS from %s failed", sender_id)
            await out.send_bodies([say("patient", "messages.processing_failed")])

    def _in_background(self, coroutine: Awaitable) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sms_webhook = Blueprint("radix_sms_webhook", __name__)

        @sms_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sms_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                params = {key: values[0] for key, values in (request.form or {}).items() if values}
            except Exception:
                return response.text("Expected a form-encoded Twilio request.",
                                     status=HTTPStatus.BAD_REQUEST)
            if not self.signature_valid(request, params):
                return response.text("Rejected: invalid or missing X-Twilio-Signature.",
                                     status=HTTPStatus.FORBIDDEN)
            if not self.sender_hash_key:
                return response.text("SMS channel not configured (RADIX_SENDER_HASH_KEY).",
                                     status=HTTPStatus.SERVICE_UNAVAILABLE)
            number = (params.get("From") or "").strip()
            if not number:
                return response.text("'From' is required.", status=HTTPStatus.BAD_REQUEST)
            message_sid = params.get("MessageSid") or params.get("SmsSid")
            if message_sid and self.recent.seen_before(f"sms:{message_sid}"):
                return response.text(EMPTY_TWIML, content_type="text/xml")
            # Answer Twilio now; the replies go out through the REST API when ready.
            self._in_background(self.handle_sms(number, (params.get("To") or "").strip(),
                                                params.get("Body") or "", on_new_message))
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return sms_webhook

