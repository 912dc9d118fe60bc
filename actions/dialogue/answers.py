"""Direct questions answered from the knowledge: levels, conditions, terms, tests, treatment and
red flags. The classifier only says "a question about the subject matter" (ask_question); which
topic is asked is read from the words, deterministically ("what tests?", "do I need surgery?",
"what's L5?").
"""
from __future__ import annotations

import re
from typing import Optional

from actions.dialogue import lexicon, reading, replies
from actions.engine.model import normalise_subject
from common.render.text import render_text
from common.wording import say

# Shorter subjects ("L5", "ct") are only found as levels: as substrings of a squeezed
# sentence they would match inside other words.
MIN_SUBJECT_CHARS = 5
MAX_ANSWER_ITEMS = {"clinician": 6, "patient": 4}
_LEVEL = re.compile(r"\b([tls])\s*(\d{1,2})(?:\s*[-/]?\s*([tls])?\s*(\d))?\b", re.IGNORECASE)

# Topic cues, most specific first; the knowledge topics each asks for and the reply's title key.
TOPIC_CUES = (
    ("ask_red_flags", ("red_flags",),
     r"red ?flags?|warning signs?|alarm\w*|danger\w*|emergenc\w*|when to worry|ambulance|"
     r"when (should|do|would) i (go|call|worry|get help|see)|a ?& ?e|911|999"),
    ("ask_tests", ("tests", "imaging"),
     r"tests?|testing|exam|examine|examination|imaging|mri|ct|x ?rays?|xray|emg|ncs|"
     r"nerve (conduction|test)\w*|scans?|work ?up|investigations?|ix|labs?|bloods?|bloodwork|hba1c|"
     r"reflex(es)?|slr|straight leg|myelogram|diagnostics?|how (do|to|would|will) (i|you|they|we|a doctor) "
     r"(check|confirm|test|examine|locali[sz]e|find)"),
    ("ask_treatment", ("treatment", "self_care"),
     r"treat\w*|tx|therap\w*|surger\w*|surgical|operat\w*|physio\w*|medic\w*|meds|nsaids?|ibuprofen|"
     r"gabapentin|pregabalin|steroids?|injections?|epidural|laminectomy|discectomy|exercis\w*|stretch\w*|"
     r"cure\w*|fix|heal\w*|get rid|pain ?killers?|management|mgmt|self ?care|go away|get better|"
     r"make it better|conservative|at home|ice or heat|take for (the|my|it)|help (the|with the) pain|"
     r"pain relief|relieve"),
)
# What a question naming a condition, level or term is answered from (rules naming that subject).
SUBJECT_TOPICS = ("conditions", "level", "red_flags", "tests", "imaging", "treatment")
# "what is X?", "what does X mean?", "define X": a term to explain.
_TERM = re.compile(r"^(what is|whats|what are|what does|what do|define|definition of|meaning of|"
                   r"what s|explain|tell me about|what is an?|whats an?)\s+(?P<term>.+?)"
                   r"(\s+(mean|means|stand for|stands for|exactly))?\s*$")


def level_subject(text: str) -> Optional[str]:
    """'T12/L1', 'L4/L5', 'L5/S1', 'L5'... as written in the articles, if the text names one."""
    match = _LEVEL.search(text or "")
    if not match:
        return None
    region, number, region2, number2 = match.groups()
    first = f"{region.upper()}{number}"
    if number2 is None:
        return first
    return f"{first}/{(region2 or region).upper()}{number2}"


def find_subject(text: str, knowledge) -> Optional[str]:
    """The level, root or condition a question names, in the knowledge base's subject form."""
    level = level_subject(text)
    if level:
        return level
    squeezed = normalise_subject(text or "")
    found = {subject for rule in knowledge.rules for subject in rule.subjects
             if len(subject) >= MIN_SUBJECT_CHARS and subject in squeezed}
    return max(found, key=lambda subject: (len(subject), subject)) if found else None


def topic_of(text: str) -> Optional[tuple[str, tuple]]:
    words = lexicon.words(text)
    for key, topics, pattern in TOPIC_CUES:
        if re.search(rf"\b(?:{pattern})\b", words):
            return key, topics
    return None


def term_of(text: str) -> Optional[str]:
    """The term a "what is X?" question asks about, without articles ("a disc" -> "disc")."""
    match = _TERM.match(lexicon.words(text))
    if not match:
        return None
    term = re.sub(r"^(an?|the|my)\s+", "", match.group("term")).strip()
    if term in ("you", "that", "this", "it", "u", "you mean", "that mean", "this mean"):
        return None        # "what do you mean?": not a term
    return term or None


def _items_for(knowledge, topics, audience: str, subject: Optional[str]) -> list[dict]:
    items: list[dict] = []
    for topic in topics:
        seen = {item["rule_id"] for item in items}
        items += [i for i in knowledge.answer(topic, audience, subject) if i["rule_id"] not in seen]
    return items


def answer_items(text: str, knowledge, audience: str) -> tuple[Optional[str], list[dict], Optional[str]]:
    """(title, items, term not found) for a direct question; title None when no subject was named."""
    subject = find_subject(text, knowledge)
    # The topic is what the question asks, not what the case around it tells: "no red flags, neuro intact.
    # imaging or just analgesia?" asks about tests and treatment.
    asked = " ".join(text[first:last] for first, last in reading.question_sentences(text))
    cue = topic_of(asked or text)
    term = None if cue else term_of(text)
    if term and not subject and any(normalise_subject(term) in rule.subjects for rule in knowledge.rules):
        subject = normalise_subject(term)      # "what is a disc?": a short subject named as the term
    if cue:
        key, topics = cue
        items = _items_for(knowledge, topics, audience, subject) if subject else []
        if not items:
            items = _items_for(knowledge, topics, audience, None)
            subject = None
        title = say(audience, f"topics.{key}")
    elif subject:
        items = _items_for(knowledge, SUBJECT_TOPICS, audience, subject)
        if not items:
            # A root named alone ("L5") may be written as a level in the articles.
            items = [i for i in knowledge.answer("level", audience, None) if subject in i["text"]]
        title = say(audience, "topics.ask_condition" if not any(ch.isdigit() for ch in subject)
                    else "topics.ask_level_question")
        if not items and term:
            return title, [], term
    elif term:
        return say(audience, "titles.answer"), [], term
    else:
        return None, [], None
    if subject and any(ch.isdigit() for ch in subject):
        title = f"{title}: {subject}"   # a level as the articles write it
    if subject and not cue:
        # Rules whose own words name the subject first ("what is cauda equina?": the red flag that
        # says cauda equina before the imaging rule that lists it as a subject).
        named = normalise_subject(subject)

        def names(item) -> bool:
            return named in normalise_subject(knowledge.rules_by_id[item["rule_id"]].clinician)
        seen = {i["rule_id"] for i in items}
        items += [i for i in _items_for(knowledge, SUBJECT_TOPICS, audience, None)
                  if i["rule_id"] not in seen and names(i) and not any(ch.isdigit() for ch in named)]
        def about(item) -> int:
            """0: the rule about that condition in general, 1: at a level, 2: naming it, 3: listing it."""
            rule = knowledge.rules_by_id[item["rule_id"]]
            if rule.condition and named in normalise_subject(rule.condition):
                return 0 if rule.level is None else 1
            return 2 if names(item) else 3
        kinds = {"red_flag": 0, "consideration": 1}
        items = sorted(items, key=lambda i: (about(i), kinds.get(i["kind"], 2)))
    return title, items, None


def answer_reply(text: str, knowledge, audience: str, everything: bool = False, found: Optional[tuple] = None
                 ) -> dict:
    """The reply to a direct question (``everything``: what 'more' shows; ``found``: ``answer_items``
    already computed for it). Clinicians see up to six items; patients as many as fit in a short reply (at
    least one), the rest on 'more'."""
    title, items, term = found or answer_items(text, knowledge, audience)
    if title is None:
        return replies.message_reply(say(audience, "messages.no_subject"), audience)
    if term and not items:
        return replies.message_reply(say(audience, "conversation.term_unknown", term=term), audience)
    if everything:
        return replies.answer_reply(items, audience, title)
    kept = items[:MAX_ANSWER_ITEMS[audience]]
    if audience == "patient":
        kept = items[:1]
        for item in items[1:MAX_ANSWER_ITEMS[audience]]:
            trial = replies.answer_reply(kept + [item], audience, title, more=len(kept) + 1 < len(items))
            if len(render_text(trial)) > replies.PATIENT_REPLY_CHARS:     # further items: a 'more' away
                break
            kept.append(item)
    return replies.answer_reply(kept, audience, title, more=len(kept) < len(items))
