"""Fixtures shared by the suite: the real Rasa server and action server, started once.

They run on free ports with a temporary data directory, so the suite never touches a
`make run` instance or its databases.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.launcher import RadixServers
from common.settings import load_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class HttpReply:
    status: int
    body: bytes

    def json(self):
        return json.loads(self.body)


def http_post(url: str, body: bytes, headers: dict | None = None, timeout: float = 60) -> HttpReply:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return HttpReply(reply.status, reply.read())
    except urllib.error.HTTPError as error:
        return HttpReply(error.code, error.read())


@functools.lru_cache(maxsize=1)
def http_fakes():
    """tests/fakes/http_fakes.py, loaded by path: a `tests` package in site-packages shadows ours."""
    spec = importlib.util.spec_from_file_location(
        "radix_http_fakes", Path(__file__).parent / "fakes" / "http_fakes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Test-only Slack/SMS secrets (not real); the signed test requests use the same values.
CHANNEL_TEST_SECRETS = {
    "SLACK_TOKEN": "xoxb-radix-test-token",
    "SLACK_SIGNING_SECRET": "radix-test-slack-signing-secret",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "radix-test-twilio-auth-token",
    "TWILIO_NUMBER": "+15005550006",
    # The public URL Twilio signs (behind a proxy it differs from what the server sees).
    "TWILIO_WEBHOOK_URL": "https://radix.example.org/webhooks/sms/webhook",
    "RADIX_SENDER_HASH_KEY": "radix-test-sender-hash-key",
}


@pytest.fixture(scope="session")
def fake_slack_api():
    fake = http_fakes().FakeSlackApi(CHANNEL_TEST_SECRETS["SLACK_TOKEN"]).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def fake_twilio_api():
    fake = http_fakes().FakeTwilioApi(
        CHANNEL_TEST_SECRETS["TWILIO_ACCOUNT_SID"], CHANNEL_TEST_SECRETS["TWILIO_AUTH_TOKEN"]
    ).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def channel_env(fake_slack_api, fake_twilio_api):
    """Env for the channels under test: test secrets, Slack/Twilio APIs pointed at the fakes."""
    return {**CHANNEL_TEST_SECRETS, "SLACK_API_URL": fake_slack_api.api_url,
            "TWILIO_API_URL": fake_twilio_api.base_url}


@pytest.fixture(scope="session")
def radix_servers(tmp_path_factory, channel_env):
    data_dir = tmp_path_factory.mktemp("radix-data")
    settings = load_settings(
        {
            "RADIX_DATA_DIR": str(data_dir),
            "RADIX_PORT": str(free_port()),
            "RADIX_ACTIONS_PORT": str(free_port()),
            **({"RADIX_MODEL": os.environ["RADIX_MODEL"]} if os.environ.get("RADIX_MODEL") else {}),
        }
    )
    if not settings.model_path.exists():
        pytest.fail(f"no trained model at {settings.model_path}: run `make test` (it trains first)")
    with RadixServers(settings, extra_env=channel_env) as servers:
        yield servers


class RestChat:
    """Talks to Radix's REST channel as one sender."""

    def __init__(self, base_url: str, sender: str):
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = sender

    def send(self, message, metadata: dict | None = None) -> list[dict]:
        payload = {"sender": self.sender, "message": message}
        if metadata:
            payload["metadata"] = metadata
        reply = http_post(
            self.url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
        )
        assert reply.status == 200, (reply.status, reply.body[:500])
        return reply.json()

    def structured(self, message, metadata: dict | None = None) -> list[dict]:
        """The structured replies (custom.radix_reply) Radix sent for one message."""
        return [m["custom"]["radix_reply"] for m in self.send(message, metadata)
                if isinstance(m.get("custom"), dict) and "radix_reply" in m["custom"]]

    def say(self, message, metadata: dict | None = None) -> str:
        """The bot's reply texts joined, for content assertions."""
        return "\n".join(m.get("text", "") for m in self.send(message, metadata))


@pytest.fixture(scope="session")
def post_raw():
    """POST raw bytes to a URL; returns HttpReply (status, body, .json())."""
    return http_post


@pytest.fixture
def rest_chat(radix_servers, request):
    # One sender per test keeps conversations independent whatever the order.
    return RestChat(radix_servers.settings.rasa_url, sender=f"test-{request.node.name}")
