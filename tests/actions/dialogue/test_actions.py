"""The case actions called directly with a rasa_sdk Tracker (no model, no servers)."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import state
from actions.dialogue.case import ActionAssess, ActionExplain, ActionIngestFindings, ActionInterview
from common.contract import CONCEPTS
from common.finding import Finding


def tracker(text="", intent="describe_symptoms", entities=(), slots=None, channel="rest", metadata=None):
    return Tracker(
        sender_id="unit", slots={**{c: None for c in CONCEPTS}, **(slots or {})},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 1.0},
                        "entities": list(entities), "metadata": metadata or {}},
        events=[{"event": "user", "text": text, "input_channel": channel}], paused=False,
        followup_action=None, active_loop={}, latest_action_name="action_listen")


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def replies(messages):
    return [m["custom"]["radix_reply"] for m in messages if m.get("custom")]


def test_ingest_turns_finding_entities_into_slots_with_the_users_words():
    entity = Finding("foot_drop", laterality="left", text="foot keeps slapping", start=3, end=22).to_entity()
    _, slots = run(ActionIngestFindings(), tracker("my foot keeps slapping", entities=[entity]))
    assert slots == {"foot_drop": Finding("foot_drop", laterality="left", text="foot keeps slapping",
                                          start=3, end=22).to_dict()}


def test_interview_without_findings_asks_for_symptoms_in_the_audiences_words():
    messages, slots = run(ActionInterview(), tracker("hello there", metadata={"audience": "clinician"}))
    (reply,) = replies(messages)
    assert reply["type"] == "message" and "couldn't pick out any findings" in reply["sections"][0]["items"][0]["text"]
    assert slots[state.AUDIENCE_SLOT] == "clinician"


def test_interview_asks_the_most_informative_question_and_remembers_it():
    slots = {"heel_walk_weakness": Finding("heel_walk_weakness").to_dict()}
    messages, events = run(ActionInterview(), tracker("can't heel walk", slots=slots))
    (reply,) = replies(messages)
    assert reply["type"] == "question"
    asked = events[state.PENDING_QUESTION_SLOT]
    assert asked in CONCEPTS and events[state.ASKED_SLOT] == [asked]
    assert events[state.CASE_ID_SLOT]


def test_assessment_leads_with_a_red_flag_and_is_remembered_for_why():
    slots = {"bladder_dysfunction": Finding("bladder_dysfunction").to_dict(),
             "back_pain": Finding("back_pain").to_dict()}
    messages, events = run(ActionAssess(), tracker("result", intent="ask_result", slots=slots))
    (reply,) = replies(messages)
    assert reply["triage"] == "emergency" and reply["sections"][0]["kind"] == "red_flags"
    assert events[state.LAST_REPLY_SLOT] == reply
    assert "red_flag_bladder_bowel" in events[state.ANNOUNCED_RED_FLAGS_SLOT]

    explained, _ = run(ActionExplain(), tracker("why?", intent="ask_why",
                                                slots={**slots, state.LAST_REPLY_SLOT: reply}))
    (explanation,) = replies(explained)
    quotes = next(s for s in explanation["sections"] if s["kind"] == "quotes")
    assert quotes["items"] and all(item["text"].startswith("\u201c") for item in quotes["items"])
