"""action_respond called directly with a rasa_sdk Tracker (no model, no servers): it reads the
message into the finding slots, then answers from them, in one call."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import state
from actions.dialogue.respond import ActionRespond
from common.contract import CONCEPTS, RED_FLAG_SCREEN
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


def turn(text, intent="describe_symptoms", entities=(), slots=None, metadata=None):
    """One user message through the action, as Rasa runs it; (replies, all slots after)."""
    slots = dict(slots or {})
    messages, responded = run(ActionRespond(), tracker(text, intent, entities, slots, metadata=metadata))
    slots.update(responded)
    return replies(messages), slots


def replies(messages):
    return [m["custom"]["radix_reply"] for m in messages if m.get("custom")]


def test_the_message_is_read_into_finding_slots_with_the_users_words():
    entity = Finding("foot_drop", laterality="left", text="foot keeps slapping", start=3, end=22).to_entity()
    _, slots = run(ActionRespond(), tracker("my foot keeps slapping", entities=[entity]))
    assert slots["foot_drop"] == Finding("foot_drop", laterality="left", text="foot keeps slapping",
                                         start=3, end=22).to_dict()
    assert slots[state.READING_SLOT]["act"] == "describe"


def test_a_message_without_findings_asks_for_symptoms_in_the_audiences_words():
    (reply,), slots = turn("hello there", metadata={"audience": "clinician"})
    assert reply["type"] == "message" and "couldn't pick out any findings" in reply["sections"][0]["items"][0]["text"]
    assert slots[state.AUDIENCE_SLOT] == "clinician"


def test_the_interview_asks_the_red_flag_screen_first_then_the_most_informative_question():
    entity = Finding("heel_walk_weakness", text="can't heel walk", start=0, end=15).to_entity()
    (screen,), slots = turn("can't heel walk", entities=[entity])
    assert screen["type"] == "question" and any(s["kind"] == "screen" for s in screen["sections"])
    assert slots[state.PENDING_QUESTION_SLOT] == state.SCREEN and set(slots[state.SCREENED_SLOT]) == set(RED_FLAG_SCREEN)
    assert not slots.get(state.ASKED_SLOT)
    (reply,), slots = turn("no to all", "deny", slots=slots)
    assert reply["type"] == "question" and not any(s["kind"] == "screen" for s in reply["sections"])
    assert all(slots[c]["status"] == "absent" for c in ("bladder_dysfunction", "bowel_dysfunction", "saddle_anesthesia"))
    asked = slots[state.PENDING_QUESTION_SLOT]
    assert asked in CONCEPTS and slots[state.ASKED_SLOT] == [asked]
    assert slots[state.CASE_ID_SLOT]


def test_assessment_leads_with_a_red_flag_and_is_remembered_for_why():
    slots = {"bladder_dysfunction": Finding("bladder_dysfunction").to_dict(),
             "back_pain": Finding("back_pain").to_dict()}
    (reply,), slots = turn("result", "ask_result", slots=slots)
    assert reply["triage"] == "emergency" and reply["sections"][0]["kind"] == "red_flags"
    assert slots[state.LAST_REPLY_SLOT]["triage"] == "emergency"
    assert "red_flag_bladder_bowel" in slots[state.ANNOUNCED_RED_FLAGS_SLOT]

    (explanation,), _ = turn("why?", "ask_why", slots=slots)
    quotes = next(s for s in explanation["sections"] if s["kind"] == "quotes")
    assert quotes["items"] and all(item["text"].startswith("\u201c") for item in quotes["items"])


def test_a_non_emergency_result_asks_the_red_flag_screen_first():
    slots = {"numbness": Finding("numbness").to_dict(), "bladder_dysfunction": Finding("bladder_dysfunction", "absent").to_dict()}
    (screen,), slots = turn("result", "ask_result", slots=slots)
    assert screen["type"] == "question" and slots[state.PENDING_QUESTION_SLOT] == state.SCREEN
    listed = [i["text"] for s in screen["sections"] if s["kind"] == "screen" for i in s["items"]]
    assert len(listed) == 3 and not any("bladder" in text for text in listed)
    (assessment,), slots = turn("none of those", "deny", slots=slots)
    assert assessment["type"] == "assessment" and assessment["triage"] != "emergency"
