"""`make soak`: many concurrent conversations plus the bad-input corpus against real servers.

Starts the action server and the Rasa server (temporary data directory, free ports, fakes of the
Slack and Twilio APIs), then runs 50 conversations of 5 turns at once (4 in 5 over REST, 1 in 5
by SMS through the inbox and outbox) while the bad-input corpus (tests/support/bad_inputs.py) is
sent. Prints errors, latency (p50 / p95 / max per turn) and whether every conversation's events
are in the tracker store, complete and in order. Exit status 1 on any error or lost turn.

    .venv/bin/python tests/support/soak.py [--conversations 50] [--turns 5] [--replicas N]

--replicas N (make soak REPLICAS=N): the layout of docs/deploy.md instead of embedded defaults:
throw-away PostgreSQL (trackers, knowledge, consults, inbox/outbox) and Redis (locks, web rooms),
one action server and N Rasa servers; every turn goes to the next replica (a conversation's
turns alternate), SMS conversations are spread over the replicas. Prints turns/s too.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
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
import services  # noqa: E402
from delivery import DeliveryProbe  # noqa: E402

from sqlalchemy import create_engine, text as sql  # noqa: E402

from bot.bench_support import free_port, percentile  # noqa: E402
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
    def __init__(self, replicas: list[RadixServers], twilio, conversations: int, turns: int):
        self.replicas = replicas
        self.settings = replicas[0].settings
        self.rest_urls = [f"{r.settings.rasa_url}/webhooks/rest/webhook" for r in replicas]
        self.rest_url = self.rest_urls[0]
        self.twilio = twilio
        self.conversations = conversations
        self.turns = turns
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.sent: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.probe = DeliveryProbe(self.settings.db_url)

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
        for turn, text in enumerate(script):
            started = time.monotonic()
            url = self.rest_urls[(n + turn) % len(self.rest_urls)]  # turns alternate replicas
            reply = post(url, json.dumps({"sender": sender, "message": text}).encode(), headers)
            self.timed(started)
            if reply.status != 200:
                self.error(f"{sender} {text!r}: HTTP {reply.status}")
            elif not reply.json() or any(m.get("text") in FAILURES for m in reply.json()):
                self.error(f"{sender} {text!r}: {reply.json()[:1]}")

    def sms_conversation(self, n: int) -> None:
        replica = self.replicas[n % len(self.replicas)]
        phone = clients.Phone(post, replica.settings.rasa_url, self.twilio, SECRETS, self.probe)
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
        lost = disordered = 0
        engine = create_engine(self.settings.tracker_url, future=True)
        with engine.connect() as connection:
            for conversation, script in self.sent.items():
                events = [json.loads(row[0]) for row in connection.execute(
                    sql("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": conversation})]
                said = [e.get("text") for e in events if e.get("event") == "user"]
                expected = [bad_inputs_sms_payload(t) if conversation.startswith("sms:") else t
                            for t in script]
                lost += max(0, len(expected) - len(said))
                marks = [e["event"] if e["event"] != "action" else e.get("name") for e in events]
                turns = " ".join(m for m in marks if m in ("user", "action_listen"))
                if said != expected or "user user" in turns or not turns.endswith("action_listen"):
                    disordered += 1
        engine.dispose()
        return lost, disordered


def bad_inputs_sms_payload(text: str) -> str:
    """What Rasa stores for an SMS text (keywords become intent payloads)."""
    from bot.channels.sms import ANSWER_PAYLOADS, sms_keyword

    keyword = sms_keyword(text)
    return ANSWER_PAYLOADS.get(keyword, text) if keyword else text


def start_replicas(count: int, data_dir: Path, env: dict, shared: list) -> list[RadixServers]:
    """The embedded layout (count 0: one Rasa server and one action server on SQLite), or an
    action server and `count` Rasa servers on a throw-away PostgreSQL and Redis."""
    own = {"RADIX_DATA_DIR": str(data_dir), "RADIX_PORT": str(free_port()),
           "RADIX_ACTIONS_PORT": str(free_port())}
    if count == 0:
        return [RadixServers(load_settings({**os.environ, **env, **own}), extra_env=env)]
    postgres = services.PostgresServer().start()
    shared.append(postgres)
    redis = services.RedisServer().start()
    shared.append(redis)
    env.update({"RADIX_TRACKER_URL": postgres.create_database("tracker"),
                "RADIX_DB_URL": postgres.create_database("radix"), "RADIX_LOCK_URL": redis.url,
                "RADIX_WEB_SESSION_KEY": "soak-replicas-share-this-key"})
    first = load_settings({**os.environ, **env, **own, "RADIX_REPLICA": "replica-1"})
    env["RADIX_ACTION_URL"] = first.action_endpoint
    replicas = [RadixServers(first, extra_env=env)]
    for n in range(2, count + 1):
        settings = load_settings({**os.environ, **env, "RADIX_DATA_DIR": str(data_dir / f"replica-{n}"),
                                  "RADIX_PORT": str(free_port()), "RADIX_REPLICA": f"replica-{n}"})
        replicas.append(RadixServers(settings, extra_env=env, with_actions=False))
    return replicas


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--replicas", type=int, default=0,
                        help="N Rasa servers on PostgreSQL + Redis (0: embedded defaults)")
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="radix-soak-"))
    slack_api = http_fakes.FakeSlackApi(SECRETS["SLACK_TOKEN"]).start()
    twilio = http_fakes.FakeTwilioApi(SECRETS["TWILIO_ACCOUNT_SID"], SECRETS["TWILIO_AUTH_TOKEN"]).start()
    env = {**SECRETS, "SLACK_API_URL": slack_api.api_url, "TWILIO_API_URL": twilio.base_url}
    shared: list = []
    replicas: list[RadixServers] = []
    layout = (f"{args.replicas} Rasa replica(s) + 1 action server on PostgreSQL and Redis"
              if args.replicas else "embedded defaults (SQLite, one Rasa server, one action server)")
    try:
        replicas = start_replicas(args.replicas, data_dir, env, shared)
        print(f"soak: starting {layout} (model {replicas[0].settings.model_path}) ...", flush=True)
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.wait_ready()
        settings = replicas[0].settings
        soak = Soak(replicas, twilio, args.conversations, args.turns)
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
        alive = all(replica.exited() is None for replica in replicas)
    finally:
        for replica in reversed(replicas):
            replica.stop()
        for service in reversed(shared):
            service.stop()
        slack_api.stop()
        twilio.stop()
    failed = soak.errors or lost or disordered or not alive
    if failed:
        print(f"soak: logs kept in {data_dir} (*/logs/rasa.log, logs/actions.log)")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    turns = len(soak.latencies)
    by_status: dict = {}
    for status in statuses.values():
        by_status[status] = by_status.get(status, 0) + 1
    print(f"soak: {args.conversations} conversations x {args.turns} turns at once "
          f"({args.conversations // 5} by SMS) + {len(statuses)} bad inputs in {elapsed:.0f}s; {layout}")
    print(f"  turns answered: {turns} ({turns / elapsed:.1f} turns/s); errors: {len(soak.errors)}")
    if turns:
        print(f"  latency per turn: p50 {statistics.median(soak.latencies) * 1000:.0f} ms, "
              f"p95 {percentile(soak.latencies, 95) * 1000:.0f} ms, "
              f"max {max(soak.latencies) * 1000:.0f} ms")
    print(f"  bad inputs by status: {dict(sorted(by_status.items(), key=str))}")
    print(f"  tracker store: {lost} lost turns; {disordered} conversations incomplete or out of "
          f"order; servers {'still running' if alive else 'EXITED'}")
    for line in soak.errors[:20]:
        print(f"  error: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
