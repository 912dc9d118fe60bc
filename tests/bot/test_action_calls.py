"""One cheap action call per turn (issue 13): the call carries only what the action reads, and
Rasa's check of the answer keeps its meaning with the schema compiled once."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import action_calls
from common.settings import PROJECT_ROOT


def tracker_with(*events):
    domain = Domain.load(str(PROJECT_ROOT / "bot" / "domain"))
    return DialogueStateTracker.from_events("s", list(events), domain.slots), domain


def test_an_action_call_carries_the_slots_and_the_events_from_the_latest_user_message_on():
    tracker, domain = tracker_with(
        ActionExecuted("action_listen"), UserUttered("first", input_channel="sms"),
        SlotSet("reading", {"big": "x" * 1000}), ActionExecuted("action_respond"),
        ActionExecuted("action_listen"), UserUttered("second", input_channel="slack"))
    endpoint = EndpointConfig("http://actions", enable_selective_domain=True)
    body = action_calls.action_call_format(RemoteAction("action_respond", endpoint), tracker, domain)
    assert [e["event"] for e in body["tracker"]["events"]] == ["user"]
    assert body["tracker"]["events"][0]["text"] == "second"
    assert body["tracker"]["slots"]["reading"] == {"big": "x" * 1000}  # the case itself is whole
    assert body["tracker"]["latest_input_channel"] == "slack"
    assert body["next_action"] == "action_respond" and "domain" not in body
    without_selective = RemoteAction("action_respond", EndpointConfig("http://actions"))
    assert "domain" in action_calls.action_call_format(without_selective, tracker, domain)


def test_a_conversation_without_a_user_message_is_sent_whole():
    events = [ActionExecuted("action_session_start"), SessionStarted()]
    assert action_calls.call_events(events) == events


def test_one_user_message_is_one_action_call(radix):
    before = len(radix.actions.calls)
    radix.handle("one-call", "my right foot is numb on top and I can't walk on my heels")
    radix.handle("one-call", "no")
    assert radix.actions.calls[before:] == ["action_respond", "action_respond"]


@pytest.fixture
def compiled_validator(monkeypatch):
    checks = []
    original = action_calls.validator_for

    def counting(schema):
        cls = original(schema)
        real = cls.check_schema
        monkeypatch.setattr(cls, "check_schema", staticmethod(
            lambda s, *a, **k: checks.append(s) or real(s, *a, **k)))
        return cls

    monkeypatch.setattr(action_calls, "_validator", None)
    monkeypatch.setattr(action_calls, "validator_for", counting)
    return checks


def test_action_responses_are_checked_with_the_schema_checked_once(compiled_validator):
    action = RemoteAction("action_respond", None)
    good = {"events": [{"event": "slot", "name": "reading", "value": {}}], "responses": [{"text": "hi"}]}
    for _ in range(5):
        assert action_calls.validate_action_result(action, good) is True
    assert len(compiled_validator) == 1
    with pytest.raises(ValidationError) as bad:
        action_calls.validate_action_result(action, {"events": "not a list"})
    assert "Failed to validate Action server response" in bad.value.message
    with pytest.raises(ValidationError):
        action_calls.validate_action_result(action, {"events": [{"event": "no_such_event"}]})
    assert len(compiled_validator) == 1


def test_install_replaces_rasas_call_and_check(monkeypatch):
    for method in ("_validate_action_result", "_action_call_format"):
        monkeypatch.setattr(RemoteAction, method, getattr(RemoteAction, method))
    action_calls.install()
    assert RemoteAction._validate_action_result is action_calls.validate_action_result
    assert RemoteAction._action_call_format is action_calls.action_call_format
