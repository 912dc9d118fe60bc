"""bot/lock_store.py: one turn at a time per conversation, in one process or across replicas."""
from __future__ import annotations

import asyncio

from bot.lock_store import ConversationLockStore


async def overlapping(stores, conversations) -> int:
    """How many of the turns ran at the same time at most (one per store/conversation pair)."""
    running, peak = 0, 0

    async def turn(store, conversation):
        nonlocal running, peak
        async with store.lock(conversation):
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.05)
            running -= 1
    await asyncio.gather(*(turn(s, c) for s, c in zip(stores, conversations)))
    return peak


def test_in_process_turns_of_one_conversation_never_overlap():
    store = ConversationLockStore(url="")
    assert asyncio.run(overlapping([store] * 4, ["rest:a"] * 4)) == 1
    assert asyncio.run(overlapping([store] * 3, ["rest:a", "rest:b", "rest:c"])) == 3
    assert store._local == {}  # nothing kept for idle conversations


def test_two_replicas_sharing_redis_never_run_one_conversation_at_once(harness):
    redis = harness.support("services").RedisServer().start()
    try:
        async def main():
            replicas = [ConversationLockStore(url=redis.url) for _ in range(2)]
            one = await overlapping(replicas * 3, ["sms:a"] * 6)
            many = await overlapping(replicas, ["sms:a", "sms:b"])
            return one, many
        assert asyncio.run(main()) == (1, 2)
    finally:
        redis.stop()
