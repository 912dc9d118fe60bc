"""Storage (the database copy of the knowledge, consult records) with SQLite in tmp_path."""

from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, func, inspect, select

from actions.engine import load_knowledge
from actions.storage import (current_kb_version, latest_consult, list_consults, make_session_factory,
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


# ---- consult summaries (issue 14) ------------------------------------------------------------

def summary_record(case_id="c1"):
    """A consult's summary record shaped as actions/dialogue/case_record.py writes it."""
    from actions.dialogue.summary import build_summaries, screen_answers

    findings = [{"concept": "foot_drop", "status": "present", "laterality": "right", "text": "R foot drop"},
                {"concept": "bladder_dysfunction", "status": "absent", "text": "no to all"}]
    screen = screen_answers(findings, ["bladder_dysfunction"], [], ["bladder_dysfunction"])
    summaries = build_summaries(case_id=case_id, date="2026-11-24 09:30 UTC", findings=findings, screen=screen,
                                corrections=[], knowledge=load_knowledge())
    return findings, {"screen": screen, "corrections": [], "summaries": summaries}


def test_a_consult_is_recorded_with_its_summary_and_read_back_as_it_was(tmp_path):
    url = f"sqlite:///{tmp_path / 'summaries.db'}"
    findings, record = summary_record()
    with make_session_factory(url)() as session:
        record_consult(session, case_id="c1", findings=findings, rules_fired=["r"], triage="urgent",
                       kb_version="v1", audience="clinician", channel="slack", summary=record)
    with make_session_factory(url)() as fresh:         # another session: nothing cached
        consult, stored = latest_consult(fresh, "c1")
    assert consult.findings == findings and consult.kb_version == "v1" and consult.rules_fired == ["r"]
    assert stored.consult_id == consult.id and stored.case_id == "c1" and stored.format == 1
    assert stored.screen == record["screen"] and stored.summaries == record["summaries"]


def test_the_latest_consult_of_a_case_is_the_one_shown(session):
    findings, record = summary_record()
    for triage in ("routine", "urgent"):
        record_consult(session, case_id="c1", findings=findings, rules_fired=[], triage=triage, kb_version="v",
                       audience="patient", channel="web", summary=record)
    record_consult(session, case_id="other", findings=[], rules_fired=[], triage="routine", kb_version="v",
                   audience="patient", channel="web")
    consult, stored = latest_consult(session, "c1")
    assert consult.triage == "urgent" and stored.consult_id == consult.id
    assert latest_consult(session, "nobody") is None
    assert latest_consult(session, "other")[1] is None


def test_a_summary_needs_both_audiences(session):
    findings, record = summary_record()
    record["summaries"].pop("patient")
    with pytest.raises(ValueError, match="one summary per audience"):
        record_consult(session, case_id="c1", findings=findings, rules_fired=[], triage="urgent", kb_version="v",
                       audience="clinician", channel="slack", summary=record)
    assert count(session, models.Consult) == 0


def test_a_database_made_before_summaries_gains_their_table_and_keeps_its_consults(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url, future=True)
    old_tables = [t for t in models.Base.metadata.sorted_tables if t.name != "consult_summary"]
    models.Base.metadata.create_all(engine, tables=old_tables)
    with engine.begin() as connection:
        connection.execute(models.Consult.__table__.insert().values(
            case_id="old", created_at=datetime(2026, 1, 2, tzinfo=timezone.utc), audience="patient", channel="web",
            triage="routine", kb_version="v0", findings=[{"concept": "foot_pain"}], rules_fired=[]))
    engine.dispose()
    assert "consult_summary" not in inspect(create_engine(url)).get_table_names()

    with make_session_factory(url)() as session:
        assert "consult_summary" in inspect(session.get_bind()).get_table_names()
        consult, stored = latest_consult(session, "old")
        assert consult.findings == [{"concept": "foot_pain"}] and stored is None
        findings, record = summary_record("new")
        record_consult(session, case_id="new", findings=findings, rules_fired=[], triage="urgent",
                       kb_version="v1", audience="clinician", channel="slack", summary=record)
        assert latest_consult(session, "new")[1].summaries == record["summaries"]
