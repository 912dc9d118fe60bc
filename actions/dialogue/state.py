"""Conversation state as plain data: what one message changes in the case, and what it asks for.

Pure Python (no Rasa imports) so the rules of the interview are testable alone:
- a finding slot holds one finding (common/finding.py, Finding.to_dict) or None;
- ``understand`` reads a message (reading.py) in the context of the pending question and returns
  the finding slots to set and a *reading*: what the message asks for (its act), what it answered,
  what it corrected. action_respond stores both (respond.read_message), then acts on the reading.
- a later statement about the same concept overrides the earlier one (a correction), and the
  reading lists the change so the next reply can say so.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional

from actions.dialogue import lexicon as lx
from actions.dialogue import asking, reading, screen_answers
from actions.dialogue.merging import keeps_told, merge_finding, strongest_per_concept
from common.contract import (AUDIENCES, FOOT_SITES, LEG_SITES, RED_FLAG_CONCEPTS, RED_FLAG_SCREEN,
                             WEAKNESS_CONCEPTS, default_audience)
from common.finding import MAX_TEXT_CHARS, Finding

# Slots that are not finding concepts.
AUDIENCE_SLOT = "audience"
CASE_ID_SLOT = "case_id"
PENDING_QUESTION_SLOT = "pending_question"
ASKED_SLOT = "asked_concepts"
ANNOUNCED_RED_FLAGS_SLOT = "announced_red_flags"
LAST_REPLY_SLOT = "last_reply"
READING_SLOT = "reading"                 # what the latest message was read as (dict)
SCREENED_SLOT = "screened_concepts"      # red flags asked in the combined screen
SCREEN_ANSWERED_SLOT = "screen_answered"  # red flags the user answered in the screen
CHECKED_SLOT = "checked_concepts"        # red-flag mentions asked about once (checks)
CORRECTIONS_SLOT = "corrections"         # changes the user made to earlier findings, this case
LAST_REQUEST_SLOT = "last_request"       # what the last substantial reply answered (re-rendering)
AFTER_SCREEN_SLOT = "after_screen"       # what to give once the screen is answered
RELATIVE_SLOT = "relative"               # the relative a carer writes about ("dad"), once named

# Pending "questions" that are not a concept.
CONTINUE_AFTER_RED_FLAG = "continue_after_red_flag"
SCREEN = "screen"
CHECK_PREFIX = "check:"

ANSWER_STATUS = {"affirm": "present", "deny": "absent", "unsure": "uncertain"}

# The classifier's intents and the act each asks for when nothing more specific was read.
INTENT_ACTS = {
    "chitchat": "chitchat", "describe_symptoms": "describe", "affirm": "unclear", "deny": "unclear",
    "unsure": "unclear", "ask_result": "result", "ask_why": "why", "ask_question": "question",
    "new_case": "new_case", "set_audience": "audience", "ask_summary": "summary",
}
# Questions about the corpus name findings without stating them ("does L1/L2 cause foot
# drop?"), so they fill no slots, except red flags: a missed red flag costs more than a
# needless alert.
QUESTION_INTENTS = ("ask_question",)
# Acts that come from the classifier alone and win over findings in the same message.
REQUEST_ACTS = ("result", "advice", "summary", "why", "more", "question", "new_case", "audience")

# Walking on heels/toes is asked as "is it hard...?" but people answer about the ability:
# "I can't" means the weakness is there, "yes I can" that it is not, whatever the intent says.
ABILITY_CONCEPTS = ("heel_walk_weakness", "toe_walk_weakness")
_CANNOT = re.compile(r"\b(can ?not|can'?t|cant|unable|impossible|not able|no way|harder|hard to|difficult|"
                     r"struggl\w*|wobbly|wobbles|weaker|(wont|doesnt|does not) (come|go|stay) up)\b")
_CAN = re.compile(r"\b(i|she|he|they|pt|patient) can\b|\bno problem\b|\bno trouble\b|\bcan do (it|that|them|both)\b|"
                  r"\b(are|is|its|it's|feels?) fine\b|\bno bother\b|\beasily\b")
# Questions about a place above the foot that "just the feet" answers no.
ABOVE_THE_FOOT = ("leg_pain", "thigh_pain", "back_pain", "buttock_pain")
# Concepts a side ("only the left") can qualify; the rest (bladder, onset, diabetes, ...) have none.
UNSIDED = RED_FLAG_CONCEPTS + ("diabetes", "symptoms_persist_weeks", "worse_standing_walking",
                               "relief_sitting_flexion", "back_pain", "difficulty_walking")

# The places a reply naming only a place ("top of foot") can put a pending question's finding.
_ANY_PLACE = FOOT_SITES + LEG_SITES
ANSWER_SITES = {"foot_pain": FOOT_SITES, "leg_pain": LEG_SITES, "numbness": _ANY_PLACE, "tingling": _ANY_PLACE,
                "burning_pain": _ANY_PLACE, "shooting_pain": _ANY_PLACE, "weakness": _ANY_PLACE}

# The interview asks at most this many questions per case; beyond it answers stop
# paying for the user's time and the assessment is given.
MAX_QUESTIONS = 8


def entity_findings(entities: Iterable[Mapping]) -> list[Finding]:
    """The extractor's findings among a message's entities."""
    return [f for f in (Finding.from_entity(entity) for entity in entities or ()) if f is not None]



def _answer(concept: str, text: str, **fields) -> Finding:
    """A finding stated by answering the question about ``concept`` (the answer is its words)."""
    return Finding(concept=concept, text=(text or "").strip()[:MAX_TEXT_CHARS], **fields)


def ability_answer(text: str) -> Optional[str]:
    """'present' for "I can't", 'absent' for "yes I can", None when the text says neither."""
    lowered = (text or "").lower().replace("\u2019", "'")
    if _CANNOT.search(lowered):
        return "present"
    if _CAN.search(lowered):
        return "absent"
    return None


def pending_concept(pending: Optional[str], concepts: Iterable[str]) -> Optional[str]:
    """The concept a pending question or check asks about, if any."""
    if pending and pending.startswith(CHECK_PREFIX):
        pending = pending[len(CHECK_PREFIX):]
    return pending if pending in set(concepts) else None


def _changes(slots: Mapping, updates: Mapping) -> list[dict]:
    """Earlier findings this message changed: {concept, field, before, after}. A definite status
    changed (yes -> no) or a side changed or added; "not sure" becoming definite is an answer, not
    a correction."""
    changes = []
    for concept, after in updates.items():
        before = slots.get(concept)
        if not before:
            continue
        if before.get("status") != after["status"]:
            if before.get("status") != "uncertain":
                changes.append({"concept": concept, "field": "status", "before": before.get("status"),
                                "after": after["status"]})
        elif after.get("laterality") and before.get("laterality") != after["laterality"]:
            changes.append({"concept": concept, "field": "laterality", "before": before.get("laterality"),
                            "after": after["laterality"]})
    return changes


def _move_side(slots: Mapping, updates: dict, old: Optional[str], new: str, text: str,
               only_unsided: bool = False) -> None:
    """"actually it's my right foot, not the left": earlier sided findings move to the new side
    (``only_unsided``: only findings stated without a side get it)."""
    for concept, value in list(slots.items()):
        value = updates.get(concept) or value
        if not value or concept in UNSIDED or value.get("status") != "present":
            continue
        side = value.get("laterality")
        if only_unsided and side:
            continue
        if new == "other":
            target = {"left": "right", "right": "left"}.get(side)
        elif side == new or side == "bilateral" and old is None:
            continue
        elif old is None or side == old or side is None:
            target = new
        else:
            continue
        if target:
            updates[concept] = {**value, "laterality": target}


def _screen_updates(statuses: Mapping[str, str], slots: Mapping, updates: dict, text: str) -> None:
    """Findings from the combined red-flag screen's answer.

    The extractor's own certain findings win; an uncertain one does not: naming an item of the list
    ("just the bladder one") is how the answer points at it, and the extractor's safety net reads a
    bare organ name as a mention to check. The screen reading has already weighed any hedge.
    """
    def current(concept):
        return updates.get(concept) or slots.get(concept)

    weak = any((current(c) or {}).get("status") == "present" for c in WEAKNESS_CONCEPTS)
    for concept, status in statuses.items():
        if concept in updates and updates[concept]["status"] != "uncertain":
            continue
        if concept == "sudden_onset":
            # "Sudden, severe weakness": yes states both; no settles onset only for a present weakness.
            if status == "present" and not weak:
                updates["weakness"] = merge_finding(slots.get("weakness"), _answer("weakness", text))
            if status == "absent" and not weak:
                continue
        updates[concept] = merge_finding(slots.get(concept), _answer(concept, text, status=status))


def understand(
    *,
    slots: Mapping[str, Optional[Mapping]],
    concepts: Iterable[str],
    entities: Iterable[Mapping],
    intent: Optional[str],
    text: str,
    pending: Optional[str],
    previous: Optional[Mapping] = None,
    screen_listed: Iterable[str] = (),
    relative: Optional[str] = None,
    alerted: bool = False,
) -> tuple[dict[str, dict], dict]:
    """(finding slots to set, the reading) for one user message. ``intent`` is None or
    "nlu_fallback" when the classifier is not trusted; ``previous`` is the last message's reading;
    ``relative``: the relative a carer writes about, when the case is theirs; ``alerted``: an emergency has
    been told in this case."""
    concepts = list(concepts)
    known = set(concepts)
    payload = (text or "").lstrip().startswith("/")
    previous = previous or {}
    read: dict = {"act": None, "answered": None, "status": None, "hedge": None, "side": None,
                  "stated": [], "changes": [], "reask": False, "redo": None, "screen": None,
                  "screen_which": False, "correction": False, "emergency": None, "cannot_do": False, "go_now": False,
                  "past": [], "relative": None, "writer_own": [], "outside": False, "handover": False,
                  "disputed": [], "last_answered": previous.get("last_answered")}
    if not payload:
        read["emergency"] = reading.emergency_elsewhere(text)
        read["cannot_do"] = reading.asks_what_radix_cannot_do(text)
        read["go_now"] = reading.asks_to_go_now(text)
        read["outside"] = reading.outside_sources(text)
        read["relative"] = reading.relative_named(text)

    updates: dict[str, dict] = {}
    told = entity_findings(entities)
    if (relative or read["relative"]) and not payload:
        # a carer's own symptoms beside the relative's: said back as theirs, not filed in the case
        own = [f for f in told if reading.writer_own(text, f.start)]
        read["writer_own"] = sorted({f.concept for f in own if f.concept in known}, key=concepts.index)
        told = [f for f in told if f not in own]
    stated_all = [f for f in told if f.current and f.concept in known]
    question_intent = intent in QUESTION_INTENTS and not payload
    asked = reading.question_sentences(text) if question_intent else []
    if question_intent and not asked and stated_all:
        # A case told with no question in it ("42M to ED with acute foot drop ... MRI didn't support it"):
        # a description, whatever the classifier made of its clinical words.
        intent = "describe_symptoms"
    findings = [f for f in stated_all
                if intent not in QUESTION_INTENTS or f.concept in RED_FLAG_CONCEPTS or _told_outside(f, asked)]
    corrected, rest, offset = (False, text, 0) if payload else reading.correction_lead(text)
    read["correction"] = corrected
    questions_told = [] if payload else reading.question_sentences(text)
    for stated in strongest_per_concept(findings):
        before = slots.get(stated.concept)
        was_present = (before or {}).get("status") == "present"
        if was_present and stated.status != "present" and stated.start is not None \
                and any(first <= stated.start < last for first, last in questions_told):
            continue        # "so you think its not the diabetes?": a question about it takes nothing back
        if keeps_told(before, stated, corrected or pending_concept(pending, known) == stated.concept):
            if was_present and stated.status == "absent" and stated.concept in RED_FLAG_CONCEPTS:
                # a red flag told present, denied now ("I have NOT lost control of my bladder"): neither kept
                # nor dropped, asked once more
                updates[stated.concept] = {**stated.to_dict(), "status": "uncertain"}
                read["disputed"].append(stated.concept)
            continue
        updates[stated.concept] = merge_finding(before, stated)
    read["stated"] = sorted(updates, key=concepts.index)
    starts = [f.start for f in findings if f.start is not None]
    # Told as past only ("bladder trouble after my first baby, 20 years ago, all fine now"): said back, not counted
    read["past"] = sorted({f.concept for f in told if f.historical and f.experiencer == "patient"
                           and f.concept in known and f.concept not in updates}, key=concepts.index)

    redo = None if payload else reading.read_redo(text)
    target = previous.get("last_answered")
    if redo and target in known and target not in updates:
        updates[target] = merge_finding(slots.get(target), _answer(target, text, status=redo.status))
        read["redo"] = target
    side_fix = None if payload else reading.side_correction(text)
    if side_fix:
        _move_side(slots, updates, side_fix[0], side_fix[1], text)

    if not payload and pending != SCREEN and screen_answers.denies_red_flags(text):
        # "no red flags", "RF neg": the screen answered before it is asked; a red flag told stays
        denied = {c: "absent" for c in RED_FLAG_SCREEN
                  if (updates.get(c) or slots.get(c) or {}).get("status") != "present"}
        _screen_updates(denied, slots, updates, text)
        read["screen"], read["red_flags_denied"] = denied, True
    concept = pending_concept(pending, known)
    after = None if payload or updates or not any(slots.values()) else asking.after_alert(text, alerted)
    if after:
        # getting help: no answer to the pending question ("ok ringing now" is no yes to going on)
        read["act"], read["handover"] = ("summary", True) if after == "handover" else (after, False)
    elif pending == CONTINUE_AFTER_RED_FLAG and not findings:
        answer = reading.Answer(ANSWER_STATUS.get(intent)) if payload else reading.read_answer(rest)
        status = answer.status if answer else None
        if status is None and intent in ANSWER_STATUS and reading.command(text) is None:
            status = ANSWER_STATUS[intent]
        if status is None and not payload and asking.wants_to_continue(text):
            status = "present"
        if status:
            read["act"], read["status"] = "continue", status
    elif pending == SCREEN and not redo:
        stated_screen = [c for c in screen_listed if c in updates]
        statuses = screen_answers.read_screen(rest, list(screen_listed), stated_screen) if not payload else (
            {c: ANSWER_STATUS[intent] for c in screen_listed} if intent in ("deny", "unsure") else None)
        if statuses or stated_screen:
            _screen_updates(statuses or {}, slots, updates, text)
            read["screen"] = {**(statuses or {}),
                              **{c: updates[c]["status"] for c in screen_listed if c in updates}}
            read["act"] = "screen_answer"
        elif (payload and intent == "affirm") or (reading.read_answer(rest) or reading.Answer(None)).status == "present":
            read["screen_which"] = True
            read["act"] = "screen_answer"
    elif concept and not redo:
        answer = None
        if payload:
            answer = reading.Answer(ANSWER_STATUS[intent]) if intent in ANSWER_STATUS else None
        else:
            answer = reading.read_answer(rest, [s - offset for s in starts if s is not None and s >= offset])
        if concept in updates:
            if answer and answer.hedge and updates[concept]["status"] == "present":
                updates[concept]["text"] = text.strip()[:MAX_TEXT_CHARS]
            read["answered"] = concept
        else:
            status = ability_answer(text) if concept in ABILITY_CONCEPTS and not payload else None
            if concept in ABOVE_THE_FOOT and not payload and reading.only_the_feet(text):
                status = "absent"       # "just the feet really" to the leg question
            side = site = None
            if status == "present":
                side = reading.named_side(lx.words(text))     # "harder on the right"
            if status is None and answer is not None:
                status, side = answer.status, answer.side
                if answer.site:
                    # "top of the foot yea": there, at that place; no answer to a question without places,
                    # where it places the finding just answered ("yes" to numbness, then "top of foot")
                    site = answer.site if answer.site in ANSWER_SITES.get(concept, ()) else None
                    said_yes = bool(lx.leading(lx.YES_LEAD, lx.words(rest)))     # "yes R ant thigh": a yes all the same
                    status = status if site or said_yes else None
                    last = previous.get("last_answered")
                    if not site and not said_yes and answer.site in ANSWER_SITES.get(last, ()) \
                            and (slots.get(last) or {}).get("status") == "present":
                        updates[last] = {**slots[last], "site": answer.site}
                        read["stated"] = sorted(set(read["stated"]) | {last}, key=concepts.index)
                if status is None and side and concept not in UNSIDED:
                    status = "present"       # "only the left": there, on that side
                elif status is None and side:
                    # The question was about something else: the side qualifies what was said before.
                    _move_side(slots, updates, None, side, text, only_unsided=True)
                if answer.hedge and status == "present":
                    read["hedge"] = answer.hedge
            if status is None and not findings and not side_fix and intent in ANSWER_STATUS \
                    and reading.command(text) is None and not reading.question_after_acknowledging(text):
                status = ANSWER_STATUS[intent]
            if status:
                updates[concept] = merge_finding(slots.get(concept), _answer(
                    concept, text, status=status, laterality=side if concept not in UNSIDED else None, site=site))
                read["answered"] = concept
                read["status"], read["side"] = status, side
    if read["answered"]:
        read["last_answered"] = read["answered"]
        read["act"] = "answer"
    elif redo and read["redo"]:
        read["act"] = "answer"
    read["changes"] = _changes(slots, updates)
    # a red flag told loosely again after a "not sure" ("kinda leaky with wee today"): its check is asked once more
    read["disputed"] += [c for c in read["stated"] if c in RED_FLAG_CONCEPTS and c not in read["disputed"]
                         and updates[c]["status"] == "uncertain" and (slots.get(c) or {}).get("status") == "uncertain"
                         and c != read["answered"] and c not in (read["screen"] or {})]

    if read["act"] is None and pending and not updates and not payload and reading.asks_what_it_means(text):
        read["act"] = "clarify"     # "wdym saddle?", "what does slap mean?": the question, explained
    if read["act"] is None:
        read["act"] = _act(text, intent, payload, bool(updates) or bool(side_fix))
        read["reask"] = bool(concept) and read["act"] == "describe"
        if not payload and any(slots.values()):
            read["act"] = _about_the_case(read["act"], text, slots, updates)
    if not payload and read["act"] in ("answer", "describe", "unclear") and reading.ends_with_result(text):
        read["act"] = "result"      # "no. result": the answer is filed, then the result
    return updates, read


def _about_the_case(act: str, text: str, slots: Mapping, updates: Mapping) -> str:
    """A question about the case told so far, whatever the classifier made of it: "what level is it?" (level),
    "is it my back or my diabetes?" (cause), "how soon is soon? like this week?" (advice)."""
    new = any((slots.get(c) or {}).get("status") != v.get("status") for c, v in updates.items())
    if act in ("out_of_scope", "unclear", "question", "result", "advice") and not updates and reading.asks_level(text):
        return "level"
    if act in ("out_of_scope", "unclear", "question", "result", "advice", "describe", "affirm", "deny", "unsure") \
            and not new and (reading.asks_cause(text) or asking.cause_named(text)):
        return "cause"      # "could it be my circulation?", "is it plantar fasciitis?"
    if act in ("out_of_scope", "unclear", "question") and not updates and reading.asks_to_go_now(text):
        return "advice"        # "can i just see my gp on monday?": how urgent (a red flag is answered before)
    if act in ("out_of_scope", "unclear", "question", "result", "advice", "describe") and not updates \
            and asking.self_care_asked(text):
        return "self_care"     # "is ice ok?", "can i still run?"
    if act in ("out_of_scope", "unclear") and reading.asks_advice(text):
        return "advice"
    return act


def _told_outside(finding: Finding, questions: list[tuple[int, int]]) -> bool:
    """A finding stated in a sentence that asks nothing ("my left foot drags. could it be my back?"); one
    without offsets counts as asked about."""
    if finding.start is None:
        return False
    return not any(first <= finding.start < last for first, last in questions)


def _act(text: str, intent: Optional[str], payload: bool, stated: bool) -> str:
    """What a message that answered nothing asks for. Within an intent the words decide: a
    question about the case asks for advice or the result; about the last answer, for its reasons
    or more of it; small talk is a greeting, thanks, goodbye, "are you a bot?", help or off-topic."""
    requested = INTENT_ACTS.get(intent)
    if requested == "new_case" and not payload and not reading.asks_new_case(text):
        requested = None        # "already said - no" is no reason to wipe the case: only the words start one
    if requested == "result" and reading.asks_advice(text):
        requested = "advice"
    elif requested == "why" and reading.asks_more(text):
        requested = "more"
    elif requested == "chitchat":
        requested = reading.chitchat_kind(text)
    if payload and requested:
        return requested
    command = reading.command(text)
    if command:
        return command
    if not stated and reading.wants_result(text):
        return "result"         # "whats the verdict", whatever the classifier made of it
    if not stated and requested != "question" and reading.asks_summary(text):
        return "summary"      # "can I get a summary", whatever the classifier made of it
    if requested in REQUEST_ACTS:
        return requested
    if stated:
        return "describe"
    if intent in ANSWER_STATUS:
        kind = reading.chitchat_kind(text)      # "ok thank you", "ok bye"
        return kind if kind in ("thanks", "goodbye", "greet") else intent
    return requested or "unclear"


def findings_from_slots(slots: Mapping[str, Optional[Mapping]], concepts: Iterable[str]) -> list[dict]:
    """The case's findings, in the engine's input shape, in concept order."""
    return [Finding.from_dict({**slots[concept], "concept": concept}).to_dict()
            for concept in concepts if slots.get(concept)]


def audience_for(channel: Optional[str], metadata: Optional[Mapping], current: Optional[str]) -> str:
    """Who we are talking to: the user's choice, else the request's, else the channel's default."""
    if current in AUDIENCES:
        return current
    requested = (metadata or {}).get("audience")
    if requested in AUDIENCES:
        return requested
    return default_audience(channel)
