"""Symptom extraction: free text -> findings (the one finding shape of common/finding.py).

Importing this package builds nothing; the spaCy/medspaCy pipeline is built on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_findings", "FindingExtractor", "VocabularyError", "InputTooLongError", "default_extractor"]


def extract_findings(text: str) -> list[dict]:
    """Findings in `text` with the packaged vocabulary (pipeline built once, cached)."""
    from nlu.extraction.pipeline import default_extractor

    return default_extractor().extract(text)


def __getattr__(name: str) -> Any:
    # Lazy re-exports so `import nlu.extraction` stays cheap (no spaCy import).
    if name in {"FindingExtractor", "InputTooLongError", "default_extractor"}:
        from nlu.extraction import pipeline

        return getattr(pipeline, name)
    if name == "VocabularyError":
        from nlu.extraction.rule_pack import VocabularyError

        return VocabularyError
    raise AttributeError(f"module 'nlu.extraction' has no attribute {name!r}")
