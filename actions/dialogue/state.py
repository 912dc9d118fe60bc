"""Conversation state as plain data: findings held in slots, answers to questions.

Pure Python (no Rasa imports) so the rules of the interview are testable alone:
- a finding slot holds one finding (common/finding.py, Finding.to_dict) or None;
- a later statement about the same concept overrides the earlier one (a correction);
- a yes/no/unsure answer fills the concept the pending question asked about,
  unless the answer itself stated that concept.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional

from common.contract import AUDIENCES, RED_FLAG_CONCEPTS, default_audience
from common.finding import MAX_TEXT_CHARS, Finding

# Slots that are not finding concepts.
AUDIENCE_SLOT = "audience"
CASE_ID_SLOT = "case_id"
PENDING_QUESTION_SLOT = "pending_question"
ASKED_SLOT = "asked_concepts"
ANNOUNCED_RED_FLAGS_SLOT = "announced_red_flags"
LAST_REPLY_SLOT = "last_reply"

# The pending "question" after a red-flag alert: go on with the interview or not.
CONTINUE_AFTER_RED_FLAG = "continue_after_red_flag"

ANSWER_STATUS = {"affirm": "present", "deny": "absent", "unsure": "uncertain"}

# Questions about the corpus name findings without stating them ("does L1/L2 cause foot
# drop?"), so they fill no slots, except red flags: a missed red flag costs more than a
# needless alert.
QUESTION_INTENTS = ("ask_level_question", "ask_condition", "ask_tests", "ask_treatment", "ask_red_flags")

# Walking on heels/toes is asked as "is it hard...?" but people answer about the ability:
# "I can't" means the weakness is there, "yes I can" that it is not, whatever the intent says.
ABILITY_CONCEPTS = ("heel_walk_weakness", "toe_walk_weakness")
_CANNOT = re.compile(r"\b(can ?not|can'?t|cant|unable|impossible|not able|no way)\b")
_CAN = re.compile(r"\b(i|she|he|they|pt|patient) can\b|\bno problem\b|\bno trouble\b")

# The interview asks at most this many questions per case; beyond it answers stop
# paying for the user's time and the assessment is given.
MAX_QUESTIONS = 8

_SIDE_ANSWERS = {
    "left": "left", "l": "left", "left side": "left", "the left": "left", "left one": "left",
    "right": "right", "r": "right", "right side": "right", "the right": "right",
    "right one": "right", "both": "bilateral", "both sides": "bilateral", "bilateral": "bilateral",
    "both feet": "bilateral", "both legs": "bilateral", "bilat": "bilateral",
}


def finding_entities(entities: Iterable[Mapping]) -> list[Finding]:
    """The consultation subject's current findings among a message's entities."""
    findings = (Finding.from_entity(entity) for entity in entities or ())
    return [finding for finding in findings if finding is not None and finding.current]


def merge_finding(previous: Optional[Mapping], stated: Finding) -> dict:
    """The slot value after `stated` is said about a concept already holding `previous`.

    Status always follows the latest statement (a correction wins). Site and laterality
    are kept from before when the new statement repeats the status without them.
    """
    merged = stated.to_dict()
    if previous and previous.get("status") == merged["status"]:
        merged["site"] = merged["site"] or previous.get("site")
        merged["laterality"] = merged["laterality"] or previous.get("laterality")
    return merged


def _answer(concept: str, text: str, **fields) -> Finding:
    """A finding stated by answering the question about ``concept`` (the answer is its words)."""
    return Finding(concept=concept, text=text[:MAX_TEXT_CHARS], **fields)


def side_answer(text: str) -> Optional[str]:
    """'left', 'right' or 'bilateral' when the whole message only names a side."""
    cleaned = re.sub(r"[^a-z ]", " ", (text or "").lower())
    cleaned = re.sub(r"\b(only|just|my|on|it s|its|it is|the|foot|leg|side)\b", " ", cleaned)
    cleaned = " ".join(cleaned.split())
    return _SIDE_ANSWERS.get(cleaned)


def ability_answer(text: str) -> Optional[str]:
    """'present' for "I can't", 'absent' for "yes I can", None when the text says neither."""
    lowered = (text or "").lower().replace("\u2019", "'")
    if _CANNOT.search(lowered):
        return "present"
    if _CAN.search(lowered):
        return "absent"
    return None


def slot_updates(
    slots: Mapping[str, Optional[Mapping]],
    concepts: Iterable[str],
    entities: Iterable[Mapping],
    intent: Optional[str],
    text: str,
    pending_question: Optional[str],
) -> dict[str, dict]:
    """Finding slots to set for one user message."""
    known = set(concepts)
    updates: dict[str, dict] = {}
    for stated in finding_entities(entities):
        concept = stated.concept
        if concept not in known:
            continue
        if intent in QUESTION_INTENTS and concept not in RED_FLAG_CONCEPTS:
            continue
        updates[concept] = merge_finding(updates.get(concept) or slots.get(concept), stated)

    if pending_question in known and pending_question not in updates:
        status = ability_answer(text) if pending_question in ABILITY_CONCEPTS else None
        status = status or ANSWER_STATUS.get(intent)
        if status:
            updates[pending_question] = merge_finding(
                slots.get(pending_question), _answer(pending_question, text, status=status))
        else:
            side = side_answer(text)
            if side:
                # "left" in answer to "which side / is it ...?": the finding is there, on that side.
                updates[pending_question] = merge_finding(
                    slots.get(pending_question), _answer(pending_question, text, laterality=side))
    return updates


def findings_from_slots(slots: Mapping[str, Optional[Mapping]], concepts: Iterable[str]) -> list[dict]:
    """The case's findings, in the engine's input shape, in concept order."""
    return [Finding.from_dict({**slots[concept], "concept": concept}).to_dict()
            for concept in concepts if slots.get(concept)]


def audience_for(channel: Optional[str], metadata: Optional[Mapping], current: Optional[str]) -> str:
    """Who we are talking to: the user's choice, else the request's, else the channel's default."""
    if current in AUDIENCES:
        return current
    requested = (metadata or {}).get("audience")
    if requested in AUDIENCES:
        return requested
    return default_audience(channel)


_AUDIENCE_WORDS = {
    "clinician": (
        "doctor", "resident", "clinician", "physician", "nurse", "registrar", "medic",
        "clinical", "professional", "md", "gp", "intern", "physio", "technical",
    ),
    "patient": (
        "patient", "simple", "simply", "plain", "layman", "lay", "non medical",
        "not a doctor", "not medical", "everyday",
    ),
}


def requested_audience(text: str) -> Optional[str]:
    """The audience a 'set_audience' message asks for, if it names one."""
    lowered = " " + re.sub(r"[^a-z ]", " ", (text or "").lower()) + " "
    # Negated professional words ("I'm not a doctor") mean plain wording.
    if re.search(r"\bnot (a |an )?(doctor|clinician|medic|nurse|medical)", lowered):
        return "patient"
    for audience in ("patient", "clinician"):
        if any(f" {word} " in lowered for word in _AUDIENCE_WORDS[audience]):
            return audience
    return None
