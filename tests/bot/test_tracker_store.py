"""bot/tracker_store.py: a conversation read and saved turn after turn stores each event once, in
order, without Rasa's per-save count of the stored events."""
import asyncio
import json

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event

from bot.tracker_store import STORED_EVENTS, RadixTrackerStore
from common.settings import PROJECT_ROOT


def store_and_statements(tmp_path):
    domain = Domain.load(str(PROJECT_ROOT / "bot" / "domain"))
    store = RadixTrackerStore(domain=domain, host=f"sqlite:///{tmp_path / 'tracker.db'}")
    statements = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: statements.append(statement))
    return store, domain, statements


def turn_events(n):
    return [UserUttered(f"message {n}", {"name": "describe_symptoms", "confidence": 1.0}),
            SlotSet("reading", {"act": "describe", "n": n}), BotUttered(f"reply {n}"),
            ActionExecuted("action_listen")]


def stored_texts(store, sender):
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT data FROM events WHERE sender_id = ? ORDER BY id",
                                          (sender,)).all()
    return [json.loads(row[0]).get("text") for row in rows]


async def first_turn_saved(store, domain):
    """A new conversation's first turn, saved (Rasa's count decides what is new)."""
    tracker = DialogueStateTracker.from_events("c", turn_events(0), domain.slots)
    await store.save(tracker)
    return tracker


def test_turns_read_and_saved_store_each_event_once_in_order_without_counting(tmp_path):
    store, domain, statements = store_and_statements(tmp_path)

    async def conversation():
        tracker = await first_turn_saved(store, domain)
        for n in range(1, 4):
            tracker = await store.retrieve("c")  # as each turn does, under the lock
            assert getattr(tracker, STORED_EVENTS) == 4 * n
            for event_ in turn_events(n):
                tracker.update(event_)
            statements.clear()
            await store.save(tracker)
            assert not any("count(" in s.lower() for s in statements), statements
        return tracker

    tracker = asyncio.run(conversation())
    texts = stored_texts(store, "c")
    assert texts == [e.as_dict().get("text") for e in tracker.events] and len(texts) == 16
    assert [t for t in texts if t and t.startswith("message")] == [f"message {n}" for n in range(4)]


def test_a_tracker_the_store_has_not_seen_is_counted_as_rasa_does(tmp_path):
    store, domain, statements = store_and_statements(tmp_path)

    async def two_writers():
        first = await first_turn_saved(store, domain)
        # a tracker rebuilt elsewhere from the same events plus one turn: the count finds the new ones
        second = DialogueStateTracker.from_events("c", list(first.events) + turn_events(1), domain.slots)
        statements.clear()
        await store.save(second)
        assert any("count(" in s.lower() for s in statements)

    asyncio.run(two_writers())
    assert len(stored_texts(store, "c")) == 8
