"""Durable delivery for the Slack and SMS channels: an inbox of acknowledged messages and an
outbox of replies, both in the Radix database (bot/delivery/store.py)."""
