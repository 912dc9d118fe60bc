"""Acknowledged messages are answered, and answers are delivered or recorded as failed.

A channel (Slack, SMS) owns one DurableDelivery:

    delivery = DurableDelivery("sms", deliver=send_one, process=answer)
    delivery.attach(blueprint)            # start with the server, drain when it stops
    await delivery.receive(key, conversation_id, payload)   # in the webhook, before the 200

`receive` records the message in the inbox (a repeated key, e.g. a retry that reached another
replica, is recognised and returns False) and processes it in the background: `process(item)`
returns the replies as Outgoing messages, which are queued in the outbox in the same transaction
that marks the message done. A worker sends queued messages, urgent conversations first and in
order within a conversation; `deliver(item)` raises TransientError (5xx, 429, network: retried
with exponential backoff), PermanentError (recorded as failed) or Dropped (not to be sent, e.g.
the patient opted out). When the server stops, turns in progress finish and due messages are
sent before it exits; a replica that restarts after a crash reprocesses what it had acknowledged.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, List, Optional, Set

from sanic import Blueprint

from bot.delivery.store import DeliveryStore, InboxItem, Outgoing, OutboxItem
from common.settings import RadixSettings, load_settings

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5.0        # how often leases that ran out and old rows are looked at
SEND_TIMEOUT_SECONDS = 20.0
MAX_RETRY_DELAY_SECONDS = 600.0
FLUSH_SECONDS = 10.0       # at shutdown, after the turns in progress: sending what is due


class DeliveryError(Exception):
    pass


class TransientError(DeliveryError):
    """Worth retrying: a 5xx, a 429 (retry_after seconds, if given) or a network error."""

    def __init__(self, reason: str, retry_after: Optional[float] = None):
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentError(DeliveryError):
    """Retrying would fail the same way (e.g. a 4xx): recorded as failed."""


class Dropped(DeliveryError):
    """Must not be sent (e.g. the recipient opted out): recorded as dropped."""


class DurableDelivery:
    def __init__(self, channel: str, deliver: Callable[[OutboxItem], Awaitable[None]],
                 process: Callable[[InboxItem], Awaitable[List[Outgoing]]],
                 store: Optional[DeliveryStore] = None,
                 settings: Optional[RadixSettings] = None):
        self.channel = channel
        self.deliver = deliver
        self.process = process
        self.store = store or DeliveryStore()
        self.settings = settings
        self._tasks: Set[asyncio.Task] = set()
        self._worker: Optional[asyncio.Task] = None
        self._wake: Optional[asyncio.Event] = None
        self.stopping = False       # no more taking over other replicas' messages
        self._closing = False       # the worker finishes what it is sending and ends

    @property
    def config(self) -> RadixSettings:
        if self.settings is None:
            self.settings = load_settings()
        return self.settings

    @property
    def lease(self) -> float:
        # A turn is cut at turn_timeout; after twice that, another replica may take over.
        return 2 * self.config.turn_timeout + 30

    # -- lifecycle ------------------------------------------------------------------------
    def attach(self, blueprint: Blueprint) -> None:
        blueprint.listener("after_server_start")(self._on_start)
        blueprint.listener("before_server_stop")(self._on_stop)

    async def _on_start(self, _app: Any, _loop: Any) -> None:
        await self.start()

    async def _on_stop(self, _app: Any, _loop: Any) -> None:
        await self.stop()

    async def start(self) -> None:
        self._wake = asyncio.Event()
        try:
            own = await asyncio.to_thread(self.store.reclaim, self.channel, self.config.replica,
                                          self.lease, True)
        except Exception:
            logger.exception("%s inbox unavailable at start; unfinished messages wait for the "
                             "next sweep", self.channel)
            own = []
        if own:
            logger.warning("%s: %d message(s) acknowledged before a restart are processed now",
                           self.channel, len(own))
        for item in own:
            self._spawn(self._handle(item))
        self._worker = asyncio.ensure_future(self._run())

    async def stop(self, drain_seconds: Optional[float] = None) -> None:
        self.stopping = True
        limit = drain_seconds if drain_seconds is not None else self.config.turn_timeout + 5
        deadline = time.monotonic() + limit
        pending = await self._count_queued()
        logger.info("Stopping %s: finishing %d turn(s) in progress and sending %d queued "
                    "message(s) before exit", self.channel, len(self._tasks), pending)
        while self._tasks and time.monotonic() < deadline:
            await asyncio.wait(set(self._tasks), timeout=deadline - time.monotonic())
        if self._tasks:
            logger.error("%s: %d turn(s) still running at exit; their messages stay in the inbox "
                         "and are processed at the next start", self.channel, len(self._tasks))
        if self._worker is not None:  # let it finish the sends it started, never cut one
            self._closing = True
            self._wake.set()
            try:
                await asyncio.wait_for(self._worker, SEND_TIMEOUT_SECONDS + 5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
        await self._flush(time.monotonic() + FLUSH_SECONDS)
        left = await self._count_queued()
        logger.info("Stopped %s: %d message(s) left queued for the next start", self.channel, left)

    async def _count_queued(self) -> int:
        try:
            return await asyncio.to_thread(self.store.pending_count, self.channel)
        except Exception:
            return -1

    # -- inbound --------------------------------------------------------------------------
    async def receive(self, key: str, conversation_id: str, payload: dict) -> bool:
        """Record an acknowledged message and process it in the background; False if it was
        received before (by this or another replica)."""
        try:
            item_id = await asyncio.to_thread(self.store.accept, self.channel, key,
                                              conversation_id, payload, self.config.replica,
                                              self.lease)
        except Exception:
            logger.exception("%s inbox unavailable: message of %s processed without a durable "
                             "record", self.channel, conversation_id)
            item_id = 0
        if item_id is None:
            return False
        self._spawn(self._handle(InboxItem(item_id, self.channel, key, conversation_id, payload)))
        return True

    def _spawn(self, coroutine: Awaitable) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, item: InboxItem) -> None:
        try:
            messages = await self.process(item)
        except Exception:  # the channel answers failures itself; this is a bug
            logger.exception("%s: processing the message of %s failed; nothing queued",
                             self.channel, item.conversation_id)
            messages = []
        try:
            await asyncio.to_thread(self.store.complete, item.id or None, self.channel,
                                    item.conversation_id, messages)
        except Exception:
            logger.exception("%s outbox unavailable: replies to %s sent without a durable "
                             "record", self.channel, item.conversation_id)
            for n, message in enumerate(messages):
                await self._send(OutboxItem(-1 - n, item.conversation_id, message.destination,
                                            message.body, 0, time.time()), durable=False)
            return
        if self._wake is not None:
            self._wake.set()

    # -- outbound -------------------------------------------------------------------------
    async def _run(self) -> None:
        last_sweep = 0.0
        while not self._closing:
            busy = False
            try:
                busy = await self._deliver_due()
                if time.monotonic() - last_sweep > SWEEP_SECONDS:
                    last_sweep = time.monotonic()
                    await self._sweep()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("%s outbox worker: retrying in %gs", self.channel, SWEEP_SECONDS)
            if not busy and not self._closing:
                await self._sleep()

    async def _sleep(self) -> None:
        wait = SWEEP_SECONDS
        try:
            due = await asyncio.to_thread(self.store.next_due_at, self.channel)
            if due is not None:
                wait = min(SWEEP_SECONDS, max(0.05, due - time.time()))
        except Exception:
            pass
        try:
            await asyncio.wait_for(self._wake.wait(), wait)
        except asyncio.TimeoutError:
            pass
        self._wake.clear()

    async def _sweep(self) -> None:
        if not self.stopping:
            for item in await asyncio.to_thread(self.store.reclaim, self.channel,
                                                self.config.replica, self.lease, False):
                logger.warning("%s: taking over the message of %s (its server stopped "
                               "answering)", self.channel, item.conversation_id)
                self._spawn(self._handle(item))
        await asyncio.to_thread(self.store.cleanup)

    async def _deliver_due(self) -> bool:
        items = await asyncio.to_thread(self.store.due, self.channel)
        if not items:
            return False
        results = await asyncio.gather(*(self._send(item) for item in items))
        return any(results)

    async def _flush(self, deadline: float) -> None:
        """At shutdown: send what is due (and retries due before the deadline)."""
        while time.monotonic() < deadline:
            try:
                if await self._deliver_due():
                    continue
                due = await asyncio.to_thread(self.store.next_due_at, self.channel)
            except Exception:
                logger.exception("%s: could not flush the outbox", self.channel)
                return
            if due is None or due - time.time() > deadline - time.monotonic():
                return
            await asyncio.sleep(max(0.05, due - time.time()))

    async def _send(self, item: OutboxItem, durable: bool = True) -> bool:
        store, replica = self.store, self.config.replica
        if durable and not await asyncio.to_thread(store.claim, item.id, replica,
                                                   SEND_TIMEOUT_SECONDS + 30):
            return False
        try:
            await asyncio.wait_for(self.deliver(item), SEND_TIMEOUT_SECONDS)
        except Dropped as reason:
            logger.info("%s message to %s dropped: %s", self.channel, item.conversation_id, reason)
            if durable:
                await asyncio.to_thread(store.failed, item.id, str(reason), "dropped")
        except PermanentError as error:
            logger.error("%s message to %s failed for good: %s", self.channel,
                         item.conversation_id, error)
            if durable:
                await asyncio.to_thread(store.failed, item.id, str(error))
        except Exception as error:  # TransientError, timeouts, anything unexpected: retry
            await self._retry_or_fail(item, error, durable)
        else:
            if durable:
                await asyncio.to_thread(store.sent, item.id)
        return True

    async def _retry_or_fail(self, item: OutboxItem, error: BaseException, durable: bool) -> None:
        attempts = item.attempts + 1
        reason = f"{type(error).__name__}: {error}"
        if attempts >= self.config.outbox_attempts or not durable:
            logger.error("%s message to %s failed after %d attempt(s): %s", self.channel,
                         item.conversation_id, attempts, reason)
            if durable:
                await asyncio.to_thread(self.store.failed, item.id, reason)
            return
        delay = getattr(error, "retry_after", None) or min(
            MAX_RETRY_DELAY_SECONDS, self.config.outbox_retry_seconds * 2 ** (attempts - 1))
        logger.warning("%s message to %s not delivered (%s); attempt %d in %.1fs", self.channel,
                       item.conversation_id, reason, attempts + 1, delay)
        await asyncio.to_thread(self.store.retry_later, item.id, attempts, time.time() + delay,
                                reason)
