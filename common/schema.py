"""Small strict-schema helpers for the knowledge YAML files.

Every check names the file, the entry id and the key, the way medspaCy's
ConTextRule rejects unknown arguments, so a typo in a rule never passes silently.
"""

from __future__ import annotations

from typing import Any, Iterable

from actions.engine.errors import KnowledgeError


def require_mapping(value: Any, *, file: str, entry_id: str | None, key: str | None = None) -> dict:
    if not isinstance(value, dict):
        raise KnowledgeError(f"expected a mapping, got {type(value).__name__}", file=file,
                             entry_id=entry_id, key=key)
    return value


def require_list(value: Any, *, file: str, entry_id: str | None, key: str) -> list:
    if not isinstance(value, list):
        raise KnowledgeError(f"expected a list, got {type(value).__name__}", file=file,
                             entry_id=entry_id, key=key)
    return value


def check_keys(entry: dict, *, allowed: Iterable[str], required: Iterable[str] = (), file: str,
               entry_id: str | None) -> None:
    allowed = set(allowed)
    for key in entry:
        if key not in allowed:
            raise KnowledgeError(f"unknown key (allowed: {', '.join(sorted(allowed))})", file=file,
                                 entry_id=entry_id, key=str(key))
    for key in required:
        if key not in entry or entry[key] is None or entry[key] == "":
            raise KnowledgeError("missing required key", file=file, entry_id=entry_id, key=key)


def require_text(entry: dict, key: str, *, file: str, entry_id: str | None, optional: bool = False
                 ) -> str | None:
    value = entry.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError("expected a non-empty string", file=file, entry_id=entry_id, key=key)
    return " ".join(value.split())


def require_choice(entry: dict, key: str, choices: Iterable[str], *, file: str, entry_id: str | None,
                   default: str | None = None) -> str | None:
    value = entry.get(key, default)
    choices = tuple(choices)
    if value is None and default is None and key not in entry:
        return None
    if value not in choices:
        raise KnowledgeError(f"bad value {value!r} (expected one of: {', '.join(choices)})", file=file,
                             entry_id=entry_id, key=key)
    return value
