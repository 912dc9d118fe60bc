"""One turn at a time per conversation, within one Rasa server or across several.

Configured in bot/endpoints.yml (type: bot.lock_store.ConversationLockStore, url: $RADIX_LOCK_URL).
Rasa's SQL tracker store appends a turn's events after the number of events already stored, so
two turns of one conversation running at once (two replicas, or a retry racing the original)
silently drop one of them. Rasa's RedisLockStore does not prevent that across replicas: it
reads, modifies and writes its ticket list in three steps, so two servers can both get
"ticket 0". This lock store replaces Rasa's ticket protocol by a mutex:

- no URL: an asyncio.Lock per conversation (one process);
- a redis:// URL: Redis `SET key token NX PX lifetime` (atomic), polled until free, released
  with a compare-and-delete script so a server never frees a lock another one holds. A crashed
  holder's lock expires a few seconds after the longest a turn may take (RADIX_TURN_TIMEOUT).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from typing import Any, AsyncGenerator, Dict, Optional, Text

from rasa.core.lock_store import LockError, LockStore

from common.settings import load_settings
from common.timings import record

logger = logging.getLogger(__name__)

KEY_PREFIX = "radix:conversation-lock:"
# A lock outlives the longest turn (turns are cut at RADIX_TURN_TIMEOUT) by this much.
LIFETIME_MARGIN_SECONDS = 5.0
POLL_SECONDS = 0.02
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class ConversationLockStore(LockStore):
    def __init__(self, endpoint_config: Any = None, url: Optional[str] = None) -> None:
        super().__init__()
        self.url = url if url is not None else (getattr(endpoint_config, "url", None) or "")
        self._local: Dict[str, asyncio.Lock] = {}
        self._waiters: Dict[str, int] = {}
        self._redis: Any = None
        self.lifetime = load_settings().turn_timeout + LIFETIME_MARGIN_SECONDS

    def _client(self) -> Any:
        if self._redis is None:  # created inside the server's event loop, on first use
            import redis.asyncio

            self._redis = redis.asyncio.Redis.from_url(self.url, socket_timeout=5)
        return self._redis

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = 0.0,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[None, None]:
        waited = time.perf_counter()
        if not self.url:
            async with self._local_lock(conversation_id):
                record("rasa: conversation lock (wait)", (time.perf_counter() - waited) * 1000.0)
                yield None
            return
        async with self._redis_lock(conversation_id):
            record("rasa: conversation lock (wait)", (time.perf_counter() - waited) * 1000.0)
            yield None

    @contextlib.asynccontextmanager
    async def _local_lock(self, conversation_id: str) -> AsyncGenerator[None, None]:
        lock = self._local.setdefault(conversation_id, asyncio.Lock())
        self._waiters[conversation_id] = self._waiters.get(conversation_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiters[conversation_id] -= 1
            if not self._waiters[conversation_id]:  # forget idle conversations
                del self._waiters[conversation_id]
                del self._local[conversation_id]

    @contextlib.asynccontextmanager
    async def _redis_lock(self, conversation_id: str) -> AsyncGenerator[None, None]:
        client = self._client()
        key = KEY_PREFIX + conversation_id
        token = uuid.uuid4().hex
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 2 * self.lifetime
        while not await client.set(key, token, nx=True, px=int(self.lifetime * 1000)):
            if loop.time() > deadline:
                raise LockError(f"conversation {conversation_id} stayed locked for "
                                f"{2 * self.lifetime:.0f}s")
            await asyncio.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            try:
                await client.eval(_RELEASE, 1, key, token)
            except Exception:  # the lock then expires by itself
                logger.warning("Could not release the lock of conversation %s", conversation_id,
                               exc_info=True)

    # Rasa's ticket API is not used by this store (lock() above replaces it).
    def get_lock(self, conversation_id: Text) -> None:
        return None

    def delete_lock(self, conversation_id: Text) -> None:
        return None

    def save_lock(self, lock: Any) -> None:
        return None
