"""SMS opt-outs (STOP until START), stored by the sender's keyed hash only.

The table lives in the Radix database (common/database.py builds the sessions; default
var/radix.db) next to the consult records, so an opt-out survives restarts and replicas.
"""
from __future__ import annotations

import datetime as dt
import functools
from typing import Optional

from sqlalchemy import (Column, DateTime, MetaData, String, Table, delete, func, literal,
                        select, update)

from common import database

_metadata = MetaData()
sms_opt_out = Table(
    "sms_opt_out", _metadata,
    Column("sender_hash", String(80), primary_key=True),
    Column("opted_out_at", DateTime(timezone=True), nullable=False),
)


class OptOutStore:
    """Opted-out senders (hashed); the database is opened on first use."""

    def __init__(self, db_url: Optional[str] = None):
        self.db_url = db_url

    @functools.cached_property
    def _sessions(self):
        sessions = database.session_factory(self.db_url, _metadata)
        with sessions() as session:
            # Conversation ids were `sms-<hash>` before channels were namespaced (`sms:<hash>`):
            # opt-outs recorded then must still hold.
            session.execute(update(sms_opt_out).where(sms_opt_out.c.sender_hash.like("sms-%"))
                            .values(sender_hash=literal("sms:") + func.substr(
                                sms_opt_out.c.sender_hash, 5)))
            session.commit()
        return sessions

    def is_opted_out(self, sender: str) -> bool:
        with self._sessions() as session:
            row = session.execute(
                select(sms_opt_out.c.sender_hash).where(sms_opt_out.c.sender_hash == sender)
            ).first()
            return row is not None

    def opt_out(self, sender: str) -> None:
        with self._sessions() as session:
            if not self.is_opted_out(sender):
                session.execute(sms_opt_out.insert().values(
                    sender_hash=sender, opted_out_at=dt.datetime.now(dt.timezone.utc)))
                session.commit()

    def opt_in(self, sender: str) -> None:
        with self._sessions() as session:
            session.execute(delete(sms_opt_out).where(sms_opt_out.c.sender_hash == sender))
            session.commit()
