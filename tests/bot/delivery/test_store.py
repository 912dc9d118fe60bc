"""The Slack/SMS inbox and outbox (bot/delivery/store.py) and sealed destinations, on SQLite."""
from __future__ import annotations

import pytest

from bot.delivery.sealed import SealError, Sealer
from bot.delivery.store import DeliveryStore, Outgoing


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def store(tmp_path):
    return DeliveryStore(f"sqlite:///{tmp_path / 'radix.db'}", clock=Clock())


def queue(store, conversation, *texts, priority=1):
    store.complete(None, "sms", conversation,
                   [Outgoing({"to": "x"}, {"text": t}, priority) for t in texts])


def test_a_message_key_is_accepted_once_whoever_receives_it(store):
    first = store.accept("sms", "SM1", "sms:abc", {"body": "hi"}, "replica-a", 60)
    assert first is not None
    assert store.accept("sms", "SM1", "sms:abc", {"body": "hi"}, "replica-b", 60) is None
    assert store.accept("slack", "SM1", "slack:U1", {}, "replica-b", 60) is not None  # per channel


def test_done_queues_the_replies_and_forgets_the_payload_in_one_step(store):
    item_id = store.accept("sms", "SM1", "sms:abc", {"body": "secret"}, "replica-a", 60)
    assert store.item(item_id).payload == {"body": "secret"}
    queue(store, "sms:abc")
    store.complete(item_id, "sms", "sms:abc", [Outgoing({"to": "x"}, {"text": "hello"})])
    assert store.item(item_id) is None  # done
    [row] = store.outbox_rows("sms")
    assert row["status"] == "ready" and row["conversation_id"] == "sms:abc"


def test_urgent_conversations_first_and_each_conversation_in_order(store):
    queue(store, "sms:a", "a1", "a2")
    queue(store, "sms:b", "b1")
    queue(store, "sms:c", "c1 red flag", "c2", priority=0)
    due = store.due("sms")
    assert [item.body["text"] for item in due] == ["c1 red flag", "a1", "b1"]  # heads only
    for item in due:
        assert store.claim(item.id, "replica-a", 30)
        store.sent(item.id)
    assert [item.body["text"] for item in store.due("sms")] == ["c2", "a2"]


def test_a_retry_waits_and_blocks_the_conversation_behind_it(store):
    queue(store, "sms:a", "a1", "a2")
    head = store.due("sms")[0]
    assert store.claim(head.id, "replica-a", 30)
    assert store.due("sms") == []  # claimed: nobody else sends it, and a2 waits its turn
    store.retry_later(head.id, 1, store.clock() + 10, "503")
    assert store.due("sms") == []
    assert store.next_due_at("sms") == store.clock() + 10
    store.clock.now += 10
    [again] = store.due("sms")
    assert again.body["text"] == "a1" and again.attempts == 1


def test_a_claim_is_exclusive_until_its_lease_ends(store):
    queue(store, "sms:a", "a1")
    [item] = store.due("sms")
    assert store.claim(item.id, "replica-a", 30)
    assert not store.claim(item.id, "replica-b", 30)
    store.clock.now += 31  # replica-a died while sending
    assert store.claim(item.id, "replica-b", 30)


def test_finished_messages_lose_their_destination_and_are_deleted_after_a_week(store):
    queue(store, "sms:a", "a1", "a2")
    first, = store.due("sms")
    store.sent(first.id)
    second, = store.due("sms")
    store.failed(second.id, "400 refused")
    rows = store.outbox_rows("sms")
    assert [r["status"] for r in rows] == ["sent", "failed"]
    assert all(r["destination"] is None for r in rows)
    store.clock.now += 8 * 24 * 3600
    store.cleanup()
    assert store.outbox_rows("sms") == []


def test_unfinished_inbox_rows_are_reclaimed_by_their_replica_or_after_the_lease(store):
    store.accept("sms", "SM1", "sms:a", {}, "replica-a", 60)
    store.accept("sms", "SM2", "sms:b", {}, "replica-b", 60)
    assert [i.message_key for i in store.reclaim("sms", "replica-a", 60, own=True)] == ["SM1"]
    assert store.reclaim("sms", "replica-c", 60, own=False) == []
    store.clock.now += 61
    assert [i.message_key for i in store.reclaim("sms", "replica-c", 60, own=False)] == ["SM1", "SM2"]


def test_sealed_values_open_only_with_the_same_key():
    sealed = Sealer("key-one", "sms-destination").seal("+15551234567")
    assert "5551234567" not in sealed
    assert Sealer("key-one", "sms-destination").open(sealed) == "+15551234567"
    with pytest.raises(SealError):
        Sealer("key-two", "sms-destination").open(sealed)
    with pytest.raises(SealError):
        Sealer("", "sms-destination")
