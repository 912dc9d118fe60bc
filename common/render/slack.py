"""Slack Block Kit rendering of a structured reply (common/reply.py).

`render_slack(reply) -> {"blocks": [...], "text": fallback}`: pure, no Slack client here.
Layout: a header; the red-flag section first when there is one; triage; considerations with
the findings for and against; advice; context blocks with the numbered citations and the
footer; an actions block whose button values are the reply's payloads (Rasa's SlackInput
reads a button's `value` as the user's message). A case summary ends with its sources' verbatim
quotes and the whole note again in plain_text sections: a copy that pastes without markup.
"""
from __future__ import annotations

from typing import Mapping

from common.render.text import citation_marks, render_sources, render_summary_text, render_text, summary_sources
from common.wording import say

# Block Kit limits (api.slack.com/reference/block-kit/blocks).
MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTONS = 25
# Slack truncates the notification text long before its 40k limit; the blocks carry the content.
MAX_FALLBACK_CHARS = 3000

TRIAGE_EMOJI = {
    "emergency": ":red_circle:",
    "urgent": ":large_orange_circle:",
    "routine": ":large_yellow_circle:",
    "self-care": ":large_green_circle:",
}
RED_FLAG_EMOJI = ":rotating_light:"


def escape_mrkdwn(text: str) -> str:
    """Slack reads &, < and > as markup (links, mentions); user-visible text must escape them."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _item_lines(item: Mapping, numbered: int | None, bold: bool) -> list[str]:
    text = escape_mrkdwn(item["text"])
    if bold:
        text = f"*{text}*"
    prefix = f"{numbered}. " if numbered is not None else "\u2022 "
    line = prefix + text
    if item.get("citations"):
        line += " " + citation_marks(item["citations"])
    lines = [line]
    if item.get("detail"):
        lines.append(f"      _{escape_mrkdwn(item['detail'])}_")
    return lines


def _section_lines(section: Mapping, triage: str | None, header: str | None) -> list[str]:
    kind = section["kind"]
    lines: list[str] = []
    title = section.get("title")
    if title and title == header:  # a question's "Question 2" is already the header
        title = None
    if kind == "red_flags":
        lines.append(f"{RED_FLAG_EMOJI} *{escape_mrkdwn(title or 'Red flags')}*")
    elif kind == "triage":
        emoji = TRIAGE_EMOJI.get(triage or "", "")
        return [f"{emoji} *{escape_mrkdwn(item['text'])}*".strip() for item in section["items"]]
    elif title:
        lines.append(f"*{escape_mrkdwn(title)}*")
    several = len(section["items"]) > 1
    for index, item in enumerate(section["items"], start=1):
        if kind == "considerations":
            lines += _item_lines(item, index, bold=True)
        elif several or title:
            lines += _item_lines(item, None, bold=False)
        else:
            plain = escape_mrkdwn(item["text"])
            if item.get("citations"):
                plain += " " + citation_marks(item["citations"])
            lines.append(plain)
            if item.get("detail"):
                lines.append(f"_{escape_mrkdwn(item['detail'])}_")
    return lines


def _section_blocks(lines: list[str]) -> list[dict]:
    """mrkdwn sections of at most MAX_SECTION_CHARS each, split between lines."""
    blocks, chunk = [], ""
    for line in lines:
        line = _clip(line, MAX_SECTION_CHARS)
        candidate = f"{chunk}\n{line}" if chunk else line
        if len(candidate) > MAX_SECTION_CHARS:
            blocks.append(chunk)
            candidate = line
        chunk = candidate
    if chunk:
        blocks.append(chunk)
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}} for text in blocks]


def _header_text(reply: Mapping) -> str | None:
    if reply["type"] == "red_flag_alert":
        return f"\U0001F6A8 {reply.get('title') or 'Urgent'}"
    if reply["type"] == "question":
        titled = [s["title"] for s in reply["sections"] if s["kind"] == "question" and s.get("title")]
        return titled[0] if titled else "Question"
    if reply["type"] == "message":
        return None
    return reply.get("title") or "Radix"


def _ordered_sections(reply: Mapping) -> list[Mapping]:
    # Urgent first whatever order the reply was built in (stable for the rest).
    return sorted(reply["sections"], key=lambda s: s["kind"] != "red_flags")


def _context_blocks(lines: list[str]) -> list[dict]:
    blocks = []
    for start in range(0, len(lines), MAX_CONTEXT_ELEMENTS):
        blocks.append({
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": _clip(line, MAX_SECTION_CHARS)}
                         for line in lines[start:start + MAX_CONTEXT_ELEMENTS]],
        })
    return blocks


def _actions_block(buttons: list[Mapping]) -> dict:
    return {
        "type": "actions",
        "block_id": "radix_buttons",
        "elements": [
            {
                "type": "button",
                "action_id": f"radix_button_{index}",
                "text": {"type": "plain_text", "text": _clip(button["title"], MAX_BUTTON_TEXT)},
                "value": button["payload"][:MAX_BUTTON_VALUE],
            }
            for index, button in enumerate(buttons[:MAX_BUTTONS])
        ],
    }


def _plain_text_blocks(text: str) -> list[dict]:
    """plain_text sections (no markup at all, so Slack copies exactly these characters), split
    between lines at MAX_SECTION_CHARS."""
    chunks, chunk = [], ""
    for line in text.split("\n"):
        candidate = f"{chunk}\n{line}" if chunk else line
        if chunk and len(candidate) > MAX_SECTION_CHARS:
            chunks.append(chunk)
            candidate = line
        chunk = _clip(candidate, MAX_SECTION_CHARS)
    chunks.append(chunk)
    return [{"type": "section", "text": {"type": "plain_text", "text": part or " ", "emoji": False}}
            for part in chunks]


def _summary_tail(reply: Mapping) -> list[dict]:
    """A summary's numbered sources with their quotes, its footer, then the whole note again as plain
    text to paste into the record."""
    tail = _context_blocks([escape_mrkdwn(line) for line in summary_sources(reply)]) if reply.get("citations") else []
    if reply.get("footer"):
        tail += _context_blocks([escape_mrkdwn(reply["footer"])])
    tail.append({"type": "divider"})
    tail += _context_blocks([escape_mrkdwn(say("clinician", "slack.copy_title"))])
    return tail + _plain_text_blocks(render_summary_text(reply))


def render_slack(reply: Mapping) -> dict:
    """Block Kit message for one structured reply: {"blocks": [...], "text": fallback}."""
    head: list[dict] = []
    header = _header_text(reply)
    if header:
        head.append({"type": "header",
                     "text": {"type": "plain_text", "text": _clip(header, MAX_HEADER_CHARS),
                              "emoji": True}})

    body: list[dict] = []
    previous_kind = None
    for section in _ordered_sections(reply):
        kind = section["kind"]
        # A divider after the urgent part and before the advice keeps the reading order clear.
        if previous_kind is not None and (previous_kind == "red_flags" or
                                          (kind == "advice" and previous_kind != "advice")):
            body.append({"type": "divider"})
        body += _section_blocks(_section_lines(section, reply.get("triage"), header))
        previous_kind = kind

    tail: list[dict] = []
    if reply["type"] == "summary":
        tail = _summary_tail(reply)
    elif reply.get("citations") and reply["type"] != "explanation":
        tail += _context_blocks([escape_mrkdwn(line) for line in render_sources(reply["citations"])])
    if reply.get("footer") and reply["type"] != "summary":
        tail += _context_blocks([escape_mrkdwn(reply["footer"])])
    if reply.get("buttons"):
        tail.append(_actions_block(reply["buttons"]))

    room = MAX_BLOCKS - len(head) - len(tail)
    if len(body) > room:
        body = body[: room - 1] + _context_blocks([say("clinician", "slack.truncated")])
    return {"blocks": head + body + tail, "text": _clip(render_text(reply), MAX_FALLBACK_CHARS)}
