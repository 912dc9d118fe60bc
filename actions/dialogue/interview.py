"""The interview after new information: red flags first, then one red-flag check, then the combined
red-flag screen, then the next question; the screen again before a result for anything still unasked.

Order of everything Radix may say after a message that changed the case:
1. an alert for red flags not announced yet (emergency guidance before anything else);
2. one explicit question for a red-flag mention that is not certain (``red_flag_checks``);
2b. the question that would complete an emergency red flag a stated symptom half meets
   (``red_flags_one_answer_away``: "I lost control of my bladder" -> back or leg symptoms?), said why;
3. the red-flag screen, once, as the first question of the interview (``red_flag_screen``: the sources'
   red flags "require immediate medical attention", so they are asked before the level is worked out);
4. the pending question again, if the message was about something else;
5. the engine's most informative question nobody has answered in any words (``settled``);
6. the red-flag screen for red flags still unasked, then the result.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from actions.dialogue import case_record, prompts, replies, state
from actions.dialogue.settled import by_concept, settled
from actions.dialogue.turn import Turn, send
from common.contract import RED_FLAG_CONCEPTS, RED_FLAG_SCREEN, REPORTED_DIAGNOSIS_CONCEPTS
from common.reply import summary_button
from common.wording import say


def _questions_asked(turn: Turn) -> int:
    """Interview questions asked in this case (checks and the screen are not counted)."""
    return len([c for c in turn.asked if c in turn.concepts])


def next_question(turn: Turn, assessment: Mapping) -> Optional[dict]:
    """The engine's most informative question not settled or asked yet, within the budget."""
    if _questions_asked(turn) >= state.MAX_QUESTIONS:
        return None
    for question in assessment["next_questions"]:
        concept = question["concept"]
        if concept in turn.asked or concept in REPORTED_DIAGNOSIS_CONCEPTS or settled(concept, turn.findings):
            continue
        return question
    return None


def completing_question(turn: Turn, assessment: Mapping) -> Optional[tuple[dict, str]]:
    """(half-met red flag, concept) for the first unasked, unsettled finding that would complete an
    emergency red flag, within the question budget; none once the case is an emergency (the alert
    already said what to do, and the engine's own order of questions takes over)."""
    if assessment["triage"] == "emergency" or _questions_asked(turn) >= state.MAX_QUESTIONS:
        return None
    for away in assessment.get("red_flags_one_answer_away") or ():
        for concept in away["completing"]:
            if concept not in turn.asked and not settled(concept, turn.findings):
                return away, concept
    return None


def ask_completing(dispatcher, turn: Turn, away: Mapping, concept: str, lines: Iterable[str] = ()) -> None:
    """Ask the completing question; the red flag's reason is said once per case, then plain questions."""
    marker = ONE_ANSWER_AWAY_PREFIX + away["id"]
    if marker in turn.announced:
        ask_question(dispatcher, turn, concept, lines)
        return
    ask_question(dispatcher, turn, concept, lines, away=away)
    turn.set(state.ANNOUNCED_RED_FLAGS_SLOT, sorted(set(turn.announced) | {marker}))


# Kept in the announced slot beside fired red-flag ids: "the reason for asking was said".
ONE_ANSWER_AWAY_PREFIX = "one_answer_away:"


def unannounced(turn: Turn, assessment: Mapping) -> list[dict]:
    return [f for f in assessment["red_flags"] if f["id"] not in turn.announced]


def announce(dispatcher, turn: Turn, flags: list[dict], triage: str, in_interview: bool,
             go_now: bool = False) -> None:
    """The red-flag alert; ``go_now``: it answers "should I call 999?", so "do not wait" comes first."""
    send(dispatcher, replies.red_flag_alert_reply(flags, turn.audience, triage, in_interview=in_interview,
                                                  go_now=go_now))
    turn.set(state.ANNOUNCED_RED_FLAGS_SLOT, sorted(set(turn.announced) | {f["id"] for f in flags}))


def next_check(turn: Turn, assessment: Mapping) -> Optional[dict]:
    """A red-flag mention that is not certain and has not been asked about in this case. A concept the
    interview already asked is not asked again: "not sure" is that question's answer."""
    for check in assessment["red_flag_checks"]:
        if check["concept"] not in turn.checked and check["concept"] not in turn.asked:
            return check
    return None


def ask_check(dispatcher, turn: Turn, check: Mapping, assessment: Mapping, lines: Iterable[str] = ()) -> None:
    concept = check["concept"]
    turn.set(state.CHECKED_SLOT, turn.checked + [concept])
    if check["reason"] == "reported_diagnosis":
        # "I was told I have cauda equina syndrome": the confirming question is the red-flag screen.
        listed = [c for c in assessment["red_flag_screen"] if c not in turn.screened] or \
            list(assessment["red_flag_screen"])
        if listed:
            ask_screen(dispatcher, turn, listed, turn.after_screen, lines)
            return
    question = turn.knowledge.concepts[concept].question(turn.audience)
    label = turn.knowledge.concepts[concept].label(turn.audience)
    send(dispatcher, prompts.check_question_reply(check, question, label, turn.audience, lines))
    turn.set(state.PENDING_QUESTION_SLOT, state.CHECK_PREFIX + concept)


def screen_needed(turn: Turn, assessment: Mapping) -> list[str]:
    """Red flags not stated and not yet asked, before a result that is not an emergency."""
    if assessment["triage"] == "emergency":
        return []
    return [c for c in assessment["red_flag_screen"] if c not in turn.screened]


def first_screen(turn: Turn, assessment: Mapping) -> list[str]:
    """The red flags to ask before any interview question: all not stated, while nothing was screened."""
    return [] if turn.screened else screen_needed(turn, assessment)


def unanswered_first_screen(turn: Turn, assessment: Mapping) -> list[str]:
    """The first screen's items still unanswered when the result is asked instead: asked once more, now
    before the result (a second request for the result gets it, with those items listed as unanswered)."""
    if turn.pending != state.SCREEN or turn.after_screen or assessment["triage"] == "emergency":
        return []
    return [c for c in turn.screened if c in assessment["red_flag_screen"] and c not in turn.screen_answered]


def ask_screen(dispatcher, turn: Turn, listed: list[str], then: Optional[str], lines: Iterable[str] = (),
               which: bool = False) -> None:
    first = then is None   # no result waiting: asked before (more) questions
    send(dispatcher, prompts.screen_reply(listed, turn.audience, which=which, lines=lines, first=first))
    turn.set(state.PENDING_QUESTION_SLOT, state.SCREEN)
    turn.set(state.SCREENED_SLOT, turn.screened + [c for c in listed if c not in turn.screened])
    turn.set(state.AFTER_SCREEN_SLOT, then)


def ask_question(dispatcher, turn: Turn, concept: str, lines: Iterable[str] = (), again: bool = False,
                 away: Optional[Mapping] = None) -> None:
    question = turn.knowledge.concepts[concept].question(turn.audience)
    asked = _questions_asked(turn)
    number = asked if again and concept in turn.asked else asked + 1
    send(dispatcher, prompts.question_reply(question, turn.audience, max(number, 1), lines, away=away))
    turn.set(state.PENDING_QUESTION_SLOT, concept)
    if concept not in turn.asked:
        turn.set(state.ASKED_SLOT, turn.asked + [concept])


def interview_step(dispatcher, turn: Turn, lines: Iterable[str] = (), reask: bool = False) -> None:
    """After new information: alerts, a check, the pending question again, the next one, or the result."""
    assessment = turn.assess()
    lines = list(lines)
    question = next_question(turn, assessment)
    check = next_check(turn, assessment)
    pending = turn.pending_concept
    again = reask and pending and not settled(pending, turn.findings) and not turn.pending.startswith(state.CHECK_PREFIX)
    flags = unannounced(turn, assessment)
    if flags and (question or check or again):
        announce(dispatcher, turn, flags, assessment["triage"], in_interview=True)
        turn.set(state.PENDING_QUESTION_SLOT, state.CONTINUE_AFTER_RED_FLAG)
        return
    if check:
        ask_check(dispatcher, turn, check, assessment, lines)
        return
    completing = completing_question(turn, assessment)
    if completing and not (again and pending in completing[0]["completing"]):
        ask_completing(dispatcher, turn, *completing, lines)
        return
    listed = first_screen(turn, assessment)
    if listed:
        ask_screen(dispatcher, turn, listed, None, lines)
        return
    if again:
        ask_question(dispatcher, turn, pending, lines + [say(turn.audience, "conversation.back_to_question")],
                     again=True)
        return
    if question:
        ask_question(dispatcher, turn, question["concept"], lines)
        return
    result_step(dispatcher, turn, assessment, turn.after_screen or "assessment", lines)


def result_step(dispatcher, turn: Turn, assessment: Mapping, want: str, lines: Iterable[str] = ()) -> None:
    """The result asked for ('assessment', 'advice' or 'summary'), once any check and the screen were asked.
    An emergency is never held back by a check: the result lists what was not sure."""
    check = next_check(turn, assessment) if assessment["triage"] != "emergency" else None
    if check:
        turn.set(state.AFTER_SCREEN_SLOT, want)
        ask_check(dispatcher, turn, check, assessment, lines)
        return
    listed = screen_needed(turn, assessment) or unanswered_first_screen(turn, assessment)
    if listed:
        ask_screen(dispatcher, turn, listed, want, lines)
        return
    if want == "advice":
        deliver_advice(dispatcher, turn, assessment)
    elif want == "summary":
        case_record.deliver_summary(dispatcher, turn, assessment)
    else:
        deliver_assessment(dispatcher, turn, assessment)


def safety_notes(turn: Turn, assessment: Mapping) -> list[tuple[str, list[dict]]]:
    """Notes an assessment carries: corrections made, red flags the user was not sure about or did
    not answer (with the red flag's own cited wording)."""
    knowledge, audience = turn.knowledge, turn.audience
    notes = []
    if turn.corrections:
        notes.append(("conversation.corrected_title",
                      [{"text": "; ".join(prompts.change_phrase(c, knowledge, audience) for c in turn.corrections),
                        "detail": None, "citations": []}]))
    found = by_concept(turn.findings)
    unsure = [c for c in assessment["red_flag_screen"] + list(found)
              if found.get(c, {}).get("status") == "uncertain" and c in RED_FLAG_CONCEPTS]
    unanswered = [c for c in assessment["red_flag_screen"] if c in turn.screened and c not in found
                  and c not in turn.screen_answered]
    for title, concepts in (("conversation.not_sure_title", unsure), ("conversation.unanswered_title", unanswered)):
        labels = [say(audience, f"screen.{c}") for c in dict.fromkeys(concepts) if c in RED_FLAG_SCREEN]
        if len(labels) == len(RED_FLAG_SCREEN):
            labels = [say(audience, "conversation.screen_all")]     # the whole list would crowd the result
        if labels:
            notes.append((title, [{"text": "; ".join(labels), "detail": None, "citations": []}]))
    return notes


def deliver_assessment(dispatcher, turn: Turn, assessment: Mapping, detail: Optional[bool] = None) -> None:
    notes = safety_notes(turn, assessment)
    reply = replies.assessment_reply(assessment, turn.audience, detail=detail, notes=notes)
    full = reply if detail else replies.assessment_reply(assessment, turn.audience, detail=True, notes=notes)
    send(dispatcher, {**reply, "buttons": [summary_button(turn.audience)]})
    case_record.record_assessment(turn, assessment)
    _delivered(turn, assessment, full, {"kind": "assessment"})


def deliver_advice(dispatcher, turn: Turn, assessment: Mapping) -> None:
    notes = safety_notes(turn, assessment)
    reply = replies.advice_reply(assessment, turn.audience, by_concept(turn.findings), notes)
    send(dispatcher, {**reply, "buttons": [summary_button(turn.audience)]})
    full = replies.assessment_reply(assessment, turn.audience, detail=True, notes=notes)
    _delivered(turn, assessment, full, {"kind": "advice"})


def _delivered(turn: Turn, assessment: Mapping, full: dict, request: dict) -> None:
    """What a delivered result leaves behind: no pending question, the full reply for 'why?'."""
    turn.set(state.PENDING_QUESTION_SLOT, None)
    turn.set(state.AFTER_SCREEN_SLOT, None)
    turn.set(state.LAST_REPLY_SLOT, full)
    turn.set(state.LAST_REQUEST_SLOT, request)
    turn.set(state.ANNOUNCED_RED_FLAGS_SLOT,
             sorted(set(turn.announced) | {f["id"] for f in assessment["red_flags"]}))
