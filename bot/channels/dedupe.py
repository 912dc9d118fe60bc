"""Remembering recently seen message ids, so a retried delivery is not answered twice.

Used by the Slack (event ids) and SMS (MessageSid) channels. The memory is per process;
several replicas behind a load balancer would need a shared store such as Redis.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable, Optional

DEFAULT_DEDUP_TTL_SECONDS = 3600.0
DEDUP_MAX_KEYS = 10_000


class RecentKeys:
    """Keys seen in the last `ttl` seconds (bounded): a one-process de-duplication memory."""

    def __init__(self, ttl: float = DEFAULT_DEDUP_TTL_SECONDS, max_keys: int = DEDUP_MAX_KEYS,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_keys = max_keys
        self._clock = clock
        self._seen: "OrderedDict[str, float]" = OrderedDict()
        self._lock = threading.Lock()

    def _expire(self, now: float) -> None:
        while self._seen:
            key, seen_at = next(iter(self._seen.items()))
            if now - seen_at < self.ttl and len(self._seen) <= self.max_keys:
                break
            self._seen.popitem(last=False)

    def seen_before(self, *keys: Optional[str]) -> bool:
        """True if any key was seen within the TTL; records all of them either way."""
        keys = tuple(k for k in keys if k)
        with self._lock:
            now = self._clock()
            self._expire(now)
            repeated = any(k in self._seen for k in keys)
            for key in keys:
                self._seen.pop(key, None)
                self._seen[key] = now
            self._expire(now)
            return repeated
