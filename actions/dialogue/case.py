"""The case conversation: findings into slots, the adaptive interview, assessments,
direct questions, 'why?', new cases and the audience.

Every reply is a structured reply (common/reply.py, built in actions/dialogue/replies.py) sent with
its plain-text rendering; channels that understand the structure render it themselves. Fixed
phrases come from common/wording/<audience>.yml.
"""
from __future__ import annotations

import re
import uuid
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import replies, services, state
from actions.engine import assess
from actions.engine.model import normalise_subject
from common.reply import yes_no_buttons
from common.render.text import render_text
from common.wording import say

DomainDict = Dict[Text, Any]

TOPICS_BY_INTENT = {
    "ask_level_question": ("level",),
    "ask_condition": ("conditions", "level", "tests", "imaging", "treatment"),
    "ask_tests": ("tests", "imaging"),
    "ask_treatment": ("treatment", "self_care"),
    "ask_red_flags": ("red_flags",),
}
# Questions that name what they are about (a level, root or condition).
SUBJECT_INTENTS = ("ask_level_question", "ask_condition")
# Shorter subjects ("L5", "ct") are only found as levels: as substrings of a squeezed
# sentence they would match inside other words.
MIN_SUBJECT_CHARS = 5
MAX_ANSWER_ITEMS = 6
_LEVEL = re.compile(r"\b([tls])\s*(\d{1,2})(?:\s*[-/]?\s*([tls])?\s*(\d))?\b", re.IGNORECASE)


def send(dispatcher: CollectingDispatcher, reply: dict) -> None:
    dispatcher.utter_message(
        text=render_text(reply),
        buttons=reply.get("buttons") or None,
        json_message={"radix_reply": reply},
    )


class Turn:
    """What the actions read from the tracker for one user message."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        self.concepts = list(services.knowledge().concepts)
        message = tracker.latest_message or {}
        self.intent = (message.get("intent") or {}).get("name")
        self.text = message.get("text") or ""
        self.entities = message.get("entities") or []
        self.channel = tracker.get_latest_input_channel() or "rest"
        self.audience = state.audience_for(
            self.channel, message.get("metadata"), tracker.get_slot(state.AUDIENCE_SLOT)
        )
        self.slots = {c: tracker.get_slot(c) for c in self.concepts}
        self.findings = state.findings_from_slots(self.slots, self.concepts)
        self.pending = tracker.get_slot(state.PENDING_QUESTION_SLOT)
        self.asked = list(tracker.get_slot(state.ASKED_SLOT) or [])
        self.announced = list(tracker.get_slot(state.ANNOUNCED_RED_FLAGS_SLOT) or [])
        self.case_id = tracker.get_slot(state.CASE_ID_SLOT)

    def assess(self) -> dict:
        return assess(self.findings, knowledge=services.knowledge(), audience=self.audience).to_dict()

    def base_events(self) -> list:
        events = [SlotSet(state.AUDIENCE_SLOT, self.audience)]
        if self.findings and not self.case_id:
            self.case_id = uuid.uuid4().hex[:12]
            events.append(SlotSet(state.CASE_ID_SLOT, self.case_id))
        return events

    def stated_this_turn(self) -> bool:
        return bool(state.finding_entities(self.entities))


def deliver_assessment(dispatcher, turn: Turn, assessment: dict) -> list:
    reply = replies.assessment_reply(assessment, turn.audience)
    send(dispatcher, reply)
    services.save_consult(
        case_id=turn.case_id, assessment=assessment, audience=turn.audience, channel=turn.channel
    )
    return [
        SlotSet(state.PENDING_QUESTION_SLOT, None),
        SlotSet(state.LAST_REPLY_SLOT, reply),
        SlotSet(
            state.ANNOUNCED_RED_FLAGS_SLOT,
            sorted(set(turn.announced) | {f["id"] for f in assessment["red_flags"]}),
        ),
    ]


def next_question(turn: Turn, assessment: dict) -> Optional[dict]:
    """The engine's most informative question not yet stated or asked, within the budget."""
    if len(turn.asked) >= state.MAX_QUESTIONS:
        return None
    stated = {f["concept"] for f in turn.findings}
    for question in assessment["next_questions"]:
        if question["concept"] not in stated and question["concept"] not in turn.asked:
            return question
    return None


def announce_new_red_flags(dispatcher, turn: Turn, assessment: dict, in_interview: bool) -> list:
    """Urgent guidance for red flags not announced yet in this case; the slot event, or []."""
    new_flags = [f for f in assessment["red_flags"] if f["id"] not in turn.announced]
    if not new_flags:
        return []
    send(dispatcher, replies.red_flag_alert_reply(
        new_flags, turn.audience, assessment["triage"], in_interview=in_interview))
    turn.announced = sorted(set(turn.announced) | {f["id"] for f in new_flags})
    return [SlotSet(state.ANNOUNCED_RED_FLAGS_SLOT, turn.announced)]


def interview_step(dispatcher, turn: Turn) -> list:
    """After new information: red flags first, then the next question or the assessment."""
    events = turn.base_events()
    assessment = turn.assess()
    question = next_question(turn, assessment)
    if question is None:
        # The assessment itself leads with any red flags.
        return events + deliver_assessment(dispatcher, turn, assessment)
    alerted = announce_new_red_flags(dispatcher, turn, assessment, in_interview=True)
    if alerted:
        return events + alerted + [SlotSet(state.PENDING_QUESTION_SLOT, state.CONTINUE_AFTER_RED_FLAG)]
    send(dispatcher, replies.question_reply(question["question"], turn.audience, len(turn.asked) + 1))
    return events + [
        SlotSet(state.PENDING_QUESTION_SLOT, question["concept"]),
        SlotSet(state.ASKED_SLOT, turn.asked + [question["concept"]]),
    ]


class ActionIngestFindings(Action):
    """Runs with every user message (a custom slot mapping): findings stated -> finding slots."""

    def name(self) -> Text:
        return "action_ingest_findings"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        updates = state.slot_updates(
            turn.slots, turn.concepts, turn.entities, turn.intent, turn.text, turn.pending
        )
        return [SlotSet(concept, value) for concept, value in updates.items()]


class ActionInterview(Action):
    """A description or an answer: take it in, then ask the next question or assess."""

    def name(self) -> Text:
        return "action_interview"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        if turn.pending == state.CONTINUE_AFTER_RED_FLAG and turn.intent == "deny":
            return turn.base_events() + deliver_assessment(dispatcher, turn, turn.assess())
        if not turn.findings:
            send(dispatcher, replies.message_reply(say(turn.audience, "messages.no_findings"), turn.audience))
            return turn.base_events()
        return interview_step(dispatcher, turn)


class ActionAssess(Action):
    """'What's the result?': the assessment now, whatever questions remain."""

    def name(self) -> Text:
        return "action_assess"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        events = turn.base_events()
        if not turn.findings:
            send(dispatcher, replies.message_reply(say(turn.audience, "messages.no_findings"), turn.audience))
            return events
        return events + deliver_assessment(dispatcher, turn, turn.assess())


def level_subject(text: str) -> Optional[str]:
    """'T12/L1', 'L4/L5', 'L5/S1', 'L5'... as written in the articles, if the text names one."""
    match = _LEVEL.search(text or "")
    if not match:
        return None
    region, number, region2, number2 = match.groups()
    first = f"{region.upper()}{number}"
    if number2 is None:
        return first
    return f"{first}/{(region2 or region).upper()}{number2}"


def find_subject(text: str, knowledge) -> Optional[str]:
    """The level, root or condition a question names, in the knowledge base's subject form."""
    level = level_subject(text)
    if level:
        return level
    squeezed = normalise_subject(text or "")
    found = {subject for rule in knowledge.rules for subject in rule.subjects
             if len(subject) >= MIN_SUBJECT_CHARS and subject in squeezed}
    return max(found, key=lambda subject: (len(subject), subject)) if found else None


class ActionAnswerQuestion(Action):
    """Direct questions (levels, tests, treatment, red flags), answered from the corpus."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        knowledge = services.knowledge()
        subject = find_subject(turn.text, knowledge) if turn.intent in SUBJECT_INTENTS else None
        if turn.intent == "ask_condition" and subject is None:
            send(dispatcher, replies.message_reply(say(turn.audience, "messages.no_subject"), turn.audience))
            return turn.base_events()
        items: list = []
        for topic in TOPICS_BY_INTENT.get(turn.intent, ("level",)):
            seen = {item["rule_id"] for item in items}
            items += [i for i in knowledge.answer(topic, turn.audience, subject) if i["rule_id"] not in seen]
        if subject and not items:
            # A root named alone ("L5") may be written as a level in the articles.
            items = knowledge.answer("level", turn.audience, None)
            items = [i for i in items if subject in i["text"]]
        title = say(turn.audience, f"topics.{turn.intent}" if turn.intent in TOPICS_BY_INTENT else "titles.answer")
        if subject and any(ch.isdigit() for ch in subject):
            title = f"{title}: {subject}"  # a level as the articles write it (conditions are squeezed ids)
        reply = replies.answer_reply(items[:MAX_ANSWER_ITEMS], turn.audience, title)
        events = turn.base_events()
        if turn.stated_this_turn():
            # A red flag volunteered inside a question still comes first.
            events += announce_new_red_flags(dispatcher, turn, turn.assess(), in_interview=False)
        send(dispatcher, reply)
        return events + [SlotSet(state.LAST_REPLY_SLOT, reply)]


class ActionExplain(Action):
    """'why?' / 'source?': the reasoning and verbatim quotes behind the last answer."""

    def name(self) -> Text:
        return "action_explain"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        send(dispatcher, replies.explanation_reply(tracker.get_slot(state.LAST_REPLY_SLOT), turn.audience))
        return turn.base_events()


class ActionNewCase(Action):
    def name(self) -> Text:
        return "action_new_case"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        send(dispatcher, replies.message_reply(say(turn.audience, "messages.new_case"), turn.audience))
        return [SlotSet(concept, None) for concept in turn.concepts] + [
            SlotSet(state.CASE_ID_SLOT, uuid.uuid4().hex[:12]),
            SlotSet(state.PENDING_QUESTION_SLOT, None),
            SlotSet(state.ASKED_SLOT, []),
            SlotSet(state.ANNOUNCED_RED_FLAGS_SLOT, []),
            SlotSet(state.LAST_REPLY_SLOT, None),
        ]


class ActionSetAudience(Action):
    def name(self) -> Text:
        return "action_set_audience"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        chosen = next(tracker.get_latest_entity_values("audience"), None)
        requested = chosen if chosen in state.AUDIENCES else state.requested_audience(turn.text)
        if requested is None:
            send(dispatcher, replies.message_reply(
                say(turn.audience, "messages.choose_audience"), turn.audience,
                buttons=[{"title": say(turn.audience, f"buttons.{audience}"),
                          "payload": f'/set_audience{{"audience": "{audience}"}}'}
                         for audience in state.AUDIENCES]))
            return turn.base_events()
        send(dispatcher, replies.message_reply(say(requested, "messages.audience_confirmation"), requested))
        return [SlotSet(state.AUDIENCE_SLOT, requested)]


class ActionFallback(Action):
    """Low NLU confidence: still take any findings, else re-ask helpfully."""

    def name(self) -> Text:
        return "action_fallback"

    async def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        turn = Turn(tracker)
        if turn.stated_this_turn() and turn.findings:
            return interview_step(dispatcher, turn)
        if turn.pending in turn.concepts:
            question = services.knowledge().concepts[turn.pending].question(turn.audience)
            text = say(turn.audience, "interview.fallback_question", question=question)
            send(dispatcher, replies.message_reply(text, turn.audience, yes_no_buttons(turn.audience)))
        else:
            send(dispatcher, replies.message_reply(say(turn.audience, "messages.fallback"), turn.audience))
        return turn.base_events()
