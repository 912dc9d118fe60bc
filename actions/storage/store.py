"""The database copy of the knowledge (articles, passages, rules, citations) and the consult records.

Sessions come from common/database.py, the one place that builds them: URL argument, else
$RADIX_DB_URL, else SQLite at $RADIX_DATA_DIR/radix.db. Nothing connects at import time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from actions.storage import models
from common import database
from common.contract import AUDIENCES, TRIAGE_LEVELS

# Version of the stored summary's shape (ConsultSummary.format): a later shape can still read
# the rows written before it.
SUMMARY_FORMAT = 1


def make_session_factory(url: str | None = None) -> sessionmaker:
    """Sessions on ``url`` (default: the settings' database) with this package's tables created."""
    return database.session_factory(url, models.Base.metadata)


def current_kb_version(session: Session) -> str | None:
    row = session.execute(select(models.KnowledgeVersion)).scalars().first()
    return row.kb_version if row else None


def sync_knowledge(session: Session, knowledge) -> bool:
    """Make the database hold exactly ``knowledge``; a no-op when kb_version already matches.

    Returns True when rows were (re)written. Commits.
    """
    if current_kb_version(session) == knowledge.kb_version:
        return False
    for table in (models.Citation, models.Rule, models.Passage, models.Article,
                  models.KnowledgeVersion):
        session.execute(delete(table))
    for article in knowledge.articles.values():
        session.add(models.Article(
            id=article.id, title=article.title, title_stated=int(article.title_stated),
            kind=article.kind, audience=article.audience, publisher=article.publisher,
            last_updated=article.last_updated, seed_stem=article.seed_stem, file=article.file,
            references=list(article.references),
            passages=[models.Passage(id=p.id, ordinal=p.ordinal, kind=p.kind, text=p.text)
                      for p in article.passages]))
    session.flush()
    for rule in knowledge.rules:
        session.add(models.Rule(
            id=rule.id, kind=rule.kind, file=rule.file, label=rule.label, triage=rule.triage,
            level=rule.level, root=rule.root, condition=rule.condition, clinician=rule.clinician,
            patient=rule.patient,
            citations=[models.Citation(passage_id=c.passage_id, position=index, quote=c.quote)
                       for index, c in enumerate(rule.citations)]))
    session.add(models.KnowledgeVersion(kb_version=knowledge.kb_version))
    session.commit()
    return True


def record_consult(session: Session, *, case_id: str, findings: list[dict], rules_fired: list[str],
                   triage: str, kb_version: str, audience: str, channel: str,
                   summary: Mapping | None = None, created_at: datetime | None = None) -> models.Consult:
    """One consult row, and with ``summary`` ({"screen", "corrections", "summaries"}) its summary
    row, in one transaction."""
    if not isinstance(case_id, str) or not case_id.strip():
        raise ValueError("case_id must be a non-empty string")
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    if triage not in TRIAGE_LEVELS:
        raise ValueError(f"unknown triage {triage!r}")
    if summary is not None and set(summary.get("summaries") or ()) != set(AUDIENCES):
        raise ValueError(f"a consult summary needs one summary per audience ({', '.join(AUDIENCES)})")
    consult = models.Consult(case_id=case_id, findings=list(findings),
                             rules_fired=list(rules_fired), triage=triage, kb_version=kb_version,
                             audience=audience, channel=str(channel))
    if created_at is not None:
        consult.created_at = created_at
    session.add(consult)
    if summary is not None:
        session.flush()     # the consult's id keys its summary
        session.add(models.ConsultSummary(
            consult_id=consult.id, case_id=case_id, format=SUMMARY_FORMAT,
            screen=list(summary.get("screen") or []), corrections=list(summary.get("corrections") or []),
            summaries=dict(summary["summaries"])))
    session.commit()
    return consult


def latest_consult(session: Session, case_id: str
                   ) -> tuple[models.Consult, models.ConsultSummary | None] | None:
    """The case's most recent consult and its summary row (None for a consult recorded before
    summaries were stored); None when the case has no consult."""
    consults = list_consults(session, case_id=case_id, limit=1)
    if not consults:
        return None
    return consults[0], session.get(models.ConsultSummary, consults[0].id)


def list_consults(session: Session, *, case_id: str | None = None, limit: int = 100
                  ) -> list[models.Consult]:
    """Most recent first (ties by id)."""
    query = select(models.Consult)
    if case_id is not None:
        query = query.where(models.Consult.case_id == case_id)
    query = query.order_by(models.Consult.created_at.desc(), models.Consult.id.desc()).limit(limit)
    return list(session.execute(query).scalars())
