"""Attaching a side (left / right / both) and a body site to each finding, by distance in its clause."""

from __future__ import annotations

from typing import Any

from common.contract import FOOT_AT_LARGE

SIDE_LABEL_PREFIX = "SIDE_"
_CLAUSE_BREAKS = frozenset({",", ";", "but", "however", "although", "though", "except", "."})


def resolve_sides(side_spans, last_side: list) -> list[tuple[Any, str]]:
    """(span, side) for side terms; "on that side" takes the last side stated before it."""
    resolved = []
    for span in sorted(side_spans, key=lambda s: s.start):
        side = span.label_[len(SIDE_LABEL_PREFIX):]
        if _intensifier(span):
            continue
        if side == "previous":
            side = last_side[0]
            if side is None:
                continue
        else:
            last_side[0] = side
        resolved.append((span, side))
    return resolved


# "right down my leg", "right up to the knee", "right now": "right" there says how far, not which side.
_AFTER_INTENSIFIER = frozenset(
    "down up across through into to there now away next at in after before round around off over under behind "
    "from along the a by onto out here as".split())


# "it left me with ...", "i left work early": "left" is a verb there.
_AFTER_VERB_LEFT = frozenset("me him her us them it the a my his hospital work home school early behind".split())
_BEFORE_VERB_LEFT = frozenset("i he she we they you was were been is are has have had got just then".split())
# "is that normal, right?", "all right then": "right" agrees, it names no side.
_AFTER_AGREEING_RIGHT = frozenset("? then ok okay so".split())
_BEFORE_AGREEING_RIGHT = frozenset("all thats that's".split())
# "hasnt been right since", "doesnt feel right", "not right": "right" there means as it should be.
_BEFORE_CORRECT_RIGHT = frozenset("been feel felt feels feeling look looks looked seem seems seemed quite not".split())


def _intensifier(span) -> bool:
    """Is this "left" or "right" something other than a side (see the word lists above)?"""
    doc = span.doc
    word = span.text.lower()
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if word == "right":
        return following in _AFTER_INTENSIFIER or following in _AFTER_AGREEING_RIGHT \
            or before in _BEFORE_AGREEING_RIGHT or before in _BEFORE_CORRECT_RIGHT
    if word == "left":
        return following in _AFTER_VERB_LEFT or before in _BEFORE_VERB_LEFT
    if word in ("legs", "feet"):
        # "cant move one of his legs": one leg, side untold, not both
        return any(t.lower_ == "one" for t in doc[max(span.start - 3, 0):span.start])
    return False


def _clause_breaks(doc, start: int, end: int) -> int:
    return sum(1 for token in doc[start:end] if token.lower_ in _CLAUSE_BREAKS)


def _distance(target, span) -> tuple[int, int]:
    """(token gap, clause breaks crossed) between two spans in the same doc; 0 if they overlap."""
    doc = target.doc
    if span.end <= target.start:
        return target.start - span.end, _clause_breaks(doc, span.end, target.start)
    if span.start >= target.end:
        return span.start - target.end, _clause_breaks(doc, target.end, span.start)
    return 0, 0


# The sensations the foot at large (common.contract.FOOT_AT_LARGE) places: "numb feet" says where the
# numbness is, "foot drop" or "weak foot" nothing more than the concept.
FOOT_WIDE_CONCEPTS = frozenset({"numbness", "tingling", "burning_pain", "shooting_pain"})


def nearest_side(target, sides: list[tuple[Any, str]]) -> str | None:
    """Side term closest to the finding in its sentence; crossing a clause break costs 8 tokens,
    ties go to the side stated before the finding ("L foot numb and R foot weak")."""
    sentence = target.sent
    best = None
    for span, side in sides:
        if span.start < sentence.start or span.end > sentence.end:
            continue
        gap, breaks = _distance(target, span)
        key = (gap + 8 * breaks, 0 if span.start < target.start else 1)
        if best is None or key < best[0]:
            best = (key, side)
    return best[1] if best else None


def nearest_site(target, sites: list, max_gap: int = 6, before_only: bool = False) -> str | None:
    """Site term inside the finding, or within ``max_gap`` tokens of it in the same clause (a body part
    reached by a pain path takes only a site inside it or just before it: "down the back of my calf")."""
    best = None
    sentence = target.sent
    for span in sites:
        if span.start < sentence.start or span.end > sentence.end:
            continue
        if before_only and span.start >= target.end:
            continue
        if span.label_ == FOOT_AT_LARGE and _inside_another(span, sites):
            continue        # "the bottom of my foot": the sole, not the foot at large
        gap, breaks = _distance(target, span)
        if breaks or gap > max_gap:
            continue
        # A precise site in reach wins over the foot at large ("numb toes and top of the foot": the dorsum).
        key = (span.label_ == FOOT_AT_LARGE, gap, 0 if span.start >= target.start else 1)
        if best is None or key < best[0]:
            best = (key, span.label_)
    return best[1] if best else None


def _inside_another(span, sites: list) -> bool:
    return any(other is not span and other.label_ != span.label_ and other.start <= span.start
               and span.end <= other.end for other in sites)


_LEGS = frozenset("leg legs calf calves shin shins thigh thighs knee knees lef lgs".split())


def leg_named_near(target, window: int = 8) -> bool:
    """A leg word in the finding or within ``window`` tokens of it in its clause: "my leg and foot are
    numb" is not numbness of the foot alone, so it keeps no generic foot site ("numb and tingly feet,
    no leg pain" names the leg in another clause)."""
    doc, sentence = target.doc, target.sent
    if any(token.lower_ in _LEGS for token in target):
        return True
    for step, edge, limit in ((-1, target.start - 1, max(sentence.start, target.start - window) - 1),
                              (1, target.end, min(sentence.end, target.end + window))):
        for i in range(edge, limit, step):
            if doc[i].lower_ in _CLAUSE_BREAKS:
                break
            if doc[i].lower_ in _LEGS:
                return True
    return False


_LIMBS = frozenset("leg legs foot feet toes toe thigh thighs calf calves shin shins".split())


def limbs_too(target) -> bool:
    """The finding's own clause also names legs or feet ("pins and needles all over my legs and down below",
    "the numbness is spreading to my groin" from a numb leg)."""
    sentence = target.sent
    return any(token.lower_ in _LIMBS for token in sentence[target.end - sentence.start:]
               if token.i < target.end + 8) or any(
        token.lower_ in ("spreading", "spread", "spreads") for token in sentence)


def limb_before_site(target, sites: list, label: str) -> bool:
    """A leg or foot word between the finding and a later ``label`` site, or just before the finding: the
    finding has its own place ("a numb right leg and a tingly bum cheek": the leg is numb, not the buttock;
    "bilat leg numbness + shooting pain from buttocks": the pain starts at the buttocks, the legs are numb)."""
    doc = target.doc
    for span in sites:
        if span.label_ == label and span.start >= target.end and span.end <= target.sent.end:
            limb_just_before = target.start > target.sent.start and doc[target.start - 1].lower_ in _LIMBS
            return limb_just_before or any(doc[i].lower_ in _LIMBS for i in range(target.end, span.start))
    return False


_LIST_WORDS = frozenset({"and", "or", "&", "+", "n"})


def listed_after_limb(target, sites: list, label: str, targets: list) -> bool:
    """A ``label`` site listed after the limb as one more place of the same finding, no other finding between
    ("no feeling in my legs or in the saddle area", "numb down both legs and in my groin"); not a place with
    a symptom of its own ("a numb right leg and a tingly bum cheek")."""
    doc = target.doc
    for span in sites:
        if span.label_ != label or span.start < target.end or span.end > target.sent.end or span.start - target.end > 12:
            continue
        if span.end < len(doc) and doc[span.end].lower_ == "of":
            continue        # "the bottom of his leg" is no buttock
        if any(target.end <= other.start < span.start for other in targets if other is not target):
            return False
        between = [doc[i].lower_ for i in range(target.end, span.start)]
        limb = next((k for k, word in enumerate(between) if word in _LIMBS), None)
        return limb is not None and any(word in _LIST_WORDS for word in between[limb + 1:])
    return False


def one_sided_site(target, sites: list, sides: list[tuple[Any, str]], label: str) -> bool:
    """A left or right side word just before a ``label`` site in the finding's sentence ("L buttock
    numbness", "numbness in my left buttock"): that one side, not a side stated for something else."""
    sentence = target.sent
    for span in sites:
        if span.label_ != label or span.start < sentence.start or span.end > sentence.end:
            continue
        if any(side in ("left", "right") and side_span.start < span.start and span.start - side_span.end <= 1
               for side_span, side in sides):
            return True
    return False


def remote_site(target, sites: list, wanted: set, targets: list) -> str | None:
    """A `wanted` site up to 10 tokens away in the same sentence, across at most one comma, with no other
    finding in between (that finding would own the site)."""
    sentence = target.sent
    for span in sites:
        if span.label_ not in wanted or span.start < sentence.start or span.end > sentence.end:
            continue
        gap, breaks = _distance(target, span)
        if gap > 10 or breaks > 1:
            continue
        low, high = sorted((target.end, span.start)) if span.start >= target.end else (span.end, target.start)
        if any(low <= other.start and other.end <= high for other in targets if other is not target):
            continue
        return span.label_
    return None
