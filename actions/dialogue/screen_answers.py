"""Answers to the combined red-flag screen, and red flags denied before it is asked.

Pure Python (no Rasa), like reading.py. A reply is read part by part (its sentences and clauses):
- a part that denies the whole list ("no to all", "none of those he says", "no not really") answers
  every item no, unless another part names an item as an answer ("none. except the bladder one");
- an item is named as an answer in a short part or with an answer's words ("just the bladder one",
  "bladder yes", "not sure about the bowel one", "wee is ok"); a part that asks ("you asked me about
  bladder and bowels??", "does a weak bladder count?") or tells a story ("he does get up to wee at
  night twice but he's always done that") names nothing: the extractor reads what it says.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from actions.dialogue import lexicon as lx

# A part made only of denials and the words around them: "none of them no", "nope none of em", "nope both fine".
_DENIALS = frozenset("no nope nah none nothing never neither nor".split())
_DENIAL_WORDS = _DENIALS | frozenset("of them em those these all to and the above at any both either not "
                                     "fine ok okay normal things 4 four "
                                     # whom it is about: "not mum no", "none for him"
                                     "for him her he she they mum mom dad husband wife son daughter".split())
_STACKED_NO = re.compile(r"^((no+|nope|nah+|naw) )+|( (no+|nope|nah+|naw))+$")
_ALL_FINE = re.compile(r"^(both|all|everything|all of (them|those|these)|they re all|theyre all|its all)"
                       r"( (is|are))? (fine|ok|okay|normal|good|alright|all right)$")
# Words of a screen answer beside an item's name; without them only a short part names an item.
_ANSWER_CUES = re.compile(r"\b(one|just|only|except|apart from|yes|yeah|yep|yea|no|not|nope|maybe|fine|ok|okay|"
                          r"normal|sure|unsure)\b")
_ASKS = re.compile(r"^(does|do|is|are|would|could|should|can|what|which|how|why|whats)\b|"
                   r"\b(asked( me)? about|mean by|you mean|what about)\b")
# An item told normal a few words after its name ("is fine", "has been ok", "and everything down there totally
# normal"), with no "but" or denial before the normal word ("isnt fine").
_NORMAL_SOON = re.compile(r"^((?!(but|not|no|isnt|arent|wasnt|werent|never|doesnt|dont|cant)\b)\w+ ){0,4}"
                          r"(totally |perfectly |completely |all )?(fine|ok|okay|normal|good|alright|all right|well|"
                          r"nml|nl|unaffected|working)\b")
_UNSURE = re.compile(r"\b(not sure|unsure|maybe|possibly|dont know|might|idk)\b")
_NEGATION = re.compile(r"\b(no|not|never|nor|neither|without|wasnt|isnt|didnt|havent|hasnt|dont|doesnt|none|nobody|nothing|"
                       r"nothin|nuthin|nowt|no one|noone)\b")
# Words between an item's name and its answer that do not change it: "bladder and bowels fine", "groin numbness:
# no", "his waterworks are perfectly normal".
_BETWEEN = frozenset("and n & or his her my their the its is are s was were feels feel seem seems has been have "
                     "problems problem trouble issues issue control function numbness numb weakness weak thing one "
                     "symptoms perfectly completely totally absolutely entirely quite all both pretty really fully".split())
# "regarding the bladder, i get up at night ...": a topic named, the answer is what follows (the extractor reads it)
_TOPIC_LEAD = re.compile(r"^(regarding|as regards|as for|with regards? to|concerning|in terms of|about|re) "
                         r"(the |his |her |my )?\w+$")
# "mum has none of those 4 things": a count, not the fourth item
_COUNT = re.compile(r"^ ?(things|items|of (them|those|these)|symptoms|questions)\b")
_SHORT_PART = 6
_AFTER_ORDINAL = frozenset("one ones and or only too yes yeah & 1 2 3 4 first second third fourth last".split())


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(the part's words, whether it asks), for each sentence and clause of the reply."""
    chunks = re.split(r"([.!?;,\n]+)", text or "")
    pieces = []
    for index in range(0, len(chunks), 2):
        words = lx.words(chunks[index])
        mark = chunks[index + 1] if index + 1 < len(chunks) else ""
        if words:
            pieces.append((words, "?" in mark or bool(_ASKS.search(words))))
    return pieces


def _names(words: str, listed: list[str]) -> dict[str, int]:
    """Items of the list a part names as an answer, with where: by name or by position ("the first one")."""
    named: dict[str, int] = {}
    if _TOPIC_LEAD.match(words):
        return named
    ordinals = list(lx.SCREEN_ORDINAL_RE.finditer(words))
    if not ordinals and len(words.split()) > _SHORT_PART and not _ANSWER_CUES.search(words):
        return named
    for concept in listed:
        match = lx.SCREEN_NAME_RES[concept].search(words)
        if match:
            named[concept] = match.start()
    for match in ordinals:
        # "the first one", "1 and 3", "2nd": an item; "after 3 kids", "4 things": a count
        after = words[match.end():].split()[:1]
        if _COUNT.match(words[match.end():]) or (after and after[0] not in _AFTER_ORDINAL):
            continue
        index = len(listed) - 1 if match.group(1) == "last" else lx.SCREEN_ORDINALS[match.group(1)]
        if index < len(listed):
            named.setdefault(listed[index], match.start())
    return named


# A denial of the whole list said inside a longer part: "ive asked her and she says no to all of them".
_WHOLE_DENIAL = re.compile(r"\b(no to (all|both|everything|any)( of (them|those|these|that))?|none of (them|those|these|that|"
                           r"the above)|nothing like that|not that (i|he|she|we) (know|knows))\b")
# A doubt about the whole list: "not sure tbh hes not said nothin", "dont know, he wont say".
_UNSURE_LEAD = re.compile(r"^(not sure|unsure|dont know|don t know|no idea|idk|not certain)\b")


def _denies_all(words: str) -> bool:
    """A part that answers the whole list no, once its asides are dropped."""
    if _WHOLE_DENIAL.search(words):
        return True
    said = re.sub(r"^(i )?(already )?(said|told you|told u|say) ", "", words)     # "i said dont think so"
    has = re.sub(r"^\w+ (has|have|had|has had|s had|got|s got|has got) ", "", words)   # "mum has none of those"
    for plain in (words, said, has, " ".join(lx.SCREEN_ASIDE_RE.sub(" ", words).split())):
        # a denial stacked on another ("no not really", "nope i dont think so", "not really no")
        for bare in {plain, _STACKED_NO.sub("", plain)}:
            if bare and (lx.SCREEN_NONE_WHOLE.match(bare) or lx.NO_WHOLE.match(bare) or _ALL_FINE.match(bare)
                         or (set(bare.split()) <= _DENIAL_WORDS and set(bare.split()) & _DENIALS)):
                return True
    return False


def _status(words: str, position: int) -> str:
    """An item's answer from the words around its name within its part."""
    # "no but the bladder one maybe": a "but" ends the denial before it; a doubt may follow the item
    window = re.split(r"\b(but|except|apart from|just|only)\b", " ".join(words[:position].split()[-5:]))[-1]
    after = words[position:].split()[1:]
    while after and (after[0] in _BETWEEN or any(name.fullmatch(after[0]) for name in lx.SCREEN_NAME_RES.values())):
        after = after[1:]
    following = " ".join(after[:4])
    if _UNSURE.search(f"{window} {following}"):
        return "uncertain"
    # "his waterworks are fine and his bowels": the second item shares the first one's "fine"
    shared = re.search(r"\b(fine|ok|okay|normal|good|alright)\s+(and|n|&)(\s+(his|her|my|the|their))?\s*$", window) \
        and not re.match(r"(yes|yeah|yep|yea|is not|isnt|are not|arent|not)\b", following)
    able = re.search(r"\b(can|could)( still)?\s*$", window)        # "i can pass water perfectly well"
    if _NEGATION.search(window) or shared or able or _NORMAL_SOON.match(" ".join(after[:7])) \
            or re.match(r"(no|nope|not|nah|none|nothin\w*)\b", following):
        return "absent"
    return "present"


def read_screen(text: str, listed: list[str], mentioned: Iterable[str] = ()) -> Optional[dict[str, str]]:
    """Statuses for the red-flag screen's listed concepts, or None when the reply does not say.

    "no to all" / "none of those" -> all absent; "not sure" -> all uncertain; "just the bladder
    one" / "the first one" / "1 and 3" -> those present and the others absent; "not sure about the
    bowel one" -> that one uncertain. A bare "yes" names none: the caller asks which. ``mentioned``: items the
    extractor found in the reply; "otherwise none of the others" denies the rest of them.
    """
    words = lx.words(text)
    if not words:
        return None
    answers = [part for part, asks in _pieces(text) if not asks]
    if lx.UNSURE_WHOLE.match(words) or (_UNSURE_LEAD.match(words) and not any(_names(p, listed) for p in answers)):
        return {concept: "uncertain" for concept in listed}
    statuses: dict[str, str] = {}
    for part in answers:
        for concept, position in _names(part, listed).items():
            statuses.setdefault(concept, _status(part, position))
    if any(_denies_all(part) for part in answers) and not any(s == "present" for s in statuses.values()):
        return {concept: statuses.get(concept, "absent") for concept in listed}
    # "just the bladder one": the others are no; "not the bladder" or "not sudden" says nothing of the others
    rest_denied = re.search(r"\b(not the (rest|others)|rest no|others no|no to the (rest|others)|none of the others|"
                            r"nothing else|no others?|otherwise (no|none|nothing|not)|(apart from|other than) (that|this)"
                            r"( its)? (no|none|nothing)|the (rest|others) (are |is )?(fine|ok|okay|normal|no))\b", words)
    if not statuses:
        mentioned = set(mentioned)
        if rest_denied and mentioned:
            return {concept: "absent" for concept in listed if concept not in mentioned}
        return None
    if any(s == "present" for s in statuses.values()) or rest_denied:
        others = "absent"
    elif re.match(r"^(not sure|unsure|maybe)", words):
        others = "uncertain"
    else:
        return statuses
    for concept in listed:
        statuses.setdefault(concept, others)
    return statuses


def denies_red_flags(text: str) -> bool:
    """"no red flags", "RF neg", "red flags: none", "denies any red flag symptoms": all of them denied now;
    not someone's earlier word ("the gp said no red flags"), which the screen still asks about."""
    words = lx.words(text)
    return any(not re.search(r"\b(said|says|told|thought|thinks|reckoned|reckons|was|were)( me| us| him| her)?"
                             r"( there (was|were))?\s*$", words[:match.start()])
               for match in lx.NO_RED_FLAGS_RE.finditer(words))
