"""Rasa's check of every action server response, with its JSON schema compiled once.

Rasa 3.6's RemoteAction._validate_action_result calls `jsonschema.validate(result, spec)`, which
first validates the *schema itself* against the JSON-Schema meta-schema on every call. Profiled
under `make bench-turn` that was over half of the Rasa server's CPU for a Radix turn. The check
of the response is kept exactly (same validator class, same best-matching error, same message);
only the schema's own check is done once, when the validator is built.

`install()` is called once the Rasa server has started (bot/turns.py: install_guards).
"""
from __future__ import annotations

from typing import Any, Dict, Optional

from jsonschema import ValidationError, exceptions
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from common.timings import stage

_validator: Optional[Any] = None


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
    """Make every RemoteAction of this process use the compiled validator (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[assignment]


__all__ = ["install", "response_validator", "validate_action_result", "ValidationError"]
