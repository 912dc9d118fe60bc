"""Replies that ask: interview questions, red-flag checks, the combined red-flag screen, and
'why this question?' during the interview. Also the short "Noted: ..." lines that show the user
what Radix understood or changed. Fixed phrases: common/wording/<audience>.yml, section
``conversation``; quotes come from the rules' citations.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional

from common.reply import ReplyBuilder, yes_no_buttons
from common.wording import say

STATUS_KEYS = {"present": "conversation.status_present", "absent": "conversation.status_absent",
               "uncertain": "conversation.status_uncertain"}
SIDE_KEYS = {"left": "conversation.side_left", "right": "conversation.side_right",
             "bilateral": "conversation.side_bilateral"}


def finding_phrase(finding: Mapping, knowledge, audience: str, words: Optional[str] = None) -> str:
    """"numbness: yes (left, bottom of the foot)", "back pain: no" — with the user's own words when
    they hedged ("tingling: yes (\u201con and off\u201d)")."""
    label = knowledge.concepts[finding["concept"]].label(audience)
    extras = []
    if finding.get("laterality"):
        extras.append(say(audience, SIDE_KEYS[finding["laterality"]]))
    if finding.get("site"):
        extras.append(knowledge.site_label(finding["site"], audience))
    if words:
        extras.append(f"\u201c{words}\u201d")
    phrase = say(audience, "conversation.finding", label=label, status=say(audience, STATUS_KEYS[finding["status"]]))
    return f"{phrase} ({', '.join(extras)})" if extras else phrase


def change_phrase(change: Mapping, knowledge, audience: str) -> str:
    keys = STATUS_KEYS if change["field"] == "status" else SIDE_KEYS
    if change["before"] is None:      # a side added: "numbness: left"
        return say(audience, "conversation.finding", label=knowledge.concepts[change["concept"]].label(audience),
                   status=say(audience, keys[change["after"]]))
    return say(audience, "conversation.change", label=knowledge.concepts[change["concept"]].label(audience),
               before=say(audience, keys[change["before"]]), after=say(audience, keys[change["after"]]))


def turn_notes(read: Mapping, slots: Mapping, knowledge, audience: str, skip: Iterable[str] = ()) -> list[str]:
    """What the user just told, as Radix understood it: changes first, then other findings noted."""
    lines = []
    changes = read.get("changes") or []
    if changes:
        lines.append(say(audience, "conversation.changed",
                         items="; ".join(change_phrase(c, knowledge, audience) for c in changes)))
    changed = {c["concept"] for c in changes}
    hedge = read.get("hedge")
    noted = []
    for concept in list(read.get("stated") or []) + ([read["answered"]] if read.get("answered") else []):
        if concept in changed or concept in skip or not slots.get(concept) or concept in [n[0] for n in noted]:
            continue
        words = hedge if concept == read.get("answered") else None
        noted.append((concept, finding_phrase({**slots[concept], "concept": concept}, knowledge, audience, words)))
    if noted:
        lines.append(say(audience, "conversation.noted", items="; ".join(phrase for _, phrase in noted)))
    return lines


def understood(findings: list[Mapping], knowledge, audience: str) -> str:
    if not findings:
        return say(audience, "conversation.understood_nothing")
    return say(audience, "conversation.understood",
               items="; ".join(finding_phrase(f, knowledge, audience) for f in findings))


def _lines(builder: ReplyBuilder, lines: Iterable[str]) -> None:
    builder.section("text", None, [builder.item(line) for line in lines])


def question_reply(question: str, audience: str, number: int, lines: Iterable[str] = (),
                   away: Optional[Mapping] = None) -> dict:
    """A numbered interview question. ``away``: a half-met emergency red flag this question would
    complete, said first (the user's words and the red flag's own cited wording: why it is asked)."""
    builder = ReplyBuilder("question", audience)
    _lines(builder, lines)
    if away is not None:
        found = "\u201d, \u201c".join(away["found"])
        builder.section("red_flags", say(audience, "conversation.one_answer_away_title"),
                        [builder.item(say(audience, "conversation.one_answer_away", found=found)),
                         builder.item(away["text"], away["citations"])])
    builder.section("question", say(audience, "titles.question", number=number), [builder.item(question)])
    builder.reply["buttons"] = yes_no_buttons(audience)
    builder.reply["footer"] = say(audience, "interview.question_footer")
    return builder.reply


def check_question_reply(check: Mapping, question: str, label: str, audience: str,
                         lines: Iterable[str] = ()) -> dict:
    """One explicit question about a red-flag mention that is not certain (the user's words quoted)."""
    key = "conversation.check_someone_else" if check["reason"] == "someone_else" else "conversation.check_uncertain"
    builder = ReplyBuilder("question", audience)
    _lines(builder, lines)
    builder.section("question", say(audience, "conversation.check_title"),
                    [builder.item(say(audience, key, text=check["text"], question=question, label=label))])
    builder.reply["buttons"] = yes_no_buttons(audience)
    builder.reply["footer"] = say(audience, "interview.question_footer")
    return builder.reply


def screen_reply(listed: list[str], audience: str, which: bool = False, lines: Iterable[str] = (),
                 first: bool = False) -> dict:
    """The combined red-flag screen: one plain question listing every red flag not yet answered;
    ``first``: asked before the interview's questions rather than before the result."""
    builder = ReplyBuilder("question", audience)
    _lines(builder, lines)
    title = say(audience, "conversation.screen_first_title" if first else "conversation.screen_title")
    intro = "conversation.screen_which" if which else "conversation.screen_intro"
    builder.section("question", title, [builder.item(say(audience, intro))])
    builder.section("screen", None, [builder.item(f"{n}. {say(audience, f'screen.{c}')}")
                                     for n, c in enumerate(listed, start=1)])
    builder.reply["buttons"] = [
        {"title": say(audience, "conversation.screen_none_button"), "payload": "/deny"},
        {"title": say(audience, "conversation.screen_some_button"), "payload": "/affirm"},
        {"title": say(audience, "buttons.not_sure"), "payload": "/unsure"},
    ]
    builder.reply["footer"] = say(audience, "conversation.screen_footer")
    return builder.reply


def _best_quote(rule, words: set[str]) -> Mapping:
    """The rule's citation sharing most words with the question (first on ties)."""
    def overlap(citation) -> int:
        return len(words & set(re.findall(r"[a-z]+", citation.quote.lower())))
    return max(rule.citations, key=lambda c: (overlap(c), -rule.citations.index(c)))


def _outcome(assessment: Mapping, audience: str) -> str:
    considered = [c for c in assessment["considerations"] if c["score"] > 0]
    top = considered[0]["label"] if considered else say(audience, "conversation.no_link")
    triage = say(audience, "triage." + assessment["triage"])
    return f"{top}; {triage}"


def why_question_reply(concept: str, question: str, number: int, outcomes: Mapping[str, Mapping],
                       knowledge, findings: list[Mapping], audience: str) -> dict:
    """'why?' during the interview: what the answer would change, the quote behind it, what Radix
    has understood so far, then the question again. ``outcomes``: the assessment if yes / if no."""
    builder = ReplyBuilder("explanation", audience, say(audience, "conversation.why_question_title"))
    yes, no = outcomes["present"], outcomes["absent"]
    if _outcome(yes, audience) != _outcome(no, audience):
        lines = [say(audience, "conversation.if_yes", outcome=_outcome(yes, audience)),
                 say(audience, "conversation.if_no", outcome=_outcome(no, audience))]
    else:
        scored = {c["id"]: c["score"] for c in no["considerations"]}
        moved = [c["label"] for c in yes["considerations"] if c["score"] != scored.get(c["id"])]
        lines = [say(audience, "conversation.why_ranking", labels=", ".join(moved[:3]) or
                     say(audience, "conversation.no_link"))]
    builder.section("text", None, [builder.item(line) for line in lines])
    rule = _rule_behind(concept, yes, no, knowledge)
    if rule is not None:
        words = set(re.findall(r"[a-z]+", (question + " " + knowledge.concepts[concept].label("clinician")).lower()))
        citation = _best_quote(rule, words)
        builder.section("quotes", say(audience, "conversation.why_source"), [builder.item(
            f"\u201c{citation.quote}\u201d", [citation.to_dict()], citation.title)])
    builder.section("text", None, [builder.item(understood(findings, knowledge, audience))])
    builder.section("question", say(audience, "titles.question", number=number), [builder.item(question)])
    builder.reply["buttons"] = yes_no_buttons(audience)
    builder.reply["footer"] = say(audience, "interview.question_footer")
    return builder.reply


def _rule_behind(concept: str, yes: Mapping, no: Mapping, knowledge):
    """The rule whose verdict the answer changes most visibly: the top consideration if yes (or no)
    when it looks at the concept, else a triage-setting or consideration rule that does, by id."""
    for assessment in (yes, no):
        for consideration in assessment["considerations"][:1]:
            rule = knowledge.rules_by_id[consideration["id"]]
            if concept in rule.concepts:
                return rule
    candidates = sorted((r for r in knowledge.rules if concept in r.concepts and r.citations
                         and (r.kind == "consideration" or r.triage)), key=lambda r: (r.kind != "red_flag", r.id))
    return candidates[0] if candidates else None


def why_safety_reply(kind: str, rules: list, audience: str, repeat: dict) -> dict:
    """'why?' while the red-flag screen or a check is pending: the red flags' own cited wording."""
    builder = ReplyBuilder("explanation", audience, say(audience, "conversation.why_question_title"))
    builder.section("text", None, [builder.item(say(audience, f"conversation.why_{kind}"))])
    # A plain section: the user has not said they have these, so no "get help now" banner.
    builder.section("answer", say(audience, "topics.ask_red_flags"),
                    [builder.item(rule.text(audience), [c.to_dict() for c in rule.citations[:2]])
                     for rule in rules])
    reply = builder.build()
    reply["sections"] += repeat["sections"]
    reply["buttons"] = repeat["buttons"]
    reply["footer"] = repeat["footer"]
    return reply
