"""The inbox and the outbox of the Slack and SMS channels, in the Radix database.

inbox:  one row per message Slack or Twilio delivered and Radix acknowledged. The pair
        (channel, message_key) is unique, so a retried delivery reaching any replica is
        recognised. A row is claimed by the replica that received it (`claimed_by`, with a
        lease); when the turn is done its replies are written to the outbox and the row marked
        done in one transaction. A replica that restarts reclaims its own unfinished rows; any
        replica takes over rows whose lease ran out.
outbox: one row per message to send, sent in order per conversation, urgent (red-flag)
        conversations first, retried with backoff on transient failures, then marked sent,
        failed or dropped (never silently lost).

Privacy: the channel seals destinations it must not store in clear (SMS phone numbers, see
bot/delivery/sealed.py); payloads and destinations are erased once no longer needed, and
finished rows are deleted after INBOX_KEEP_SECONDS / OUTBOX_KEEP_SECONDS.
All methods are blocking (call them with asyncio.to_thread).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from typing import Any, Iterable, List, Optional

from sqlalchemy import (Column, Float, Integer, MetaData, String, Table, Text, UniqueConstraint,
                        and_, delete, func, or_, select, update)
from sqlalchemy.exc import IntegrityError

from common import database

# Long enough to recognise Slack's and Twilio's retries (minutes) with a wide margin.
INBOX_KEEP_SECONDS = 24 * 3600
OUTBOX_KEEP_SECONDS = 7 * 24 * 3600

_metadata = MetaData()
inbox = Table(
    "radix_inbox", _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("message_key", String(255), nullable=False),
    Column("conversation_id", String(255), nullable=False),
    Column("payload", Text),
    Column("status", String(16), nullable=False),           # pending | done
    Column("claimed_by", String(255)),
    Column("lease_until", Float),
    Column("received_at", Float, nullable=False),
    UniqueConstraint("channel", "message_key", name="radix_inbox_message"),
)
outbox = Table(
    "radix_outbox", _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False, index=True),
    Column("conversation_id", String(255), nullable=False),
    Column("priority", Integer, nullable=False),             # 0: urgent (red flags)
    Column("destination", Text),
    Column("body", Text, nullable=False),
    Column("status", String(16), nullable=False),           # ready | sent | failed | dropped
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False),
    Column("claimed_by", String(255)),
    Column("lease_until", Float),
    Column("created_at", Float, nullable=False),
    Column("finished_at", Float),
    Column("last_error", String(500)),
)


@dataclass(frozen=True)
class Outgoing:
    """A message to send: where (channel-specific, JSON-able), what, and how urgent."""

    destination: dict
    body: dict
    priority: int = 1


def urgent(messages: Iterable[Outgoing]) -> List[Outgoing]:
    """The same messages, to be sent before other conversations' (a red-flag turn)."""
    return [replace(message, priority=0) for message in messages]


@dataclass(frozen=True)
class InboxItem:
    id: int
    channel: str
    message_key: str
    conversation_id: str
    payload: dict


@dataclass(frozen=True)
class OutboxItem:
    id: int
    conversation_id: str
    destination: dict
    body: dict
    attempts: int
    created_at: float


class DeliveryStore:
    def __init__(self, db_url: Optional[str] = None, clock=time.time):
        self.db_url = db_url
        self.clock = clock
        self._sessions = None

    def sessions(self):
        if self._sessions is None:
            self._sessions = database.session_factory(self.db_url, _metadata)
        return self._sessions

    # -- inbox ------------------------------------------------------------------------------
    def accept(self, channel: str, key: str, conversation_id: str, payload: dict,
               replica: str, lease: float) -> Optional[int]:
        """The new row's id, claimed by `replica`; None if this message was received before."""
        now = self.clock()
        with self.sessions()() as session:
            try:
                result = session.execute(inbox.insert().values(
                    channel=channel, message_key=key, conversation_id=conversation_id,
                    payload=json.dumps(payload), status="pending", claimed_by=replica,
                    lease_until=now + lease, received_at=now))
                session.commit()
            except IntegrityError:
                session.rollback()
                return None
            return result.inserted_primary_key[0]

    def item(self, item_id: int) -> Optional[InboxItem]:
        with self.sessions()() as session:
            row = session.execute(select(inbox).where(inbox.c.id == item_id)).first()
        return _inbox_item(row) if row is not None and row.status == "pending" else None

    def reclaim(self, channel: str, replica: str, lease: float, own: bool) -> List[InboxItem]:
        """Unfinished rows this replica now owns: its own from before a restart (`own`), or any
        whose lease ran out."""
        now = self.clock()
        stale = (inbox.c.claimed_by == replica) if own else (inbox.c.lease_until < now)
        with self.sessions()() as session:
            rows = session.execute(select(inbox).where(
                inbox.c.channel == channel, inbox.c.status == "pending", stale
            ).order_by(inbox.c.id)).all()
            taken = []
            for row in rows:
                claimed = session.execute(update(inbox).where(
                    inbox.c.id == row.id, inbox.c.status == "pending",
                    inbox.c.claimed_by == row.claimed_by, inbox.c.lease_until == row.lease_until,
                ).values(claimed_by=replica, lease_until=now + lease))
                if claimed.rowcount == 1:
                    taken.append(_inbox_item(row))
            session.commit()
        return taken

    def complete(self, item_id: int, channel: str, conversation_id: str,
                 messages: Iterable[Outgoing]) -> None:
        """Queue the turn's replies and mark the inbox row done, in one transaction."""
        now = self.clock()
        with self.sessions()() as session:
            for message in messages:
                session.execute(outbox.insert().values(
                    channel=channel, conversation_id=conversation_id, priority=message.priority,
                    destination=json.dumps(message.destination), body=json.dumps(message.body),
                    status="ready", attempts=0, next_attempt_at=now, created_at=now))
            if item_id is not None:
                session.execute(update(inbox).where(inbox.c.id == item_id)
                                .values(status="done", payload=None, lease_until=None))
            session.commit()

    # -- outbox -----------------------------------------------------------------------------
    def due(self, channel: str, limit: int = 16) -> List[OutboxItem]:
        """The first unfinished message of each conversation, if it is due and not claimed:
        urgent conversations first, then oldest first."""
        now = self.clock()
        with self.sessions()() as session:
            rows = session.execute(select(outbox).where(
                outbox.c.id.in_(_heads(channel)), outbox.c.next_attempt_at <= now,
                or_(outbox.c.lease_until.is_(None), outbox.c.lease_until < now),
            ).order_by(outbox.c.priority, outbox.c.id).limit(limit)).all()
        return [_outbox_item(row) for row in rows]

    def next_due_at(self, channel: str) -> Optional[float]:
        """When the next queued message may be sent (its retry time, or its lease's end); only
        the first unfinished message of a conversation counts, the others wait behind it."""
        with self.sessions()() as session:
            rows = session.execute(select(outbox.c.next_attempt_at, outbox.c.lease_until).where(
                outbox.c.id.in_(_heads(channel))).limit(1000)).all()
        return min((max(at, lease or 0.0) for at, lease in rows), default=None)

    def pending_count(self, channel: str) -> int:
        with self.sessions()() as session:
            return session.execute(select(func.count()).select_from(outbox).where(
                outbox.c.channel == channel, outbox.c.status == "ready")).scalar()

    def claim(self, item_id: int, replica: str, lease: float) -> bool:
        now = self.clock()
        return self._update(item_id, and_(outbox.c.status == "ready", or_(
            outbox.c.lease_until.is_(None), outbox.c.lease_until < now)),
            claimed_by=replica, lease_until=now + lease) == 1

    def sent(self, item_id: int) -> None:
        self._finish(item_id, "sent", None)

    def failed(self, item_id: int, error: str, status: str = "failed") -> None:
        self._finish(item_id, status, error)

    def retry_later(self, item_id: int, attempts: int, at: float, error: str) -> None:
        self._update(item_id, outbox.c.status == "ready", attempts=attempts, next_attempt_at=at,
                     claimed_by=None, lease_until=None, last_error=error[:500])

    def release(self, item_id: int) -> None:
        self._update(item_id, outbox.c.status == "ready", claimed_by=None, lease_until=None)

    def _finish(self, item_id: int, status: str, error: Optional[str]) -> None:
        # The destination (a sealed phone number, a Slack thread) is not needed any more.
        self._update(item_id, outbox.c.status == "ready", status=status, destination=None,
                     finished_at=self.clock(), claimed_by=None, lease_until=None,
                     last_error=(error or "")[:500] or None)

    def _update(self, item_id: int, condition: Any, **values: Any) -> int:
        with self.sessions()() as session:
            result = session.execute(update(outbox).where(outbox.c.id == item_id, condition)
                                     .values(**values))
            session.commit()
            return result.rowcount

    def cleanup(self) -> None:
        now = self.clock()
        with self.sessions()() as session:
            session.execute(delete(inbox).where(inbox.c.status == "done",
                                                inbox.c.received_at < now - INBOX_KEEP_SECONDS))
            session.execute(delete(outbox).where(outbox.c.status != "ready",
                                                 outbox.c.finished_at < now - OUTBOX_KEEP_SECONDS))
            session.commit()

    def outbox_rows(self, channel: str) -> List[dict]:
        """Every outbox row of a channel (for tests and operators)."""
        with self.sessions()() as session:
            return [dict(row._mapping) for row in session.execute(
                select(outbox).where(outbox.c.channel == channel).order_by(outbox.c.id))]


def _heads(channel: str) -> Any:
    """The id of the first unfinished outbox message of each conversation of `channel`."""
    return (select(func.min(outbox.c.id)).where(outbox.c.channel == channel,
                                                outbox.c.status == "ready")
            .group_by(outbox.c.conversation_id))


def _inbox_item(row: Any) -> InboxItem:
    return InboxItem(row.id, row.channel, row.message_key, row.conversation_id,
                     json.loads(row.payload) if row.payload else {})


def _outbox_item(row: Any) -> OutboxItem:
    return OutboxItem(row.id, row.conversation_id,
                      json.loads(row.destination) if row.destination else {},
                      json.loads(row.body), row.attempts, row.created_at)
