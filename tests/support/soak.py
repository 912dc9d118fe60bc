"""`make soak`: many concurrent conversations plus the bad-input corpus against real servers.

Starts the action server and the Rasa server (temporary data directory, free ports, fakes of the
Slack and Twilio APIs), then runs 50 conversations of 5 turns at once (4 in 5 over REST, 1 in 5
by SMS through the inbox and outbox) while the bad-input corpus (tests/support/bad_inputs.py) is
sent. Prints errors, latency (p50 / p95 / max per turn) and whether every conversation's events
are in the tracker store, complete and in order. Exit status 1 on any error or lost turn.

    .venv/bin/python tests/support/soak.py [--conversations 50] [--turns 5]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import bad_inputs  # noqa: E402
import clients  # noqa: E402
import http_fakes  # noqa: E402
from delivery import DeliveryProbe  # noqa: E402

from bot.channels.sms import sender_hash  # noqa: E402
from bot.launcher import RadixServers  # noqa: E402
from common.settings import load_settings  # noqa: E402
from common.wording import say  # noqa: E402

SCRIPTS = [
    ["hi", "my right foot is numb on top and I can't walk on my heels", "no", "why?", "result"],
    ["hello", "burning pain in the sole of my left foot, worse when I walk", "yes", "result",
     "sources?"],
    ["hi", "my back hurts and I suddenly can't control my bladder", "no", "result", "why?"],
    ["hey", "tingling in both feet for weeks, I have diabetes", "not sure", "result", "new case"],
    ["hi", "pain down the back of my leg into the outer foot, can't stand on tiptoe", "yes",
     "no", "result"],
]
FAILURES = (say("patient", "messages.service_problem"), say("patient", "messages.not_saved"),
            say("patient", "messages.processing_failed"))
SECRETS = {
    "RADIX_REST_TOKEN": "soak-rest-token", "SLACK_TOKEN": "xoxb-soak",
    "SLACK_SIGNING_SECRET": "soak-signing-secret", "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "soak-twilio-token", "TWILIO_NUMBER": "+15005550006",
    "TWILIO_WEBHOOK_URL": "https://radix.example.org/webhooks/sms/webhook",
    "RADIX_SENDER_HASH_KEY": "soak-sender-hash-key",
}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, body: bytes, headers: dict, timeout: float = 120):
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Reply(reply.status, reply.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read())


class Reply:
    """An HTTP status and body (the shape of the test suite's HttpReply)."""

    def __init__(self, status: int, body: bytes):
        self.status, self.body = status, body

    def json(self):
        return json.loads(self.body)


class Soak:
    def __init__(self, servers: RadixServers, twilio, conversations: int, turns: int):
        self.servers = servers
        self.rest_url = f"{servers.settings.rasa_url}/webhooks/rest/webhook"
        self.twilio = twilio
        self.conversations = conversations
        self.turns = turns
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.sent: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.probe = DeliveryProbe(servers.settings.db_url)

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)

    def timed(self, started: float) -> None:
        with self.lock:
            self.latencies.append(time.monotonic() - started)

    def rest_conversation(self, n: int) -> None:
        sender = f"soak-{n}"
        script = SCRIPTS[n % len(SCRIPTS)][: self.turns]
        self.sent[f"rest:{sender}"] = script
        headers = {"Content-Type": "application/json",
                   "Authorization": f"Bearer {SECRETS['RADIX_REST_TOKEN']}"}
        for text in script:
            started = time.monotonic()
            reply = post(self.rest_url, json.dumps({"sender": sender, "message": text}).encode(),
                         headers)
            self.timed(started)
            if reply.status != 200:
                self.error(f"{sender} {text!r}: HTTP {reply.status}")
            elif not reply.json() or any(m.get("text") in FAILURES for m in reply.json()):
                self.error(f"{sender} {text!r}: {reply.json()[:1]}")

    def sms_conversation(self, n: int) -> None:
        phone = clients.Phone(post, self.servers.settings.rasa_url, self.twilio, SECRETS, self.probe)
        script = SCRIPTS[n % len(SCRIPTS)][: self.turns]
        self.sent[sender_hash(phone.number, SECRETS["RADIX_SENDER_HASH_KEY"])] = script
        for text in script:
            started = time.monotonic()
            before = len(phone.received())
            reply = phone.text(text)
            if reply.status != 200:
                self.error(f"sms {text!r}: HTTP {reply.status}")
                continue
            phone.probe.wait_answered("sms", phone.last_sid, timeout=120)
            self.timed(started)
            answers = phone.received()[before:]
            if not answers or any(a in FAILURES for a in answers):
                self.error(f"sms {text!r}: {answers[:1]}")

    def conversation(self, n: int) -> None:
        try:
            (self.sms_conversation if n % 5 == 4 else self.rest_conversation)(n)
        except Exception as problem:  # a client-side failure is an error of the run
            self.error(f"conversation {n}: {type(problem).__name__}: {problem}")

    def bad_inputs(self, slack, phone) -> dict:
        statuses = {}
        for name, send in (bad_inputs.rest_requests(post, self.rest_url, SECRETS["RADIX_REST_TOKEN"])
                           + bad_inputs.slack_requests(slack) + bad_inputs.sms_requests(phone)):
            try:
                statuses[name] = send().status
            except Exception as problem:
                statuses[name] = f"{type(problem).__name__}"
            if not isinstance(statuses[name], int) or statuses[name] >= 500:
                self.error(f"bad input {name!r}: {statuses[name]}")
        return statuses

    def lost_turns(self) -> tuple[int, int]:
        """(turns missing from the tracker store, conversations whose turns are out of order)."""
        path = self.servers.settings.tracker_url.removeprefix("sqlite:///")
        lost = disordered = 0
        with sqlite3.connect(path) as connection:
            for conversation, script in self.sent.items():
                events = [json.loads(row[0]) for row in connection.execute(
                    "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (conversation,))]
                said = [e.get("text") for e in events if e.get("event") == "user"]
                expected = [bad_inputs_sms_payload(t) if conversation.startswith("sms:") else t
                            for t in script]
                lost += max(0, len(expected) - len(said))
                marks = [e["event"] if e["event"] != "action" else e.get("name") for e in events]
                turns = " ".join(m for m in marks if m in ("user", "action_listen"))
                if said != expected or "user user" in turns or not turns.endswith("action_listen"):
                    disordered += 1
        return lost, disordered


def bad_inputs_sms_payload(text: str) -> str:
    """What Rasa stores for an SMS text (keywords become intent payloads)."""
    from bot.channels.sms import ANSWER_PAYLOADS, sms_keyword

    keyword = sms_keyword(text)
    return ANSWER_PAYLOADS.get(keyword, text) if keyword else text


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="radix-soak-"))
    slack_api = http_fakes.FakeSlackApi(SECRETS["SLACK_TOKEN"]).start()
    twilio = http_fakes.FakeTwilioApi(SECRETS["TWILIO_ACCOUNT_SID"], SECRETS["TWILIO_AUTH_TOKEN"]).start()
    env = {**SECRETS, "SLACK_API_URL": slack_api.api_url, "TWILIO_API_URL": twilio.base_url}
    settings = load_settings({**os.environ, "RADIX_DATA_DIR": str(data_dir),
                              "RADIX_PORT": str(free_port()), "RADIX_ACTIONS_PORT": str(free_port())})
    servers = RadixServers(settings, extra_env=env)
    print(f"soak: starting servers (model {settings.model_path}) ...", flush=True)
    try:
        with servers:
            soak = Soak(servers, twilio, args.conversations, args.turns)
            slack = clients.SlackWorkspace(post, settings.rasa_url, slack_api,
                                           SECRETS["SLACK_SIGNING_SECRET"])
            corpus_phone = clients.Phone(post, settings.rasa_url, twilio, SECRETS, soak.probe)
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.conversations + 1) as pool:
                corpus = pool.submit(soak.bad_inputs, slack, corpus_phone)
                list(pool.map(soak.conversation, range(args.conversations)))
                statuses = corpus.result()
            elapsed = time.monotonic() - started
            lost, disordered = soak.lost_turns()
            alive = servers.exited() is None
    finally:
        slack_api.stop()
        twilio.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    turns = len(soak.latencies)
    by_status: dict = {}
    for status in statuses.values():
        by_status[status] = by_status.get(status, 0) + 1
    print(f"soak: {args.conversations} conversations x {args.turns} turns at once "
          f"({args.conversations // 5} by SMS) + {len(statuses)} bad inputs in {elapsed:.0f}s")
    print(f"  turns answered: {turns}; errors: {len(soak.errors)}")
    if turns:
        print(f"  latency per turn: p50 {statistics.median(soak.latencies) * 1000:.0f} ms, "
              f"p95 {percentile(soak.latencies, 0.95) * 1000:.0f} ms, "
              f"max {max(soak.latencies) * 1000:.0f} ms")
    print(f"  bad inputs by status: {dict(sorted(by_status.items(), key=str))}")
    print(f"  tracker store: {lost} lost turns; {disordered} conversations incomplete or out of "
          f"order; servers {'still running' if alive else 'EXITED'}")
    for line in soak.errors[:20]:
        print(f"  error: {line}")
    return 0 if not soak.errors and not lost and not disordered and alive else 1


if __name__ == "__main__":
    sys.exit(main())
