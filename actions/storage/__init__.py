"""Knowledge base storage (SQLAlchemy): articles, passages, rules, citations, consults."""

from actions.kb.store import (current_kb_version, default_db_url, list_consults,
                              make_session_factory, record_consult, sync_knowledge)

__all__ = ["current_kb_version", "default_db_url", "list_consults", "make_session_factory",
           "record_consult", "sync_knowledge"]
