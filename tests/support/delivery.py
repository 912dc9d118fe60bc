"""Reading the Slack/SMS inbox and outbox (bot/delivery/store.py) from tests.

`wait_answered(channel, key)` returns once the message `key` was processed and every reply then
queued for its conversation was sent (or failed, or dropped): the known event after which "no
more replies will come" for that message, instead of waiting for a quiet period.
"""
from __future__ import annotations

import time
from typing import Optional

from sqlalchemy import create_engine, select

from bot.delivery.store import inbox, outbox


class DeliveryProbe:
    def __init__(self, db_url: str):
        self.engine = create_engine(db_url, future=True)

    def inbox_row(self, channel: str, key: str) -> Optional[dict]:
        with self.engine.connect() as connection:
            row = connection.execute(select(inbox).where(
                inbox.c.channel == channel, inbox.c.message_key == key)).first()
        return dict(row._mapping) if row is not None else None

    def outbox_rows(self, conversation_id: str) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(select(outbox).where(
                outbox.c.conversation_id == conversation_id).order_by(outbox.c.id))]

    def answered(self, channel: str, key: str) -> bool:
        row = self.inbox_row(channel, key)
        if row is None or row["status"] != "done":
            return False
        return all(r["status"] != "ready" for r in self.outbox_rows(row["conversation_id"]))

    def wait_answered(self, channel: str, key: str, timeout: float = 60.0) -> dict:
        """The inbox row once `key` is processed and its conversation's outbox is empty."""
        deadline = time.monotonic() + timeout
        while not self.answered(channel, key):
            if time.monotonic() > deadline:
                row = self.inbox_row(channel, key)
                raise AssertionError(f"{channel} message {key} not answered in {timeout:.0f}s: "
                                     f"inbox {row}, outbox "
                                     f"{self.outbox_rows(row['conversation_id']) if row else None}")
            time.sleep(0.05)
        return self.inbox_row(channel, key)
