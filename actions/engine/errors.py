"""Errors raised by the knowledge loader and the engine.

Both carry enough context for a one-line message that a user can act on (file, entry id, key),
so the CLI never has to show a traceback.
"""
from __future__ import annotations

from common.finding import FindingError
from common.schema import SchemaError

__all__ = ["FindingError", "KnowledgeError"]


class KnowledgeError(SchemaError):
    """A knowledge file (articles, rules) failed validation."""
