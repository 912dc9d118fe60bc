"""A case's consult record and its summary, in the conversation (issue 14).

Every delivered assessment records a consult with both audiences' summaries (``summary_record``,
services.save_consult). "summary", "note", "write it up" and the Summary button show the summary of
the case's latest consult when nothing changed since (same findings with the same words, screen
answers, corrections and knowledge), else record a new consult first. The summary shown is read back
from the database, so `radix case show CASE_ID` prints the same text later.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Mapping, Optional

from actions.dialogue import services, state, summary
from actions.dialogue.turn import Turn, send
from actions.storage import latest_consult
from common.timings import stage
from common.wording import say

logger = logging.getLogger(__name__)


def summary_record(turn: Turn, assessment: Mapping, now: Optional[datetime] = None) -> dict:
    """What the consult record keeps for the summary: the screen answers and corrections (the
    consult row holds the findings, rules fired and kb_version) and both audiences' summaries."""
    created = now or datetime.now(timezone.utc)
    screen = summary.screen_answers(assessment["findings"], turn.screened, turn.checked, turn.screen_answered)
    corrections = list(turn.corrections)
    summaries = summary.build_summaries(
        case_id=turn.ensure_case_id(), date=summary.summary_date(created), findings=assessment["findings"],
        screen=screen, corrections=corrections, knowledge=turn.knowledge)
    return {"created_at": created, "screen": screen, "corrections": corrections, "summaries": summaries}


def record_assessment(turn: Turn, assessment: Mapping) -> None:
    """The consult of a delivered assessment, with its summary (a failure is logged, not shown)."""
    with stage("actions: case summary (build)"):
        record = summary_record(turn, assessment)
    with stage("actions: consult record write"):
        services.save_consult(case_id=turn.ensure_case_id(), assessment=assessment, audience=turn.audience,
                              channel=turn.channel, summary=record, created_at=record["created_at"])


def _unchanged(consult, stored, assessment: Mapping, record: Mapping) -> bool:
    return stored is not None and consult.kb_version == assessment["kb_version"] \
        and consult.findings == assessment["findings"] and stored.screen == record["screen"] \
        and stored.corrections == record["corrections"]


def recorded_summaries(turn: Turn, assessment: Mapping) -> dict:
    """{audience: summary} as the database holds it for this case now (recorded first if the case
    changed since its last consult). Without a database, the summaries just built (logged)."""
    record = summary_record(turn, assessment)
    case_id = turn.ensure_case_id()
    try:
        with services.sessions()() as session:
            latest = latest_consult(session, case_id)
            if latest is None or not _unchanged(*latest, assessment, record):
                services.record_assessment(session, case_id=case_id, assessment=assessment,
                                           audience=turn.audience, channel=turn.channel, summary=record,
                                           created_at=record["created_at"])
                session.expire_all()     # read back what the database holds, not what was handed to it
                latest = latest_consult(session, case_id)
            return dict(latest[1].summaries)
    except Exception:  # the user still gets the summary; the failure is in the server log
        logger.exception("Could not record the summary of case %s", case_id)
        return record["summaries"]


def deliver_summary(dispatcher, turn: Turn, assessment: Mapping) -> None:
    """The case summary in the audience's wording; 'why?' after it gives its quotes. Asked as what to tell the
    paramedics or the doctor ("handover"), it says so first."""
    reply = recorded_summaries(turn, assessment)[turn.audience]
    if turn.reading.get("handover"):
        lead = {"kind": "text", "title": None, "items": [
            {"text": say(turn.audience, "conversation.handover_lead"), "citations": []}]}
        reply = {**reply, "sections": [lead] + list(reply["sections"])}
    send(dispatcher, reply)
    turn.set(state.PENDING_QUESTION_SLOT, None)
    turn.set(state.AFTER_SCREEN_SLOT, None)
    turn.set(state.LAST_REPLY_SLOT, reply)
    turn.set(state.ANNOUNCED_RED_FLAGS_SLOT,
             sorted(set(turn.announced) | {f["id"] for f in assessment["red_flags"]}))
