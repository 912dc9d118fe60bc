"""The structured reply: what Radix says, as data, before any channel formats it.

Actions build one reply per answer (actions/dialogue/replies.py); renderers (common/render/) turn it
into plain text, Slack Block Kit, SMS segments or the web widget's HTML without changing its content.

A reply:
    {"type": "assessment" | "question" | "red_flag_alert" | "answer" | "explanation" | "message"
             | "summary",
     "audience": "clinician" | "patient",
     "triage": "emergency" | "urgent" | "routine" | "self-care" | None,
     "title": str | None,
     "sections": [{"kind": str, "title": str | None,
                   "items": [{"text": str, "detail": str | None, "citations": [int, ...]}]}],
     "citations": [{"n": int, "article_id", "title", "quote", "passage_id"}],
     "buttons": [{"title": str, "payload": str}],
     "reasoning": [{"label", "for": [str], "against": [str], "citations": [int]}],
     "footer": str | None}
Every clinical sentence in a reply comes from a rule's wording and carries the numbers of the
citations (article + verbatim quote) that support it.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from common.wording import say

REPLY_TYPES = ("assessment", "question", "red_flag_alert", "answer", "explanation", "message", "summary")
# Payloads of the answer buttons: Rasa reads "/intent" as that intent.
YES_NO_PAYLOADS = ("/affirm", "/deny", "/unsure")
# The button under every result that asks for the case summary.
SUMMARY_PAYLOAD = "/ask_summary"
# A rule may rest on many quotes; an item shows its strongest (first listed) ones so a reply
# stays readable. 'why?' lists every quote shown.
MAX_CITATIONS_PER_ITEM = 3


def yes_no_buttons(audience: str, with_unsure: bool = True) -> list[dict]:
    keys = ("yes", "no", "not_sure") if with_unsure else ("yes", "no")
    return [{"title": say(audience, f"buttons.{key}"), "payload": payload}
            for key, payload in zip(keys, YES_NO_PAYLOADS)]


def summary_button(audience: str) -> dict:
    return {"title": say(audience, "buttons.summary"), "payload": SUMMARY_PAYLOAD}


class ReplyBuilder:
    def __init__(self, reply_type: str, audience: str, title: Optional[str] = None):
        self.reply = {
            "type": reply_type, "audience": audience, "triage": None, "title": title,
            "sections": [], "citations": [], "buttons": [], "reasoning": [], "footer": None,
        }
        self._numbers: dict[tuple, int] = {}

    def cite(self, citations: Iterable[Mapping]) -> list[int]:
        """Numbers for these citations, reusing a number for a quote already cited."""
        numbers = []
        for citation in citations:
            key = (citation["article_id"], citation["quote"])
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self.reply["citations"].append({"n": self._numbers[key], **dict(citation)})
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return numbers

    def section(self, kind: str, title: Optional[str], items: list[dict]) -> None:
        if items:
            self.reply["sections"].append({"kind": kind, "title": title, "items": items})

    def item(self, text: str, citations: Iterable[Mapping] = (), detail: Optional[str] = None) -> dict:
        shown = list(citations)[:MAX_CITATIONS_PER_ITEM]
        return {"text": text, "detail": detail, "citations": self.cite(shown)}

    def build(self) -> dict:
        if self.reply["footer"] is None:
            self.reply["footer"] = say(self.reply["audience"], "disclaimer")
        return self.reply


def message_reply(text: str, audience: str, buttons: Optional[list] = None) -> dict:
    """A plain message (no clinical content): one text item, optional buttons, no footer."""
    builder = ReplyBuilder("message", audience)
    builder.section("text", None, [builder.item(text)])
    builder.reply["buttons"] = buttons or []
    builder.reply["footer"] = ""
    return builder.reply
