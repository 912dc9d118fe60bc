"""Channel-neutral replies: what Radix says, as data, built from the engine's output.

Actions build one reply dict per answer; renderers (bot/render/) turn it into plain text,
Slack Block Kit, SMS segments or the web widget's HTML without changing its content.

A reply:
    {"type": "assessment" | "question" | "red_flag_alert" | "answer" | "explanation" | "message",
     "audience": "clinician" | "patient",
     "triage": "emergency" | "urgent" | "routine" | "self-care" | None,
     "title": str | None,
     "sections": [{"kind": str, "title": str | None,
                   "items": [{"text": str, "detail": str | None, "citations": [int, ...]}]}],
     "citations": [{"n": int, "article_id", "title", "quote", "passage_id"}],
     "buttons": [{"title": str, "payload": str}],
     "reasoning": [{"label", "for": [str], "against": [str], "citations": [int]}],
     "footer": str | None}
Every clinical sentence in a reply comes from a rule's wording and carries the numbers of
the citations (article + verbatim quote) that support it.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

PATIENT_DISCLAIMER = "Radix supports decisions; it does not diagnose. Only a clinician who examines you can."
CLINICIAN_DISCLAIMER = "Decision support from the cited articles, not a diagnosis."
WHY_HINT = {"clinician": "Ask 'why?' for the reasoning and the exact quotes.",
            "patient": "Ask 'why?' to see the reasons and the sources."}

YES_NO_BUTTONS = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No", "payload": "/deny"},
    {"title": "Not sure", "payload": "/unsure"},
]

TRIAGE_TITLES = {
    "clinician": {
        "emergency": "Triage: EMERGENCY",
        "urgent": "Triage: urgent",
        "routine": "Triage: routine",
        "self-care": "Triage: self-care",
    },
    "patient": {
        "emergency": "How urgent: EMERGENCY",
        "urgent": "How urgent: soon",
        "routine": "How urgent: not an emergency",
        "self-care": "How urgent: not an emergency",
    },
}

ADVICE_TITLES = {
    "clinician": {"exam": "Discriminating exam", "imaging": "Imaging / workup",
                  "treatment": "Treatment", "pitfall": "Pitfalls", "self_care": "Self-care"},
    "patient": {"exam": "What a doctor may check", "imaging": "Tests a doctor may order",
                "treatment": "Treatment options", "pitfall": "Good to know",
                "self_care": "What you can do"},
}
# Advice kinds the audience is shown after an assessment, in order. Patients get a short
# reply (what to do); tests and treatment are a question away ("what tests?", "treatment?").
ADVICE_SHOWN = {
    "clinician": ("exam", "imaging", "pitfall", "treatment", "self_care"),
    "patient": ("self_care",),
}
MAX_CONSIDERATIONS = {"clinician": 3, "patient": 2}
# A rule may rest on many quotes; an item shows its strongest (first listed) ones so a reply
# stays readable. 'why?' lists every quote shown.
MAX_CITATIONS_PER_ITEM = 3


class ReplyBuilder:
    def __init__(self, reply_type: str, audience: str, title: Optional[str] = None):
        self.reply = {
            "type": reply_type, "audience": audience, "triage": None, "title": title,
            "sections": [], "citations": [], "buttons": [], "reasoning": [], "footer": None,
        }
        self._numbers: dict[tuple, int] = {}

    def cite(self, citations: Iterable[Mapping]) -> list[int]:
        """Numbers for these citations, reusing a number for a quote already cited."""
        numbers = []
        for citation in citations:
            key = (citation["article_id"], citation["quote"])
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self.reply["citations"].append({"n": self._numbers[key], **dict(citation)})
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
        return numbers

    def section(self, kind: str, title: Optional[str], items: list[dict]) -> None:
        if items:
            self.reply["sections"].append({"kind": kind, "title": title, "items": items})

    def item(self, text: str, citations: Iterable[Mapping] = (), detail: Optional[str] = None) -> dict:
        shown = list(citations)[:MAX_CITATIONS_PER_ITEM]
        return {"text": text, "detail": detail, "citations": self.cite(shown)}

    def build(self) -> dict:
        audience = self.reply["audience"]
        if self.reply["footer"] is None:
            self.reply["footer"] = PATIENT_DISCLAIMER if audience == "patient" else CLINICIAN_DISCLAIMER
        return self.reply


def _evidence_phrase(item: Mapping) -> str:
    parts = [item["label"]]
    extras = [v for v in (item.get("laterality"), item.get("site")) if v]
    if extras:
        parts.append(f"({', '.join(e.replace('_', ' ') for e in extras)})")
    return " ".join(parts)


def red_flag_section(builder: ReplyBuilder, red_flags: list[Mapping], audience: str) -> None:
    title = "Red flags: act now" if audience == "clinician" else "Urgent: get medical help now"
    builder.section(
        "red_flags", title, [builder.item(flag["text"], flag["citations"]) for flag in red_flags]
    )


def assessment_reply(assessment: Mapping, audience: str) -> dict:
    """The full assessment: red flags first, triage, considerations, advice."""
    builder = ReplyBuilder("assessment", audience, "Assessment")
    builder.reply["triage"] = assessment["triage"]
    red_flag_section(builder, assessment["red_flags"], audience)
    builder.section("triage", None, [builder.item(TRIAGE_TITLES[audience][assessment["triage"]])])

    considered = [c for c in assessment["considerations"] if c["score"] > 0][:MAX_CONSIDERATIONS[audience]]
    items = []
    for consideration in considered:
        supporting = [_evidence_phrase(e) for e in consideration["supporting"]]
        against = [_evidence_phrase(e) for e in consideration["against"]]
        if audience == "clinician":
            detail = f"score {consideration['score']:g}"
            if supporting:
                detail += "; for: " + ", ".join(supporting)
            if against:
                detail += "; against: " + ", ".join(against)
            text = consideration["text"]
            if not text.startswith(consideration["label"]):
                text = f"{consideration['label']}: {text}"
        else:
            detail = ("Because you mentioned: " + ", ".join(supporting)) if supporting else None
            text = consideration["text"]
        entry = builder.item(text, consideration["citations"], detail)
        items.append(entry)
        builder.reply["reasoning"].append(
            {"label": consideration["label"], "for": supporting, "against": against,
             "citations": entry["citations"]}
        )
    title = "Considerations (ranked)" if audience == "clinician" else "What this may be linked to"
    builder.section("considerations", title, items)

    by_kind: dict[str, list[dict]] = {}
    for advice in assessment["advice"]:
        by_kind.setdefault(advice["kind"], []).append(advice)
    for kind in ADVICE_SHOWN[audience]:
        builder.section(
            "advice", ADVICE_TITLES[audience][kind],
            [builder.item(a["text"], a["citations"]) for a in by_kind.get(kind, [])],
        )
    if not considered and not assessment["red_flags"]:
        builder.section("text", None, [builder.item(
            "From what you have told me, the source articles do not point to a spinal level yet."
        )])
    reply = builder.build()
    reply["footer"] = f"{reply['footer']} {WHY_HINT[audience]}"
    return reply


def red_flag_alert_reply(red_flags: list[Mapping], audience: str, triage: str, in_interview: bool) -> dict:
    """Urgent guidance that interrupts whatever was going on."""
    builder = ReplyBuilder("red_flag_alert", audience, "Urgent")
    builder.reply["triage"] = triage
    red_flag_section(builder, red_flags, audience)
    if in_interview:
        question = ("Continue the remaining questions?" if audience == "clinician"
                    else "Get help first. Do you still want to go on with my questions?")
        builder.section("question", None, [builder.item(question)])
        builder.reply["buttons"] = YES_NO_BUTTONS[:2]
    return builder.build()


def question_reply(question: str, audience: str, number: int) -> dict:
    builder = ReplyBuilder("question", audience)
    builder.section("question", f"Question {number}", [builder.item(question)])
    builder.reply["buttons"] = list(YES_NO_BUTTONS)
    builder.reply["footer"] = ("Answer yes/no, or in your own words. Say 'result' any time."
                               if audience == "patient" else "Yes/no or free text; 'result' to stop.")
    return builder.reply


def answer_reply(items: list[Mapping], audience: str, title: str) -> dict:
    """A direct question answered from the knowledge base."""
    builder = ReplyBuilder("answer", audience, title)
    builder.section("answer", None, [builder.item(i["text"], i["citations"]) for i in items])
    if not items:
        builder.section("text", None, [builder.item(
            "The source articles Radix uses do not answer that. I only say what they support."
        )])
    reply = builder.build()
    if items:
        reply["footer"] = f"{reply['footer']} {WHY_HINT[audience]}"
    return reply


def explanation_reply(previous: Optional[Mapping], audience: str) -> dict:
    """'why?' / 'source?': the findings for and against and the verbatim quotes behind the last answer."""
    builder = ReplyBuilder("explanation", audience, "Why, and the sources")
    if not previous or not previous.get("citations"):
        builder.section("text", None, [builder.item(
            "There is nothing to explain yet: describe the symptoms or ask a question first."
        )])
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
    builder.section("reasoning", "Findings for and against", items)
    builder.section("quotes", "Sources (exact words)", [
        {"text": f"\u201c{c['quote']}\u201d", "detail": c["title"], "citations": [c["n"]]}
        for c in builder.reply["citations"]
    ])
    return builder.build()


def message_reply(text: str, audience: str, buttons: Optional[list] = None) -> dict:
    builder = ReplyBuilder("message", audience)
    builder.section("text", None, [builder.item(text)])
    builder.reply["buttons"] = buttons or []
    builder.reply["footer"] = ""
    return builder.reply
