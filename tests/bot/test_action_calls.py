"""One cheap action call per turn (issue 13): the call carries only what the action reads, and
Rasa's check of the answer keeps its meaning with the schema compiled once."""
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import action_results
from bot.turns import trim_action_call


def call_with(events):
    return {"next_action": "action_respond", "sender_id": "s", "tracker": {"events": events, "slots": {"a": 1}}}


def test_an_action_call_carries_the_events_from_the_latest_user_message_on():
    events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": "first"},
              {"event": "slot", "name": "reading", "value": {"big": "x" * 1000}},
              {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "second", "input_channel": "slack"},
              {"event": "user_featurization"}]
    body = trim_action_call(call_with(events))
    assert body["tracker"]["events"] == events[4:]
    assert body["tracker"]["slots"] == {"a": 1}  # the case itself is untouched


def test_a_call_without_a_user_message_is_left_whole():
    events = [{"event": "action", "name": "action_session_start"}, {"event": "session_started"}]
    assert trim_action_call(call_with(list(events)))["tracker"]["events"] == events
    assert trim_action_call({"next_action": "x"}) == {"next_action": "x"}


def test_one_user_message_is_one_action_call(radix):
    before = len(radix.actions.calls)
    radix.handle("one-call", "my right foot is numb on top and I can't walk on my heels")
    radix.handle("one-call", "no")
    assert radix.actions.calls[before:] == ["action_respond", "action_respond"]


@pytest.fixture
def compiled_validator(monkeypatch):
    checks = []
    original = action_results.validator_for

    def counting(schema):
        cls = original(schema)
        real = cls.check_schema
        monkeypatch.setattr(cls, "check_schema", staticmethod(
            lambda s, *a, **k: checks.append(s) or real(s, *a, **k)))
        return cls

    monkeypatch.setattr(action_results, "_validator", None)
    monkeypatch.setattr(action_results, "validator_for", counting)
    return checks


def test_action_responses_are_checked_with_the_schema_checked_once(compiled_validator):
    action = RemoteAction("action_respond", None)
    good = {"events": [{"event": "slot", "name": "reading", "value": {}}], "responses": [{"text": "hi"}]}
    for _ in range(5):
        assert action_results.validate_action_result(action, good) is True
    assert len(compiled_validator) == 1
    with pytest.raises(ValidationError) as bad:
        action_results.validate_action_result(action, {"events": "not a list"})
    assert "Failed to validate Action server response" in bad.value.message
    with pytest.raises(ValidationError):
        action_results.validate_action_result(action, {"events": [{"event": "no_such_event"}]})
    assert len(compiled_validator) == 1


def test_install_replaces_rasas_per_call_schema_check(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    action_results.install()
    assert RemoteAction._validate_action_result is action_results.validate_action_result
