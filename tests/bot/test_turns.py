"""bot/turns.py and bot/tracker_store.py: a turn is saved and answered, or neither."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.tracker_store import RadixTrackerStore
from bot.turns import GuardedActionEndpoint, TurnAborted, run_turn, turn_is_urgent


class Output:
    """Records what a turn finally sends."""

    def __init__(self):
        self.sent = []

    def name(self):
        return "test"

    async def send_response(self, recipient_id, message):
        self.sent.append(message)


def turn(behaviour, timeout=5.0):
    output = Output()

    async def on_new_message(message):
        await message.output_channel.send_response(message.sender_id, {"text": "red flag!"})
        await behaviour()

    outcome = asyncio.run(run_turn(on_new_message, "hi", "rest:t", "rest", output, timeout=timeout))
    return outcome, output.sent


async def nothing():
    return None


def test_a_saved_turn_sends_its_replies():
    outcome, sent = turn(nothing)
    assert outcome.ok and sent == [{"text": "red flag!"}]


@pytest.mark.parametrize("failure, problem", [
    (TurnAborted("storage", "locked"), "storage"),
    (TurnAborted("actions", "down"), "actions"),
    (RuntimeError("bug"), "error"),
])
def test_a_failed_turn_sends_nothing_of_itself(failure, problem):
    async def fail():
        raise failure
    outcome, sent = turn(fail)
    assert outcome.problem == problem and sent == []


def test_a_turn_over_its_time_is_cut_and_sends_nothing():
    outcome, sent = turn(lambda: asyncio.sleep(10), timeout=0.2)
    assert outcome.problem == "timeout" and sent == []


def test_a_turn_without_any_reply_is_reported_not_silent():
    async def on_new_message(message):
        return None
    outcome = asyncio.run(run_turn(on_new_message, "hi", "rest:t", "rest", Output()))
    assert outcome.problem == "error"


def tracker(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered("saddle numbness")])


def test_a_tracker_store_failure_is_not_hidden_by_rasas_fail_safe_wrapper(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = FailSafeTrackerStore(RadixTrackerStore(host=url))
    asyncio.run(store.save(tracker("rest:ok")))
    locker = sqlite3.connect(tmp_path / "tracker.db", isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(TurnAborted) as aborted:
            asyncio.run(store.save(tracker("rest:locked")))
    finally:
        locker.execute("ROLLBACK")
    assert aborted.value.reason == "storage"
    assert oct((tmp_path / "tracker.db").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("sender", ["rest:a\ud800b", "rest:a\x00b", "rest:" + "x" * 300])
def test_an_unstorable_conversation_id_fails_the_turn_instead_of_exiting(tmp_path, sender):
    store = FailSafeTrackerStore(RadixTrackerStore(host=f"sqlite:///{tmp_path / 't.db'}"))
    with pytest.raises(TurnAborted):
        asyncio.run(store.save(tracker(sender)))
    with pytest.raises(TurnAborted):
        asyncio.run(store.retrieve(sender))


class Status(BaseHTTPRequestHandler):
    def do_POST(self):
        status = int(self.path.rsplit("/", 1)[-1])
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def status_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def call(url: str):
    endpoint = GuardedActionEndpoint(EndpointConfig(url), timeout=1.0)
    return asyncio.run(endpoint.request(json={"next_action": "x"}, method="post", timeout=300))


def test_action_calls_that_fail_abort_the_turn(status_server):
    assert call(f"{status_server}/200") == {}
    for status in (404, 500, 503):
        with pytest.raises(TurnAborted):
            call(f"{status_server}/{status}")
    with pytest.raises(ClientResponseError):  # an action rejecting itself: Rasa's normal path
        call(f"{status_server}/400")
    with pytest.raises(TurnAborted):
        call("http://127.0.0.1:9/webhook")  # nothing listens there


def test_urgent_turns_are_those_with_red_flags_or_emergency_triage():
    def message(**reply):
        return {"custom": {"radix_reply": {"type": "question", "triage": None, "sections": [],
                                           **reply}}}
    assert turn_is_urgent([{"text": "hi"}, message(type="red_flag_alert")])
    assert turn_is_urgent([message(triage="emergency")])
    assert turn_is_urgent([message(sections=[{"kind": "red_flags", "items": []}])])
    assert not turn_is_urgent([{"text": "hi"}, message(triage="urgent")])
