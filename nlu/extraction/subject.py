"""Who each finding is about, and who the consultation is about (the experiencer of a finding).

A caregiver describing a relative now ("my wife can't pass water since this afternoon") is a
consultation about that relative: their findings are the *patient's*, and their red flags count. A
family history or a friend's story told next to one's own symptoms stays someone else's ("other").

Each finding gets a *referent*: the nearest person mention before (or inside) it in its sentence, or the
last one of the sentences before it:

    self      I, me, my (not "my dad"), myself ...
    <noun>    a relative or other person by noun: "my dad", "mum", "my mate's son", "the lad in the next bed"
    he / she  the last person noun named, or "third" (a case report's patient: "45F", "pt", "he")

A person followed by a reporting verb ("my wife says my foot drags", "doc thinks") is a reporter, not a
referent, and clinicians never are. The consultation subject is the writer when the writer states a
current finding of their own, else the person with the most current findings (the first named on a
tie); findings about anyone else become experiencer "other". Findings ConText
tagged as family history ("FH", "runs in the family") stay "other" whatever the referent.
"""

from __future__ import annotations

import re

SELF = "self"
THIRD = "third"

_SELF_WORDS = frozenset("i i'm im i've ive i'd i'll me my myself mine".split())
_PRONOUNS = frozenset("he she his her him hers himself herself he's she's hes shes".split())
_PATIENT_WORDS = frozenset("pt pts patient".split())
# "PT" is also physical therapy: "sent me to PT", "injections and PT did nothing", "surgery, pt, epidurals",
# "says PT wont help now".
# Told by the words around it; a note's "pt reports", "per pt", "last pt of the day" stay the patient.
_THERAPY_BEFORE = frozenset("to and or + & / , of with did doing continuing continue started from after more some "
                            "in at early failed plus also via second first maybe try tried trying needs "
                            "outpatient private".split())
_THERAPY_AFTER = frozenset("and or & + / , did didnt didn't no w helped exercises session sessions appointment "
                           "appointments appt days too needling course courses while visits wont won't isnt isn't "
                           "hasnt hasn't helping".split())
_PERSON_NOUNS = {
    "mother": "mother", "mom": "mother", "mum": "mother", "mommy": "mother", "mummy": "mother", "mama": "mother",
    "father": "father", "dad": "father", "daddy": "father", "papa": "father", "wife": "wife", "husband": "husband",
    "hubby": "husband", "partner": "partner", "boyfriend": "partner", "girlfriend": "partner", "fiance": "partner",
    "fiancee": "partner", "sister": "sister", "brother": "brother", "sibling": "sibling", "son": "son",
    "daughter": "daughter", "aunt": "aunt", "auntie": "aunt", "uncle": "uncle", "cousin": "cousin",
    "grandma": "grandmother", "grandmother": "grandmother", "nan": "grandmother", "nana": "grandmother",
    "granny": "grandmother", "grandpa": "grandfather", "grandfather": "grandfather", "grandad": "grandfather",
    "friend": "friend", "mate": "friend", "buddy": "friend", "pal": "friend", "neighbor": "neighbour",
    "neighbour": "neighbour", "colleague": "colleague", "coworker": "colleague", "kid": "child", "child": "child",
    "baby": "child", "niece": "niece", "nephew": "nephew", "lad": "lad", "bloke": "lad", "guy": "lad",
    "lady": "lady", "relative": "relative", "parents": "parents", "parent": "parents", "grandson": "grandson",
    "granddaughter": "granddaughter", "inlaw": "inlaw", "stepmother": "mother", "stepfather": "father",
    "fella": "partner", "fellow": "partner", "missus": "wife", "misses": "wife", "grandpop": "grandfather",
    "gran": "grandmother", "grandmom": "grandmother", "stepdad": "father", "stepmum": "mother",
    "stepmom": "mother",
}
_CLINICIANS = frozenset(
    """doctor doctors doc docs dr gp gps physio physios physiotherapist physiatrist nurse consultant surgeon neurosurgeon
    neurologist specialist chiro chiropractor osteo osteopath ortho orthopaedic orthopedic endo endocrinologist
    podiatrist therapist rheumatologist urologist oncologist paramedic paramedics""".split()
)
_REPORTING = frozenset(
    """says said say saying told tells tell thinks think thought reckons reckon noticed notices noticed calls called
    call diagnosed found finds asked asks wants checked suspected promised reported reports rang texted texts
    confirmed explained mentioned helped helps drove brought made worries worried notes noted states stated
    observed observes describes described""".split()
)
_FEMALE = frozenset("mother wife sister daughter aunt grandmother niece granddaughter lady".split())
_MALE = frozenset("father husband brother son uncle grandfather nephew grandson lad".split())
_FEMALE_PRONOUNS = frozenset("she her hers herself she's shes".split())
# A person word before these names a body part or a thing, not a person: "my lady bits", "man parts",
# "gets about in baby steps", "baby wipes", "my baby bump".
_NOT_A_PERSON_AFTER = frozenset("""bits parts bit part steps step wipes monitor bump boomer boomers food sitter
    shower mode talk""".split())
# Words that end a "my ..." look-ahead: "my foot" is the writer's, "my 77 year old dad" is the father.
_STOP = frozenset(", . ; : ! ? and but or who which that".split())
_AGE_SEX = re.compile(r"^\d{1,3}\s?(yo|y/o|yr|yrs)?[mf]$", re.IGNORECASE)


def _person(token) -> str | None:
    """The noun key of a person word ("dads" -> father), or None ("my lady bits" are no lady)."""
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in _NOT_A_PERSON_AFTER:
        return None
    word = token.lower_.replace("'s", "").replace("'", "")
    if word in _PERSON_NOUNS:
        return _PERSON_NOUNS[word]
    if word.endswith("s") and word[:-1] in _PERSON_NOUNS:
        return _PERSON_NOUNS[word[:-1]]
    return None


def _is_reporter(doc, index: int) -> bool:
    """A person word followed by a reporting verb ("my wife says", "doc thinks", "he said")."""
    for token in doc[index + 1:index + 3]:
        if token.lower_ in _REPORTING:
            return True
        if token.is_punct or token.lower_ in _STOP:
            return False
    return False


_NUMBERED = frozenset({"grade", "gr", "type", "stage", "class", "phase", "level", "tier", "zone"})


def person_mentions(doc) -> list[tuple[int, str]]:
    """(token index, referent key) of every person mention that can be a referent, in order."""
    mentions: list[tuple[int, str]] = []
    named: list[str] = []       # person nouns so far, for pronouns
    skip_to = -1
    for token in doc:
        index = token.i
        if index <= skip_to:
            continue
        word = token.lower_
        key = None
        if word == "my" or word == "our":
            # "my 77 year old dad" names the father; "my foot" the writer.
            for ahead in doc[index + 1:index + 5]:
                if ahead.is_punct or ahead.lower_ in _STOP or ahead.lower_ in _CLINICIANS:
                    break
                noun = _person(ahead)
                if noun is not None:
                    key, skip_to = noun, ahead.i
                    break
            if key is None and ahead_is_clinician(doc, index):
                continue            # "my PT calls it foot drop", "my gp"
            if key is None and (old := _age_as_noun(doc, index)) is not None:
                key, skip_to = "child", old    # "my 15 year old jumped off his skateboard"
            if key is None:
                key = SELF if word == "my" else None
        elif word in _SELF_WORDS:
            if word == "i" and index > 0 and doc[index - 1].lower_ in _NUMBERED:
                continue            # "grade I anterolisthesis", "type I": a numeral, not the writer
            key = SELF
        elif word in _CLINICIANS:
            continue
        elif (noun := _person(token)) is not None:
            if index > 0 and doc[index - 1].lower_ in _CLINICIANS:
                continue            # "my doctor friend translated": a clinician, nobody the story is about
            if 0 < index < len(doc) - 1 and doc[index - 1].lower_ in ("a", "an") and doc[index + 1].lower_ == "of":
                continue            # "shes a mum of three": says what she is, names nobody new
            if index <= 1 and index + 1 < len(doc) and doc[index + 1].lower_ == "here":
                key = SELF          # "bloke here, late 50s": the writer introducing himself
            else:
                key = noun
        elif word in _PRONOUNS:
            # The latest person named that the pronoun can stand for: "pt wife notes he has been tripping"
            # is the patient, not the wife.
            wrong = _MALE if word in _FEMALE_PRONOUNS else _FEMALE
            key = next((noun for noun in reversed(named) if noun not in wrong), THIRD)
        elif word in _PATIENT_WORDS or _AGE_SEX.match(token.text):
            if index > 0 and doc[index - 1].lower_ in ("my", "his", "her"):
                continue        # "my PT" is a physiotherapist
            if word in ("pt", "pts") and (is_physical_therapy(doc, index) or _therapist_with_me(
                    token.text, "" if token.is_sent_start else doc[index - 1].lower_,
                    doc.text[token.idx + len(token.text):])):
                continue
            key = THIRD
        if key is None:
            continue
        if any(t.lower_ in ("like", "as") for t in doc[max(index - 4, 0):index]) and key not in (SELF, THIRD):
            continue            # a simile: "I walk like a little old lady"
        if key not in (SELF, THIRD):
            named.append(key)       # a reporter too: "my dad rang me ... he can hardly get round"
        if _is_reporter(doc, skip_to if skip_to >= index else index):
            continue
        mentions.append((skip_to if skip_to >= index else index, key))
    return mentions


def _age_as_noun(doc, index: int) -> int | None:
    """The index of "old" in "my 15 year old" / "our 3 yr old" used as a noun, else None."""
    words = [t.lower_ for t in doc[index + 1:index + 4]]
    if len(words) == 3 and words[0].isdigit() and words[1] in ("year", "yr", "years", "yrs") and words[2] == "old":
        if index + 4 >= len(doc) or _person(doc[index + 4]) is None:    # not "my 77 year old dad"
            return index + 3
    return None


# What a patient does to the writer is said of a therapist: "the PT watched me run", "the PT gave me" (a
# note's "the pt told me" stays the patient).
_THERAPIST_WITH_ME = re.compile(r"\s+(?!(?:told|tells|says|said|reports|reported|states|stated)\b)\w+\s+(?:\w+\s+)?"
                                r"(?:me|my)\b", re.IGNORECASE)


def _therapist_with_me(word: str, before: str, rest: str) -> bool:
    """"the PT watched me run", "PT gave me a lumbar support": ``word`` as written (capitals: a note's "the pt
    gave me a history" stays the patient), ``before`` the word before it ("" at the start of a sentence),
    ``rest`` the text after it."""
    return word == "PT" and before in ("the", "") and _THERAPIST_WITH_ME.match(rest) is not None


def _therapy_around(before: str, after: str) -> bool:
    """The words either side of "PT" make it the therapy, not the patient (see _THERAPY_BEFORE)."""
    return before in _THERAPY_BEFORE or after in _THERAPY_AFTER


def is_physical_therapy(doc, index: int) -> bool:
    """"PT" at token ``index`` is the therapy, not the patient."""
    return _therapy_around(doc[index - 1].lower_ if index > 0 else "",
                           doc[index + 1].lower_ if index + 1 < len(doc) else "")


def ahead_is_clinician(doc, index: int) -> bool:
    nxt = doc[index + 1] if index + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in _CLINICIANS or nxt.lower_ == "pt")


def referent(target, mentions: list[tuple[int, str]], carried: str | None, ahead: bool = False) -> str | None:
    """The nearest mention at or before the finding's last word in its sentence, else ``carried``.

    ``ahead``: a time that opens its sentence belongs to whoever it goes on to tell about ("mum had nipped
    out. about 10 mins later my left leg went tingly" is the writer's onset): with no mention before it in
    the sentence, the first mention after it there."""
    sentence_start, sentence_end = target.sent.start, target.sent.end
    best = None
    for index, key in mentions:
        if sentence_start <= index < target.end:
            best = key
        elif index >= target.end:
            if ahead and best is None and index < sentence_end:
                best = key
            break
    return best if best is not None else carried


def last_referent(mentions: list[tuple[int, str]], before: int, carried: str | None) -> str | None:
    """The referent carried into the sentences after token ``before``."""
    last = carried
    for index, key in mentions:
        if index < before:
            last = key
    return last


_PAST = frozenset("had was were lost got went did used passed died came".split())
_PRESENT = frozenset("has have is are am now still keeps keep can't cant cannot can currently today since been "
                     "isn't isnt doesn't doesnt won't wont s 's ve 've".split())
# A story dated to days ago (or "just": "was just diagnosed") is the consultation told after the fact, not
# family history: "then the next morning he woke up and his left leg wouldnt work".
_RECENT = frozenset("yesterday today tonight morning afternoon evening overnight recently lately weekend just".split())
# The writer setting themselves apart ("my mum has diabetes, I don't", "my mother in law keeps falling,
# I'm fine", "the same numb feet as me"): the writer is the consultation subject.
_SELF_CONTRAST = re.compile(r"\b(i don'?t|i do not|i'?m fine|i am fine|i'?m ok|not me|as me|like me)\s*([.,;!?]|$)",
                            re.IGNORECASE)
# A clinical note's patient ("pt reports his wife has numb feet") is the subject, whoever else is named.
_NOTE_PATIENT = re.compile(r"(?<!my )(?<!his )(?<!her )\b(pt|patient)('?s)?\b", re.IGNORECASE)


_WORD_BEFORE = re.compile(r"([\w']+|[^\w\s])\s*$")
_WORD_AFTER = re.compile(r"^\s*([\w']+|[^\w\s])")


def writer_sets_apart(text: str) -> str | None:
    """SELF or THIRD when the text itself says who the consultation is about, else None."""
    if _SELF_CONTRAST.search(text):
        return SELF
    for match in _NOTE_PATIENT.finditer(text):
        if match.group(1).lower() == "pt":
            before = _WORD_BEFORE.search(text[:match.start()])
            after = _WORD_AFTER.search(text[match.end():])
            if _therapy_around(before.group(1).lower() if before else "", after.group(1).lower() if after else ""):
                continue        # "sent me to PT": the therapy
            opens = not text[:match.start()].strip() or text[:match.start()].rstrip()[-1] in ".!?\n"
            if _therapist_with_me(match.group(1), "" if opens else (before.group(1).lower() if before else ""),
                                  text[match.end():]):
                continue        # "the PT watched me run": the therapist
        return THIRD
    return None


def told_in_the_past(target, key: str | None) -> bool:
    """A relative's finding told in the past tense ("my mother had foot drop", "Dad lost feeling in his
    feet"): family history unless that relative is also described now."""
    if key in (None, SELF, THIRD):
        return False
    words = {t.lower_ for t in target.sent[:target.end - target.sent.start]}
    return bool(words & _PAST) and not words & _PRESENT and not words & _RECENT


def _told_about_someone_else(counts: dict[str, int]) -> bool:
    """A carer's story with one stray first person in it ("i had to put the catheter in myself", "saying im
    becoming paralysed"): someone else has at least three current findings and twice the writer's."""
    others = [count for key, count in counts.items() if key != SELF]
    return bool(others) and max(others) >= 3 and max(others) >= 2 * counts[SELF]


def assign_experiencers(findings: list[dict], referents: list[str | None], family: list[bool],
                        past: list[bool], stated_subject: str | None = None, counted: list[bool] | None = None) -> None:
    """Set each finding's experiencer from the consultation subject (in place; see the module doc).
    ``counted[i]`` false: finding i does not help choose the subject (a loose safety-net mention)."""
    counts: dict[str, int] = {}
    order: list[str] = []
    for index, (finding, key, is_family, is_past) in enumerate(zip(findings, referents, family, past)):
        if key is None or is_family or is_past or finding["historical"] or finding["concept"].startswith("dx_") \
                or (counted is not None and not counted[index]):
            continue
        if key not in counts:
            order.append(key)
        counts[key] = counts.get(key, 0) + 1
    subject = None
    if stated_subject is not None:
        subject = stated_subject
    elif SELF in counts and not _told_about_someone_else(counts):
        subject = SELF          # the writer's own symptoms: anyone else's story is someone else's
    elif counts:
        best = max(counts.values())
        subject = next(key for key in order if counts[key] == best)
    for finding, key, is_family, is_past in zip(findings, referents, family, past):
        if subject is None:
            about_other = is_past   # nobody described now: a relative's past is family history
        else:
            about_other = key is not None and key != subject and not (key == THIRD and subject != SELF)
        finding["experiencer"] = "other" if is_family or about_other else "patient"
