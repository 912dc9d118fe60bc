"""What the actions need from the rest of Radix, built on first use and kept per process."""
from __future__ import annotations

import functools
import logging
from datetime import datetime
from typing import Mapping, Optional

from actions.engine import load_knowledge
from actions.storage import make_session_factory, record_consult, sync_knowledge

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def knowledge():
    return load_knowledge()


@functools.lru_cache(maxsize=1)
def sessions():
    factory = make_session_factory()
    with factory() as session:
        sync_knowledge(session, knowledge())
    return factory


def record_assessment(session, *, case_id: str, assessment: Mapping, audience: str, channel: str,
                      summary: Optional[Mapping] = None, created_at: Optional[datetime] = None):
    """The consult record of an assessment in `session` (raises on a database problem)."""
    return record_consult(session, case_id=case_id, findings=assessment["findings"],
                          rules_fired=assessment["rules_fired"], triage=assessment["triage"],
                          kb_version=assessment["kb_version"], audience=audience, channel=channel,
                          summary=summary, created_at=created_at)


def save_consult(*, case_id: str, assessment: Mapping, audience: str, channel: str,
                 summary: Optional[Mapping] = None, created_at: Optional[datetime] = None) -> None:
    """Writes the consult record (with its case summary, actions/dialogue/case_record.py); a database
    problem is logged, never shown to the user as a crash."""
    try:
        with sessions()() as session:
            record_assessment(session, case_id=case_id, assessment=assessment, audience=audience,
                              channel=channel, summary=summary, created_at=created_at)
    except Exception:  # the user still gets the assessment; the failure is in the server log
        logger.exception("Could not record the consult for case %s", case_id)
