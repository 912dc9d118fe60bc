"""Radix assessment engine: pure Python, no Rasa imports, nothing built at import time.

    from actions.engine import load_knowledge, assess
    knowledge = load_knowledge()
    result = assess(findings, knowledge=knowledge, audience="clinician")
"""

from actions.engine.assess import Assessment, assess
from actions.engine.errors import FindingError, KnowledgeError
from actions.engine.loader import load_knowledge
from actions.engine.model import Knowledge

__all__ = ["Assessment", "FindingError", "Knowledge", "KnowledgeError", "assess", "load_knowledge"]
