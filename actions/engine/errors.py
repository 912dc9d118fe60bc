"""Errors raised by the knowledge loader and the engine.

Both carry enough context for a one-line message that a user can act on
(file, entry id, key), so the CLI never has to show a traceback.
"""

from __future__ import annotations


class KnowledgeError(ValueError):
    """A knowledge file (articles, concepts, rules) failed validation."""

    def __init__(self, message: str, *, file: str | None = None, entry_id: str | None = None,
                 key: str | None = None) -> None:
        self.file = file
        self.entry_id = entry_id
        self.key = key
        where = []
        if file:
            where.append(f"file {file}")
        if entry_id:
            where.append(f"entry {entry_id!r}")
        if key:
            where.append(f"key {key!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class FindingError(ValueError):
    """A finding handed to the engine does not follow the shared contract."""
