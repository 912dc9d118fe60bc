"""What a message asks of Radix besides answering the pending question: getting help after an alert, a home
measure or an activity, going on with the questions, a cause the user names.

Pure Python (no Rasa), like reading.py; the words are lexicon.py's.
"""
from __future__ import annotations

from typing import Optional

from actions.dialogue import lexicon as lx


def after_alert(text: str, alerted: bool) -> Optional[str]:
    """What a message about getting help asks: 'handover' ("what do i tell the paramedics / my gp?"), 'going'
    ("ok ringing now", "ambulance is on its way"), 'waiting' ("should he lie down while we wait?", only once
    an emergency has been told); None for anything else."""
    words = lx.words(text)
    if lx.HANDOVER_RE.search(words):
        return "handover"
    if alerted and lx.WHILE_WAITING_RE.search(words):
        return "waiting"
    if lx.GOING_FOR_HELP_RE.search(words) and not lx.GO_NOW_RE.search(words):
        return "going"
    return None


def self_care_asked(text: str) -> Optional[str]:
    """The home measure or activity a question asks about, as a reply names it: "is ice ok?" -> "ice",
    "can i still run?" -> "running"; None when the message asks about neither."""
    words = lx.words(text)
    activity = lx.ACTIVITY_QUESTION_RE.search(words)
    if activity:
        return lx.ACTIVITIES[activity.group("what")]
    measure = lx.SELF_CARE_QUESTION_RE.search(words)
    if measure and ("?" in text or lx.QUESTION_OPENER_LEAD.match(words)):
        return lx.SELF_CARE_MEASURES[measure.group("what")]
    return None


def wants_to_continue(text: str) -> bool:
    """"yes carry on", "please could we continue": the questions, after an alert."""
    return bool(lx.CONTINUE_RE.search(lx.words(text)))


def cause_named(text: str) -> Optional[str]:
    """The cause a short question names ("is it plantar fasciitis?" -> "plantar fasciitis"); None when it
    names none or asks about the back, the diabetes or another part of the case (asks_cause)."""
    match = lx.CAUSE_NAMED_RE.match(lx.words(text))
    if not match or lx.ASKS_CAUSE_RE.search(lx.words(text)):
        return None
    what = match.group("what").strip()
    return None if what in ("it", "that", "this", "serious", "bad", "urgent", "an emergency", "emergency", "ok",
                            "okay", "normal", "dangerous", "worse", "better") else what
