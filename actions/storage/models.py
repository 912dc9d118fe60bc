"""SQLAlchemy 1.4 models of the knowledge base and the consult log."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class KnowledgeVersion(Base):
    """The kb_version currently loaded in the database (one row); makes sync idempotent."""

    __tablename__ = "knowledge_version"
    id = Column(Integer, primary_key=True)
    kb_version = Column(String(32), nullable=False)
    synced_at = Column(DateTime(timezone=True), nullable=False, default=_now)


class Article(Base):
    __tablename__ = "article"
    id = Column(String(80), primary_key=True)
    title = Column(Text, nullable=False)
    title_stated = Column(Integer, nullable=False, default=1)
    kind = Column(String(80), nullable=False)
    audience = Column(String(20), nullable=False)
    publisher = Column(String(200))
    last_updated = Column(String(10))
    seed_stem = Column(String(80), nullable=False)
    file = Column(String(200), nullable=False)
    references = Column(JSON, nullable=False, default=list)
    passages = relationship("Passage", back_populates="article", order_by="Passage.ordinal",
                            cascade="all, delete-orphan")


class Passage(Base):
    __tablename__ = "passage"
    id = Column(String(100), primary_key=True)
    article_id = Column(String(80), ForeignKey("article.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    ordinal = Column(Integer, nullable=False)
    kind = Column(String(20), nullable=False)
    text = Column(Text, nullable=False)
    article = relationship("Article", back_populates="passages")


class Rule(Base):
    __tablename__ = "rule"
    id = Column(String(100), primary_key=True)
    kind = Column(String(20), nullable=False)
    file = Column(String(200), nullable=False)
    label = Column(Text)
    triage = Column(String(20))
    level = Column(String(40))
    root = Column(String(80))
    condition = Column(String(80))
    clinician = Column(Text, nullable=False)
    patient = Column(Text, nullable=False)
    citations = relationship("Citation", back_populates="rule", order_by="Citation.position",
                             cascade="all, delete-orphan")


class Citation(Base):
    """Link rule -> passage with the verbatim quote."""

    __tablename__ = "citation"
    id = Column(Integer, primary_key=True, autoincrement=True)
    rule_id = Column(String(100), ForeignKey("rule.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    passage_id = Column(String(100), ForeignKey("passage.id", ondelete="CASCADE"), nullable=False,
                        index=True)
    position = Column(Integer, nullable=False)
    quote = Column(Text, nullable=False)
    rule = relationship("Rule", back_populates="citations")
    passage = relationship("Passage")


class Consult(Base):
    """One assessment given to a user: what was known, what fired, which knowledge version."""

    __tablename__ = "consult"
    id = Column(Integer, primary_key=True, autoincrement=True)
    case_id = Column(String(120), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=_now)
    audience = Column(String(20), nullable=False)
    channel = Column(String(40), nullable=False)
    triage = Column(String(20), nullable=False)
    kb_version = Column(String(32), nullable=False)
    findings = Column(JSON, nullable=False)
    rules_fired = Column(JSON, nullable=False)


class ConsultSummary(Base):
    """What a consult's case summary needs, kept beside the consult (issue 14).

    A table of its own, keyed by the consult's id, so databases made before summaries existed keep
    their consult table as it is: ``create_all`` adds this table and old consults simply have no row.
    ``summaries`` holds the structured summary of each audience exactly as it was shown, so a summary
    printed later from the database is the same text; ``screen`` and ``corrections`` are the inputs
    the consult row does not already hold (its findings with the user's words, rules fired and
    kb_version are on the consult).
    """

    __tablename__ = "consult_summary"
    consult_id = Column(Integer, ForeignKey("consult.id", ondelete="CASCADE"), primary_key=True)
    case_id = Column(String(120), nullable=False, index=True)
    format = Column(Integer, nullable=False)
    screen = Column(JSON, nullable=False)
    corrections = Column(JSON, nullable=False)
    summaries = Column(JSON, nullable=False)
