"""Storage (the database copy of the knowledge, consult records) with SQLite in tmp_path."""

import pytest
from sqlalchemy import func, select

from actions.engine import load_knowledge
from actions.storage import (current_kb_version, list_consults, make_session_factory,
                        record_consult, sync_knowledge)
from actions.storage import models


@pytest.fixture
def session(tmp_path):
    factory = make_session_factory(f"sqlite:///{tmp_path / 'kb.db'}")
    with factory() as session:
        yield session


def count(session, model):
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_sync_writes_corpus_and_rules_and_is_idempotent(session):
    knowledge = load_knowledge()
    assert sync_knowledge(session, knowledge) is True
    assert current_kb_version(session) == knowledge.kb_version
    assert count(session, models.Article) == 5
    assert count(session, models.Passage) == len(knowledge.passages)
    assert count(session, models.Rule) == len(knowledge.rules)
    citations = count(session, models.Citation)
    assert citations == sum(len(r.citations) for r in knowledge.rules)
    assert sync_knowledge(session, knowledge) is False
    assert count(session, models.Citation) == citations


def test_stored_citation_links_rule_to_passage(session):
    sync_knowledge(session, load_knowledge())
    rule = session.get(models.Rule, "red_flag_saddle_sensory_loss")
    assert rule.kind == "red_flag" and rule.triage == "emergency"
    first = rule.citations[0]
    assert first.passage.id == "lower-back-pain-foot-pain:p20"
    assert first.passage.text == "Sudden loss of sensation in the groin or saddle area."
    article = session.get(models.Article, "droracle-t12l1-l1l2")
    assert article.last_updated == "2025-12-31" and len(article.references) == 2
    assert [p.ordinal for p in article.passages][:3] == [1, 2, 3]


def test_resync_after_knowledge_change_replaces_rows(session):
    knowledge = load_knowledge()
    sync_knowledge(session, knowledge)
    session.execute(models.KnowledgeVersion.__table__.update().values(kb_version="old"))
    session.commit()
    assert sync_knowledge(session, knowledge) is True
    assert count(session, models.Rule) == len(knowledge.rules)
    assert count(session, models.KnowledgeVersion) == 1


def test_record_and_list_consults(session):
    record_consult(session, case_id="slack:C1:T1", findings=[{"concept": "foot_pain"}],
                   rules_fired=["self_care_initial"], triage="self-care", kb_version="abc",
                   audience="patient", channel="web")
    record_consult(session, case_id="slack:C1:T2", findings=[], rules_fired=[],
                   triage="routine", kb_version="abc", audience="clinician", channel="slack")
    consults = list_consults(session)
    assert [c.case_id for c in consults] == ["slack:C1:T2", "slack:C1:T1"]
    only = list_consults(session, case_id="slack:C1:T1")
    assert len(only) == 1 and only[0].findings == [{"concept": "foot_pain"}]
    assert only[0].rules_fired == ["self_care_initial"]


@pytest.mark.parametrize("kwargs, message", [
    ({"case_id": ""}, "case_id"),
    ({"audience": "robot"}, "audience"),
    ({"triage": "whenever"}, "triage"),
])
def test_record_consult_rejects_bad_values(session, kwargs, message):
    values = dict(case_id="c", findings=[], rules_fired=[], triage="routine", kb_version="v",
                  audience="patient", channel="web")
    values.update(kwargs)
    with pytest.raises(ValueError, match=message):
        record_consult(session, **values)
