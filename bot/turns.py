"""One user message through Rasa, all or nothing: what every channel calls instead of Rasa directly.

A turn either completes (Rasa saved it, then the channel sends the bot's replies) or fails
visibly (nothing is saved, nothing of it is sent, the user gets one clear message and the log an
error with the conversation id). Why not just call Rasa:

- Rasa's processor catches every exception of an action call and carries on ("the actions events
  are lost"): a dead action server gave a 200 with an empty reply, a hung one 60 s then a 503.
- Rasa wraps the tracker store in FailSafeTrackerStore, which on a failed save keeps the turn in
  memory and on a failed read starts an empty conversation: a red flag the user had been told
  about could vanish from the next assessment, silently.
- Replies were sent while the turn ran, before it was saved.

So the action endpoint (GuardedActionEndpoint, installed by `install_guards` once the agent is
loaded) and the tracker store (bot/tracker_store.py) raise TurnAborted, a BaseException that
those `except Exception` blocks let through; `run_turn` collects the replies in a BufferedOutput
and hands them to the channel's real output only after Rasa returned, i.e. after the save.
"""
from __future__ import annotations

import asyncio
import copy
import logging
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from sanic import Blueprint, response

from bot import action_calls, stage_hooks
from common.settings import load_settings
from common.timings import stage
from common.wording import say

logger = logging.getLogger(__name__)

# Why a turn failed -> what the user is told (common/wording/*.yml).
PROBLEM_MESSAGES = {
    "actions": "messages.service_problem",   # action server down, failing or too slow
    "timeout": "messages.service_problem",   # the whole turn took too long
    "error": "messages.service_problem",     # a bug
    "storage": "messages.not_saved",         # the tracker store could not read or write
}


class TurnAborted(BaseException):
    """Stops a turn without saving it. A BaseException on purpose: Rasa's processor and its
    FailSafeTrackerStore catch Exception and carry on with a half-done or unsaved turn."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def problem_text(reason: str, audience: str) -> str:
    return say(audience, PROBLEM_MESSAGES.get(reason, "messages.service_problem"))


class GuardedActionEndpoint(EndpointConfig):
    """The action server endpoint with a short timeout; a failed call aborts the turn.

    A 400 is the action server saying an action rejected itself (Rasa's normal
    ActionExecutionRejection path) and is passed through.
    """

    def __init__(self, original: EndpointConfig, timeout: float):
        super().__init__(original.url, original.params, original.headers, original.basic_auth,
                         original.token, original.token_name, original.cafile, **original.kwargs)
        self.type = original.type
        self.call_timeout = timeout

    async def request(self, *args: Any, **kwargs: Any) -> Optional[Any]:
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.call_timeout)
        try:
            with stage("rasa: action server call (HTTP round trip)"):
                return await asyncio.wait_for(super().request(*args, **kwargs), self.call_timeout)
        except ClientResponseError as error:
            if error.status == 400:
                raise
            raise TurnAborted("actions", f"the action server answered {error.status}") from error
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            raise TurnAborted("actions", f"the action server did not answer within "
                                         f"{self.call_timeout:g}s or refused the call: "
                                         f"{type(error).__name__}") from error


def guard_agent(agent: Any, action_timeout: float) -> None:
    """Replace the loaded agent's action endpoint by a GuardedActionEndpoint (once); check action
    lighter action calls checked with a compiled schema (bot/action_calls.py); time stages
    when asked to."""
    action_calls.install()
    stage_hooks.time_processor(getattr(agent, "processor", None))
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or isinstance(endpoint, GuardedActionEndpoint):
        return
    guarded = GuardedActionEndpoint(endpoint, action_timeout)
    agent.action_endpoint = guarded
    if getattr(agent, "processor", None) is not None:
        agent.processor.action_endpoint = guarded
    logger.info("Action calls time out after %gs and abort the turn", action_timeout)


def install_guards(blueprint: Blueprint) -> None:
    """Every Radix channel calls this: once the agent is loaded, its action calls are guarded."""

    async def guard(app: Any, _loop: Any) -> None:
        agent = getattr(app.ctx, "agent", None)
        if agent is not None:
            guard_agent(agent, load_settings().action_timeout)

    blueprint.listener("after_server_start")(guard)


def channel_blueprint(name: str) -> Blueprint:
    """A webhook channel's blueprint: guarded turns and `GET /` answering {"status": "ok"}."""
    blueprint = Blueprint(name, __name__)
    install_guards(blueprint)

    @blueprint.route("/", methods=["GET"])
    async def health(_: Any) -> Any:
        return response.json({"status": "ok"})

    return blueprint


class BufferedOutput(OutputChannel):
    """Records what Rasa sends during a turn; `flush` passes it on once the turn is saved."""

    def __init__(self, name: str = "collector"):
        self._name = name
        self.messages: List[Dict[Text, Any]] = []

    def name(self) -> Text:  # Rasa picks channel-specific responses by this name
        return self._name

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.messages.append(copy.deepcopy(message))

    async def flush(self, recipient_id: Text, output: OutputChannel) -> None:
        for message in self.messages:
            await output.send_response(recipient_id, copy.deepcopy(message))


@dataclass
class TurnOutcome:
    problem: Optional[str] = None              # None: done and saved
    messages: List[Dict[Text, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None


async def run_turn(on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str,
                   conversation_id: str, channel: str, output: OutputChannel, *,
                   metadata: Optional[dict] = None, message_id: Optional[str] = None,
                   timeout: Optional[float] = None) -> TurnOutcome:
    """Run one user message; on success the replies go to `output` (in order), else nowhere."""
    buffer = BufferedOutput(output.name())
    message = UserMessage(text, buffer, conversation_id, input_channel=channel,
                          metadata=metadata or {}, message_id=message_id)
    limit = timeout if timeout is not None else load_settings().turn_timeout
    try:
        with stage("rasa: turn (Rasa's handle_message)"):
            await asyncio.wait_for(on_new_message(message), limit)
    except TurnAborted as aborted:
        logger.error("Turn of conversation %s not saved and not answered (%s)",
                     conversation_id, aborted)
        return TurnOutcome(aborted.reason)
    except asyncio.TimeoutError:
        logger.error("Turn of conversation %s took over %gs: cancelled, not saved",
                     conversation_id, limit)
        return TurnOutcome("timeout")
    except Exception:  # a bug must still end in an answer, never a 500 or silence
        logger.exception("Turn of conversation %s failed", conversation_id)
        return TurnOutcome("error")
    if not buffer.messages:  # never silence: a saved turn without a reply is still reported
        logger.error("Turn of conversation %s ended without any reply", conversation_id)
        return TurnOutcome("error")
    await buffer.flush(conversation_id, output)
    return TurnOutcome(None, buffer.messages)


def turn_is_urgent(messages: List[Dict[Text, Any]]) -> bool:
    """Whether a turn's replies carry a red flag or emergency triage (sent before others)."""
    for message in messages:
        custom = message.get("custom")
        reply = custom.get("radix_reply") if isinstance(custom, dict) else None
        if isinstance(reply, dict) and (
            reply.get("type") == "red_flag_alert" or reply.get("triage") == "emergency"
            or any(isinstance(s, dict) and s.get("kind") == "red_flags"
                   for s in reply.get("sections") or [])):
            return True
    return False
