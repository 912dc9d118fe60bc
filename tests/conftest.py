"""Fixtures shared by the suite.

- `radix`/`chat`: the trained model and the actions in this process (tests/support/inprocess.py):
  conversations at a few milliseconds per turn, the default for dialogue tests.
- `radix_servers`/`rest_chat`: the real Rasa server and action server, started once per session on
  free ports with a temporary data directory (never a `make run` instance or its databases), for
  the smaller set of tests of channels and of the processes themselves. The Rasa server calls the
  action server through `action_proxy` (tests/support/http_fakes.py), which fault tests use to
  make the action server hang or disappear.
"""
from __future__ import annotations

import functools
import hashlib
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


@functools.lru_cache(maxsize=None)
def support(name: str):
    """tests/support/<name>.py, loaded by path: a `tests` package in site-packages shadows ours."""
    spec = importlib.util.spec_from_file_location(f"radix_test_{name}", Path(__file__).parent / "support" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def http_fakes():
    return support("http_fakes")


def model_path() -> Path:
    path = load_settings().model_path
    if not path.exists():
        pytest.fail(f"no trained model at {path}: run `make test` (it trains first)")
    return path


@pytest.fixture(scope="session", autouse=True)
def private_data_dir(tmp_path_factory):
    """Every database and log the tests make goes to a temporary directory, never ./var."""
    data_dir = tmp_path_factory.mktemp("radix-data-dir")
    names = ("RADIX_DATA_DIR", "RADIX_DB_URL", "RADIX_TRACKER_URL")
    saved = {name: os.environ.get(name) for name in names}
    os.environ["RADIX_DATA_DIR"] = str(data_dir)
    os.environ.pop("RADIX_DB_URL", None)
    os.environ.pop("RADIX_TRACKER_URL", None)
    yield data_dir
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def radix():
    """The trained model with in-process actions (consults go to the private data directory)."""
    radix = support("inprocess").InProcessRadix(str(model_path()))
    yield radix
    radix.close()


@pytest.fixture
def chat(radix, request):
    """One in-process conversation per test (its own sender id)."""
    return support("inprocess").Chat(radix, sender=f"test-{request.node.name}")


# Test-only secrets (not real); the signed test requests use the same values.
CHANNEL_TEST_SECRETS = {
    "RADIX_REST_TOKEN": "radix-test-rest-token",
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


# Faults must show within a test's patience: action calls give up after 2 s, a failed outgoing
# message is retried after 0.2 s (then 0.4, 0.8, ...).
FAULT_TIMINGS = {"RADIX_ACTION_TIMEOUT": "2", "RADIX_TURN_TIMEOUT": "20",
                 "RADIX_OUTBOX_RETRY_SECONDS": "0.2", "RADIX_OUTBOX_ATTEMPTS": "4"}


@pytest.fixture(scope="session")
def channel_env(fake_slack_api, fake_twilio_api):
    """Env for the channels under test: test secrets, Slack/Twilio APIs pointed at the fakes."""
    return {**CHANNEL_TEST_SECRETS, **FAULT_TIMINGS, "SLACK_API_URL": fake_slack_api.api_url,
            "TWILIO_API_URL": fake_twilio_api.base_url}


def server_settings(data_dir: Path, **env):
    """Settings for a server set on free ports with its data in `data_dir`."""
    return load_settings({
        "RADIX_DATA_DIR": str(data_dir),
        "RADIX_PORT": str(free_port()),
        "RADIX_ACTIONS_PORT": str(free_port()),
        **({"RADIX_MODEL": os.environ["RADIX_MODEL"]} if os.environ.get("RADIX_MODEL") else {}),
        **FAULT_TIMINGS,
        **env,
    })


@pytest.fixture(scope="session")
def action_proxy(radix_servers):
    return radix_servers.action_proxy


@pytest.fixture(scope="session")
def radix_servers(tmp_path_factory, channel_env):
    model_path()
    actions_port = free_port()
    proxy = http_fakes().ActionProxy(f"http://127.0.0.1:{actions_port}").start()
    settings = server_settings(tmp_path_factory.mktemp("radix-data"),
                               RADIX_ACTIONS_PORT=str(actions_port), RADIX_ACTION_URL=proxy.url,
                               RADIX_CORS_ORIGINS="https://clinic.example.org")
    try:
        with RadixServers(settings, extra_env=channel_env) as servers:
            servers.action_proxy = proxy
            yield servers
    finally:
        proxy.stop()


REST_HEADERS = {"Content-Type": "application/json",
                "Authorization": f"Bearer {CHANNEL_TEST_SECRETS['RADIX_REST_TOKEN']}"}


def sender_for(node_name: str) -> str:
    """A sender id for one test: readable, unique, and within the REST channel's limit."""
    digest = hashlib.sha1(node_name.encode("utf-8", "replace")).hexdigest()[:10]
    return f"test-{node_name[:80]}-{digest}"


class RestChat:
    """Talks to Radix's REST channel as one sender (with the test bearer token)."""

    def __init__(self, base_url: str, sender: str):
        self.url = f"{base_url}/webhooks/rest/webhook"
        self.sender = sender

    def send(self, message, metadata: dict | None = None) -> list[dict]:
        payload = {"sender": self.sender, "message": message}
        if metadata:
            payload["metadata"] = metadata
        reply = http_post(self.url, json.dumps(payload).encode(), REST_HEADERS)
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


@pytest.fixture(scope="session")
def rest_post(radix_servers):
    """POST raw bytes to the REST webhook with the test bearer token (and extra headers)."""
    url = f"{radix_servers.settings.rasa_url}/webhooks/rest/webhook"

    def post(body: bytes, headers: dict | None = None) -> HttpReply:
        return http_post(url, body, {**REST_HEADERS, **(headers or {})})
    return post


@pytest.fixture(scope="session")
def delivery_probe(radix_servers):
    """The Slack/SMS inbox and outbox of the test servers (tests/support/delivery.py)."""
    return support("delivery").DeliveryProbe(radix_servers.settings.db_url)


def clients():
    return support("clients")


@pytest.fixture(scope="session")
def harness():
    """This module's helpers, for test modules that start servers of their own."""
    import types

    return types.SimpleNamespace(free_port=free_port, support=support, http_post=http_post,
                                 model_path=model_path, FAULT_TIMINGS=FAULT_TIMINGS)


@pytest.fixture
def slack(post_raw, radix_servers, fake_slack_api, channel_env):
    """A Slack user and DM channel of their own, talking to the test servers."""
    return clients().SlackWorkspace(post_raw, radix_servers.settings.rasa_url, fake_slack_api,
                                    channel_env["SLACK_SIGNING_SECRET"])


@pytest.fixture
def phone(post_raw, radix_servers, fake_twilio_api, channel_env, delivery_probe):
    """A phone number of its own, texting the test servers' Twilio number."""
    return clients().Phone(post_raw, radix_servers.settings.rasa_url, fake_twilio_api,
                           channel_env, delivery_probe)


@pytest.fixture
def web_chat(radix_servers):
    """Makes web widget clients (socket.io) for the test servers: `web_chat()`."""
    return lambda: clients().WebChat(radix_servers.settings.rasa_url)


@pytest.fixture
def rest_chat(radix_servers, request):
    # One sender per test keeps conversations independent whatever the order.
    return RestChat(radix_servers.settings.rasa_url, sender=sender_for(request.node.name))
