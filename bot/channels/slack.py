"""Radix on Slack, for residents: Rasa's Slack connector with Block Kit replies in threads.

Endpoint: POST /webhooks/slack/webhook (Events API and interactivity on the same URL).
- Every request must carry a valid X-Slack-Signature (v0, signing secret) and a timestamp
  within 5 minutes (Rasa's check); without a configured signing secret everything is
  rejected (fail closed).
- Slack re-delivers an event it thinks was not acknowledged; an event id (and a message's
  channel + ts, since a mention can arrive as both `app_mention` and `message`) is answered
  once. The memory is per process (RecentKeys): several replicas need a shared store.
- The event is acknowledged at once; Rasa handles it in a background task (SlackInput).
- A reply carrying `custom.radix_reply` is posted as Block Kit (common/render/slack.py), in the
  thread of the user's message; domain responses go out as text (with buttons).
- Never a 500: Slack would retry a request that failed because of a bug here.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.dedupe import RecentKeys
from bot.channels.inbound import clean_inbound_text
from common.render.slack import render_slack
from common.reply import message_reply

logger = logging.getLogger(__name__)

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
# Slack retries after about 1 minute and 5 minutes; an hour covers that with margin.
# Message subtypes that are a person writing something new; edits, joins, deletions and
# bot posts are not questions to answer.
ANSWERED_SUBTYPES = (None, "file_share", "thread_broadcast")


def slack_api_url(env: Optional[Mapping[str, str]] = None) -> str:
    url = (os.environ if env is None else env).get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    return url if url.endswith("/") else url + "/"


class RadixSlackBot(SlackBot):
    """Posts Block Kit in the user's thread through a Slack Web API at a configurable URL."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def __init__(self, token: Text, slack_channel: Optional[Text] = None,
                 thread_id: Optional[Text] = None, proxy: Optional[Text] = None,
                 api_url: Optional[Text] = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url or slack_api_url())

    async def _post(self, recipient_id: Text, message: dict) -> None:
        channel = self.slack_channel or recipient_id
        try:
            await self._post_message(channel=channel, text=message["text"],
                                     blocks=message["blocks"])
        except Exception:  # one failed post must not stop the rest of the turn
            logger.exception("Posting to Slack channel %s failed", channel)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and isinstance(custom.get("radix_reply"), dict):
            await self._post(recipient_id, render_slack(custom["radix_reply"]))
            return
        await super().send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._post(recipient_id, render_slack(message_reply(text, "clinician")))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        await self._post(recipient_id, render_slack(message_reply(text, "clinician", buttons)))


class RadixSlackInput(SlackInput):
    """SlackInput with de-duplicated events, input checks, Block Kit output and no 500s."""

    @classmethod
    def name(cls) -> Text:
        return "slack"  # the audience default (clinician) keys on this name

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()
        use_threads = credentials.get("use_threads", True)
        if isinstance(use_threads, str):
            use_threads = use_threads.strip().lower() not in ("false", "0", "no", "")
        return cls(
            credentials.get("slack_token"),
            credentials.get("slack_channel") or None,
            credentials.get("proxy") or None,
            credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            credentials.get("errors_ignore_retry", None),
            use_threads,
            credentials.get("slack_signing_secret") or "",
            credentials.get("conversation_granularity") or "sender",
            api_url=credentials.get("api_url") or None,
        )

    def __init__(self, *args: Any, api_url: Optional[Text] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url or slack_api_url()
        self.recent = RecentKeys()

    def _validate_credentials(self) -> None:
        # Rasa refuses to start without a signing secret; Radix starts (other channels keep
        # working) and this webhook rejects every request until one is configured.
        if not self.slack_signing_secret:
            logger.warning("SLACK_SIGNING_SECRET is empty: the Slack webhook rejects all requests.")

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        if not self.slack_signing_secret:
            return False
        return super().is_request_from_slack_authentic(request)

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        return RadixSlackBot(self.slack_token, channel or self.slack_channel, thread_id,
                             self.proxy, api_url=self.api_url)

    def _in_background(self, coroutine: Awaitable) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    @staticmethod
    def _event_metadata(body: Mapping) -> dict:
        event = body.get("event") or {}
        users = list(body.get("authed_users") or [])
        if not users and body.get("authorizations"):
            users.append((body["authorizations"][0] or {}).get("user_id"))
        return {"out_channel": event.get("channel"),
                "thread_id": event.get("thread_ts") or event.get("ts"),
                "users": [u for u in users if u]}

    async def _refuse(self, refusal: str, metadata: Mapping) -> HTTPResponse:
        thread = metadata.get("thread_id") if self.use_threads else None
        out = self.get_output_channel(metadata.get("out_channel"), thread)
        self._in_background(out.send_text_message(metadata.get("out_channel"), refusal))
        return response.text("")

    async def _handle_event(self, request: Request, body: dict,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        event = body.get("event")
        if not isinstance(event, dict):
            return response.text("No event in the request.")
        if not self._is_user_message(body) or event.get("subtype") not in ANSWERED_SUBTYPES:
            return response.text("Not a user message; skipped.")
        metadata = self._event_metadata(body)
        if not self._is_supported_channel(body, metadata):
            return response.text("Channel not supported.")
        message_key = f"message:{event.get('channel')}:{event.get('ts')}" if event.get("ts") else None
        event_key = f"event:{body['event_id']}" if body.get("event_id") else None
        if self.recent.seen_before(event_key, message_key):
            logger.info("Slack event %s already answered; retry %s ignored",
                        body.get("event_id"), request.headers.get(self.retry_num_header))
            return response.text("Duplicate event; already answered.",
                                 headers={"X-Slack-No-Retry": "1"})
        text = self._sanitize_user_message(event.get("text") or "", metadata["users"])
        inbound = clean_inbound_text(text, "clinician")
        if inbound.refusal:
            return await self._refuse(inbound.refusal, metadata)
        conversation_id = self._get_conversation_id(
            event.get("user"), metadata["out_channel"], metadata["thread_id"])
        return await self.process_message(request, on_new_message, text=inbound.text,
                                          sender_id=conversation_id, metadata=metadata)

    async def _handle_interaction(self, request: Request,
                                  on_new_message: Callable[[UserMessage], Awaitable[Any]]
                                  ) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except (ValueError, TypeError):
            return response.text("Interactive request without a JSON payload.",
                                 status=HTTPStatus.BAD_REQUEST)
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return response.text("Interaction not handled.")
        action = payload["actions"][0]
        value = self._get_interactive_response(action)
        user_id = (payload.get("user") or {}).get("id")
        if value is None or not user_id:
            return response.text("Interaction without a value.")
        message = payload.get("message") or {}
        channel_id = (payload.get("channel") or {}).get("id")
        metadata = {"out_channel": channel_id,
                    "thread_id": message.get("thread_ts") or message.get("ts"),
                    "users": [user_id]}
        click_key = f"click:{channel_id}:{message.get('ts')}:{action.get('action_ts')}"
        if action.get("action_ts") and self.recent.seen_before(click_key):
            return response.text("Duplicate interaction.")
        inbound = clean_inbound_text(value, "clinician")
        if inbound.refusal:
            return await self._refuse(inbound.refusal, metadata)
        conversation_id = self._get_conversation_id(user_id, channel_id, metadata["thread_id"])
        return await self.process_message(request, on_new_message, text=inbound.text,
                                          sender_id=conversation_id, metadata=metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("radix_slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Rejected: missing, invalid or stale X-Slack-Signature "
                    "(or no signing secret configured).", status=HTTPStatus.UNAUTHORIZED)
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if content_type == "application/json":
                    try:
                        body = json.loads(request.body or b"")
                    except (ValueError, UnicodeDecodeError):
                        return response.text("Request body is not valid JSON.",
                                             status=HTTPStatus.BAD_REQUEST)
                    if not isinstance(body, dict):
                        return response.text("Request body must be a JSON object.",
                                             status=HTTPStatus.BAD_REQUEST)
                    return await self._handle_event(request, body, on_new_message)
                if content_type == "application/x-www-form-urlencoded":
                    return await self._handle_interaction(request, on_new_message)
                return response.text("Unsupported content type.",
                                     status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            except Exception:  # never a 500: Slack would re-send what failed because of a bug
                logger.exception("Handling a Slack request failed")
                return response.text("", headers={"X-Slack-No-Retry": "1"})

        return slack_webhook
