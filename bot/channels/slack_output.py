"""What Radix sends to Slack: rendering replies as Block Kit, and posting them (from the outbox).

SlackRenderer is the output channel a turn's replies are handed to once the turn is saved: it
renders each reply (a `custom.radix_reply` as Block Kit, anything else as a text message with
buttons, common/render/slack.py) into an Outgoing message for the thread. SlackPoster posts one
queued message with chat.postMessage and says whether a failure is worth retrying.
"""
from __future__ import annotations

import asyncio
import os
from typing import Any, Dict, List, Mapping, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery.durable import PermanentError, TransientError
from bot.delivery.store import Outgoing, OutboxItem
from common.render.slack import render_slack
from common.reply import message_reply

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


def slack_api_url(env: Optional[Mapping[str, str]] = None) -> str:
    url = (os.environ if env is None else env).get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    return url if url.endswith("/") else url + "/"


class SlackRenderer(OutputChannel):
    """Collects a turn's replies as Slack messages for one channel and thread."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def __init__(self, channel: str, thread_ts: Optional[str], priority: int = 1):
        self.destination = {"channel": channel, "thread_ts": thread_ts}
        self.priority = priority
        self.outgoing: List[Outgoing] = []

    def add(self, rendered: Dict[str, Any]) -> None:
        self.outgoing.append(Outgoing(self.destination, rendered, self.priority))

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("radix_reply"), dict):
            self.add(render_slack(custom["radix_reply"]))
            return
        await super().send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        self.add(render_slack(message_reply(text, "clinician")))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        self.add(render_slack(message_reply(text, "clinician", buttons)))


class SlackPoster:
    """chat.postMessage for one queued message; failures classified for the outbox."""

    def __init__(self, token: str, api_url: Optional[str] = None, proxy: Optional[str] = None):
        self.token = token
        self.api_url = api_url or slack_api_url()
        self.proxy = proxy
        self._client: Optional[AsyncWebClient] = None

    def client(self) -> AsyncWebClient:
        if self._client is None:  # built inside the server's event loop
            self._client = AsyncWebClient(self.token, proxy=self.proxy, base_url=self.api_url)
        return self._client

    async def __call__(self, item: OutboxItem) -> None:
        destination, body = item.destination, item.body
        args: Dict[str, Any] = {"channel": destination["channel"], "text": body["text"],
                                "blocks": body["blocks"]}
        if destination.get("thread_ts"):
            args["thread_ts"] = destination["thread_ts"]
        try:
            await self.client().chat_postMessage(**args)
        except SlackApiError as error:
            status = getattr(error.response, "status_code", 200)
            code = error.response.get("error") if hasattr(error.response, "get") else None
            if status == 429 or code == "ratelimited":
                retry_after = (getattr(error.response, "headers", None) or {}).get("Retry-After")
                raise TransientError("Slack rate limit", _seconds(retry_after)) from error
            if status >= 500 or code in ("internal_error", "fatal_error", "service_unavailable",
                                         "request_timeout"):
                raise TransientError(f"Slack answered {status} {code}") from error
            raise PermanentError(f"Slack refused the message: {status} {code}") from error
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            raise TransientError(f"Slack unreachable: {type(error).__name__}") from error


def _seconds(value: Any) -> Optional[float]:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None
