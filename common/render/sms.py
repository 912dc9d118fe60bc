"""SMS rendering of a structured reply: plain text sized in carrier segments.

- Segment math: GSM-7 text fits 160 septets in one segment, 153 per segment when split
  (characters of the extension table such as [ ] { } cost two septets and never straddle a
  segment); any other character makes the whole message UCS-2: 70 units, 67 per segment
  (characters outside the BMP cost two units). Typographic punctuation is mapped to GSM-7
  first so one curly quote does not halve the room.
- An assessment is ONE message of at most MAX_SEGMENTS segments: red flags and triage
  always, then as many considerations and advice items as fit, in order; citation marks are
  compact numbers ([1-3,5]) matching the reply's citation numbers.
- The explanation ('WHY') sends the verbatim quotes, numbered the same way, packed into
  follow-up messages of at most MAX_SEGMENTS segments each.
- A case summary is one message too: its title, case line, triage and what to do now always, what
  you told me and what to ask your doctor as they fit, then "Reply WHY for the sources."; the
  Summary button under an assessment becomes "Reply SUMMARY ..." when it fits.
Pure functions; the channel (bot/channels/sms.py) sends what these return.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional, Sequence

from common.reply import SUMMARY_PAYLOAD, YES_NO_PAYLOADS
from common.wording import say

MAX_SEGMENTS = 3
# The quotes behind an answer can run to dozens; beyond this many follow-ups SMS stops helping.
MAX_WHY_MESSAGES = 4

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")

_TO_GSM = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2022": "-",
    "\u00b7": "-", "\t": " ", "\u2265": ">=", "\u2264": "<=", "\u00d7": "x",
})

_ANSWER_PAYLOADS = frozenset(YES_NO_PAYLOADS)
# A case summary by SMS keeps its case line and what to do now whatever else has to go.
_SUMMARY_KEPT = ("case", "what_to_do")
_QUOTE_START = re.compile(r"(?:^|\n|: )\[(\d+)\] \"")


def to_sms_text(text: str) -> str:
    """Typographic punctuation replaced by its GSM-7 look-alike."""
    return text.translate(_TO_GSM)


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def _costs(text: str) -> tuple[list[int], int, int]:
    """Per-character cost, single-segment capacity, multi-segment capacity."""
    if is_gsm7(text):
        return [2 if ch in GSM7_EXTENDED else 1 for ch in text], 160, 153
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text], 70, 67


def segment_count(text: str) -> int:
    """Segments a carrier bills for this message body (0 for an empty body)."""
    if not text:
        return 0
    costs, single, multi = _costs(text)
    if sum(costs) <= single:
        return 1
    segments, used = 1, 0
    for cost in costs:  # a two-unit character never straddles a segment boundary
        if used + cost > multi:
            segments, used = segments + 1, 0
        used += cost
    return segments


def fits(text: str, max_segments: int = MAX_SEGMENTS) -> bool:
    return segment_count(text) <= max_segments


def compact_marks(numbers: Iterable[int]) -> str:
    """[1-3,5] for citations 1, 2, 3 and 5 (order of first mention does not matter in SMS)."""
    ordered = sorted(set(numbers))
    if not ordered:
        return ""
    runs, start, end = [], ordered[0], ordered[0]
    for n in ordered[1:]:
        if n == end + 1:
            end = n
            continue
        runs.append((start, end))
        start = end = n
    runs.append((start, end))
    parts = [f"{a}" if a == b else (f"{a},{b}" if b == a + 1 else f"{a}-{b}") for a, b in runs]
    return "[" + ",".join(parts) + "]"


def _clip_to_fit(text: str, room_text: str, max_segments: int) -> str:
    """`text` cut at a word boundary so that `text + room_text` fits (with '...')."""
    if fits(text + room_text, max_segments):
        return text
    words = text.split(" ")
    while words:
        words.pop()
        candidate = " ".join(words).rstrip(",;:") + "..."
        if fits(candidate + room_text, max_segments):
            return candidate
    return ""


def _longest_fitting_prefix(text: str, max_segments: int) -> int:
    low, high = 1, len(text)  # invariant: text[:low] fits (one character always does)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle], max_segments):
            low = middle
        else:
            high = middle - 1
    return low


def split_message(text: str, max_segments: int = MAX_SEGMENTS) -> list[str]:
    """Messages of at most `max_segments` each, cut between lines, else between words."""
    text = to_sms_text(text).strip()
    if not text:
        return []
    messages: list[str] = []
    current = ""
    pieces: list[str] = []
    for line in text.split("\n"):
        if fits(line, max_segments):
            pieces.append(line)
            continue
        word_chunk = ""
        for word in line.split(" "):  # an over-long line: split between words
            candidate = f"{word_chunk} {word}" if word_chunk else word
            if word_chunk and not fits(candidate, max_segments):
                pieces.append(word_chunk)
                candidate = word
            while not fits(candidate, max_segments):  # one enormous "word": hard cut
                cut = _longest_fitting_prefix(candidate, max_segments)
                pieces.append(candidate[:cut])
                candidate = candidate[cut:]
            word_chunk = candidate
        if word_chunk:
            pieces.append(word_chunk)
    for piece in pieces:
        candidate = f"{current}\n{piece}" if current else piece
        if current and not fits(candidate, max_segments):
            messages.append(current)
            candidate = piece
        current = candidate
    if current:
        messages.append(current)
    return messages


def _item_line(item: Mapping, bullet: bool) -> str:
    line = to_sms_text(item["text"]).strip()
    if item.get("citations"):
        line += " " + compact_marks(item["citations"])
    return f"- {line}" if bullet else line


def _button_prompt(buttons: Sequence[Mapping]) -> Optional[str]:
    if not buttons:
        return None
    payloads = {b.get("payload") for b in buttons}
    if payloads <= _ANSWER_PAYLOADS:
        return say("patient", "sms.answer_prompt" if "/unsure" in payloads else "sms.yes_no_prompt")
    return "Reply: " + " / ".join(to_sms_text(b["title"]) for b in buttons)


class _Composer:
    """Lines in reply order; mandatory ones always kept, optional ones while they fit."""

    def __init__(self, max_segments: int):
        self.max_segments = max_segments
        self.lines: list[str] = []
        self.mandatory: list[bool] = []
        self.title_of: list[Optional[int]] = []  # index of the line's section title, if any
        self.is_title: list[bool] = []

    def title(self, line: str) -> int:
        self.lines.append(line)
        self.mandatory.append(False)
        self.title_of.append(None)
        self.is_title.append(True)
        return len(self.lines) - 1

    def add(self, line: str, mandatory: bool, title: Optional[int] = None) -> None:
        if not line:
            return
        self.lines.append(line)
        self.mandatory.append(mandatory)
        self.title_of.append(title)
        self.is_title.append(False)
        if mandatory and title is not None:
            self.mandatory[title] = True

    def _text(self, kept: list[bool]) -> str:
        return "\n".join(line for line, keep in zip(self.lines, kept) if keep)

    def render(self, tail: list[str]) -> str:
        tail_text = ("\n" + "\n".join(tail)) if tail else ""
        kept = list(self.mandatory)
        for index in range(len(self.lines)):
            if kept[index] or self.is_title[index]:
                continue
            trial = list(kept)
            trial[index] = True
            if self.title_of[index] is not None:
                trial[self.title_of[index]] = True  # a title only comes with one of its items
            if fits(self._text(trial) + tail_text, self.max_segments):
                kept = trial
        text = self._text(kept)
        if not fits(text + tail_text, self.max_segments):
            text = _clip_to_fit(text, tail_text, self.max_segments)
        return (text + tail_text).strip()


def render_reply_message(reply: Mapping, max_segments: int = MAX_SEGMENTS) -> str:
    """One message of at most `max_segments`: urgent things first, then what fits."""
    composer = _Composer(max_segments)
    if reply["type"] == "summary":
        composer.add(to_sms_text(reply.get("title") or "") + ":", True)
    sections = sorted(reply["sections"], key=lambda s: s["kind"] != "red_flags")
    for number, section in enumerate(sections):
        kind = section["kind"]
        items = section["items"]
        title = to_sms_text(section.get("title") or "")
        if kind == "red_flags":
            # Urgent: the heading and the first flag always; the other flags before anything else.
            heading = composer.title((title.upper() if title else "URGENT") + ":")
            for index, item in enumerate(items):
                composer.add(_item_line(item, len(items) > 1), index == 0, heading)
        elif kind in ("triage", "question"):
            for item in items:
                line = _item_line(item, False)
                if kind == "question" and title and reply["type"] == "question":
                    line = f"{title}: {line}"
                composer.add(line, True)
        else:
            heading = composer.title(title + ":") if title else None
            # The first item of an answer or a message is the answer itself.
            first_is_answer = kind == "text" or (reply["type"] in ("answer", "message") and number == 0) \
                or (reply["type"] == "summary" and kind in _SUMMARY_KEPT)
            for index, item in enumerate(items):
                composer.add(_item_line(item, bool(title) and len(items) > 1),
                             first_is_answer and index == 0, heading)
    buttons = [b for b in reply.get("buttons") or [] if b.get("payload") != SUMMARY_PAYLOAD]
    if len(buttons) < len(reply.get("buttons") or []):   # the Summary button: offered if it fits
        composer.add(say("patient", "sms.summary_prompt"), False)
    tail = []
    prompt = _button_prompt(buttons)
    if prompt:
        tail.append(prompt)
    if reply.get("citations"):
        why = say("patient", "sms.why_prompt")
        tail.append(f"{say('patient', 'sms.short_disclaimer')} {why}" if reply["audience"] == "patient"
                    else why)
    return composer.render(tail)


def render_why_messages(reply: Mapping, max_segments: int = MAX_SEGMENTS,
                        max_messages: int = MAX_WHY_MESSAGES) -> list[str]:
    """The verbatim quotes of an explanation, numbered as in the answer, in follow-up messages.

    Lowest numbers first: they back the red flags and the top consideration.
    """
    citations = sorted(reply["citations"], key=lambda c: c["n"])
    lines = []
    previous_title = None
    for citation in citations:
        line = f"[{citation['n']}] \"{to_sms_text(citation['quote']).strip()}\""
        if citation["title"] != previous_title:
            line += f" - {to_sms_text(citation['title'])}"
            previous_title = citation["title"]
        lines.append(line)
    if lines:
        lines[0] = f"{say('patient', 'sms.why_title')} {lines[0]}"
    messages = split_message("\n".join(lines), max_segments)
    if len(messages) <= max_messages:
        return messages
    kept = messages[:max_messages]
    shown = {int(m.group(1)) for text in kept for m in _QUOTE_START.finditer(text)}
    # The last kept message may end inside a quote that continues in a dropped message.
    missing = len([c for c in citations if c["n"] not in shown]) or 1
    note = say("patient", "sms.more_quotes", count=missing)
    kept[-1] = _clip_to_fit(kept[-1], "\n" + note, max_segments) + "\n" + note
    return kept


def render_sms(reply: Mapping) -> list[str]:
    """The SMS bodies for one structured reply, in sending order."""
    asks = any(section["kind"] == "question" for section in reply["sections"])
    if reply["type"] == "explanation" and reply.get("citations") and not asks:
        return render_why_messages(reply)
    return [render_reply_message(reply)]


def render_plain_sms(text: str, buttons: Optional[Sequence[Mapping]] = None) -> list[str]:
    """A plain-text bot message (domain responses) as SMS bodies."""
    prompt = _button_prompt(buttons or [])
    return split_message(f"{text}\n{prompt}" if prompt else text)
