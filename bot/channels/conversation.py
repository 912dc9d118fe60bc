"""Conversation ids: checked at the door and namespaced per channel.

Every channel turns its own notion of "who is talking" (a REST client's sender, a web session,
a Slack user, a hashed phone number) into `<channel>:<id>`, so no channel can address another
channel's conversation: a REST call with a resident's Slack user id reaches `rest:U123`, never
`slack:U123`.

Ids must be printable text (no control, format, private-use or unassigned characters, no lone
UTF-16 surrogates) and short enough, with the prefix, for the tracker store's sender_id column
(255 characters on PostgreSQL). A NUL or a lone surrogate in a sender id used to make Rasa's SQL
tracker store raise a ValueError, which Rasa treats as a fatal schema error and exits.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from common.contract import CHANNELS

# Rasa's SQL tracker store declares sender_id as VARCHAR(255).
MAX_CONVERSATION_ID_CHARS = 255
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# What Slack ids (users, channels, teams) and message timestamps look like.
SLACK_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class BadConversationId(ValueError):
    """An id that must not reach Rasa; the message says why (safe to show the client)."""


def max_id_chars(channel: str) -> int:
    return MAX_CONVERSATION_ID_CHARS - len(channel) - 1


def check_printable(value: object, what: str, limit: int) -> str:
    """`value` if it is non-blank printable text of at most `limit` characters."""
    if not isinstance(value, str) or not value.strip():
        raise BadConversationId(f"{what} must be a non-empty string")
    if value != value.strip():
        raise BadConversationId(f"{what} must not start or end with spaces")
    if len(value) > limit:
        raise BadConversationId(f"{what} is longer than {limit} characters")
    if any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in value):
        raise BadConversationId(f"{what} must be printable text (no control characters, "
                                "no lone surrogates)")
    return value


def conversation_id(channel: str, raw: object, what: str = "sender") -> str:
    """`<channel>:<raw>` once `raw` passed the checks; BadConversationId otherwise."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    return f"{channel}:{check_printable(raw, what, max_id_chars(channel))}"


def channel_of(conversation: str) -> Optional[str]:
    """The channel a namespaced conversation id belongs to (None if it is not namespaced)."""
    channel, sep, _ = conversation.partition(":")
    return channel if sep and channel in CHANNELS else None


def slack_id(value: object) -> Optional[str]:
    """A Slack id or timestamp as given, or None if it does not look like one."""
    return value if isinstance(value, str) and SLACK_ID.fullmatch(value) else None
