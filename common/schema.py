"""Strict-schema checks for Radix's data files (vocabulary, rules, articles, wording).

Every check names the file, the entry id and the key, the way medspaCy's ConTextRule rejects unknown
arguments, so a typo in a data file never passes silently:

    where = Where("concepts.yml", error=VocabularyError).at("foot_drop")
    where.keys(entry, allowed=("id", "terms"), required=("id",))
    where.choice(entry["status"], STATUSES, "status")
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, NoReturn


class SchemaError(ValueError):
    """A data file breaks its schema: ``file``, ``entry`` (id) and ``key`` say where."""

    def __init__(self, problem: str, *, file: str | None = None, entry: str | None = None,
                 key: str | None = None) -> None:
        self.file, self.entry, self.key, self.problem = file, entry, key, problem
        where = [part for part in (file, f"entry '{entry}'" if entry is not None else None,
                                   f"key '{key}'" if key is not None else None) if part]
        super().__init__(f"{': '.join(where)}: {problem}" if where else problem)

    @property
    def entry_id(self) -> str | None:
        return self.entry


@dataclass(frozen=True)
class Where:
    """A position in a data file; its methods check a value there and raise ``error`` naming it."""

    file: str | None
    entry: str | None = None
    error: type = SchemaError

    def at(self, entry: str | None) -> "Where":
        return replace(self, entry=entry)

    def fail(self, key: str | None, problem: str) -> NoReturn:
        raise self.error(problem, file=self.file, entry=self.entry, key=key)

    def mapping(self, value: Any, key: str | None = None) -> dict:
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping, got {type(value).__name__}")
        return value

    def list(self, value: Any, key: str, *, non_empty: bool = False) -> list:
        if not isinstance(value, list):
            self.fail(key, f"expected a list, got {type(value).__name__}")
        if non_empty and not value:
            self.fail(key, "expected a non-empty list")
        return value

    def keys(self, obj: Any, allowed: Iterable[str], required: Iterable[str] = ()) -> dict:
        """Unknown keys and missing (absent, null or empty) required keys are errors."""
        obj = self.mapping(obj)
        allowed = set(allowed)
        for key in obj:
            if key not in allowed:
                self.fail(str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in obj or obj[key] is None or obj[key] == "":
                self.fail(key, "missing required key")
        return obj

    def text(self, obj: dict, key: str, *, optional: bool = False) -> str | None:
        """A non-empty string with its whitespace runs collapsed."""
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "expected a non-empty string")
        return " ".join(value.split())

    def strings(self, value: Any, key: str) -> list[str]:
        """A non-empty list of non-empty strings."""
        if not isinstance(value, list) or not value:
            self.fail(key, "expected a non-empty list of strings")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(key, f"expected non-empty strings, got {item!r}")
        return list(value)

    def choice(self, value: Any, allowed: Iterable[str], key: str, *, nullable: bool = False) -> Any:
        if value is None and nullable:
            return None
        allowed = tuple(allowed)
        if value not in allowed:
            self.fail(key, f"bad value {value!r} (allowed: {', '.join(allowed)})")
        return value

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {value!r}")
        return value

    def positive_int(self, value: Any, key: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            self.fail(key, f"expected a positive integer, got {value!r}")
        return value


def read_yaml(path, label: str, error: type = SchemaError):
    """(data, raw text) of a YAML file; a missing or malformed file raises ``error`` naming it."""
    import yaml

    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error("file not found", file=label) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=label) from None
    try:
        return yaml.safe_load(raw), raw
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=label) from None
