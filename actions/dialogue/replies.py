"""Replies built from the engine's output: assessments, red-flag alerts, questions, answers, 'why?'.

The reply structure and its builder are common/reply.py; every fixed phrase comes from
common/wording/<audience>.yml; every clinical sentence is a rule's wording with its citations.
"""
from __future__ import annotations

from typing import Mapping, Optional

from common.reply import ReplyBuilder, message_reply, yes_no_buttons
from common.wording import say

# Advice kinds the audience is shown after an assessment, in order. Patients get a short
# reply (what to do); tests and treatment are a question away ("what tests?", "treatment?").
ADVICE_SHOWN = {
    "clinician": ("exam", "imaging", "pitfall", "treatment", "self_care"),
    "patient": ("self_care",),
}
MAX_CONSIDERATIONS = {"clinician": 3, "patient": 2}

__all__ = ["assessment_reply", "red_flag_alert_reply", "question_reply", "answer_reply",
           "explanation_reply", "message_reply"]


def _evidence_phrase(item: Mapping) -> str:
    parts = [item["label"]]
    extras = [v for v in (item.get("laterality"), item.get("site")) if v]
    if extras:
        parts.append(f"({', '.join(e.replace('_', ' ') for e in extras)})")
    return " ".join(parts)


def red_flag_section(builder: ReplyBuilder, red_flags: list[Mapping], audience: str) -> None:
    builder.section("red_flags", say(audience, "titles.red_flags"),
                    [builder.item(flag["text"], flag["citations"]) for flag in red_flags])


def _consideration_item(builder: ReplyBuilder, consideration: Mapping, audience: str) -> dict:
    supporting = [_evidence_phrase(e) for e in consideration["supporting"]]
    against = [_evidence_phrase(e) for e in consideration["against"]]
    if audience == "clinician":
        detail = f"score {consideration['score']:g}"
        if supporting:
            detail += "; " + say(audience, "assessment.because", findings=", ".join(supporting))
        if against:
            detail += "; " + say(audience, "assessment.against", findings=", ".join(against))
        text = consideration["text"]
        if not text.startswith(consideration["label"]):
            text = f"{consideration['label']}: {text}"
    else:
        detail = say(audience, "assessment.because", findings=", ".join(supporting)) if supporting else None
        text = consideration["text"]
    entry = builder.item(text, consideration["citations"], detail)
    builder.reply["reasoning"].append({"label": consideration["label"], "for": supporting,
                                       "against": against, "citations": entry["citations"]})
    return entry


def assessment_reply(assessment: Mapping, audience: str) -> dict:
    """The full assessment: red flags first, triage, considerations, advice."""
    builder = ReplyBuilder("assessment", audience, say(audience, "titles.assessment"))
    builder.reply["triage"] = assessment["triage"]
    red_flag_section(builder, assessment["red_flags"], audience)
    builder.section("triage", None, [builder.item(say(audience, f"triage.{assessment['triage']}"))])

    considered = [c for c in assessment["considerations"] if c["score"] > 0][:MAX_CONSIDERATIONS[audience]]
    builder.section("considerations", say(audience, "titles.considerations"),
                    [_consideration_item(builder, c, audience) for c in considered])

    by_kind: dict[str, list[dict]] = {}
    for advice in assessment["advice"]:
        by_kind.setdefault(advice["kind"], []).append(advice)
    for kind in ADVICE_SHOWN[audience]:
        builder.section("advice", say(audience, f"advice.{kind}"),
                        [builder.item(a["text"], a["citations"]) for a in by_kind.get(kind, [])])
    if not considered and not assessment["red_flags"]:
        builder.section("text", None, [builder.item(say(audience, "assessment.no_level_yet"))])
    reply = builder.build()
    reply["footer"] = f"{reply['footer']} {say(audience, 'why_hint')}"
    return reply


def red_flag_alert_reply(red_flags: list[Mapping], audience: str, triage: str, in_interview: bool) -> dict:
    """Urgent guidance that interrupts whatever was going on."""
    builder = ReplyBuilder("red_flag_alert", audience, say(audience, "titles.urgent"))
    builder.reply["triage"] = triage
    red_flag_section(builder, red_flags, audience)
    if in_interview:
        builder.section("question", None, [builder.item(say(audience, "interview.continue_after_red_flag"))])
        builder.reply["buttons"] = yes_no_buttons(audience, with_unsure=False)
    return builder.build()


def question_reply(question: str, audience: str, number: int) -> dict:
    builder = ReplyBuilder("question", audience)
    builder.section("question", say(audience, "titles.question", number=number), [builder.item(question)])
    builder.reply["buttons"] = yes_no_buttons(audience)
    builder.reply["footer"] = say(audience, "interview.question_footer")
    return builder.reply


def answer_reply(items: list[Mapping], audience: str, title: str) -> dict:
    """A direct question answered from the knowledge."""
    builder = ReplyBuilder("answer", audience, title)
    builder.section("answer", None, [builder.item(i["text"], i["citations"]) for i in items])
    if not items:
        builder.section("text", None, [builder.item(say(audience, "messages.not_in_sources"))])
    reply = builder.build()
    if items:
        reply["footer"] = f"{reply['footer']} {say(audience, 'why_hint')}"
    return reply


def explanation_reply(previous: Optional[Mapping], audience: str) -> dict:
    """'why?' / 'source?': the findings for and against and the verbatim quotes behind the last answer."""
    builder = ReplyBuilder("explanation", audience, say(audience, "titles.explanation"))
    if not previous or not previous.get("citations"):
        builder.section("text", None, [builder.item(say(audience, "messages.nothing_to_explain"))])
        return builder.build()
    numbers = {}
    for citation in previous["citations"]:
        fields = {k: v for k, v in citation.items() if k != "n"}
        numbers[citation["n"]] = builder.cite([fields])[0]
    items = []
    for reason in previous.get("reasoning", []):
        lines = []
        if reason["for"]:
            lines.append("for: " + ", ".join(reason["for"]))
        if reason["against"]:
            lines.append("against: " + ", ".join(reason["against"]))
        items.append({"text": reason["label"], "detail": "; ".join(lines) or None,
                      "citations": [numbers[n] for n in reason["citations"]]})
    builder.section("reasoning", say(audience, "titles.reasoning"), items)
    builder.section("quotes", say(audience, "titles.quotes"), [
        {"text": f"\u201c{c['quote']}\u201d", "detail": c["title"], "citations": [c["n"]]}
        for c in builder.reply["citations"]
    ])
    return builder.build()
