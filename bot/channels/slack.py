"""Radix on Slack, for residents: Events API and interactivity, Block Kit replies in threads.

Endpoint: POST /webhooks/slack/webhook (Events API and interactivity on the same URL).
- Every request must carry a valid X-Slack-Signature (v0, signing secret) and a timestamp
  within 5 minutes (Rasa's check); without a configured signing secret everything is
  rejected (fail closed).
- Answered: a person's message in a DM, an @Radix mention, a button click. Ignored: bot posts
  (bot_id), Radix's own user (its id from the event's authorizations), events without a user
  (they would otherwise all share one conversation), ids that are not Slack ids.
- The conversation is `slack:<user>` (or `slack:<user>_<channel>_<thread>` with thread
  granularity), so no other channel can address it.
- Durable (bot/delivery/): the event is recorded in the inbox before the 200, so a retry that
  reaches this or another replica is recognised (by channel + message ts, which also catches a
  mention delivered as both `app_mention` and `message`), and a server that crashes mid-turn
  answers after its restart. Replies go through the outbox: posted in order, red flags first,
  retried on 5xx / 429 / network errors, or recorded as failed.
- Never a 500: Slack would retry a request that failed because of a bug here.
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversation import BadConversationId, conversation_id, slack_id
from bot.channels.inbound import clean_inbound_text
from bot.channels.slack_output import SlackPoster, SlackRenderer, slack_api_url
from bot.delivery.durable import DurableDelivery
from bot.delivery.store import InboxItem, Outgoing, urgent
from bot.turns import channel_blueprint, problem_text, run_turn, turn_is_urgent

logger = logging.getLogger(__name__)

# Message subtypes that are a person writing something new; edits, joins, deletions and
# bot posts are not questions to answer.
ANSWERED_SUBTYPES = (None, "file_share", "thread_broadcast")

__all__ = ["RadixSlackInput", "slack_api_url"]


def bot_user_ids(body: Mapping) -> List[str]:
    """Radix's own Slack user ids, as the event says (authorizations, legacy authed_users)."""
    ids = [a.get("user_id") for a in body.get("authorizations") or []
           if isinstance(a, dict) and a.get("is_bot")]
    ids += list(body.get("authed_users") or [])
    return [i for i in ids if isinstance(i, str) and i]


class RadixSlackInput(SlackInput):
    """SlackInput with a durable inbox/outbox, input checks, Block Kit output and no 500s."""

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
        self.poster = SlackPoster(self.slack_token or "", self.api_url, self.proxy)
        self.delivery: Optional[DurableDelivery] = None

    def _validate_credentials(self) -> None:
        # Rasa refuses to start without a signing secret; Radix starts (other channels keep
        # working) and this webhook rejects every request until one is configured.
        if not self.slack_signing_secret:
            logger.warning("SLACK_SIGNING_SECRET is empty: the Slack webhook rejects all requests.")

    def is_request_from_slack_authentic(self, request: Request) -> bool:
        if not self.slack_signing_secret:
            return False
        return super().is_request_from_slack_authentic(request)

    # -- inbound --------------------------------------------------------------------------
    def _conversation(self, user: str, channel: str, thread: Optional[str]) -> str:
        return conversation_id("slack", self._get_conversation_id(user, channel, thread))

    async def _receive(self, key: str, user: str, channel: str, thread: Optional[str],
                       text: str) -> HTTPResponse:
        try:
            conversation = self._conversation(user, channel, thread)
        except BadConversationId:
            return response.text("Malformed ids; skipped.")
        payload = {"text": text, "channel": channel, "thread_ts": thread}
        if not await self.delivery.receive(key, conversation, payload):
            logger.info("Slack message %s already received; retry ignored", key)
            return response.text("Duplicate; already answered.", headers={"X-Slack-No-Retry": "1"})
        return response.text("")

    async def _handle_event(self, body: dict) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        event = body.get("event")
        if not isinstance(event, dict):
            return response.text("No event in the request.")
        if not self._is_user_message(body) or event.get("subtype") not in ANSWERED_SUBTYPES:
            return response.text("Not a user message; skipped.")
        own_ids = bot_user_ids(body)
        user = slack_id(event.get("user"))
        if user is None or user in own_ids:  # no (valid) author, or Radix itself
            return response.text("Not a person's message; skipped.")
        channel, ts = slack_id(event.get("channel")), slack_id(event.get("ts"))
        thread = slack_id(event.get("thread_ts")) or ts
        if channel is None or ts is None or not isinstance(event.get("text"), str):
            return response.text("Malformed event; skipped.")
        if not self._is_supported_channel(body, {"out_channel": channel}):
            return response.text("Channel not supported.")
        text = self._sanitize_user_message(event["text"], own_ids)
        return await self._receive(f"message:{channel}:{ts}", user, channel, thread, text)

    async def _handle_interaction(self, request: Request) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload") or "")
        except (ValueError, TypeError, RecursionError):
            return response.text("Interactive request without a JSON payload.",
                                 status=HTTPStatus.BAD_REQUEST)
        actions = payload.get("actions") if isinstance(payload, dict) else None
        # Rasa's check reads actions[0] as a dict: anything else is not an interaction we handle.
        if not (isinstance(actions, list) and actions and isinstance(actions[0], dict)) \
                or not self._is_interactive_message(payload):
            return response.text("Interaction not handled.")
        action = payload["actions"][0]
        value = self._get_interactive_response(action)
        user = slack_id((payload.get("user") or {}).get("id"))
        message = payload.get("message") or {}
        channel = slack_id((payload.get("channel") or {}).get("id"))
        ts = slack_id(message.get("ts"))
        thread = slack_id(message.get("thread_ts")) or ts
        action_ts = slack_id(action.get("action_ts")) or ""
        if not isinstance(value, str) or user is None or channel is None or ts is None:
            return response.text("Interaction without a value.")
        return await self._receive(f"click:{channel}:{ts}:{user}:{action_ts}", user, channel,
                                   thread, value)

    async def _process(self, item: InboxItem,
                       on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> List[Outgoing]:
        """The replies to one received message (run in the background, or after a restart)."""
        payload = item.payload
        thread = payload.get("thread_ts") if self.use_threads else None
        renderer = SlackRenderer(payload["channel"], thread)
        inbound = clean_inbound_text(payload.get("text"), "clinician")
        if inbound.refusal:
            await renderer.send_text_message(item.conversation_id, inbound.refusal)
            return renderer.outgoing
        metadata = {"out_channel": payload["channel"], "thread_id": payload.get("thread_ts")}
        outcome = await run_turn(on_new_message, inbound.text, item.conversation_id, self.name(),
                                 renderer, metadata=metadata, message_id=item.message_key)
        if not outcome.ok:
            await renderer.send_text_message(item.conversation_id,
                                             problem_text(outcome.problem, "clinician"))
        elif turn_is_urgent(outcome.messages):
            return urgent(renderer.outgoing)
        return renderer.outgoing

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = channel_blueprint("radix_slack_webhook")

        async def process(item: InboxItem) -> List[Outgoing]:
            return await self._process(item, on_new_message)

        self.delivery = DurableDelivery(self.name(), self.poster, process)
        self.delivery.attach(slack_webhook)

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
                    except (ValueError, UnicodeDecodeError, RecursionError):
                        return response.text("Request body is not valid JSON.",
                                             status=HTTPStatus.BAD_REQUEST)
                    if not isinstance(body, dict):
                        return response.text("Request body must be a JSON object.",
                                             status=HTTPStatus.BAD_REQUEST)
                    return await self._handle_event(body)
                if content_type == "application/x-www-form-urlencoded":
                    return await self._handle_interaction(request)
                return response.text("Unsupported content type.",
                                     status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            except Exception:  # never a 500: Slack would re-send what failed because of a bug
                logger.exception("Handling a Slack request failed")
                return response.text("", headers={"X-Slack-No-Retry": "1"})

        return slack_webhook
