"""Replies built from the engine's output: assessments, "what should I do?", red-flag alerts,
knowledge answers and 'why?' after an answer.

The reply structure and its builder are common/reply.py; every fixed phrase comes from
common/wording/<audience>.yml; every clinical sentence is a rule's wording with its citations.
Patients get a short assessment (triage, what to do first, the top consideration, then "ask 'more'
or 'why?'"); 'more' gives the full one. Clinicians get the full one, led by a one-line summary.
Questions, the red-flag screen and 'why this question?' are in prompts.py.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from actions.dialogue import services
from actions.dialogue.prompts import question_reply  # noqa: F401  (kept here for the channels' tests)
from common.contract import RED_FLAG_CONCEPTS
from common.render.text import render_text
from common.reply import ReplyBuilder, message_reply, yes_no_buttons
from common.wording import say

# Advice kinds shown in a full assessment, in order. Patients see tests and treatment on request
# ("what tests?", "treatment?").
ADVICE_SHOWN = {
    "clinician": ("exam", "imaging", "pitfall", "treatment", "self_care"),
    "patient": ("pitfall", "self_care"),
}
# A patient's reply is at most about this long (README, issue 11).
PATIENT_REPLY_CHARS = 600
MAX_CONSIDERATIONS = {"clinician": 3, "patient": 2}
# A short reply cites each point with its strongest quote only; 'why?' shows them all.
SHORT_CITATIONS = 1

__all__ = ["assessment_reply", "advice_reply", "red_flag_alert_reply", "answer_reply",
           "explanation_reply", "message_reply", "question_reply", "what_to_do"]


def evidence_phrase(item: Mapping, audience: str) -> str:
    """"numbness / sensory loss (dorsum)"; evidence that is a denied finding says so ("no leg pain")."""
    label = item["label"]
    if item.get("status") == "absent":
        label = say(audience, "assessment.absent_finding", label=label)
    parts = [label]
    extras = [v for v in (item.get("laterality"), item.get("site")) if v]
    if extras:
        parts.append(f"({', '.join(e.replace('_', ' ') for e in extras)})")
    return " ".join(parts)


def red_flag_section(builder: ReplyBuilder, red_flags: list[Mapping], audience: str,
                     short: bool = False) -> None:
    """The red flags, first. Short: the first in full, the others by their label."""
    if not red_flags:
        return
    if not short:
        items = [builder.item(flag["text"], flag["citations"]) for flag in red_flags]
    else:
        # The first in full; the others by label, leaving out one whose symptoms an earlier one names.
        rules = services.knowledge().rules_by_id
        items = [builder.item(red_flags[0]["text"], red_flags[0]["citations"][:2])]
        named = set(rules[red_flags[0]["id"]].concepts) & set(RED_FLAG_CONCEPTS)
        for flag in red_flags[1:]:
            concepts = set(rules[flag["id"]].concepts) & set(RED_FLAG_CONCEPTS)
            if concepts and concepts <= named:
                continue
            named |= concepts
            items.append(builder.item(flag["label"], flag["citations"][:SHORT_CITATIONS]))
    builder.section("red_flags", say(audience, "titles.red_flags"), items)


def what_to_do(assessment: Mapping, knowledge=None) -> list[Mapping]:
    """The advice that says what to do at the assessment's triage level (the rules that set it).

    An emergency says only the red flags' "get emergency care now": never also "see a doctor soon".
    ``knowledge``: the one the assessment came from (default: the actions' own).
    """
    if assessment["triage"] == "emergency":
        return []
    rules = (knowledge or services.knowledge()).rules_by_id
    return [a for a in assessment["advice"] if a["kind"] == "self_care"
            and rules[a["rule_id"]].triage == assessment["triage"]]


def _consideration_item(builder: ReplyBuilder, consideration: Mapping, audience: str,
                        short: bool = False) -> dict:
    supporting = [evidence_phrase(e, audience) for e in consideration["supporting"]]
    against = [evidence_phrase(e, audience) for e in consideration["against"]]
    if short:
        entry = builder.item(consideration["label"], consideration["citations"][:SHORT_CITATIONS])
    elif audience == "clinician":
        detail = f"score {consideration['score']:g}"
        if supporting:
            detail += "; " + say(audience, "assessment.because", findings=", ".join(supporting))
        if against:
            detail += "; " + say(audience, "assessment.against", findings=", ".join(against))
        text = consideration["text"]
        if not text.startswith(consideration["label"]):
            text = f"{consideration['label']}: {text}"
        entry = builder.item(text, consideration["citations"], detail)
    else:
        detail = say(audience, "assessment.because", findings=", ".join(supporting)) if supporting else None
        entry = builder.item(consideration["text"], consideration["citations"], detail)
    builder.reply["reasoning"].append({"label": consideration["label"], "for": supporting,
                                       "against": against, "citations": entry["citations"]})
    return entry


def one_line_summary(assessment: Mapping, considered: list[Mapping], audience: str) -> str:
    """"Triage: urgent. Top: L5 radiculopathy. Red flags: none." (a clinician's first line)."""
    flags = ", ".join(f["label"] for f in assessment["red_flags"]) or say(audience, "conversation.none")
    top = considered[0]["label"] if considered else say(audience, "conversation.no_link")
    return say(audience, "conversation.summary", triage=say(audience, f"triage.{assessment['triage']}"),
               top=top, red_flags=flags)


def half_met_section(builder: ReplyBuilder, assessment: Mapping, audience: str, short: bool = False) -> None:
    """Emergency red flags a stated symptom half meets (the rest unanswered), in their own cited words,
    right after the red flags: a result must not read as a plain "not an emergency" for lost bladder
    control whose back or leg symptoms were never said."""
    away = list(assessment.get("red_flags_one_answer_away") or ())[:1 if short else None]
    if away and assessment["triage"] != "emergency":     # an emergency already says what to do
        builder.section("red_flags", say(audience, "conversation.one_answer_away_title"),
                        [builder.item(entry["text"], entry["citations"][:2 if short else None]) for entry in away])


def triage_item(builder: ReplyBuilder, assessment: Mapping, audience: str) -> dict:
    """How urgent; qualified when a red flag is half met and the triage is not already an emergency."""
    line = say(audience, f"triage.{assessment['triage']}")
    if assessment.get("red_flags_one_answer_away") and assessment["triage"] != "emergency":
        line = say(audience, "assessment.half_met", triage=line)
    return builder.item(line)


def notes_sections(builder: ReplyBuilder, audience: str, notes: Iterable[tuple[str, list[dict]]]) -> None:
    """Sections of (title key, items) the conversation adds: corrections, unsure red flags."""
    for title_key, items in notes:
        builder.section("notes", say(audience, title_key), items)


def assessment_reply(assessment: Mapping, audience: str, *, detail: Optional[bool] = None,
                     notes: Iterable = ()) -> dict:
    """The assessment: red flags first, triage, what to do, considerations.

    ``detail`` None: short for patients, full for clinicians. A short reply stays within about 600
    characters; the full one adds every consideration shown, advice and reported diagnoses.
    """
    short = (audience == "patient") if detail is None else not detail
    builder = ReplyBuilder("assessment", audience, say(audience, "titles.assessment"))
    builder.reply["triage"] = assessment["triage"]
    red_flag_section(builder, assessment["red_flags"], audience, short=short)
    half_met_section(builder, assessment, audience, short=short)
    considered = [c for c in assessment["considerations"] if c["score"] > 0][:MAX_CONSIDERATIONS[audience]]
    if audience == "clinician":
        builder.section("summary", None, [builder.item(one_line_summary(assessment, considered, audience))])
    builder.section("triage", None, [triage_item(builder, assessment, audience)])
    todo = what_to_do(assessment)
    if short:
        builder.section("what_to_do", say(audience, "conversation.what_to_do_title"),
                        [builder.item(a["text"], a["citations"][:2]) for a in todo[:1]])
        builder.section("considerations", say(audience, "titles.considerations"),
                        [_consideration_item(builder, c, audience, short=True) for c in considered[:1]])
    else:
        builder.section("what_to_do", say(audience, "conversation.what_to_do_title"),
                        [builder.item(a["text"], a["citations"]) for a in todo])
        builder.section("considerations", say(audience, "titles.considerations"),
                        [_consideration_item(builder, c, audience) for c in considered])
        reported = assessment.get("reported_diagnoses") or []
        builder.section("reported", say(audience, "conversation.reported_title"),
                        [builder.item(f"{r['label']} (\u201c{r['text']}\u201d)") for r in reported])
        _advice_sections(builder, assessment, audience)
    notes_sections(builder, audience, notes)
    if not considered and not assessment["red_flags"]:
        builder.section("text", None, [builder.item(say(audience, "assessment.no_level_yet"))])
    reply = builder.build()
    if short:
        reply["footer"] = f"{say(audience, 'conversation.more_hint')} {say(audience, 'conversation.short_disclaimer')}"
    else:
        reply["footer"] = f"{reply['footer']} {say(audience, 'why_hint')}"
    return reply


def _advice_sections(builder: ReplyBuilder, assessment: Mapping, audience: str) -> None:
    """Advice by kind; a self-care heading only over self-care (what sets a higher level is above)."""
    rules = services.knowledge().rules_by_id
    by_kind: dict[str, list[dict]] = {}
    for advice in assessment["advice"]:
        triage = rules[advice["rule_id"]].triage
        if advice["kind"] == "self_care" and triage != "self-care":
            continue          # shown under "what to do", or left out of an emergency
        if assessment["triage"] == "emergency" and advice["kind"] == "self_care":
            continue          # no self-care next to "get emergency care now"
        by_kind.setdefault(advice["kind"], []).append(advice)
    for kind in ADVICE_SHOWN[audience]:
        builder.section("advice", say(audience, f"advice.{kind}"),
                        [builder.item(a["text"], a["citations"]) for a in by_kind.get(kind, [])])


def advice_reply(assessment: Mapping, audience: str, findings_by_concept: Mapping[str, Mapping],
                 notes: Iterable = (), lead: Optional[str] = None) -> dict:
    """"What should I do?" / "is it serious?": this case's triage, what to do now, and why; ``lead``: a line
    about the question asked, after any red flag. A patient's reply stays within PATIENT_REPLY_CHARS: the
    findings behind it, then the second step, are left out if it would not ("why?" shows them)."""
    notes = list(notes)
    reply = _advice(assessment, audience, findings_by_concept, notes, lead, reasons=not lead, steps=2)
    for reasons, steps in ((False, 2), (False, 1)):
        if audience != "patient" or len(render_text(reply)) <= PATIENT_REPLY_CHARS:
            break
        reply = _advice(assessment, audience, findings_by_concept, notes, lead, reasons=reasons, steps=steps)
    return reply


def _advice(assessment: Mapping, audience: str, findings_by_concept: Mapping[str, Mapping], notes: list,
            lead: Optional[str], reasons: bool, steps: int) -> dict:
    builder = ReplyBuilder("assessment", audience, say(audience, "conversation.advice_title"))
    builder.reply["triage"] = assessment["triage"]
    red_flag_section(builder, assessment["red_flags"], audience, short=audience == "patient")
    if lead:
        builder.section("text", None, [builder.item(lead)])
    half_met_section(builder, assessment, audience, short=audience == "patient")
    builder.section("triage", None, [triage_item(builder, assessment, audience)])
    todo = what_to_do(assessment)
    knowledge = services.knowledge()
    setting = [knowledge.rules_by_id[f["id"]] for f in assessment["red_flags"]] or \
        [knowledge.rules_by_id[a["rule_id"]] for a in todo]
    if todo:
        builder.section("what_to_do", say(audience, "conversation.what_to_do_title"),
                        [builder.item(a["text"], a["citations"]) for a in todo[:steps]])
    elif not assessment["red_flags"]:
        builder.section("text", None, [builder.item(say(audience, "conversation.no_specific_step"))])
    if assessment["triage"] != "emergency" and not assessment.get("red_flags_one_answer_away"):
        # "do I need A&E?", "can it wait?": not now, unless one of the sources' red flags starts (cited); red
        # flags not sure or not answered are said in its title rather than listed again (patients)
        unsure = audience == "patient" and any(key in _UNSURE_NOTES for key, _ in notes)
        notes = [(key, items) for key, items in notes if not (unsure and key in _UNSURE_NOTES)]
        title = "conversation.safety_net_unsure_title" if unsure else "conversation.safety_net_title"
        builder.section("text", say(audience, title), [builder.item(
            say(audience, "conversation.safety_net"),
            [c.to_dict() for rule in knowledge.red_flag_rules() for c in rule.citations[:1]])])
    behind = []
    for rule in setting:
        for concept in sorted(rule.concepts, key=list(knowledge.concepts).index):
            finding = findings_by_concept.get(concept)
            label = knowledge.concepts[concept].label(audience)
            if finding and finding.get("status") == "present" and label not in behind:
                behind.append(label)
    if behind and reasons:
        builder.section("text", None, [builder.item(say(audience, "assessment.because", findings=", ".join(behind)))])
    notes_sections(builder, audience, notes)
    reply = builder.build()
    reply["footer"] = f"{say(audience, 'why_hint')} {say(audience, 'conversation.short_disclaimer')}"
    return reply


_UNSURE_NOTES = ("conversation.not_sure_title", "conversation.unanswered_title")


def level_reply(assessment: Mapping, audience: str) -> dict:
    """"What level is it?" for this case: for the top two considerations, the level or nerve their rule
    names, or that the sources name none for it (each cited)."""
    def level(consideration: Mapping) -> str:
        where = consideration.get("level") or consideration.get("root")
        return say(audience, "conversation.level_named" if where else "conversation.level_not_named",
                   label=consideration["label"], where=where or "")
    return _considerations_answer(assessment, audience, "conversation.level_title", 2, level)


def cause_reply(assessment: Mapping, audience: str, lead: Optional[str] = None) -> dict:
    """"Is it my back or my diabetes?": the top considerations of this case in order, each with the findings
    behind it (cited); the sources' words decide, not the question's. ``lead``: said first ("the sources do
    not mention gout")."""
    def cause(consideration: Mapping) -> str:
        behind = list(dict.fromkeys(s["label"] if s.get("status", "present") == "present" else f"no {s['label']}"
                                    for s in consideration.get("supporting") or [] if s.get("status") != "uncertain"))
        return say(audience, "conversation.cause_item", label=consideration["label"], findings=", ".join(behind)) \
            if behind else consideration["label"]
    return _considerations_answer(assessment, audience, "conversation.cause_title", 3, cause, lead)


def _considerations_answer(assessment: Mapping, audience: str, title: str, count: int, line,
                           lead: Optional[str] = None) -> dict:
    """An answer about the case: one line per top consideration (``line`` words it), cited by its rule."""
    builder = ReplyBuilder("answer", audience, say(audience, title))
    if lead:
        builder.section("text", None, [builder.item(lead)])
    rules = services.knowledge().rules_by_id
    items = [builder.item(line(c), [citation.to_dict() for citation in rules[c["id"]].citations[:1]])
             for c in [c for c in assessment["considerations"] if c["score"] > 0][:count]]
    builder.section("answer", None, items or [builder.item(say(audience, "conversation.no_link"))])
    reply = builder.build()
    reply["footer"] = f"{say(audience, 'why_hint')} {say(audience, 'conversation.short_disclaimer')}"
    return reply


def no_case_advice_reply(red_flag_rules, audience: str) -> dict:
    """"Is it serious?" with no case yet: what Radix needs, and the red flags (cited)."""
    builder = ReplyBuilder("answer", audience, say(audience, "topics.ask_red_flags"))
    builder.section("text", None, [builder.item(say(audience, "conversation.no_case_advice"))])
    builder.section("red_flags", None, [builder.item(rule.display_label(audience),
                                                     [c.to_dict() for c in rule.citations[:SHORT_CITATIONS]])
                                        for rule in red_flag_rules])
    reply = builder.build()
    reply["footer"] = f"{say(audience, 'why_hint')} {say(audience, 'conversation.short_disclaimer')}"
    return reply


def red_flag_alert_reply(red_flags: list[Mapping], audience: str, triage: str, in_interview: bool,
                         go_now: bool = False) -> dict:
    """Urgent guidance that interrupts whatever was going on; ``go_now``: it answers "should I go / call
    now?", so "do not wait" comes first."""
    builder = ReplyBuilder("red_flag_alert", audience, say(audience, "titles.urgent"))
    builder.reply["triage"] = triage
    if go_now:
        builder.section("text", None, [builder.item(say(audience, "conversation.go_now"))])
    red_flag_section(builder, red_flags, audience, short=audience == "patient")
    if in_interview:
        builder.section("question", None, [builder.item(say(audience, "interview.continue_after_red_flag"))])
        builder.reply["buttons"] = yes_no_buttons(audience, with_unsure=False)
    return builder.build()


def answer_reply(items: list[Mapping], audience: str, title: str, more: bool = False) -> dict:
    """A direct question answered from the knowledge; ``more``: further items are a 'more' away."""
    builder = ReplyBuilder("answer", audience, title)
    builder.section("answer", None, [builder.item(i["text"], i["citations"]) for i in items])
    if not items:
        builder.section("text", None, [builder.item(say(audience, "messages.not_in_sources"))])
    reply = builder.build()
    if items:
        hint = say(audience, "conversation.more_items" if more else "why_hint")
        reply["footer"] = f"{hint} {say(audience, 'conversation.short_disclaimer')}"
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
    quotes(builder, audience)
    return builder.build()


def quotes(builder: ReplyBuilder, audience: str) -> None:
    """Every citation of the reply so far as its exact words with the article's title."""
    builder.section("quotes", say(audience, "titles.quotes"), [
        {"text": f"\u201c{c['quote']}\u201d", "detail": c["title"], "citations": [c["n"]]}
        for c in builder.reply["citations"]
    ])

