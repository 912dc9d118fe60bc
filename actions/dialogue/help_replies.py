"""Replies about getting help and looking after oneself, once a case is told:

- going for help ("ok ringing now", "ambulance is on its way"): the interview stops and the reply says
  what to tell them (the findings told, in the user's terms);
- what to do while waiting for help: the sources do not cover it, so the emergency service's advice;
- "can it wait?": with a red flag do not wait; with one not yet sure, its question first;
- home measures and activities ("is ice ok?", "can i still run?"): what the sources advise for this case,
  saying plainly when they do not answer the question asked.
"""
from __future__ import annotations

from actions.dialogue import asking, replies, state
from actions.dialogue.interview import announce, ask_check, next_check, safety_notes
from actions.dialogue.settled import by_concept
from actions.dialogue.turn import Turn
from common.reply import message_reply
from common.wording import say

# The rule whose quote names rest, ice or heat and pain medicine, and the measures it names.
SELF_CARE_RULE = "self_care_initial"
SELF_CARE_RULE_MEASURES = ("ice", "heat", "rest", "pain medicine")


def _told(turn: Turn) -> str:
    """The findings told as present, by their labels, in concept order."""
    present = [f["concept"] for f in turn.findings if f["status"] == "present"]
    return ", ".join(turn.knowledge.concepts[c].label(turn.audience) for c in present) or say(
        turn.audience, "conversation.none")


def going_reply(turn: Turn) -> dict:
    """Going for help: do it now, and what to tell them. The interview stops."""
    turn.set(state.PENDING_QUESTION_SLOT, None)
    turn.set(state.AFTER_SCREEN_SLOT, None)
    return message_reply(say(turn.audience, "conversation.going_for_help", told=_told(turn)), turn.audience)


def waiting_reply(turn: Turn) -> dict:
    """What to do until help comes: not in the sources; the emergency service's advice instead."""
    turn.set(state.PENDING_QUESTION_SLOT, None)
    return message_reply(say(turn.audience, "conversation.while_waiting"), turn.audience)


def wait_or_go(dispatcher, turn: Turn) -> bool:
    """"should i call 999?", "can it wait till monday?": with a red flag, do not wait (first and plainly); with
    a red-flag mention not yet sure, its question first, since the answer decides. False when neither."""
    assessment = turn.assess()
    if assessment["red_flags"]:
        announce(dispatcher, turn, assessment["red_flags"], assessment["triage"], in_interview=True, go_now=True)
        turn.set(state.PENDING_QUESTION_SLOT, state.CONTINUE_AFTER_RED_FLAG)
        return True
    check = next_check(turn, assessment)
    if check:
        ask_check(dispatcher, turn, check, assessment, [say(turn.audience, "conversation.go_now_check")])
        return True
    return False


def self_care_reply(turn: Turn) -> dict:
    """"is ice ok?", "can i still run?": the advice for this case, led by whether it answers the question."""
    assessment = turn.assess()
    advised = {a["rule_id"] for a in replies.what_to_do(assessment)}
    by_key: dict[str, list[str]] = {}
    for asked in asking.self_care_asked(turn.text):
        if asked in SELF_CARE_RULE_MEASURES:
            # the sources name it for most back-related foot discomfort: for this case, or only for that
            key = "self_care_covered" if SELF_CARE_RULE in advised else "self_care_not_for_case"
        else:
            key = "self_care_not_covered"
        by_key.setdefault(key, []).append(asked)
    # one sentence per kind of answer ("The sources say nothing about work, driving or the gym."); "They
    # advise:" when the advice below is not simply the measure asked about
    leads = [say(turn.audience, f"conversation.{key}", what=_joined(things)) for key, things in by_key.items()]
    tail = [] if set(by_key) == {"self_care_covered"} else [say(turn.audience, "conversation.self_care_tail")]
    lead = " ".join(leads + tail)
    return replies.advice_reply(assessment, turn.audience, by_concept(turn.findings), safety_notes(turn, assessment),
                                lead=lead)


def _joined(things: list[str]) -> str:
    """"ice", "ice or heat", "work, driving or the gym"."""
    return things[0] if len(things) == 1 else f"{', '.join(things[:-1])} or {things[-1]}"
