"""What the actions read from the tracker for one user message, and how a reply is sent."""
from __future__ import annotations

import uuid
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import services, state
from actions.engine import assess
from common.contract import RED_FLAG_CONCEPTS
from common.finding import Finding
from common.render.text import render_text
from common.timings import stage


def send(dispatcher: CollectingDispatcher, reply: dict) -> None:
    """One structured reply, with its plain-text rendering for channels without markup."""
    dispatcher.utter_message(
        text=render_text(reply),
        buttons=reply.get("buttons") or None,
        json_message={"radix_reply": reply},
    )


class Turn:
    """The case as the slots hold it once respond.read_message has read the latest message."""

    def __init__(self, tracker: Tracker):
        self.tracker = tracker
        self.knowledge = services.knowledge()
        self.concepts = list(self.knowledge.concepts)
        message = tracker.latest_message or {}
        self.intent = (message.get("intent") or {}).get("name")
        self.text = message.get("text") or ""
        self.entities = message.get("entities") or []
        self.channel = tracker.get_latest_input_channel() or "rest"
        self.audience = state.audience_for(
            self.channel, message.get("metadata"), tracker.get_slot(state.AUDIENCE_SLOT))
        self.slots = {c: tracker.get_slot(c) for c in self.concepts}
        self.findings = state.findings_from_slots(self.slots, self.concepts)
        # Red flags this message states now for someone else ("my sister has lost control of her
        # bladder"): not the case's findings, but the engine lists them as checks to ask about.
        self.others = [finding.to_dict() for finding in map(Finding.from_entity, self.entities)
                       if finding is not None and finding.experiencer == "other" and not finding.historical
                       and finding.concept in RED_FLAG_CONCEPTS]
        self.pending = tracker.get_slot(state.PENDING_QUESTION_SLOT)
        self.asked = list(tracker.get_slot(state.ASKED_SLOT) or [])
        self.announced = list(tracker.get_slot(state.ANNOUNCED_RED_FLAGS_SLOT) or [])
        self.screened = list(tracker.get_slot(state.SCREENED_SLOT) or [])
        self.checked = list(tracker.get_slot(state.CHECKED_SLOT) or [])
        self.screen_answered = list(tracker.get_slot(state.SCREEN_ANSWERED_SLOT) or [])
        self.corrections = list(tracker.get_slot(state.CORRECTIONS_SLOT) or [])
        self.reading = tracker.get_slot(state.READING_SLOT) or {}
        self.last_reply = tracker.get_slot(state.LAST_REPLY_SLOT)
        self.last_request = tracker.get_slot(state.LAST_REQUEST_SLOT)
        self.after_screen = tracker.get_slot(state.AFTER_SCREEN_SLOT)
        self.case_id = tracker.get_slot(state.CASE_ID_SLOT)
        self.events: list = []

    @property
    def act(self) -> str:
        return self.reading.get("act") or "unclear"

    @property
    def pending_concept(self) -> Optional[str]:
        return state.pending_concept(self.pending, self.concepts)

    def assess(self, audience: Optional[str] = None) -> dict:
        with stage("actions: rules engine (assess)"):
            return assess(self.findings + self.others, knowledge=self.knowledge,
                          audience=audience or self.audience).to_dict()

    def assess_with(self, concept: str, status: str) -> dict:
        """The assessment if the pending question were answered ``status`` (for 'why this question?')."""
        findings = [f for f in self.findings if f["concept"] != concept] + [{"concept": concept, "status": status}]
        return assess(findings, knowledge=self.knowledge, audience=self.audience).to_dict()

    def set(self, slot: str, value) -> None:
        """Record a slot change (applied to this turn's view too)."""
        attribute = {state.PENDING_QUESTION_SLOT: "pending", state.ASKED_SLOT: "asked",
                     state.ANNOUNCED_RED_FLAGS_SLOT: "announced", state.SCREENED_SLOT: "screened",
                     state.CHECKED_SLOT: "checked", state.LAST_REPLY_SLOT: "last_reply",
                     state.LAST_REQUEST_SLOT: "last_request", state.AFTER_SCREEN_SLOT: "after_screen",
                     state.AUDIENCE_SLOT: "audience", state.CORRECTIONS_SLOT: "corrections"}.get(slot)
        if attribute:
            setattr(self, attribute, value)
        self.events = [e for e in self.events if e.get("name") != slot] + [SlotSet(slot, value)]

    def ensure_case_id(self) -> str:
        """The case's id, made now if it has none yet (a consult record is keyed by it). A random id,
        never derived from the sender: it is the only key a case summary carries."""
        if not self.case_id:
            self.case_id = uuid.uuid4().hex[:12]
            self.set(state.CASE_ID_SLOT, self.case_id)
        return self.case_id

    def base_events(self) -> list:
        """The audience and, once the case has findings, its id."""
        events = [SlotSet(state.AUDIENCE_SLOT, self.audience)]
        if self.findings and not self.case_id:
            self.case_id = uuid.uuid4().hex[:12]
            events.append(SlotSet(state.CASE_ID_SLOT, self.case_id))
        return events

    def all_events(self) -> list:
        return self.base_events() + self.events
