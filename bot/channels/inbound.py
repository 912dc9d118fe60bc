"""Checks shared by every channel before a user's text reaches Rasa.

Why here: each channel (REST, web, Slack, SMS) must treat bad text the same way: a
clear reply, never a crash, never a silent drop.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from common.wording import say

# DIET's transformer cost grows with the square of the token count; a clinical note or a
# patient's story fits easily in this many characters.
MAX_MESSAGE_CHARS = 8000

# C0/C1 control characters except tab and newline; they carry no meaning in chat text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone UTF-16 surrogates (JSON "\ud800"): not text, and no database driver can store them.
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def too_long_reply(length: int, audience: str = "patient") -> str:
    return say(audience, "messages.too_long", length=f"{length:,}", limit=f"{MAX_MESSAGE_CHARS:,}")


@dataclass(frozen=True)
class InboundText:
    """Text ready for Rasa, or the reply to send instead of processing it."""

    text: str
    refusal: Optional[str] = None


def clean_inbound_text(raw: object, audience: str = "patient") -> InboundText:
    """The text to hand to Rasa, or the refusal (in ``audience``'s wording) to send instead."""
    if raw is None:
        return InboundText("", say(audience, "messages.empty_message"))
    if not isinstance(raw, str):
        raw = str(raw)
    text = _LONE_SURROGATES.sub("\ufffd", raw)
    text = _CONTROL_CHARS.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if not text:
        return InboundText("", say(audience, "messages.empty_message"))
    if len(text) > MAX_MESSAGE_CHARS:
        return InboundText(text, too_long_reply(len(text), audience))
    return InboundText(text)
