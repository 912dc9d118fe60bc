"""Questions put to a carer about the relative they write for: "Do you have pain in your foot?" becomes
"Does he have pain in his foot?" once a carer has named "my dad".

Pure Python: the rewriting works on Radix's own fixed question wording (common/wording/patient.yml), not on
free text, so a short table of its phrasings is enough; the user's words quoted in a question (between
curly quotes) are left as written. Blind probes found the "you" questions the carers' most common complaint
(issue 10, twenty-fourth round).
"""
from __future__ import annotations

import re
from typing import Optional

from common.render.text import render_text

# The pronouns of a relative: (subject, object, possessive).
_HE, _SHE, _THEY = ("he", "him", "his"), ("she", "her", "her"), ("they", "them", "their")
PRONOUNS = {
    **{who: _HE for who in ("dad", "father", "husband", "hubby", "son", "grandad", "grandpa", "brother", "uncle",
                            "boyfriend", "fiance")},
    **{who: _SHE for who in ("mum", "mom", "mother", "wife", "daughter", "gran", "granny", "grandma", "nan", "nana",
                             "sister", "aunt", "girlfriend", "fiancee")},
}
# Verbs after "you" in the questions, in the third person singular.
_SINGULAR = {"walk": "walks", "stand": "stands", "sit": "sits", "lean": "leans", "take": "takes", "have": "has",
             "feel": "feels", "get": "gets"}
# Kept as written: the user's quoted words, and what is said to the carer ("You wrote ...").
_KEPT = re.compile(r"(\u201c[^\u201d]*\u201d|\b[Yy]ou (?:wrote|are asking|asked|said|told me|mean)\b)")
# Sections of a question reply that hold Radix's question wording; sections of any reply that say what is
# happening to the relative (the red flags, what to do). Not the rest: "You were not sure", "Do you still want
# to go on with my questions?" and "What you told me" speak to the carer.
_QUESTION_SECTIONS = ("question", "screen")
_ABOUT_SECTIONS = ("red_flags", "what_to_do")


def pronouns(relative: Optional[str]) -> tuple[str, str, str]:
    return PRONOUNS.get((relative or "").lower(), _THEY)


def about(text: str, relative: Optional[str]) -> str:
    """``text`` (Radix's question wording) asked about the relative; quoted user words are kept."""
    parts = _KEPT.split(text)
    return "".join(part if _KEPT.fullmatch(part) else _rewrite(part, relative) for part in parts)


def _rewrite(text: str, relative: Optional[str]) -> str:
    subject, obj, possessive = pronouns(relative)
    singular = subject != "they"

    def cap(word: str, like: str) -> str:
        return word[:1].upper() + word[1:] if like[:1].isupper() else word

    def verbs(match: re.Match) -> str:
        # "when you stand or walk" -> "when he stands or walks"
        words = match.group(2).split(" ")
        if singular:
            words = [_SINGULAR.get(w, w) for w in words]
        return f"{cap(subject, match.group(1))} {' '.join(words)}"

    text = re.sub(r"\b(Do|do) you\b", lambda m: cap("does" if singular else "do", m.group(1)) + f" {subject}", text)
    text = re.sub(r"\b(Have|have) you\b", lambda m: cap("has" if singular else "have", m.group(1)) + f" {subject}",
                  text)
    text = re.sub(r"\b(Are|are) you\b", lambda m: cap("is" if singular else "are", m.group(1)) + f" {subject}", text)
    text = re.sub(r"\btold you that you have\b",
                  f"told {obj} that {subject} {'has' if singular else 'have'}", text)
    text = re.sub(r"\b(you|You) ((?:walk|stand|sit|lean|take|feel|get|have)(?: down)?"
                  r"(?: or (?:walk|lean|sit)(?: forward)?)?)\b", verbs, text)
    text = re.sub(r"\b(your|Your)\b", lambda m: cap(possessive, m.group(1)), text)
    return re.sub(r"\b(you|You)\b", lambda m: cap(obj, m.group(1)), text)


def question_about(reply: dict, relative: Optional[str]) -> dict:
    """A reply with its questions, red flags and steps to take about the relative."""
    kinds = _ABOUT_SECTIONS + (_QUESTION_SECTIONS if reply.get("type") == "question" else ())
    if not any(section["kind"] in kinds for section in reply.get("sections") or ()):
        return reply
    sections = [{**section, "items": [{**item, "text": about(item["text"], relative)} for item in section["items"]]}
                if section["kind"] in kinds else section for section in reply["sections"]]
    return {**reply, "sections": sections}


class AboutRelative:
    """A dispatcher that puts the questions, red flags and steps it sends about the relative a carer writes for."""

    def __init__(self, dispatcher, relative: str):
        self.dispatcher, self.relative = dispatcher, relative

    def utter_message(self, text=None, buttons=None, json_message=None, **kwargs):
        reply = (json_message or {}).get("radix_reply")
        if reply:
            changed = question_about(reply, self.relative)
            if changed is not reply:
                json_message, text = {**json_message, "radix_reply": changed}, render_text(changed)
        self.dispatcher.utter_message(text=text, buttons=buttons, json_message=json_message, **kwargs)
