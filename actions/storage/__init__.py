"""Storage (SQLAlchemy): the database copy of the knowledge and the consult records."""

from actions.storage.store import (current_kb_version, latest_consult, list_consults,
                                   make_session_factory, record_consult, sync_knowledge)

__all__ = ["current_kb_version", "latest_consult", "list_consults", "make_session_factory",
           "record_consult", "sync_knowledge"]
