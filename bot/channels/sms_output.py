"""What Radix sends by SMS: rendering replies as texts, and sending them through Twilio.

SmsRenderer collects a turn's replies as Outgoing SMS bodies (common/render/sms.py). The
destination is the patient's number *sealed* (bot/delivery/sealed.py): the outbox never holds it
in clear. TwilioSender sends one queued text with messages.create and classifies failures for
the outbox (5xx, 429 and network errors are retried; other 4xx, e.g. Twilio's 21610 "recipient
unsubscribed", are not), and drops texts to patients who opted out.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, Iterable, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel

from bot.channels.sms_opt_out import OptOutStore
from bot.delivery.durable import Dropped, PermanentError, TransientError
from bot.delivery.sealed import SealError, Sealer
from bot.delivery.store import Outgoing, OutboxItem
from common.render.sms import render_plain_sms, render_sms

DEFAULT_TWILIO_API_URL = "https://api.twilio.com"


class SmsRenderer(OutputChannel):
    """Collects the texts for one patient (`sealed_to`) from Radix's number `from_number`."""

    @classmethod
    def name(cls) -> Text:
        return "sms"

    def __init__(self, sealed_to: str, from_number: str):
        self.destination = {"to": sealed_to, "from": from_number}
        self.outgoing: List[Outgoing] = []

    def add(self, bodies: Iterable[str], even_if_opted_out: bool = False, priority: int = 1) -> None:
        self.outgoing += [Outgoing(self.destination, {"text": body, "even_if_opted_out":
                                                      even_if_opted_out}, priority)
                          for body in bodies]

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("radix_reply"), dict):
            self.add(render_sms(custom["radix_reply"]))
        elif message.get("text"):
            self.add(render_plain_sms(message["text"], message.get("buttons")))

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        self.add(render_plain_sms(text))


class TwilioSender:
    """messages.create through twilio's async client, at a configurable API base URL."""

    def __init__(self, account_sid: str, auth_token: str, api_url: Optional[str] = None,
                 sealer: Optional[Sealer] = None, opt_outs: Optional[OptOutStore] = None):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.api_url = (api_url or DEFAULT_TWILIO_API_URL).rstrip("/")
        self.sealer = sealer
        self.opt_outs = opt_outs
        self._client = None

    def _twilio(self):
        # Built on first send, inside the server's event loop (aiohttp sessions bind to it).
        if self._client is None:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            # twilio logs every request at INFO; Radix logs failures itself, without numbers.
            logging.getLogger("twilio").setLevel(logging.WARNING)

            client = Client(self.account_sid, self.auth_token,
                            http_client=AsyncTwilioHttpClient(timeout=20))
            client.api.base_url = self.api_url
            self._client = client
        return self._client

    async def send(self, to: str, from_: str, body: str) -> None:
        await self._twilio().messages.create_async(to=to, from_=from_, body=body)

    async def __call__(self, item: OutboxItem) -> None:
        """Send one queued text (the outbox's deliver function)."""
        from twilio.base.exceptions import TwilioRestException

        body = item.body
        if not body.get("even_if_opted_out") and self.opt_outs is not None and \
                await asyncio.to_thread(self.opt_outs.is_opted_out, item.conversation_id):
            raise Dropped("the patient opted out (STOP)")
        try:
            to = self.sealer.open(item.destination["to"])
        except (SealError, KeyError, AttributeError) as error:
            raise PermanentError("the destination cannot be opened with this key") from error
        try:
            await self.send(to, item.destination.get("from") or "", body["text"])
        except TwilioRestException as error:
            if error.status == 429 or error.status >= 500:
                raise TransientError(f"Twilio answered {error.status}") from error
            raise PermanentError(f"Twilio refused the text: {error.status} {error.code}") from error
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            raise TransientError(f"Twilio unreachable: {type(error).__name__}") from error
