"""Radix's Rasa dialogue and actions in the test process: no HTTP servers, same behaviour.

The trained model runs in a Rasa Agent (the real NLU pipeline, policies and rules); its action
endpoint is replaced by one that hands each action call, serialised as on the wire, to rasa_sdk's
ActionExecutor with the actions.dialogue package. Everything between the user's text and the
bot's messages is the production code path except the two HTTP hops, so conversation tests run
in milliseconds per turn. A smaller set of tests drives the real servers (tests/bot/channels).
"""
from __future__ import annotations

import asyncio
import json
import logging

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from bot import action_calls


class InProcessActionEndpoint(EndpointConfig):
    """An action endpoint that runs actions.dialogue in this process (JSON in, JSON out)."""

    def __init__(self) -> None:
        super().__init__(url="inprocess://actions", enable_selective_domain=True)  # as endpoints.yml
        self.executor = ActionExecutor()
        self.executor.register_package("actions.dialogue")
        self.calls: list[str] = []

    async def request(self, method: str = "post", subpath=None, content_type="application/json",
                      compress: bool = False, **kwargs):
        call = json.loads(json.dumps(kwargs["json"]))
        self.calls.append(call["next_action"])
        return json.loads(json.dumps(await self.executor.run(call)))


class InProcessRadix:
    """A trained model with in-process actions and an in-memory tracker store."""

    def __init__(self, model_path: str) -> None:
        from rasa.utils.log_utils import configure_structlog

        configure_structlog(logging.WARNING)   # per-turn debug logs would dominate the time
        logging.getLogger("rasa").setLevel(logging.WARNING)
        action_calls.install()  # as the Rasa server does once started (bot/turns.py: guard_agent)
        self.actions = InProcessActionEndpoint()
        self.agent = Agent.load(model_path, action_endpoint=self.actions)
        self.loop = asyncio.new_event_loop()

    def handle(self, sender: str, text: str, channel: str = "rest", metadata: dict | None = None) -> list[dict]:
        """The bot messages for one user message, as the REST channel would return them."""
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, sender, input_channel=channel, metadata=metadata or {})
        self.loop.run_until_complete(self.agent.handle_message(message))
        return collector.messages

    def tracker(self, sender: str):
        return self.loop.run_until_complete(self.agent.tracker_store.retrieve(sender))

    def close(self) -> None:
        self.loop.close()


class Chat:
    """One conversation with an in-process Radix; the same methods as the REST test client."""

    def __init__(self, radix: InProcessRadix, sender: str, channel: str = "rest") -> None:
        self.radix, self.sender, self.channel = radix, sender, channel

    def send(self, message, metadata: dict | None = None) -> list[dict]:
        return self.radix.handle(self.sender, message, self.channel, metadata)

    def structured(self, message, metadata: dict | None = None) -> list[dict]:
        """The structured replies (custom.radix_reply) Radix sent for one message."""
        return [m["custom"]["radix_reply"] for m in self.send(message, metadata)
                if isinstance(m.get("custom"), dict) and "radix_reply" in m["custom"]]

    def say(self, message, metadata: dict | None = None) -> str:
        """The bot's reply texts joined, for content assertions."""
        return "\n".join(m.get("text", "") for m in self.send(message, metadata))

    def slot(self, name: str):
        return self.radix.tracker(self.sender).get_slot(name)
