"""Rasa's SQL tracker store, made to fail visibly instead of silently or fatally.

Configured in bot/endpoints.yml (type: bot.tracker_store.RadixTrackerStore, url:
$RADIX_TRACKER_URL). Differences from SQLTrackerStore:

- A read or write that fails (database locked, read-only, gone) is retried briefly, then
  raises TurnAborted("storage"): Rasa's FailSafeTrackerStore would otherwise keep the turn in
  memory (save) or start an empty conversation (read), and the next answer would come from a
  conversation missing what the user was already told. bot/turns.py turns it into a
  "not saved, please send it again" reply.
- A ValueError inside a session (a NUL byte on PostgreSQL, a lone surrogate on SQLite) is an
  error of that turn, not Rasa's "schema not found, exiting" (which stopped the whole server).
  The channels reject such ids at the door; this is the second line.
- A SQLite file is created private to the user (0600), with a short busy timeout so a locked
  database fails the turn in seconds rather than blocking every conversation, and written
  through a write-ahead log on pooled connections (common/database.py: make_engine).
"""
from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from typing import Any, Generator, Iterator, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists

from bot.channels.conversation import BadConversationId, check_printable, MAX_CONVERSATION_ID_CHARS
from bot.turns import TurnAborted
from common.database import make_engine, private_sqlite_file, sqlite_path
from common.timings import stage

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_SECONDS = 2.0
ATTEMPTS = 2
# How many of a tracker's events are in the database (set when this store reads or saves it).
STORED_EVENTS = "_radix_events_stored"
RETRY_PAUSE_SECONDS = 0.2


class RadixTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, host: Optional[Text] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        url = host or "sqlite:///tracker.db"
        private_sqlite_file(url)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)
        if sqlite_path(url) is not None:
            self.engine.dispose()
            self.engine = make_engine(url, timeout=SQLITE_BUSY_TIMEOUT_SECONDS)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        # SQLTrackerStore's version exits the process on any ValueError.
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)
            yield session
        finally:
            session.close()

    @staticmethod
    def _check_id(sender_id: Text) -> None:
        try:
            check_printable(sender_id, "conversation id", MAX_CONVERSATION_ID_CHARS)
        except BadConversationId as problem:
            raise TurnAborted("storage", f"refused to store conversation id: {problem}") from None

    async def _with_retries(self, what: str, sender_id: Text, operation: Any) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await operation()
            except TurnAborted:
                raise
            except Exception as error:  # noqa: BLE001 - every failure of the store is reported
                if attempt == ATTEMPTS:
                    logger.error("Tracker store could not %s conversation %s: %s: %s",
                                 what, sender_id, type(error).__name__, error)
                    raise TurnAborted("storage", f"could not {what} the conversation") from error
                logger.warning("Tracker store could not %s conversation %s (%s); retrying",
                               what, sender_id, type(error).__name__)
                await asyncio.sleep(RETRY_PAUSE_SECONDS * attempt)

    async def save(self, tracker: Any) -> None:
        self._check_id(tracker.sender_id)
        with stage("rasa: tracker store write"):
            await self._with_retries("save", tracker.sender_id,
                                     lambda: SQLTrackerStore.save(self, tracker))
        setattr(tracker, STORED_EVENTS, len(tracker.events))

    async def retrieve(self, sender_id: Text) -> Any:
        self._check_id(sender_id)
        with stage("rasa: tracker store read"):
            tracker = await self._with_retries("read", sender_id,
                                               lambda: SQLTrackerStore.retrieve(self, sender_id))
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        """The tracker's events not stored yet. Rasa counts the stored events of the session with a
        query on every save; a tracker this store read or saved already knows that number (its
        events since the session started), and no other writer can add to it meanwhile: a turn
        holds the conversation's lock from before the read until after the save."""
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Any:
        self._check_id(conversation_id)
        return await self._with_retries(
            "read", conversation_id,
            lambda: SQLTrackerStore.retrieve_full_tracker(self, conversation_id))
