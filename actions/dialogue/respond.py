"""The one action of every user message, ``action_respond`` (every intent's rule), in two steps:

- `read_message`: the message read in the context of the pending question (state.understand)
  -> the finding slots, the reading and the corrections;
- `_respond`: does what the reading asks for. The classifier's intent is one input of the
  reading, never the only one: an answer to the pending question is read deterministically first
  (docs/conversation.md).

Both steps used to be two actions (a custom slot mapping, then the rule's action): two calls to
the action server per turn, each shipping the whole tracker. One call does the same work.
"""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.dialogue import (answers, asking, audience_request, help_replies, interview, prompts, reading, replies,
                              services, state, third_person)
from actions.dialogue.turn import Turn, send
from common.reply import yes_no_buttons
from common.timings import stage
from common.wording import say

DomainDict = Dict[Text, Any]
# Acts that run the interview (alerts, checks, questions) themselves.
CASE_ACTS = ("describe", "answer", "screen_answer", "continue", "result", "advice", "summary", "question",
             "new_case", "level", "cause", "self_care", "going", "waiting")
# Acts answered by a fixed message from the wording files.
MESSAGE_ACTS = {"greet": "conversation.greet", "goodbye": "conversation.goodbye", "thanks": "conversation.thanks",
                "bot": "conversation.bot_challenge", "out_of_scope": "conversation.out_of_scope"}


def read_message(tracker: Tracker) -> List[Dict]:
    """The message read in context: SlotSet events for the finding slots, the reading, the
    red-flag screen answers and the corrections (applied to the tracker before the turn acts)."""
    concepts = list(services.knowledge().concepts)
    slots = {c: tracker.get_slot(c) for c in concepts}
    message = tracker.latest_message or {}
    screened = tracker.get_slot(state.SCREENED_SLOT) or []
    answered = tracker.get_slot(state.SCREEN_ANSWERED_SLOT) or []
    relative = tracker.get_slot(state.RELATIVE_SLOT)
    updates, read = state.understand(
        slots=slots, concepts=concepts, entities=message.get("entities") or [],
        intent=(message.get("intent") or {}).get("name"), text=message.get("text") or "",
        pending=tracker.get_slot(state.PENDING_QUESTION_SLOT),
        previous=tracker.get_slot(state.READING_SLOT),
        screen_listed=[c for c in screened if not slots.get(c) and c not in answered],
        relative=relative, alerted=bool(tracker.get_slot(state.ANNOUNCED_RED_FLAGS_SLOT)))
    events = [SlotSet(concept, value) for concept, value in updates.items()]
    events.append(SlotSet(state.READING_SLOT, read))
    if read["screen"]:
        events.append(SlotSet(state.SCREEN_ANSWERED_SLOT, sorted(set(answered) | set(read["screen"]))))
    if read.get("relative") and (not relative or relative == reading.relative_denied(message.get("text") or "")):
        events.append(SlotSet(state.RELATIVE_SLOT, read["relative"]))     # named, or named again instead
    if read.get("red_flags_denied"):     # answered without being asked: nothing left to screen
        events.append(SlotSet(state.SCREENED_SLOT, sorted(set(screened) | set(read["screen"]))))
    if read.get("disputed"):
        # a red flag denied after it was told: its check is asked again, and a yes alerts again
        checked = tracker.get_slot(state.CHECKED_SLOT) or []
        events.append(SlotSet(state.CHECKED_SLOT, [c for c in checked if c not in read["disputed"]]))
        taken_back = {r.id for r in services.knowledge().red_flag_rules() if set(r.concepts) & set(read["disputed"])}
        announced = tracker.get_slot(state.ANNOUNCED_RED_FLAGS_SLOT) or []
        events.append(SlotSet(state.ANNOUNCED_RED_FLAGS_SLOT, [r for r in announced if r not in taken_back]))
    if read["changes"]:
        corrections = list(tracker.get_slot(state.CORRECTIONS_SLOT) or []) + read["changes"]
        events.append(SlotSet(state.CORRECTIONS_SLOT, corrections))
    return events


def _message(dispatcher, turn: Turn, key: str, buttons=None, **values) -> None:
    send(dispatcher, replies.message_reply(say(turn.audience, key, **values), turn.audience, buttons))


def _small_talk(dispatcher, turn: Turn, key: str) -> None:
    """Greetings, goodbyes, thanks, "are you a bot?", off-topic: plain text, no structured reply
    (nothing to render or cite), as every channel shows plain bot messages."""
    dispatcher.utter_message(text=say(turn.audience, key))


def _told_beyond_answer(turn: Turn) -> list[str]:
    """Findings the message states besides the answer to the pending question."""
    return [c for c in turn.reading.get("stated") or [] if c != turn.reading.get("answered")]


def _notes(turn: Turn) -> list[str]:
    """"Noted: ..." / "Changed: ..." lines, unless the message was a plain answer to the question."""
    read = turn.reading
    own = []
    if read.get("writer_own"):
        labels = ", ".join(turn.knowledge.concepts[c].label(turn.audience) for c in read["writer_own"])
        own = [say(turn.audience, "conversation.writer_own", what=labels,
                   who=turn.tracker.get_slot(state.RELATIVE_SLOT) or read.get("relative") or "relative")]
    if not (read.get("changes") or _told_beyond_answer(turn) or read.get("hedge") or read.get("side")
            or read.get("redo")):
        return own
    lines = prompts.turn_notes(read, turn.slots, turn.knowledge, turn.audience) + own
    if read.get("relative") and not turn.asked and turn.audience == "patient":
        # a carer's first message: the questions say "you", so say once whom they are about
        who = read["relative"]
        lines.append(say(turn.audience, "conversation.answer_for",
                         who=who if who in third_person.PRONOUNS else who.title()))     # "my Ron": a name
    return lines


def _about_the_case(dispatcher, turn: Turn, reply: dict) -> None:
    """An answer about the case told so far; mid-interview the pending question or screen is asked again."""
    send(dispatcher, reply)
    if (turn.pending_concept and not turn.pending.startswith(state.CHECK_PREFIX)) or turn.pending == state.SCREEN:
        _reask_pending(dispatcher, turn, [say(turn.audience, "conversation.back_to_question")])


def _reask_pending(dispatcher, turn: Turn, lines=()) -> None:
    """The pending question, screen or check again (after an aside such as a knowledge question)."""
    assessment = turn.assess()
    if turn.pending == state.SCREEN:
        listed = [c for c in turn.screened if c in assessment["red_flag_screen"]]
        if listed:
            send(dispatcher, prompts.screen_reply(listed, turn.audience, lines=lines,
                                                  first=turn.after_screen is None))
            return
    concept = turn.pending_concept
    if concept and not turn.pending.startswith(state.CHECK_PREFIX) and not interview.settled(concept, turn.findings):
        interview.ask_question(dispatcher, turn, concept, lines, again=True)
    elif concept:
        question = turn.knowledge.concepts[concept].question(turn.audience)
        send(dispatcher, prompts.question_reply(question, turn.audience, len(turn.asked) or 1, lines))
    elif turn.pending == state.CONTINUE_AFTER_RED_FLAG:
        send(dispatcher, replies.message_reply(say(turn.audience, "interview.continue_after_red_flag"),
                                               turn.audience, yes_no_buttons(turn.audience, with_unsure=False)))


class ActionRespond(Action):
    """Whatever the message asked for, in the order of safety: emergencies outside Radix's scope
    first, then red flags, then the answer."""

    def name(self) -> Text:
        return "action_respond"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        with stage("actions: action_respond"):
            read = read_message(tracker)
            # One action call per turn: what the message set is this turn's view of the slots.
            tracker.slots.update({event["name"]: event["value"] for event in read})
            turn = Turn(tracker)
            relative = tracker.get_slot(state.RELATIVE_SLOT)
            if relative and turn.audience == "patient":     # a carer: the questions are about the relative
                dispatcher = third_person.AboutRelative(dispatcher, relative)
            return read + self._respond(dispatcher, turn)

    def _respond(self, dispatcher, turn: Turn) -> List[Dict]:
        read = turn.reading
        act = turn.act
        if read.get("emergency"):
            # With symptoms Radix covers in the same message, it does not say it cannot help.
            elsewhere = "emergency_elsewhere_with_case" if read.get("stated") else "emergency_elsewhere"
            _message(dispatcher, turn, f"conversation.{'crisis' if read['emergency'] == 'crisis' else elsewhere}")
        if read.get("outside") and not read.get("emergency"):
            _message(dispatcher, turn, "conversation.outside_sources")
        if read.get("go_now") and help_replies.wait_or_go(dispatcher, turn):
            return turn.all_events()
        if read.get("cannot_do") and act in ("out_of_scope", "unclear", "describe", "help") and not read.get("stated"):
            _message(dispatcher, turn, "conversation.cannot_do")
        elif not (read.get("emergency") and act in ("out_of_scope", "unclear", "describe") and not read.get("stated")):
            handler = getattr(self, f"_{act}", None) or self._unclear
            aside = read.get("stated") and act not in CASE_ACTS
            assessment = turn.assess() if aside else None
            if aside and interview.unannounced(turn, assessment):
                # A red flag said in passing ("why? I think I wet myself") still comes first.
                interview.announce(dispatcher, turn, interview.unannounced(turn, assessment),
                                   assessment["triage"], in_interview=False)
            handler(dispatcher, turn)
            check = interview.next_check(turn, assessment) if aside else None
            if check and not (turn.pending or "").startswith(state.CHECK_PREFIX):
                interview.ask_check(dispatcher, turn, check, assessment)
        return turn.all_events()

    # ---- the case ------------------------------------------------------------------------

    def _describe(self, dispatcher, turn: Turn) -> None:
        if not turn.reading.get("stated") and not turn.reading.get("changes"):
            if turn.intent == "chitchat":
                _small_talk(dispatcher, turn, "conversation.out_of_scope")
            elif turn.pending_concept or turn.pending == state.SCREEN:
                self._unclear(dispatcher, turn)
            else:
                _message(dispatcher, turn, "messages.no_findings")
            return
        interview.interview_step(dispatcher, turn, _notes(turn), reask=turn.reading.get("reask", False)
                                 or bool(turn.reading.get("redo")))

    def _answer(self, dispatcher, turn: Turn) -> None:
        if asking.self_care_asked(turn.text):
            # "no its just the heel. should i be icing it btw?": the question asked beside the answer first
            send(dispatcher, help_replies.self_care_reply(turn))
        if turn.reading.get("redo") and turn.pending_concept:
            interview.interview_step(dispatcher, turn, _notes(turn), reask=True)
        elif turn.after_screen and turn.pending and turn.pending.startswith(state.CHECK_PREFIX):
            interview.result_step(dispatcher, turn, turn.assess(), turn.after_screen, _notes(turn))
        else:
            interview.interview_step(dispatcher, turn, _notes(turn))

    def _screen_answer(self, dispatcher, turn: Turn) -> None:
        assessment = turn.assess()
        if turn.reading.get("screen_which"):
            listed = [c for c in turn.screened if c in assessment["red_flag_screen"]] or list(turn.screened)
            interview.ask_screen(dispatcher, turn, listed, turn.after_screen, which=True)
            return
        lines = prompts.turn_notes(turn.reading, turn.slots, turn.knowledge, turn.audience)
        unsure = [c for c, status in (turn.reading.get("screen") or {}).items() if status == "uncertain"]
        if unsure:   # asked plainly already: no further check about them
            turn.set(state.CHECKED_SLOT, turn.checked + [c for c in unsure if c not in turn.checked])
        if turn.after_screen:
            interview.result_step(dispatcher, turn, assessment, turn.after_screen, lines)
        else:
            turn.set(state.PENDING_QUESTION_SLOT, None)
            interview.interview_step(dispatcher, turn, lines)

    def _continue(self, dispatcher, turn: Turn) -> None:
        if turn.reading.get("status") == "present":
            turn.set(state.PENDING_QUESTION_SLOT, None)
            interview.interview_step(dispatcher, turn)
        else:
            interview.deliver_assessment(dispatcher, turn, turn.assess())

    def _result(self, dispatcher, turn: Turn) -> None:
        if not turn.findings:
            _message(dispatcher, turn, "messages.no_findings")
            return
        interview.result_step(dispatcher, turn, turn.assess(), "assessment", _notes(turn))

    def _summary(self, dispatcher, turn: Turn) -> None:
        """"summary", "note", "write it up", the Summary button: the case summary, after any red-flag
        check and the screen (actions/dialogue/case_record.py)."""
        if not turn.findings:
            _message(dispatcher, turn, "summary.nothing_yet")
            return
        interview.result_step(dispatcher, turn, turn.assess(), "summary", _notes(turn))

    def _level(self, dispatcher, turn: Turn) -> None:
        """"what level is it?" about this case: the level or nerve the top considerations name in the
        sources' words, or that they name none."""
        _about_the_case(dispatcher, turn, replies.level_reply(turn.assess(), turn.audience))

    def _cause(self, dispatcher, turn: Turn) -> None:
        """"is it my back or my diabetes?": the considerations this case points to, with the findings behind each."""
        named = asking.cause_named(turn.text)
        unknown = named and answers.find_subject(named, turn.knowledge) is None
        lead = say(turn.audience, "conversation.cause_not_named", what=named) if unknown else None
        _about_the_case(dispatcher, turn, replies.cause_reply(turn.assess(), turn.audience, lead))

    def _self_care(self, dispatcher, turn: Turn) -> None:
        """"is ice ok?", "can i still run?": what the sources advise for this case, then back to any question."""
        _about_the_case(dispatcher, turn, help_replies.self_care_reply(turn))

    def _going(self, dispatcher, turn: Turn) -> None:
        """"ok ringing now": no more questions; what to tell them."""
        send(dispatcher, help_replies.going_reply(turn))

    def _waiting(self, dispatcher, turn: Turn) -> None:
        send(dispatcher, help_replies.waiting_reply(turn))

    def _advice(self, dispatcher, turn: Turn) -> None:
        if not turn.findings:
            send(dispatcher, replies.no_case_advice_reply(turn.knowledge.red_flag_rules(), turn.audience))
            return
        assessment = turn.assess()
        pending = turn.pending_concept if turn.pending and not turn.pending.startswith(state.CHECK_PREFIX) else None
        if interview.next_check(turn, assessment) or interview.screen_needed(turn, assessment) or not pending:
            interview.result_step(dispatcher, turn, assessment, "advice", _notes(turn))
            return
        interview.deliver_advice(dispatcher, turn, assessment)
        interview.ask_question(dispatcher, turn, pending, [say(turn.audience, "conversation.back_to_question")],
                               again=True)

    def _new_case(self, dispatcher, turn: Turn) -> None:
        _message(dispatcher, turn, "messages.new_case")
        turn.events = [SlotSet(concept, None) for concept in turn.concepts] + [
            SlotSet(state.CASE_ID_SLOT, uuid.uuid4().hex[:12]),
            SlotSet(state.PENDING_QUESTION_SLOT, None), SlotSet(state.ASKED_SLOT, []),
            SlotSet(state.ANNOUNCED_RED_FLAGS_SLOT, []), SlotSet(state.LAST_REPLY_SLOT, None),
            SlotSet(state.SCREENED_SLOT, []), SlotSet(state.CHECKED_SLOT, []), SlotSet(state.SCREEN_ANSWERED_SLOT, []),
            SlotSet(state.CORRECTIONS_SLOT, []), SlotSet(state.LAST_REQUEST_SLOT, None),
            SlotSet(state.AFTER_SCREEN_SLOT, None), SlotSet(state.READING_SLOT, None),
            SlotSet(state.RELATIVE_SLOT, None)]
        turn.findings, turn.case_id = [], "new"

    # ---- explanations and re-renderings ---------------------------------------------------

    def _why(self, dispatcher, turn: Turn) -> None:
        concept = turn.pending_concept
        if turn.pending == state.SCREEN or (turn.pending or "").startswith(state.CHECK_PREFIX):
            kind = "screen" if turn.pending == state.SCREEN else "check"
            flags = [r for r in turn.knowledge.red_flag_rules() if kind == "screen" or concept in r.concepts]
            repeat_to = _Capture()
            _reask_pending(repeat_to, turn)
            send(dispatcher, prompts.why_safety_reply(kind, flags, turn.audience, repeat_to.replies[0]))
        elif _told_beyond_answer(turn):
            # "why does my right shin go numb when i walk?" asks about the user's own symptom, not about the
            # question or the last reply.
            self._question(dispatcher, turn)
        elif concept:
            outcomes = {status: turn.assess_with(concept, status) for status in ("present", "absent")}
            question = turn.knowledge.concepts[concept].question(turn.audience)
            number = max(len([c for c in turn.asked if c in turn.concepts]), 1)
            send(dispatcher, prompts.why_question_reply(concept, question, number, outcomes, turn.knowledge,
                                                        turn.findings, turn.audience))
        elif not turn.last_reply and answers.answer_items(turn.text, turn.knowledge, turn.audience)[0]:
            # "why do people with spinal stenosis feel better bending forward?": nothing said yet to explain,
            # a question the sources answer.
            self._question(dispatcher, turn)
        else:
            send(dispatcher, replies.explanation_reply(turn.last_reply, turn.audience))

    def _more(self, dispatcher, turn: Turn) -> None:
        request = turn.last_request or {}
        if request.get("kind") in ("assessment", "advice") and turn.findings:
            interview.deliver_assessment(dispatcher, turn, turn.assess(), detail=True)
        elif request.get("kind") == "answer":
            send(dispatcher, answers.answer_reply(request["text"], turn.knowledge, turn.audience, everything=True))
        else:
            _message(dispatcher, turn, "conversation.nothing_more")

    def _audience(self, dispatcher, turn: Turn) -> None:
        chosen = next(turn.tracker.get_latest_entity_values("audience"), None)
        requested = chosen if chosen in state.AUDIENCES else audience_request.requested_audience(turn.text)
        if requested is None:
            _message(dispatcher, turn, "messages.choose_audience", buttons=[
                {"title": say(turn.audience, f"buttons.{audience}"),
                 "payload": f'/set_audience{{"audience": "{audience}"}}'} for audience in state.AUDIENCES])
            return
        turn.set(state.AUDIENCE_SLOT, requested)
        _message(dispatcher, turn, "messages.audience_confirmation")
        # The last answer again, in the new wording.
        request = turn.last_request or {}
        if turn.pending:
            _reask_pending(dispatcher, turn)
        elif request.get("kind") == "assessment" and turn.findings:
            interview.deliver_assessment(dispatcher, turn, turn.assess())
        elif request.get("kind") == "advice" and turn.findings:
            interview.deliver_advice(dispatcher, turn, turn.assess())
        elif request.get("kind") == "answer":
            send(dispatcher, answers.answer_reply(request["text"], turn.knowledge, turn.audience))

    # ---- questions, messages and what was not understood -------------------------------------

    def _question(self, dispatcher, turn: Turn) -> None:
        assessment = turn.assess() if turn.findings else None
        flags = interview.unannounced(turn, assessment) if assessment else []
        if flags:
            interview.announce(dispatcher, turn, flags, assessment["triage"], in_interview=False)
        # "my foot drags, what does that mean?": about this case; the interview (and then the result) answers.
        found = answers.answer_items(turn.text, turn.knowledge, turn.audience)
        if found[0] is None and not turn.reading.get("stated") and turn.findings and reading.asks_advice(turn.text):
            self._advice(dispatcher, turn)     # "which referral should i ask for?": about this case
            return
        own_case = turn.reading.get("stated") and found[0] is None       # no subject named: about this case
        reply = None if own_case else answers.answer_reply(turn.text, turn.knowledge, turn.audience, found=found)
        if reply:
            send(dispatcher, reply)
        if reply and reply["type"] == "answer":
            turn.set(state.LAST_REPLY_SLOT, reply)
            turn.set(state.LAST_REQUEST_SLOT, {"kind": "answer", "text": turn.text})
        check = interview.next_check(turn, assessment) if assessment else None
        if check:
            interview.ask_check(dispatcher, turn, check, assessment)
        elif turn.pending and not own_case:
            _reask_pending(dispatcher, turn, [say(turn.audience, "conversation.back_to_question")])
        elif turn.reading.get("stated"):
            # "my left foot drags. could it be my back?": the question answered, the case goes on.
            later = [say(turn.audience, "conversation.answer_with_result")] if own_case else []
            interview.interview_step(dispatcher, turn, _notes(turn) + later)

    def _help(self, dispatcher, turn: Turn) -> None:
        dispatcher.utter_message(text=f"{say(turn.audience, 'messages.help')}\n\n{say(turn.audience, 'disclaimer')}")

    def _greet(self, dispatcher, turn: Turn) -> None:
        _small_talk(dispatcher, turn, MESSAGE_ACTS["greet"])

    def _goodbye(self, dispatcher, turn: Turn) -> None:
        _small_talk(dispatcher, turn, MESSAGE_ACTS["goodbye"])

    def _thanks(self, dispatcher, turn: Turn) -> None:
        _small_talk(dispatcher, turn, MESSAGE_ACTS["thanks"])

    def _bot(self, dispatcher, turn: Turn) -> None:
        _small_talk(dispatcher, turn, MESSAGE_ACTS["bot"])

    def _out_of_scope(self, dispatcher, turn: Turn) -> None:
        _small_talk(dispatcher, turn, MESSAGE_ACTS["out_of_scope"])

    def _affirm(self, dispatcher, turn: Turn) -> None:
        """A yes / no / not sure with nothing pending."""
        _message(dispatcher, turn, "conversation.acknowledge" if turn.last_request else "conversation.nothing_pending")

    _deny = _unsure = _affirm

    def _clarify(self, dispatcher, turn: Turn) -> None:
        """"What do you mean?", "sorry?": the pending question again, saying what it is about."""
        concept = turn.pending_concept
        if concept:
            line = say(turn.audience, "conversation.clarify", label=turn.knowledge.concepts[concept].label(turn.audience))
            _reask_pending(dispatcher, turn, [line])
        elif turn.pending:
            _reask_pending(dispatcher, turn)
        else:
            self._help(dispatcher, turn)

    def _unclear(self, dispatcher, turn: Turn) -> None:
        concept = turn.pending_concept
        past = turn.reading.get("past")
        if past and turn.pending:
            labels = ", ".join(turn.knowledge.concepts[c].label(turn.audience) for c in past)
            _reask_pending(dispatcher, turn, [say(turn.audience, "conversation.past_noted", items=labels)])
        elif turn.reading.get("writer_own") and turn.pending:
            _reask_pending(dispatcher, turn, _notes(turn))      # the carer's own symptoms: said, then the question
        elif turn.pending == state.SCREEN:
            _reask_pending(dispatcher, turn)
        elif concept:
            question = turn.knowledge.concepts[concept].question(turn.audience)
            _message(dispatcher, turn, "interview.fallback_question", yes_no_buttons(turn.audience), question=question)
        elif turn.pending == state.CONTINUE_AFTER_RED_FLAG:
            _reask_pending(dispatcher, turn)
        else:
            _message(dispatcher, turn, "messages.fallback")


class _Capture:
    """A dispatcher stand-in that keeps the structured replies sent to it."""

    def __init__(self):
        self.replies: list[dict] = []

    def utter_message(self, json_message=None, **_):
        self.replies.append(json_message["radix_reply"])
