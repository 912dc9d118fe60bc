"""Reading one message in the context of the question Radix asked, before trusting the classifier.

Pure Python (no Rasa): state.py applies what is read here to the case's slots. The rules, in the
order they apply (docs/conversation.md has the examples):

1. a button payload ("/affirm") is what it says;
2. "sorry I meant yes" re-answers the previous question; "actually it's my right foot, not the
   left" moves the side of earlier findings; "actually / no wait ..." marks a correction;
3. an answer to the pending question: yes / no / not sure and their everyday forms ("yeah",
   "nope", "def not", "I think so"); hedges and frequency ("kind of", "sometimes", "only at night")
   mean present, with the user's words kept; a side alone ("only the left"); a leading yes/no that
   is followed by more ("no, but my back hurts") answers and lets the rest count too, but a "no"
   that is part of a finding ("no back pain") does not answer;
4. the combined red-flag screen has its own answers ("no to all", "just the bladder one"), read in
   screen_answers.py;
5. only then the intent classifier.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from actions.dialogue import lexicon as lx

SEPARATOR = re.compile(r"[,.;:!?\-\u2013\u2014()]")
# Hedges of quantity or frequency that turn a "no" into a hedged yes when they follow it directly
# ("not really, only a little", "no, just a bit") - not "no, it was just a bit of sweat".
QUANTITY_HEDGE = re.compile(r"^((but|only|just|maybe|well) )*(a little|a bit|a tiny bit|slightly|sometimes|"
                            r"occasionally|on and off|now and then|at night|mildly|somewhat)\b(?! of\b)")


@dataclass(frozen=True)
class Answer:
    """An answer to a yes/no question: a status (None when only a side or a place was given), the
    hedge or qualifier words if any, a side and a place if named."""

    status: Optional[str]
    hedge: Optional[str] = None
    side: Optional[str] = None
    site: Optional[str] = None


def side_of(words: str) -> Optional[str]:
    """'left', 'right' or 'bilateral' when the words only name a side ("only the left one")."""
    cleaned = re.sub(r"\b(only|just|my|on|its|it is|the|foot|feet|leg|legs|side|sides|one|ones|both of them|"
                     r"yes|yeah|yep|yh|ya|mostly|mainly|in|of|but|and)\b", " ", words)
    cleaned = " ".join(cleaned.split())
    if cleaned in ("left", "l", "right", "r", "both", "bilateral", "bilat"):
        return lx.SIDE_WORDS[cleaned]
    return None


# A reply that only names where ("top of the foot yea", "ya on top", "the sole"): the place, as a site.
_SITE_REPLIES = (
    ("dorsum", r"(on )?top( of (the |my |his |her )?(foot|feet))?|dorsum|upper (side of (the |my )?)?foot"),
    ("sole", r"(the )?soles?( of (the |my |his |her )?(foot|feet))?|(the )?bottom of (the |my |his |her )?(foot|feet)|"
             r"underneath|under (the |my |his |her )?(foot|feet)|(the )?heels?|"
             r"(the )?(outside|outer (side|edge)) of (the |my |his |her )?(foot|feet)|(the )?little toes?"),
    ("big_toe", r"(the )?big toes?"),
    ("shin", r"(the |my |his |her )?shins?|front of (the |my |his |her )?(lower )?legs?"),
    ("calf", r"(the |my |his |her )?calf|(the |my |his |her )?calves|back of (the |my |his |her )?(lower )?legs?"),
    ("anterior_thigh", r"(the )?(front of (the |my |his |her )?(upper )?thighs?|(ant|anterior)( upper)? thighs?|groin)"),
    ("lateral_thigh", r"(the )?(outside of (the |my |his |her )?thighs?|(lat|lateral|outer)( upper)? thighs?)"),
)
_SITE_REPLY_RES = [(site, re.compile(rf"^(?:{pattern})$")) for site, pattern in _SITE_REPLIES]


def named_side(words: str) -> Optional[str]:
    """The side named anywhere in a short reply ("the sole of my left foot", "yes R ant thigh")."""
    return next((lx.SIDE_WORDS[word] for word in words.split() if word in ("left", "right", "both", "l", "r")), None)


def site_of(words: str) -> Optional[str]:
    """The site when the words only name a place, with a yes or a side around it ("top of foot",
    "ya on top", "on the sole of my left foot")."""
    cleaned = re.sub(r"\b(yes|yeah|yea|yep|ya|yh|its|it is|mostly|mainly|just|only|in|on the|left|right|both|"
                     r"l|r|side)\b", " ", words)
    cleaned = " ".join(cleaned.split())
    return next((site for site, pattern in _SITE_REPLY_RES if pattern.match(cleaned)), None)


def _polarity(words: str) -> tuple[Optional[str], str]:
    """('present' | 'absent' | 'uncertain' | None, the words that said it) at the start of ``words``."""
    unsure = lx.leading(lx.UNSURE_LEAD, words)
    yes = lx.leading(lx.YES_LEAD, words)
    no = lx.leading(lx.NO_LEAD, words)
    best = max((unsure, "uncertain"), (no, "absent"), (yes, "present"), key=lambda pair: len(pair[0]))
    return (best[1], best[0]) if best[0] else (None, "")


def _separated_after(text: str, said: str) -> bool:
    """Whether punctuation follows the leading answer word(s) in the original text ("no, ...")."""
    normal = lx.normalise(text)
    pattern = r"\W*".join(re.escape(w) for w in said.split())
    return bool(re.match(rf"^\W*{pattern}\s*[,.;:!?\-\u2013\u2014]", normal))


def _attached(text: str, said: str, finding_starts: Iterable[int]) -> bool:
    """Whether the leading answer words belong to a finding the extractor read ("no back pain")."""
    starts = [s for s in finding_starts if s is not None]
    if not starts:
        return False
    before = text[:min(starts)]
    return not SEPARATOR.search(before) and lx.words(before) == said


# A "yes" that goes on to call it normal contradicts itself.
_NORMAL_REPLY = re.compile(r"^(just |its |it s |all |totally |completely |pretty )?(normal|fine|ok|okay|all good)"
                           r"( (i think|thanks|now|really|tbh|as far as i know))?$")


# A yes dated ("yes since yesterday", "yes for a week now"): still the yes.
_WHEN_LEAD = re.compile(r"^(since|for (a|the|about|over)|from|yesterday|today|this (morning|week|afternoon)|"
                        r"last (night|week)|all (day|week))\b")


# Who answers and that it was said before come before the answer: "just asked him, yes since yesterday",
# "already said - no", "she says no".
_REPORT_LEAD = re.compile(r"^(((i )?(just )?asked (him|her|them)( and)?|(he|she|they) says?|(he|she|they) said|"
                          r"i checked( with (him|her|them))?|(i )?(just |already )?(said|told you)( that| this| before| already)?|"
                          r"like i said|as i said|not me (him|her|them)) )+")


# An acknowledgement is no yes when a question follows it.
_ACKNOWLEDGING = ("ok", "okay", "k", "kk", "right")
_QUESTION_AFTER = re.compile(r"(so |but |and |then |well )?(is|are|does|do|can|could|should|will|would|what|whats|"
                             r"how|hows|why|when|where|which|who|am)\b")


def question_after_acknowledging(text: str) -> bool:
    """"ok so is it serious?", "right, what does that mean": a question after an acknowledgement, no answer."""
    words = lx.words(text)
    said = lx.leading(lx.YES_LEAD, words)
    return said in _ACKNOWLEDGING and bool(_QUESTION_AFTER.match(words[len(said):].strip()))


def read_answer(text: str, finding_starts: Iterable[int] = ()) -> Optional[Answer]:
    """The answer a message gives to a yes/no question, or None when it does not answer one."""
    words = lx.words(text)
    if not words:
        return None
    words = _REPORT_LEAD.sub("", words + " ").strip() or words
    if lx.HEDGE_WHOLE.match(words):
        return Answer("present", hedge=words)
    side = side_of(words)
    if side:
        status = "present" if lx.leading(lx.YES_LEAD, words) else None
        return Answer(status, side=side)
    site = site_of(words)
    if site:
        return Answer("present", site=site, side=named_side(words))
    status, said = _polarity(words)
    if question_after_acknowledging(words):
        return None
    if status is None:
        if lx.leading(lx.HEDGE_LEAD, words) and not list(finding_starts):
            return Answer("present", hedge=words)
        trailing = re.search(r"\b(?:(yes|yeah|yep)|no|nope)$", words)
        if trailing and len(words.split()) <= 5:
            # a terse note ending in its answer: "mild L buttock yes"
            said_yes = bool(trailing.group(1))
            return Answer("present" if said_yes else "absent", hedge=words if said_yes else None,
                          side=named_side(words))
        return None
    rest = words[len(said):].strip()
    if not rest:
        return Answer(status)
    if status == "present" and _NORMAL_REPLY.match(rest):
        return Answer("uncertain")      # "yes just normal" to "any trouble with your bladder?": which is it?
    if _attached(text, said, finding_starts):
        return None
    answers = (_separated_after(text, said) or lx.CLAUSE_START_LEAD.match(rest) or _WHEN_LEAD.match(rest)
               or lx.HEDGE_LEAD.match(rest) or side_of(rest) or lx.leading(lx.NO_LEAD, rest)
               or lx.leading(lx.YES_LEAD, rest) or lx.leading(lx.UNSURE_LEAD, rest))
    if not answers:
        return None
    hedge = lx.HEDGE_ANY.search(rest)
    if status == "absent" and QUANTITY_HEDGE.search(rest):
        return Answer("present", hedge=words)
    site = site_of(rest) if status == "present" else None
    if site:
        return Answer(status, site=site, side=named_side(rest))     # "yes R ant upper thigh"
    first_clause = re.split(r"\b(and|though)\b", rest)[0]
    return Answer(status, hedge=words if hedge and status == "present" else None,
                  side=side_of(first_clause))


def read_redo(text: str) -> Optional[Answer]:
    """"sorry I meant yes", "wrong button, no": a new answer to the previous question."""
    words = lx.words(text)
    match = lx.REDO_ANY.search(words)
    if not match:
        return None
    after = words[match.end():].strip()
    before = words[:match.start()].strip()
    for part in (after, re.sub(lx.CORRECTION_LEAD, "", before).strip()):
        status, _ = _polarity(part)
        if status:
            return Answer(status)
    return None


def correction_lead(text: str) -> tuple[bool, str, int]:
    """(whether the message starts by correcting itself, the text after "actually" / "no wait",
    where that text starts in ``text``)."""
    match = lx.CORRECTION_LEAD_RE.match(lx.words(text))
    if not match:
        return False, text, 0
    # The lead's words have no apostrophes, so they match the original text as typed.
    pattern = r"[\W_]*".join(re.escape(w) for w in match.group(0).split())
    found = re.match(rf"^[\W_]*{pattern}\b[\W_]*", text, re.IGNORECASE)
    if not found:
        return True, text, 0
    return True, text[found.end():], found.end()


def side_correction(text: str) -> Optional[tuple[Optional[str], str]]:
    """(old side or None, new side) for "actually it's my right foot, not the left"; the new side is
    "other" for "wrong foot" / "the other side" (the caller swaps left and right)."""
    words = lx.words(text)
    wrong = lx.WRONG_SIDE.search(words)
    corrected = bool(lx.CORRECTION_LEAD_RE.match(words))
    if not (wrong or corrected):
        return None
    old = lx.SIDE_WORDS.get(wrong.group(3)) if wrong and wrong.lastindex and wrong.group(3) else None
    for match in lx.NEW_SIDE.finditer(words):
        side = lx.SIDE_WORDS[match.group(match.lastindex)]
        if side != old:
            return old, side
    if wrong and old in ("left", "right"):
        return old, "right" if old == "left" else "left"   # "not the left": the other one
    if wrong:
        return None, "other"                                # "wrong foot", "the other side"
    return None


def parts(text: str) -> list[str]:
    """A message cut at its sentence and clause marks ("no. result", "no to all, as far as i know")."""
    return re.split(r"[.!?;,\n]+", text or "")




def command(text: str) -> Optional[str]:
    """'why', 'more', 'result', 'summary', 'new_case', 'help' or 'clarify' ("what do you mean?") when
    the whole message is that command."""
    words = lx.words(text)
    for act, pattern in lx.COMMAND_RES.items():
        if pattern.match(words):
            return act
    return None


def _says(pattern: re.Pattern, text: str) -> bool:
    return bool(pattern.search(lx.words(text)))


def ends_with_result(text: str) -> bool:
    """An answer, then the result asked for in a later part: "no. result", "nil. result pls"."""
    pieces = [part for part in parts(text) if part.strip()]
    if len(pieces) < 2:
        return False
    # "tiptoes he can do ok. can i have the result now please, i need to get his tea on"
    return any(command(lx.words(piece)) == "result" or _says(lx.WANTS_RESULT_RE, piece) for piece in pieces[1:])


def asks_what_it_means(text: str) -> bool:
    """"what do you mean by saddle?", "wdym saddle", "what does that mean?": about the words just asked."""
    return _says(lx.WHAT_IT_MEANS_RE, text)


def asks_new_case(text: str) -> bool:
    """The words ask for a new case ("new patient", "start over"), whatever the classifier thought."""
    return _says(lx.NEW_CASE_RE, text)


def wants_result(text: str) -> bool:
    """"whats the verdict", "can i get the result", "so whats wrong with me?": the result, now."""
    return _says(lx.WANTS_RESULT_RE, text)


def writer_own(text: str, start: Optional[int]) -> bool:
    """The sentence at ``start`` tells the carer's own symptoms ("ngl i got sciatica myself from deadlifts"),
    so its findings are not the relative's."""
    return start is not None and any(first <= start < last and lx.WRITER_OWN_RE.search(lx.words(text[first:last]))
                                     for first, last in sentence_spans(text))


def relative_named(text: str) -> Optional[str]:
    """The relative a carer writes about ("my dad's legs gave way"), if one is named; not a relative who
    only says, notices or helps ("my husband says my foot drags", "my daughter set this up for me")."""
    words = lx.words(text)
    for match in lx.RELATIVE_RE.finditer(words):
        after = words[match.end():].strip()
        if match.group(0).endswith("s") and after and not lx.RELATIVE_THEN_RE.match(after):
            continue        # "moving my daughters cot": her thing, not her symptoms
        if re.search(r"\b(not|no)\s*$", words[:match.start()]):
            continue        # "NO not my son, its my husband"
        if not lx.RELATIVE_ONLY_SPEAKS_RE.match(words[match.end():]):
            return match.group(1)
    about = lx.ABOUT_SOMEONE_RE.search(words)
    return (about.group("who") or about.group("lead")) if about else None


def asks_to_go_now(text: str) -> bool:
    """"should i call 999?", "can i wait till monday for my gp?", "do i really need to go now?"."""
    return _says(lx.GO_NOW_RE, text)


def emergency_elsewhere(text: str) -> Optional[str]:
    """'crisis' or 'emergency' when the message names an emergency outside Radix's scope."""
    words = lx.words(text)
    for kind, pattern in lx.EMERGENCY_RES.items():
        for match in pattern.finditer(words):
            if not lx.EMERGENCY_NEGATION_RE.search(words[:match.start()]):
                return kind
    return None


def outside_sources(text: str) -> bool:
    """Signs the five articles do not cover told now ("his foot is red and hot", "a sore that wont heal",
    "shivers"); not denied ("no fever")."""
    words = lx.words(text)
    return any(not lx.EMERGENCY_NEGATION_RE.search(words[:match.start()])
               for match in lx.OUTSIDE_SOURCES_RE.finditer(words))


def asks_what_radix_cannot_do(text: str) -> bool:
    """Booking appointments, prescriptions, contacting a doctor: things Radix cannot do."""
    return bool(lx.CAPABILITY_RE.search(lx.words(text)))


def chitchat_kind(text: str) -> str:
    """'bot', 'help', 'goodbye', 'thanks', 'greet' or 'out_of_scope' for a small-talk message."""
    words = lx.words(text)
    for kind, pattern in lx.CHITCHAT_RES:
        if pattern.search(words):
            return kind
    return "out_of_scope"


def question_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the parts of the message that ask something: sentences ending with "?" or
    opening with a question word or a request to explain. A clinical note's query ("?CES", "?L5 radic")
    asks nothing of Radix. Within a sentence only the question's clauses ask: what a clause before them
    says ("my foot drags, what does that mean?") or a clause after them that opens with the writer ("whats
    sciatica, ive got pain down my right leg") is told."""
    text = text or ""
    return [_asking_part(text, first, last) for first, last in sentence_spans(text)
            if text[first:last].strip().endswith("?") or lx.QUESTION_OPENER_LEAD.match(lx.words(text[first:last]))]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of a message's sentences (lx.SENTENCE_END_RE ends them)."""
    spans, start = [], 0
    for match in lx.SENTENCE_END_RE.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_LEAD_CHARS = 60      # enough for the longest lead ("help me understand", "id like to know")


def _asking_part(text: str, first: int, last: int) -> tuple[int, int]:
    """The clauses of a question sentence that ask: from a clause that opens with a question word (when the
    clauses before it open with none and set no condition: "if my foot drags, what ..." asks all) up to a
    later clause that opens with the writer telling something."""
    clauses = [first] + [m.end() for m in lx.CLAUSE_MARK_RE.finditer(text, first, last)]

    def opening(clause: int) -> str:
        # A lead is a few words: reading a clause's opening only keeps a long message linear.
        return lx.words(text[clause:min(last, clause + _LEAD_CHARS)])

    start = first
    for index, clause in enumerate(clauses):
        words = opening(clause)
        if lx.QUESTION_OPENER_LEAD.match(words) or lx.CONDITION_LEAD.match(words):
            start = clause if index else first
            break
    end = next((clause for clause in clauses if clause > start and lx.TELLING_LEAD.match(opening(clause))), last)
    return start, end


def asks_level(text: str) -> bool:
    """"what level is it?", "which nerve is it?": about this case's level, no level named in it."""
    words = lx.words(text)
    about_case = len(words.split()) <= 5 or re.search(r"\b(it|this|that|mine|my|his|her|affected|causing)\b", words)
    return bool(lx.ASKS_LEVEL_RE.search(words) and about_case) and not re.search(r"\b(t1[0-2]|l[1-5]|s[1-3])\b", words)


def asks_cause(text: str) -> bool:
    """"is it my back or my diabetes?", "so what is it?": what this case points to."""
    return _says(lx.ASKS_CAUSE_RE, text)


def asks_advice(text: str) -> bool:
    """A question about this case that asks what to do or how serious it is."""
    return _says(lx.ADVICE_RE, text)


def asks_summary(text: str) -> bool:
    """A request for the case summary in other words ("can I get a summary", "write it up for the chart")."""
    return bool(lx.SUMMARY_RE.search(lx.words(text)))


def asks_more(text: str) -> bool:
    """More of the last answer ("tell me more", "full details"), not its reasons."""
    words = lx.words(text)
    return bool(lx.MORE_RE.search(words)) and not lx.WHY_RE.search(words)






def only_the_feet(text: str) -> bool:
    """"just the feet really", "only in her toes": the symptoms are in the feet alone."""
    return bool(re.match(r"^((no|nope|nah|well|erm|um|not really|its|it s)\s+)*(just|only|mainly|mostly)\s+(in\s+)?"
                         r"((the|my|his|her|their|both)\s+)?((left|right)\s+)?(feet|foot|toes|soles|heels?)\b", lx.words(text)))


def relative_denied(text: str) -> Optional[str]:
    """The relative a message says the case is not about ("NO not my son, its my husband im asking about")."""
    match = re.search(r"\b(not|no)\s+" + lx.RELATIVE, lx.words(text))
    return match.group(2) if match else None
