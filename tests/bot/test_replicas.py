"""Two Rasa replicas sharing PostgreSQL and Redis, one of them run by `make run`'s own launcher
(bot/run.py, supervised), with faults an SRE would meet (issue 12).

Replica A: `python -m bot.run` (action server + Rasa server), no REST token given, so it makes
one and prints it. Replica B: a second Rasa server using A's action server. Both call actions
through an ActionProxy (tests/support/http_fakes.py) that can hold calls. Tests run in file
order: the last one stops replica A.
"""
from __future__ import annotations

import asyncio
import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.launcher import RadixServers
from common.settings import PROJECT_ROOT, load_settings

pytestmark = pytest.mark.servers

SYMPTOMS = "my right foot is numb on top and I can't walk on my heels"


@dataclass
class Cluster:
    a_url: str
    b_url: str
    a_proc: subprocess.Popen
    a_output: Path
    a_data: Path
    b: RadixServers
    token: str
    proxy: object
    tracker_url: str
    db_url: str
    env: dict

    harness: object

    def output(self) -> str:
        return self.a_output.read_text(errors="replace")


def wait_until(predicate, what: str, timeout: float = 240.0, proc=None) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"{what}: the process exited with code {proc.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f}s")
        time.sleep(0.2)


def child_pid(parent: int, needle: str) -> int:
    """The pid of `parent`'s child process whose command line contains `needle`."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent and needle in cmdline:
            return int(entry.name)
    raise AssertionError(f"no child of {parent} running {needle!r}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, channel_env, fake_slack_api, fake_twilio_api, harness):
    h = harness
    free_port = h.free_port
    services = h.support("services")
    postgres = services.PostgresServer().start()
    redis = services.RedisServer().start()
    proxy = b = a_proc = None
    try:
        tracker_url = postgres.create_database("tracker")
        db_url = postgres.create_database("radix")
        actions_port = free_port()
        proxy = h.support("http_fakes").ActionProxy(f"http://127.0.0.1:{actions_port}").start()
        shared = {**channel_env, **h.FAULT_TIMINGS, "RADIX_TRACKER_URL": tracker_url,
                  "RADIX_WEB_SESSION_KEY": "replicas-share-the-web-session-key",
                  "RADIX_DB_URL": db_url, "RADIX_LOCK_URL": redis.url,
                  "RADIX_ACTION_URL": proxy.url, "RADIX_MODEL": str(h.model_path())}
        a_data = tmp_path_factory.mktemp("replica-a")
        a_env = {**os.environ, **shared, "RADIX_DATA_DIR": str(a_data),
                 "RADIX_PORT": str(free_port()), "RADIX_ACTIONS_PORT": str(actions_port),
                 "RADIX_REPLICA": "replica-a"}
        a_env.pop("RADIX_REST_TOKEN", None)  # bot/run.py makes one and prints it
        a_output = a_data / "make-run.out"
        with open(a_output, "wb") as out:
            a_proc = subprocess.Popen([sys.executable, "-m", "bot.run"], cwd=PROJECT_ROOT,
                                      env=a_env, stdout=out, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        b_settings = load_settings({**shared, "RADIX_DATA_DIR": str(tmp_path_factory.mktemp("replica-b")),
                                    "RADIX_PORT": str(free_port()), "RADIX_REPLICA": "replica-b"})
        b = RadixServers(b_settings, extra_env=shared, with_actions=False).start()
        wait_until(lambda: "Radix is ready" in a_output.read_text(errors="replace"),
                   "replica A (make run) ready", proc=a_proc)
        b.wait_ready()
        token = re.search(r"REST token:\s+(\S+)", a_output.read_text()).group(1)
        yield Cluster(f"http://127.0.0.1:{a_env['RADIX_PORT']}", b_settings.rasa_url, a_proc,
                      a_output, a_data, b, token, proxy, tracker_url, db_url, shared, h)
    finally:
        if a_proc is not None and a_proc.poll() is None:
            os.kill(a_proc.pid, signal.SIGTERM)
            a_proc.wait(timeout=120)
        if b is not None:
            b.stop()
        if proxy is not None:
            proxy.stop()
        redis.stop()
        postgres.stop()


def rest(cluster: Cluster, base: str, sender: str, message: str, token: str | None = None):
    body = json.dumps({"sender": sender, "message": message}).encode()
    return cluster.harness.http_post(f"{base}/webhooks/rest/webhook", body, {
        "Content-Type": "application/json",
        "Authorization": f"Bearer {token or cluster.env['RADIX_REST_TOKEN']}"})


def user_events(cluster: Cluster, conversation: str) -> list[dict]:
    engine = create_engine(cluster.tracker_url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                  {"s": conversation}).all()
    engine.dispose()
    return [json.loads(row[0]) for row in rows]


@pytest.fixture
def phone_a(cluster, post_raw, fake_twilio_api, channel_env):
    probe = cluster.harness.support("delivery").DeliveryProbe(cluster.db_url)
    return cluster.harness.support("clients").Phone(post_raw, cluster.a_url, fake_twilio_api,
                                                    channel_env, probe)


@pytest.fixture
def slack_a(cluster, post_raw, fake_slack_api, channel_env):
    return cluster.harness.support("clients").SlackWorkspace(
        post_raw, cluster.a_url, fake_slack_api, channel_env["SLACK_SIGNING_SECRET"])


def test_make_run_prints_a_generated_rest_token_and_requires_it(cluster):
    assert len(cluster.token) >= 24
    assert rest(cluster, cluster.a_url, "me", "hi", token=cluster.token).status == 200
    assert rest(cluster, cluster.a_url, "me", "hi", token="guess").status == 401


def test_simultaneous_turns_of_one_conversation_on_two_replicas_are_all_kept(cluster):
    sender = f"twin-{uuid.uuid4().hex[:8]}"
    tokens = {cluster.a_url: cluster.token, cluster.b_url: cluster.env["RADIX_REST_TOKEN"]}
    sent = [(base, f"hello number {n}") for n in range(6) for base in (cluster.a_url, cluster.b_url)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for pair in range(0, len(sent), 2):
            replies = list(pool.map(lambda m: rest(cluster, m[0], sender, m[1], tokens[m[0]]),
                                    sent[pair:pair + 2]))
            assert all(r.status == 200 and r.json() for r in replies), replies
    events = user_events(cluster, f"rest:{sender}")
    said = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(said) == sorted(m for _, m in sent)  # no turn lost
    # and no two turns interleaved: each user message is answered and closed before the next
    kinds = [e["event"] if e["event"] != "action" else e["name"] for e in events]
    turns = " ".join(k for k in kinds if k in ("user", "action_listen"))
    assert turns.endswith("action_listen") and "user user" not in turns


RED_FLAG_SCRIPT = ["my back hurts and my right foot is numb", "and I suddenly can't control my bladder",
                   "no", "result"]


def test_many_conversations_alternating_replicas_lose_nothing_and_keep_every_red_flag(cluster):
    tokens = {cluster.a_url: cluster.token, cluster.b_url: cluster.env["RADIX_REST_TOKEN"]}
    senders = [f"alt-{n}-{uuid.uuid4().hex[:6]}" for n in range(12)]

    def converse(index: int) -> list:
        sender, answers = senders[index], []
        for turn, text in enumerate(RED_FLAG_SCRIPT):
            base = (cluster.a_url, cluster.b_url)[(index + turn) % 2]  # every turn on the other one
            reply = rest(cluster, base, sender, text, tokens[base])
            assert reply.status == 200, reply
            answers.append(reply.json())
        return answers

    with ThreadPoolExecutor(max_workers=6) as pool:
        conversations = list(pool.map(converse, range(len(senders))))
    for sender, answers in zip(senders, conversations):
        events = user_events(cluster, f"rest:{sender}")
        assert [e["text"] for e in events if e["event"] == "user"] == RED_FLAG_SCRIPT  # none lost, in order
        bot_turns = [e for e in events if e["event"] == "bot"]
        # each answer given once: one stored bot message per structured reply sent back
        assert len(bot_turns) == sum(1 for answer in answers for m in answer if "custom" in m)
        result = answers[-1][-1]["custom"]["radix_reply"]
        assert result["triage"] == "emergency"
        red_flags = [section for section in result["sections"] if section["kind"] == "red_flags"]
        assert red_flags and "bladder" in json.dumps(red_flags)  # the red flag is in the final assessment


def test_a_retry_reaching_the_other_replica_is_answered_once(cluster, slack_a, phone_a):
    slack = slack_a
    other = copy.copy(slack)
    other.url = f"{cluster.b_url}/webhooks/slack/webhook"
    body = slack.event_body("hello", ts=slack.next_ts())
    assert slack.send(body, "application/json").status == 200
    retry = other.send(body, "application/json", headers={"X-Slack-Retry-Num": "1"})
    assert retry.status == 200 and b"Duplicate" in retry.body
    assert len(slack.marker()) == 2

    params = phone_a.params("hello")
    assert phone_a.signed(params).status == 200
    phone_b = copy.copy(phone_a)
    phone_b.local_url = f"{cluster.b_url}/webhooks/sms/webhook"
    assert phone_b.signed(params).status == 200  # Twilio retrying on the other replica
    phone_a.answered()
    assert len(phone_a.received()) == 1


def test_a_web_reply_reaches_the_session_on_the_other_replica_through_redis(cluster):
    clients = cluster.harness.support("clients")

    async def both_tabs():
        on_a, on_b = clients.WebChat(cluster.a_url), clients.WebChat(cluster.b_url)
        session = await on_a.open()
        assert await on_b.open(session) == session  # a second tab, routed to the other replica
        try:
            replies = await on_a.say(SYMPTOMS)
            seen = []
            while (message := await asyncio.wait_for(on_b.inbox.get(), 30)) is not clients.TURN_DONE:
                seen.append(message)
            return replies, seen
        finally:
            await on_a.close()
            await on_b.close()

    replies, seen_on_b = asyncio.run(both_tabs())
    assert any("radix_reply" in message for message in replies)
    assert seen_on_b == replies  # without the Redis manager replica B's socket hears nothing


def test_a_nul_in_ids_on_postgresql_is_refused_and_no_server_exits(cluster, slack_a):
    slack = slack_a
    for base in (cluster.a_url, cluster.b_url):
        assert rest(cluster, base, "nul\x00sender", "hi", cluster.token if base == cluster.a_url
                    else None).status == 400
    slack.url = f"{cluster.b_url}/webhooks/slack/webhook"
    reply = slack.send(slack.event_body("hi", ts=slack.next_ts(), user="U\x00NUL"), "application/json")
    assert reply.status == 200 and b"skipped" in reply.body
    nul_text = rest(cluster, cluster.b_url, f"nul-{uuid.uuid4().hex[:6]}", "my foot\x00 is numb")
    assert nul_text.status == 200 and nul_text.json()
    assert cluster.a_proc.poll() is None and cluster.b.exited() is None
    assert rest(cluster, cluster.a_url, "after-nul", "hi", cluster.token).status == 200


def test_a_killed_action_server_is_restarted(cluster):
    restarts = cluster.output().count("restarted the actions server")
    os.kill(child_pid(cluster.a_proc.pid, "actions.server"), signal.SIGKILL)
    wait_until(lambda: cluster.output().count("restarted the actions server") > restarts,
               "actions restarted", timeout=60, proc=cluster.a_proc)
    assert "the actions server exited with code -9; restarting in" in cluster.output()
    sender = f"after-actions-{uuid.uuid4().hex[:6]}"

    def answered() -> bool:
        reply = rest(cluster, cluster.a_url, sender, SYMPTOMS, cluster.token).json()
        return any("custom" in m for m in reply)
    wait_until(answered, "actions answering again", timeout=120, proc=cluster.a_proc)


def test_kill_9_mid_turn_the_acknowledged_sms_is_answered_after_the_restart(cluster, phone_a):
    proxy = cluster.proxy
    held = proxy.held
    proxy.set_mode("hold")
    try:
        assert phone_a.text(SYMPTOMS).status == 200  # acknowledged to Twilio...
        proxy.wait_held(held + 1)                     # ...and mid-turn, waiting on an action
        os.kill(child_pid(cluster.a_proc.pid, "rasa"), signal.SIGKILL)
    finally:
        proxy.set_mode("pass")
    # Replica B keeps serving while A is down.
    assert rest(cluster, cluster.b_url, "while-a-restarts", "hi").status == 200
    wait_until(lambda: "restarted the rasa server" in cluster.output(), "rasa restarted",
               timeout=60, proc=cluster.a_proc)
    assert "the rasa server exited with code -9; restarting in" in cluster.output()
    phone_a.probe.wait_answered("sms", phone_a.last_sid, timeout=240)
    [reply] = phone_a.received()
    assert "Reply Y or N" in reply  # the real answer: the interview's first question


def test_sigterm_stops_rasa_first_draining_the_turn_then_the_action_server(cluster, phone_a):
    proxy = cluster.proxy
    held = proxy.held
    proxy.set_mode("hold")
    try:
        assert phone_a.text(SYMPTOMS).status == 200
        proxy.wait_held(held + 1)
        os.kill(cluster.a_proc.pid, signal.SIGTERM)  # what Ctrl-C or a service manager sends
        rasa_log = cluster.a_data / "logs" / "rasa.log"
        wait_until(lambda: "Stopping sms: finishing 1 turn(s)" in rasa_log.read_text(errors="replace"),
                   "rasa draining", timeout=60)
    finally:
        proxy.set_mode("pass")  # the held action call now reaches the action server, still up
    assert cluster.a_proc.wait(timeout=180) == 0
    [reply] = phone_a.received()
    assert "Reply Y or N" in reply  # answered by the actions, sent before the server exited
    assert "Stopped sms: 0 message(s) left queued" in rasa_log.read_text(errors="replace")
