"""Radix assessment engine: pure Python, no Rasa imports, nothing built at import time.

    from actions.engine import load_knowledge, assess
    knowledge = load_knowledge()
    result = assess(findings, knowledge=knowledge, audience="clinician")
"""

from actions.engine.assess import Assessment, assess
from actions.engine.errors import FindingError, KnowledgeError
from actions.engine.knowledge import Knowledge, load_knowledge

__all__ = ["Assessment", "FindingError", "Knowledge", "KnowledgeError", "assess", "load_knowledge"]
