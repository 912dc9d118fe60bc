"""What a message asks of Radix besides answering the pending question: getting help after an alert, a home
measure or an activity, going on with the questions, a cause the user names.

Pure Python (no Rasa), like reading.py; the words are lexicon.py's.
"""
from __future__ import annotations

import re
from typing import Optional

from actions.dialogue import lexicon as lx
from actions.dialogue import reading


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


def self_care_asked(text: str) -> list[str]:
    """The home measures and activities a question asks about, as a reply names them, measures first: "is ice
    ok?" -> ["ice"], "should i ice it? can i keep working?" -> ["ice", "work"]; [] when it asks about neither."""
    words = lx.words(text)
    asked = []
    measure = lx.SELF_CARE_QUESTION_RE.search(words)
    if measure and ("?" in text or lx.QUESTION_OPENER_LEAD.match(words)):
        asked.append(lx.SELF_CARE_MEASURES[measure.group("what")])
    for activity in lx.ACTIVITY_QUESTION_RE.finditer(words):
        asked.append(lx.ACTIVITIES[activity.group("what")])
    return list(dict.fromkeys(asked))


def wants_to_continue(text: str) -> bool:
    """"yes carry on", "please could we continue": the questions, after an alert."""
    return bool(lx.CONTINUE_RE.search(lx.words(text)))


def cause_named(text: str) -> Optional[str]:
    """The cause a short question names ("is it plantar fasciitis?" -> "plantar fasciitis"), or someone's guess
    asked about ("my sister reckons its plantar fasciitis, is that what this is?"); None when it names none or
    asks about the back, the diabetes or another part of the case (reading.asks_cause)."""
    words = lx.words(text)
    if lx.ASKS_CAUSE_RE.search(words):
        return None
    pieces = [lx.words(piece) for piece in reading.parts(text) if lx.words(piece)]
    for piece in pieces:
        match = lx.CAUSE_NAMED_RE.match(piece)
        guess = lx.CAUSE_GUESSED_RE.search(piece) if "?" in text or re.search(r"\bis (that|it|this)\b", words) else None
        found = match or guess
        what = found.group("what").strip() if found else ""
        if what and what not in _NOT_A_CAUSE and not _NO_CAUSE_LEAD.match(what):
            return what
    return None


# "is it ok to keep going to the gym?", "is it worth seeing a physio?": no cause named
_NO_CAUSE_LEAD = re.compile(r"^(ok|okay|safe|fine|alright|bad|dangerous|worth|normal|possible|serious|urgent|too|better|"
                            r"worse|likely|something)\b")
_NOT_A_CAUSE = frozenset(("it", "that", "this", "an emergency", "emergency", "what this is", "what it is", "nothing"))
