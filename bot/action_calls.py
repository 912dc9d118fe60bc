"""How the Rasa server calls the action server: a lighter call, and a cheaper check of the answer.

Profiled under `make bench-turn` (bot/bench_turn.py), two parts of Rasa 3.6's RemoteAction cost
more than everything else in a Radix turn:

- `_action_call_format` serialises the whole conversation (every event since the first message,
  each reply kept in a slot event too) and the whole domain into every call, so a call grew with
  each turn. Radix's one action reads the slots, the latest message and that message's input
  channel (actions/dialogue/turn.py), never older events or the domain: the call carries the
  events from the latest user message on, and the domain only when selective domain is off.
- `_validate_action_result` calls `jsonschema.validate(result, spec)`, which first validates the
  *schema itself* against the meta-schema on every call: over half the Rasa server's CPU. The
  check of the response is kept exactly (same validator class, same best-matching error, same
  message); the schema's own check is done once.

`install()` swaps both methods on RemoteAction, once the Rasa server has started
(bot/turns.py: guard_agent) and in the test suite's in-process Rasa.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import rasa
from jsonschema import ValidationError, exceptions
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import EventVerbosity

from common.timings import stage

_validator: Optional[Any] = None


def call_events(events: List[Any]) -> List[Any]:
    """The events an action call carries: from the latest user message on (all if there is none)."""
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> Dict[str, Any]:
    """RemoteAction._action_call_format with only the events `call_events` keeps."""
    with stage("rasa: action call body"):
        state = tracker.current_state(EventVerbosity.NONE)
        state["events"] = [event.as_dict() for event in call_events(list(tracker.events))]
        result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
                  "version": rasa.__version__}
        if (not self._is_selective_domain_enabled()
                or domain.does_custom_action_explicitly_need_domain(self.name())):
            result["domain"] = domain.as_dict()
        return result


def response_validator() -> Any:
    """The validator of RemoteAction's response schema; its schema checked on first use."""
    global _validator
    if _validator is None:
        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)  # what jsonschema.validate picks
        cls.check_schema(schema)
        _validator = cls(schema)
    return _validator


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result without re-checking the schema each time."""
    with stage("rasa: check the action response"):
        error = exceptions.best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions")
    raise error


def install() -> None:
    """Every RemoteAction of this process makes the lighter call and the cheaper check (idempotent)."""
    RemoteAction._action_call_format = action_call_format  # type: ignore[assignment]
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[assignment]


__all__ = ["call_events", "install", "response_validator", "validate_action_result", "ValidationError"]
