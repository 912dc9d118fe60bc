"""Checks shared by every channel before a user's text reaches Rasa.

Why here: each channel (REST, web, Slack, SMS) must treat bad text the same way: a
clear reply, never a crash, never a silent drop.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

# DIET's transformer cost grows with the square of the token count; a clinical note or a
# patient's story fits easily in this many characters.
MAX_MESSAGE_CHARS = 8000

# C0/C1 control characters except tab and newline; they carry no meaning in chat text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

EMPTY_MESSAGE_REPLY = (
    "I didn't receive any text. Describe the symptoms in your own words, for example "
    "'my right foot is numb and I can't walk on my heels', or type 'help'."
)


def too_long_reply(length: int) -> str:
    return (
        f"Your message is {length:,} characters long; I can read up to {MAX_MESSAGE_CHARS:,} "
        "characters at a time, so I have not read it. Please send the main symptoms in a "
        "shorter message (where, which side, what makes it worse, any weakness or bladder "
        "or bowel changes)."
    )


@dataclass(frozen=True)
class InboundText:
    """Text ready for Rasa, or the reply to send instead of processing it."""

    text: str
    refusal: Optional[str] = None


def clean_inbound_text(raw: object) -> InboundText:
    if raw is None:
        return InboundText("", EMPTY_MESSAGE_REPLY)
    if not isinstance(raw, str):
        raw = str(raw)
    text = _CONTROL_CHARS.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    if not text:
        return InboundText("", EMPTY_MESSAGE_REPLY)
    if len(text) > MAX_MESSAGE_CHARS:
        return InboundText(text, too_long_reply(len(text)))
    return InboundText(text)
