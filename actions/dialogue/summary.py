"""The case summary (issue 14): a note a resident can paste, a screen a patient can show a doctor.

``build_summaries`` turns a case (its findings with the user's words, the red-flag screen answers,
the corrections) into one structured reply of type "summary" per audience (common/reply.py); the
channel renderers format it (plain text that pastes into a record, Slack Block Kit with a plain
copy, the web widget with copy and download, SMS within three segments).

- Clinicians, in the order residents write notes: the case line and the one-line summary; presenting
  findings (present, absent or denied, uncertain, with side, site and the user's own words); the red
  flags screened and their answers (and any red flag that fired, in its cited wording); ranked
  considerations with the findings for and against; the discriminating exam still to do; imaging and
  next steps; numbered sources with their verbatim quotes (the text renderer puts them last).
- Patients, one screen: what you told me, how urgent, what to do now, what to ask your doctor, and
  the disclaimer.

Every clinical sentence is a rule's own wording with its citations; headings and glue come from
common/wording/<audience>.yml. Nothing here identifies a person: the case id is the only key and the
user's words are stripped of phone numbers, e-mail addresses and Slack ids (``without_identifiers``).
Both summaries are stored with the consult (actions/storage) when it is recorded, so a summary
printed later from the database (`radix case show`) is the one shown at the time.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterable, Mapping, Optional

from actions.dialogue.prompts import SIDE_KEYS, STATUS_KEYS, change_phrase
from actions.dialogue.replies import evidence_phrase, half_met_section, one_line_summary, triage_item, what_to_do
from actions.dialogue.settled import settled
from actions.engine import assess
from common.contract import AUDIENCES, RED_FLAG_SCREEN, REPORTED_DIAGNOSIS_CONCEPTS
from common.finding import Finding
from common.render.text import render_text
from common.reply import ReplyBuilder
from common.wording import say

# Considerations a summary lists (those with a score), and how many unknown findings it names.
MAX_CONSIDERATIONS = {"clinician": 3, "patient": 1}
MAX_STILL_UNKNOWN = 6
# A note cites each point with its strongest (first listed) quotes only, so its sources stay a
# short list. 'why?' after the summary shows these quotes.
NOTE_CITATIONS = 2
RED_FLAG_CITATIONS = 2
# A patient's screen cites each point once.
PATIENT_CITATIONS = 1
# One phone screen of plain text: the patient summary is trimmed (optional parts last) to fit.
PATIENT_MAX_CHARS = 900
FINDING_GROUPS = ("present", "absent", "uncertain")

_PHONE_LIKE = re.compile(r"\+?\d[\d ().\-]{5,}\d")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")
_SLACK_MENTION = re.compile(r"<[@#!][^>\s]*>")
_SLACK_ID = re.compile(r"\b[UWBT](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b")
REMOVED = "(removed)"


def without_identifiers(text: str) -> str:
    """The user's words with phone numbers (7 digits or more), e-mail addresses and Slack user,
    bot or team ids taken out: a summary leaves the conversation, its words must not name anyone."""
    text = _SLACK_MENTION.sub(REMOVED, _EMAIL.sub(REMOVED, text or ""))
    text = _PHONE_LIKE.sub(lambda m: REMOVED if sum(c.isdigit() for c in m.group(0)) >= 7 else m.group(0), text)
    return _SLACK_ID.sub(REMOVED, text)


def summary_date(moment: Optional[datetime] = None) -> str:
    """The consult's time as the summary prints it (UTC, to the minute)."""
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def screen_answers(findings: Iterable[Mapping], screened: Iterable[str], checked: Iterable[str],
                   answered: Iterable[str]) -> list[dict]:
    """The red-flag screen as the consult record keeps it: for each red flag of the screen, whether
    it was asked (in the screen or as a check), the status the case holds and the user's words."""
    found = {f["concept"]: f for f in findings if Finding.from_dict(f).current}
    asked = set(screened) | set(checked)
    answers = []
    for concept in RED_FLAG_SCREEN:
        finding = found.get(concept)
        status = finding["status"] if finding else None
        if status is None and concept in set(answered):
            status = "absent"    # "no" to sudden weakness with no weakness keeps no finding
        answers.append({"concept": concept, "asked": concept in asked, "status": status,
                        "words": own_words(finding) if finding else None})
    return answers


def own_words(finding: Mapping) -> Optional[str]:
    """The user's words for a finding, fit to show: identifiers taken out, and none for a denied
    finding the extractor found (its words leave out the denial: "no bladder symptoms" gives
    "bladder symptoms"); an answer's words (no offsets: the whole reply, "no to all") are kept."""
    if finding["status"] == "absent" and finding.get("start") is not None:
        return None
    return " ".join(without_identifiers(finding.get("text") or "").split()) or None


def build_summaries(*, case_id: Optional[str], date: str, findings: list[Mapping], screen: list[Mapping],
                    corrections: list[Mapping], knowledge) -> dict[str, dict]:
    """{audience: structured summary reply} for one case (``case_id`` None: a one-shot text)."""
    return {audience: _summary(audience, case_id, date, findings, screen, corrections, knowledge)
            for audience in AUDIENCES}


def _summary(audience, case_id, date, findings, screen, corrections, knowledge) -> dict:
    assessment = assess(findings, knowledge=knowledge, audience=audience).to_dict()
    current = [f for f in assessment["findings"] if Finding.from_dict(f).current]
    builder = ReplyBuilder("summary", audience, say(audience, "summary.title"))
    builder.reply.update(triage=assessment["triage"], case_id=case_id)
    considered = [c for c in assessment["considerations"] if c["score"] > 0][:MAX_CONSIDERATIONS[audience]]
    builder.reply["footer"] = say(audience, "disclaimer")
    case_line = say(audience, "summary.case", case_id=case_id or say(audience, "summary.no_case"), date=date,
                    kb_version=assessment["kb_version"])
    if audience == "clinician":
        _clinician_note(builder, case_line, assessment, current, screen, corrections, considered, knowledge)
    else:
        _patient_summary(builder, case_line, assessment, current, screen, considered, knowledge)
    return builder.build()


# ---- the clinician's note ---------------------------------------------------------------------

def _finding_groups(findings: Iterable[Mapping], knowledge, audience: str, quoted: bool) -> dict[str, list[str]]:
    """{status: ['numbness / sensory loss (R, dorsum of the foot) "numb on top", "no feeling"', ...]}:
    one phrase per finding (the same finding said twice is one phrase with both wordings)."""
    said: dict[tuple, list[str]] = {}
    for finding in findings:
        key = (finding["status"], finding["concept"], finding.get("laterality"), finding.get("site"))
        words = own_words(finding) if quoted else None
        label = knowledge.concepts[finding["concept"]].label(audience)
        wordings = said.setdefault(key, [])
        if words and words.lower() not in label.lower() and words not in wordings:
            wordings.append(words)
    groups: dict[str, list[str]] = {}
    for (status, concept, side, site), wordings in said.items():
        extras = [say(audience, SIDE_KEYS[side])] if side else []
        if site:
            extras.append(knowledge.site_label(site, audience))
        label = knowledge.concepts[concept].label(audience)
        phrase = f"{label} ({', '.join(extras)})" if extras else label
        if wordings:
            phrase += " " + ", ".join(f'"{w}"' for w in wordings)
        groups.setdefault(status, []).append(phrase)
    return groups


def _finding_items(builder: ReplyBuilder, groups: Mapping[str, list[str]], audience: str) -> list[dict]:
    return [builder.item(f"{say(audience, f'summary.{status}')}: {'; '.join(groups[status])}")
            for status in FINDING_GROUPS if groups.get(status)]


def _red_flag_lines(builder: ReplyBuilder, screen: list[Mapping], audience: str) -> list[dict]:
    items = []
    for entry in screen:
        if entry["status"]:
            answer = say(audience, STATUS_KEYS[entry["status"]])
            if entry.get("words"):
                answer += f' "{entry["words"]}"'
        else:
            answer = say(audience, "summary.not_answered" if entry["asked"] else "summary.not_asked")
        items.append(builder.item(f"{say(audience, 'screen.' + entry['concept'])}: {answer}"))
    return items


def _clinician_note(builder, case_line, assessment, current, screen, corrections, considered, knowledge) -> None:
    audience = "clinician"
    builder.section("case", None, [builder.item(case_line),
                                   builder.item(one_line_summary(assessment, considered, audience))])
    groups = _finding_groups([f for f in current if f["concept"] not in RED_FLAG_SCREEN], knowledge, audience,
                             quoted=True)
    builder.section("findings", say(audience, "summary.findings_title"), _finding_items(builder, groups, audience))
    builder.section("red_flag_screen", say(audience, "summary.screen_title"), _red_flag_lines(builder, screen, audience))
    builder.section("red_flags", say(audience, "titles.red_flags"),
                    [builder.item(flag["text"], flag["citations"][:RED_FLAG_CITATIONS])
                     for flag in assessment["red_flags"]])
    half_met_section(builder, assessment, audience)

    items = []
    for consideration in considered:
        supporting = [evidence_phrase(e, audience) for e in consideration["supporting"]]
        against = [evidence_phrase(e, audience) for e in consideration["against"]]
        detail = "; ".join([say(audience, "assessment.because", findings=", ".join(supporting))] * bool(supporting)
                           + [say(audience, "assessment.against", findings=", ".join(against))] * bool(against))
        item = builder.item(consideration["label"], consideration["citations"][:NOTE_CITATIONS], detail or None)
        builder.reply["reasoning"].append({"label": consideration["label"], "for": supporting,
                                           "against": against, "citations": item["citations"]})
        items.append(item)
    if not items and not assessment["red_flags"]:
        items.append(builder.item(say(audience, "assessment.no_level_yet")))
    builder.section("considerations", say(audience, "titles.considerations"), items)
    builder.section("pitfalls", say(audience, "advice.pitfall"), [
        builder.item(a["text"], a["citations"][:NOTE_CITATIONS]) for a in assessment["advice"] if a["kind"] == "pitfall"])

    unknown = [c for consideration in considered for c in consideration["missing"]
               if c not in RED_FLAG_SCREEN and c not in REPORTED_DIAGNOSIS_CONCEPTS and not settled(c, current)]
    labels = [knowledge.concepts[c].label(audience) for c in dict.fromkeys(unknown)][:MAX_STILL_UNKNOWN]
    exam = [builder.item(say(audience, "summary.still_unknown", findings=", ".join(labels)))] if labels else []
    exam += [builder.item(a["text"], a["citations"][:NOTE_CITATIONS]) for a in assessment["advice"] if a["kind"] == "exam"]
    builder.section("exam", say(audience, "summary.exam_title"), exam)
    steps = [builder.item(a["text"], a["citations"][:NOTE_CITATIONS]) for a in what_to_do(assessment, knowledge)
             + [a for a in assessment["advice"] if a["kind"] == "imaging"]]
    builder.section("next_steps", say(audience, "summary.next_steps_title"), steps)
    if corrections:
        builder.section("notes", say(audience, "conversation.corrected_title"), [builder.item(
            "; ".join(change_phrase(c, knowledge, audience) for c in corrections))])


# ---- the patient's screen ---------------------------------------------------------------------

def _patient_findings(current, screen, knowledge) -> dict[str, list[str]]:
    audience = "patient"
    groups = _finding_groups([f for f in current if f["concept"] not in RED_FLAG_SCREEN or f["status"] != "absent"],
                             knowledge, audience, quoted=False)
    denied = [e["concept"] for e in screen if e["status"] == "absent"]
    if len(denied) == len(RED_FLAG_SCREEN):
        groups.setdefault("absent", []).append(say(audience, "summary.no_warning_signs"))
    else:
        groups.setdefault("absent", []).extend(knowledge.concepts[c].label(audience) for c in denied)
    return groups


def _patient_summary(builder, case_line, assessment, current, screen, considered, knowledge) -> None:
    audience = "patient"
    builder.section("case", None, [builder.item(case_line)])
    groups = _patient_findings(current, screen, knowledge)
    builder.section("findings", say(audience, "summary.findings_title"), _finding_items(builder, groups, audience))
    flags = assessment["red_flags"]
    if flags:   # the first in full (it says what to do), the others by their label
        builder.section("red_flags", say(audience, "titles.red_flags"),
                        [builder.item(flags[0]["text"], flags[0]["citations"][:RED_FLAG_CITATIONS])]
                        + [builder.item(f["label"], f["citations"][:PATIENT_CITATIONS]) for f in flags[1:]])
    half_met_section(builder, assessment, audience, short=True)
    builder.section("triage", None, [triage_item(builder, assessment, audience)])
    todo = what_to_do(assessment, knowledge)[:1]
    builder.section("what_to_do", say(audience, "conversation.advice_title"),
                    [builder.item(a["text"], a["citations"][:RED_FLAG_CITATIONS]) for a in todo])
    asks = []
    for consideration in considered:
        supporting = [evidence_phrase(e, audience) for e in consideration["supporting"]]
        item = builder.item(say(audience, "summary.ask_cause", label=consideration["label"]),
                            consideration["citations"][:PATIENT_CITATIONS])
        builder.reply["reasoning"].append({"label": consideration["label"], "for": supporting, "against": [],
                                           "citations": item["citations"]})
        asks.append(item)
    tests = [a for a in assessment["advice"] if a["kind"] in ("exam", "imaging")][:1]
    if tests:
        asks.append(builder.item(say(audience, "summary.ask_tests")))
        asks += [builder.item(a["text"], a["citations"][:PATIENT_CITATIONS]) for a in tests]
    builder.section("ask_doctor", say(audience, "summary.ask_title"), asks)
    _fit_one_screen(builder, groups)


def _fit_one_screen(builder: ReplyBuilder, groups: dict[str, list[str]]) -> None:
    """Drop the optional parts until the plain text fits PATIENT_MAX_CHARS: the tests to ask about,
    then the cause to ask about, then the last symptoms of the longest "what you told me" line
    ("and 3 more"). Citations no item uses any more are renumbered away."""
    reply = builder.reply
    tests_question = say("patient", "summary.ask_tests")
    hidden = {status: 0 for status in groups}
    while len(render_text(reply)) > PATIENT_MAX_CHARS:
        asks = next((s for s in reply["sections"] if s["kind"] == "ask_doctor"), None)
        told = next((s for s in reply["sections"] if s["kind"] == "findings"), None)
        if asks is not None:
            texts = [item["text"] for item in asks["items"]]
            if tests_question in texts and texts.index(tests_question) > 0:
                asks["items"] = asks["items"][:texts.index(tests_question)]
            else:
                reply["sections"].remove(asks)
                reply["reasoning"] = []
            _renumber(reply)
        elif told is not None and max(map(len, groups.values()), default=0) > 1:
            longest = max(groups, key=lambda status: len(groups[status]))
            groups[longest].pop()
            hidden[longest] += 1
            shown = {status: phrases + [say("patient", "summary.more_findings", count=hidden[status])] * bool(hidden[status])
                     for status, phrases in groups.items()}
            told["items"] = _finding_items(builder, shown, "patient")
        else:
            break


def _renumber(reply: dict) -> None:
    """Keep only the citations items still point at, numbered 1.. in order of first use."""
    numbers: dict[int, int] = {}
    for section in reply["sections"]:
        for item in section["items"]:
            for n in item["citations"]:
                numbers.setdefault(n, len(numbers) + 1)
            item["citations"] = [numbers[n] for n in item["citations"]]
    for reason in reply["reasoning"]:
        reason["citations"] = [numbers[n] for n in reason["citations"] if n in numbers]
    reply["citations"] = sorted(({**c, "n": numbers[c["n"]]} for c in reply["citations"] if c["n"] in numbers),
                                key=lambda c: c["n"])
