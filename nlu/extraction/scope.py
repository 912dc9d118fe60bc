"""Negation and other ConText modifiers kept inside their own clause (medspaCy on_modifies hook).

medspaCy's ConText scopes a modifier to the sentence (or max_scope tokens); people's run-on messages
need tighter scopes: a comma list continues a negation ("denies fever, weight loss, bowel or bladder
changes"), a new clause ends it ("no numbness, my foot is weak").
"""

from __future__ import annotations

import re

CATEGORY_NEGATED = "NEGATED_EXISTENCE"
CATEGORY_UNCERTAIN = "POSSIBLE_EXISTENCE"
CATEGORY_HISTORICAL = "HISTORICAL"
CATEGORY_OTHER = "OTHER_EXPERIENCER"
CATEGORY_HYPOTHETICAL = "HYPOTHETICAL"
CATEGORY_REPORTED = "REPORTED"

# Words that may sit between a negation cue and a self-stated finding without blocking it
# ("no heel walk problems" is adjacent enough; "denies bladder problems, can't heel walk" is not).
_LIST_FILLER = frozenset(
    """, / - & ( ) or and nor any of the a an my his her their other either also in on at to both
    feet foot legs leg side sides symptoms problems issues changes sx trouble troubles difficulty difficulties
    with function accident accidents control""".split()
)
# Words that open a new clause after a comma, ending a negation's list ("no numbness, my foot is weak",
# "physio didnt help, mri showed a disc herniation").
_CLAUSE_STARTERS = frozenset(
    """i i'm im i've ive he she they we it it's pt patient my his her has have had is are was were feels feel
    got gets now then also but still can can't cannot cant could will would does did do says said thinks noted
    notes exam o/e there this that reports states complains endorses occasional occasionally intermittent
    mild severe constant worse better
    mri scan scans xray x-ray ct showed shows found revealed reveals confirmed confirms diagnosed
    its hes shes he's she's theyre they're thats that's theres there's
    just only more mostly mainly sometimes""".split()
)
# Words that make an "if" sentence advice rather than a report ("if you lose control of your bladder go
# straight to A&E"; "doc says surgery only if my leg starts collapsing").
_ADVICE_WORDS = frozenset(
    """a&e er ed emergency 999 911 111 straight immediately urgently urgent hospital surgery operation op seek seen
    checked call ring phone contact attend should must worry asap seek dial ambulance return report attention""".split()
)
_DIAGNOSIS_ONLY = frozenset({"differential", "differential_backward"})
_QUESTION_OPENERS = frozenset("can could does do did is are will would might may how why what".split())


# A trailing "?" on a sentence in which someone states something ("now my legs feel weak??", "i keep
# leaking?") is emphasis, not doubt; a why / how question takes the symptom as given ("why does my leg
# ache?"). Shorthand queries keep their doubt ("L foot weak, foot drop?").
_STATEMENT_SUBJECTS = frozenset("my i i'm im i've ive his her he she he's she's our we their they".split())
_PRESUMING_OPENERS = frozenset("why how".split())
# "is it serious that my left foot drags?", "what does it mean that my foot drags?": the question is about
# how bad a symptom is, or what it means, and the writer takes it as given.
_JUDGING = re.compile(r"^(is|isnt|isn't) (it|this|that) (\w+ )?(serious|bad|normal|ok|okay|dangerous|worrying|"
                      r"concerning|common|urgent|an emergency|a problem|a concern) that |"
                      r"^should i (be )?(worry|worried|concerned|panic) (that|about the fact that) |"
                      r"^what (does|do) (it|this|that) mean that ")
_JUDGING_WORDS = 10     # the longest opening above is 9 words; a long sentence is not joined whole
_HEDGES = frozenset("maybe might perhaps possibly probably think thought wonder wondering unsure sure reckon".split())


def _states_or_presumes(sentence, modifier) -> bool:
    """A trailing "?" on a statement, or any "?" of a why / how question (see modifier_allowed)."""
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    if not words:
        return False
    first = words[0].lower_
    trailing = modifier.start > words[0].i and not (modifier[-1].i + 1 < len(modifier.doc)
                                                     and not modifier[-1].whitespace_)
    if first in _PRESUMING_OPENERS or _JUDGING.match(" ".join(t.lower_ for t in words[:_JUDGING_WORDS]) + " "):
        return True
    if not trailing or _is_question(sentence) or any(t.lower_ in _HEDGES for t in sentence):
        return False        # "maybe my right foot is a bit numb?" stays a doubt
    return any(t.lower_ in _STATEMENT_SUBJECTS for t in sentence if t.i < modifier.start)


def _is_question(sentence) -> bool:
    """An interrogative sentence: it opens with a question word and ends with '?'."""
    words = [t for t in sentence if not t.is_space]
    return bool(words) and words[0].lower_ in _QUESTION_OPENERS and "?" in words[-1].text
_POSSESSIVES = frozenset({"my", "his", "her", "their"})
# A negation of one of these words states a loss, not a denial: "no control of my bladder", "no feeling
# when I open my bowels", "no strength in my foot".
_LOSS_WORDS = frozenset("""control feeling feelings sensation sensations sense strength power movement warning
    awareness grip""".split())


# A reply's opening "no"; a normal word right after it is what is denied ("no normal sensation").
_ANSWER_NOS = frozenset({"no", "nope", "nah", "naw"})
_ANSWER_PARTICLES = _ANSWER_NOS | {"not really", "not at all", "no no", "nope not really"}
_NORMAL_OPENERS = frozenset("normal nml nl wnl intact ok okay fine good unremarkable preserved full".split())
# A new subject with its verb in a run-on sentence: "no pain its numb on top".
_RUN_ON_SUBJECTS = frozenset("its it's im i'm hes he's shes she's theyre they're".split())


def _opens_reply(modifier, particles: frozenset) -> bool:
    """Is the negation one of ``particles`` opening its sentence or clause ("no, ...", "ok. nope ...")?"""
    first = modifier[0]
    return modifier.text.lower() in particles and (first.is_sent_start or (first.i > 0 and first.nbor(-1).is_punct))


def _answer_then_news(target, modifier) -> bool:
    """A reply's opening no then a comma or dash, or any negation with a new subject between it and the
    finding: what follows is told, not denied."""
    doc = target.doc
    if _opens_reply(modifier, _ANSWER_PARTICLES) and doc[modifier.end].text in (",", "-", "\u2013", "\u2014"):
        return True
    return any(doc[i].lower_ in _RUN_ON_SUBJECTS for i in range(modifier.end + 1, target.start))


def _answer_no(target, modifier) -> bool:
    """Is the negation a reply's opening "no" before a statement of its own ("no bowels are fine")?"""
    return modifier.end <= target.start and _opens_reply(modifier, _ANSWER_NOS) \
        and target[0].lower_ not in _NORMAL_OPENERS


def modifier_allowed(target, modifier, span_between, category: str, label_meta: dict,
                     modifier_id: str | None = None) -> bool:
    """ConText on_modifies hook: keep negation and other modifiers inside their own clause.

    Across a comma a forward modifier continues through a list ("denies fever, weight loss, bowel or
    bladder changes") but not into a new clause, recognised by a clause-starting word ("no numbness,
    my foot is weak"); a modifier after the finding never reaches back across a comma. Phrases that
    state their own polarity ("can't walk on my heels", "rectal tone intact") only take an adjacent
    negation.
    """
    meta = label_meta[target.label_]
    if modifier_id in _DIAGNOSIS_ONLY and not meta["concept"].startswith("dx_"):
        return False        # "DDx: PN vs LSS" is a differential, not doubt about the patient's diabetes
    if modifier_id == "conditional" and not any(t.lower_ in _ADVICE_WORDS for t in target.sent):
        return False        # "if I stand up the pain shoots down my legs" is a finding
    if modifier_id == "term_question" and (target.start != modifier.end or not _is_question(target.sent)):
        return False        # "what does it mean that my foot drags?" tells the foot drop
    if modifier_id == "causal_question" and not _is_question(target.sent):
        return False        # "the disc causes pain down my leg" states the pain
    if (modifier_id == "causal_question" or (category == CATEGORY_UNCERTAIN and modifier.start < target.start)) \
            and _cause_in_doubt(target):
        return False        # "not sure if the numbness is from the disc": the cause is in doubt, not the numbness
    if category == CATEGORY_UNCERTAIN and (meta["concept"].startswith("dx_") or meta["concept"] == "diabetes") \
            and target.start > 0 and target.doc[target.start - 1].lower_ in _POSSESSIVES:
        return False        # "is that the saddle thing with my spondylolisthesis?", "is that from my diabetes??"
    # "is it bad that I can't hold my pee?": a question mark does not make a self-stated problem uncertain;
    # neither does one that ends a statement ("now my legs feel weak??") or a question that takes the
    # symptom as given ("why does my leg go numb?").
    if category == CATEGORY_UNCERTAIN and set(modifier.text) <= {"?", "(", ")"}:
        if meta["asserted"] or _states_or_presumes(target.sent, modifier):
            return False
        first, last = modifier[0], modifier[-1]
        leading = first.is_sent_start or (not last.whitespace_ and last.i + 1 < len(last.doc))
        # A leading or attached "?" qualifies what follows; a trailing one what precedes.
        if leading != (target.start >= modifier.end):
            return False
    if category == CATEGORY_NEGATED and meta["status"] == "absent" and _answer_no(target, modifier):
        return False        # "no bowels are fine", "nope my bladder is fine": the answer's "no", not "not fine"
    if category == CATEGORY_NEGATED and modifier.end < target.start and _answer_then_news(target, modifier):
        return False        # "not really, more achy and pins and needles", "no pain its numb on top"
    if category == CATEGORY_NEGATED and modifier.end <= target.start and any(
            token.lower_ in _LOSS_WORDS for token in target.doc[modifier.end:target.start + 1]):
        return False        # "no control of my bladder", "didn't have full control of my bowels": a loss
    if category == CATEGORY_HYPOTHETICAL and modifier_id in _ADVICE_LIST_CUES and _advice_list(target, modifier):
        return True         # "if it ever turns into numbness where youd sit, groin, bum, ... go to hospital that day"
    counts = _token_class_counts(target.doc)
    start, end = span_between.start, span_between.end

    def any_between(kind: int) -> bool:
        return counts[end][kind] - counts[start][kind] > 0

    # A denial ends at a colon after its own object ("no vascular RFs: acute LBP") or at a conjunction before
    # a new subject ("the physio didnt help and she has numb toes").
    if category == CATEGORY_NEGATED and modifier.end <= target.start and (
            any_between(_JOIN) or _object_then_colon(target.doc, modifier.end, target.start)):
        return False
    self_stated = meta["asserted"] or meta["status"] == "absent"
    if category == CATEGORY_NEGATED and self_stated and (any_between(_NOT_FILLER) or any_between(_COMMA)):
        return False        # "slump neg, reflexes 2+": a phrase with its own polarity takes an adjacent negation only
    if not any_between(_COMMA):
        return True
    if category == CATEGORY_HISTORICAL and modifier.start < target.start:
        # "seven years ago, deadlifting at the gym, I suddenly lost feeling in my legs" - but a clause told
        # in the present after the comma is now: "my mother had foot drop years ago, i have numb feet"
        doc = target.doc
        last_comma = max((i for i in range(modifier.end, target.start) if doc[i].text == ","), default=None)
        return last_comma is None or not any(t.lower_ in _NOW_WORDS for t in doc[last_comma + 1:target.end])
    if category == CATEGORY_HISTORICAL and modifier.start >= target.end \
            and counts[end][_COMMA] - counts[start][_COMMA] == 1 and _dating_aside(target.doc, modifier):
        return True         # "i had bladder problems after my 2nd baby, like 15 yrs ago, ..."
    if modifier_id == "uncertainty_either_side" and modifier.start >= target.end and modifier[0].lower_ == "not" \
            and counts[end][_COMMA] - counts[start][_COMMA] <= 1:
        return True         # "a tingly bum cheek, not sure if that's the saddle thing"
    if modifier_id == "explained_away" and counts[end][_COMMA] - counts[start][_COMMA] <= 1:
        return True         # "couldnt pee for the sample, probably cause i hadnt drunk anything"
    if modifier.start >= target.end or category == CATEGORY_UNCERTAIN:
        # Doubt does not spread through a list: "possible saddle hypoesthesia, rectal tone reduced".
        return False
    # The finding may open the new clause itself: "no pain in bed, worse standing than sitting".
    opens_clause = target.start > 0 and _is_clause_mark(target.doc, target.start - 1) \
        and _starts_clause(target[0].lower_)
    return not (opens_clause or any_between(_CLAUSE_STARTER))


# Words of an aside that only dates what came before it: ", like 15 yrs ago,", ", about 2 years ago."
_ASIDE_WORDS = frozenset("like about around roughly maybe some over nearly almost approx approximately a an "
                         "few couple of or so".split())


def _dating_aside(doc, modifier) -> bool:
    """Is the history cue an aside of its own after a comma (", like 15 yrs ago," / "., about 2 years ago.")
    that dates the clause before it?"""
    before = modifier.start - 1
    while before >= 0 and (doc[before].lower_ in _ASIDE_WORDS or doc[before].like_num):
        before -= 1
    after = modifier.end
    return before >= 0 and doc[before].text == "," and (after >= len(doc) or doc[after].is_punct)


# Present-tense words that make a clause after a history cue's comma about now.
_NOW_WORDS = frozenset("now currently nowadays today im i'm am is are have has".split())
# Advice told as a list of warning signs reaches through its commas: the sentence gives advice and nobody
# in particular is named between the cue and the sign ("warning card: pins and needles between your inner
# thighs, numb round your back passage, leaking ... go to a&e now"). A person named ("my foot is weak now")
# is a report and ends it.
_ADVICE_LIST_CUES = frozenset({"conditional", "hypothetical", "advice_list_after"})
_SOMEONE = frozenset("i i'm im i've ive me my mine he she his him her he's she's hes shes pt patient we our".split())


def _advice_list(target, modifier) -> bool:
    sentence = target.sent
    doc = target.doc
    # The advice may end the list's sentence or be the next one ("... cant hold a bowel motion. answer yes
    # to any of these and go to a&e now").
    following = doc[sentence.end].sent if sentence.end < len(doc) else sentence
    if not any(t.lower_ in _ADVICE_WORDS for t in doc[sentence.start:following.end]):
        return False
    first, last = (modifier.end, target.start) if modifier.start < target.start else (target.end, modifier.start)
    return not any(t.lower_ in _SOMEONE for t in doc[first:last])


# "the numbness", "my leg pain": a finding named as already there.
_PRESUPPOSING = frozenset("the my this that these those his her their your".split())
# "... is from the disc", "... could be due to my diabetes": what follows names a cause.
_CAUSE_VERBS = frozenset("is are was were be comes came coming".split())
_CAUSE_WORDS = (("from",), ("due", "to"), ("caused", "by"), ("related", "to"), ("linked", "to"),
                ("because", "of"), ("down", "to"), ("part", "of"), ("a", "sign", "of"), ("a", "symptom", "of"),
                ("connected", "to"), ("coming", "from"))
_CAUSE_REACH = 6    # words between the finding and its cause verb ("the numbness in my left foot is from")


def _cause_in_doubt(target) -> bool:
    """A finding named as already there and followed, in its clause, by its cause: a hedge before it doubts
    the cause ("not sure if the numbness is from the disc", "he reckons my leg pain is from my hips")."""
    doc = target.doc
    if target.start == 0 or doc[target.start - 1].lower_ not in _PRESUPPOSING:
        return False
    end = min(target.sent.end, target.end + _CAUSE_REACH + 4)
    words = [t.lower_ for t in doc[target.end:end]]
    for i, word in enumerate(words[:_CAUSE_REACH + 1]):
        if word in _CLAUSE_MARKS or word in {".", "?", "!", "and", "but", "or"}:
            return False
        if word in _CAUSE_VERBS and any(tuple(words[i + 1:i + 1 + len(c)]) == c for c in _CAUSE_WORDS):
            return True
    return False


_COMMA, _CLAUSE_STARTER, _NOT_FILLER, _JOIN = 0, 1, 2, 3
# A duration in note shorthand opens a new clause after a comma: "no comorbs, 4/52 pain over the ankle".
_DURATION_TOKEN = re.compile(r"^[<>~x]?\d{1,2}(\.\d)?(/52|/12|/7|y|yrs?|wks?|mos?|mths?)$")
# A comma, a semicolon or a dash between clauses: "no numbness - my foot is weak" negates only the numbness.
_CLAUSE_MARKS = frozenset({",", ";", "-", "\u2013", "\u2014", "--"})
# A conjunction before a new subject ends a denial too: "the physio didnt help and she has numb toes", "it
# hasnt touched it and hes on a cane" (not "no back and leg pain", "denies numbness and weakness").
_JOINING = frozenset({"and", "but", "so"})
_NEW_SUBJECTS = frozenset("i im i'm ive i've he hes he's she shes she's they theyre they're we it its it's".split())


def _joins_clause(doc, i: int) -> bool:
    return doc[i].lower_ in _JOINING and i + 1 < len(doc) and doc[i + 1].lower_ in _NEW_SUBJECTS


def _starts_clause(word: str) -> bool:
    return word in _CLAUSE_STARTERS or bool(_DURATION_TOKEN.match(word))


def _is_clause_mark(doc, i: int) -> bool:
    """A comma, semicolon or dash between clauses; a dash between two numbers is a range ("6-12/52")."""
    if doc[i].text not in _CLAUSE_MARKS:
        return False
    return not (doc[i].text in ("-", "\u2013") and 0 < i < len(doc) - 1
                and doc[i - 1].text[:1].isdigit() and doc[i + 1].text[:1].isdigit())


def _object_then_colon(doc, start: int, end: int) -> bool:
    """A colon between a negation and a finding, after words of the negation's own ("no vascular RFs:"),
    not right after the cue ("denies: numbness, weakness" is one list)."""
    for i in range(start, end):
        if doc[i].text == ":":
            return any(doc[j].lower_ not in _LIST_FILLER for j in range(start, i))
    return False


def _token_class_counts(doc) -> list[tuple[int, int, int, int]]:
    """Prefix counts of commas, clause starters, non-filler words and joining conjunctions, so each ConText
    edge check is O(1) (a scan of the words between would make long run-on texts cubic). Cached on the doc."""
    counts = doc.user_data.get("radix_token_class_counts")
    if counts is None:
        counts = [(0, 0, 0, 0)]
        commas = starters = non_filler = joins = 0
        for token in doc:
            if not token.is_space:
                commas += _is_clause_mark(doc, token.i)
                starters += _starts_clause(token.lower_)
                non_filler += token.lower_ not in _LIST_FILLER
                joins += _joins_clause(doc, token.i)
            counts.append((commas, starters, non_filler, joins))
        doc.user_data["radix_token_class_counts"] = counts
    return counts




def call_modifier_allowed(target, modifier, span_between, category, label_meta, modifier_id=None):
    """Module-level (picklable with functools.partial) wrapper used as ConTextRule.on_modifies."""
    return modifier_allowed(target, modifier, span_between, category, label_meta, modifier_id)
