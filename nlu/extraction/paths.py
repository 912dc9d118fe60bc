"""Pain told as a path: "pain from my left buttock all the way down the leg into my foot".

People describe where pain goes rather than naming "leg pain": a cue sets it moving (a pain word, or a
verb of motion: shoots, goes, went, radiating) and every body part the path reaches through path words
(from, down, into, to ...) is a pain finding at that part. vocabulary/paths.yml holds the words; this
step adds one concept span per part reached (label "<concept>#path") before pruning and ConText, so
negation, doubt, side and site apply to them as to any finding ("no pain going down the leg").

A path is a chain, read left to right in one sentence:

    cue (filler | link)* part ((filler | link | list)* part)*

Any other word ends it ("I went numb in my legs" is no path: "numb" breaks it), so does a list word
followed by a possessive ("pain in my back, my foot is numb"). A motion verb right after a sensory word
("a tingling that runs down my leg") is no cue: the path is the tingling's, not pain's.

Parts listed before a pain word share it ("L buttock and leg pain", "R buttock/lat hip pain", "lat thigh
and lat leg pain"): read right to left from the pain word, ``part ((filler | list)* part)*`` with only
filler between the last part and the pain word. A part with a symptom word of its own before it is that
symptom's ("numb foot and leg pain": the foot is numb, not painful). A pain word listed after one
symptom of a part shares the part ("L leg weakness + pain", "foot numbness and pain").
"""

from __future__ import annotations

from nlu.extraction.patterns import CONCEPT_GROUP

PART_GROUP = "radix_path_parts"
PATH_LABEL = "#path"
_LIST = frozenset({",", "and", "&", "+", "/", "then", "or", "n"})
_POSSESSIVE = frozenset({"my", "his", "her", "their", "your", "that", "this", "those"})
# The back is where a path starts ("from my lower back down my leg"), never a part reached by listing.
_NOT_LISTED = frozenset({"back_pain"})
_FOOT, _LEG = "foot_pain", "leg_pain"
# Where a path that reaches the foot must have crossed the leg from ("from my bum to my foot").
_PROXIMAL = frozenset({"back_pain", "buttock_pain", "thigh_pain"})
_PROXIMAL_WORDS = frozenset({"hip", "hips", "pelvis", "groin", "knee"})
# A knee a path goes behind or past is the leg ("behind the knee and down the calf"), so is one it goes down
# to from above the thigh ("from my back down to my knee"); from the thigh down to the knee is still the
# thigh, and a knee merely listed or named ("pain in my hip and knee") is a joint, no part.
_KNEES = frozenset({"knee", "knees"})
# A path that reaches the ankle from above is the leg's ("down the back of my leg to the ankle"); pain at the
# ankle itself, the first part of its path, is annotated with the foot ("pain over the medial L ankle"), unless
# the path says it came down ("the odd ache down to my ankle").
_ANKLES = frozenset({"ankle", "ankles"})
_DOWN_TO = frozenset({"down", "to", "till", "until", "towards", "toward"})
_BEYOND = frozenset({"behind", "below", "beneath", "past", "through", "thru", "under", "underneath"})
_TOWARDS = _BEYOND | _DOWN_TO     # not "into": "pain into my knee" is the knee's
# Symptom words that claim the part after them ("numb foot and leg pain", "weak ankle and foot pain").
_OWN_SYMPTOM = frozenset({"weak", "weakness", "cold", "swollen", "heavy", "dead", "stiff", "floppy", "numbness"})
# "my sciatica is back", "it crept back", "should i be going back in", "slide it back in": after these words
# "back" means returned, not the body part.
_RETURNED = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s", "its", "it's", "came", "come",
                       "comes", "coming", "crept", "creeping", "creeps", "creep", "right", "go", "goes", "going",
                       "went", "gone", "get", "got", "getting", "sent", "put", "it", "slide", "slid", "slides"})
# "reduced pain + LT over the dorsum": pain as a sense tested, not a pain.
_SENSE_TESTED = frozenset({"reduced", "decreased", "diminished", "impaired", "absent", "intact", "normal", "nl"})
_REGIONS = frozenset({"back", "backs", "front", "side", "sides", "outside", "inside", "top", "tops", "bottom",
                      "bottoms", "ball", "balls", "edge", "length", "rest"})


class PainPaths:
    """spaCy component; ``configure`` gives it the word sets of vocabulary/paths.yml."""

    def __init__(self):
        self.cues = self.motions = self.links = self.filler = self.sensory = self.origins = frozenset()

    def configure(self, cues, motions, links, filler, sensory, origins) -> None:
        self.cues, self.motions, self.origins = frozenset(cues), frozenset(motions), frozenset(origins)
        self.links, self.filler, self.sensory = frozenset(links), frozenset(filler), frozenset(sensory)

    def _is_cue(self, doc, index: int) -> bool:
        word = doc[index].lower_
        if index > 0 and doc[index - 1].lower_ in _SENSE_TESTED:
            return False
        if word in self.cues:
            return True
        if word in self.motions or word in self.origins:
            before = doc[max(index - 3, 0):index]
            # "a tingling that runs down my leg", "the weakness is creeping into my leg": not pain's path
            if any(t.lower_ in self.sensory or t.lower_ in _OWN_SYMPTOM for t in before):
                return False
            # "pain that starts in my left butt cheek", but not "numbness ..., starting in the feet"
            return word not in self.origins or any(t.lower_ in self.cues for t in before)
        return False

    def __call__(self, doc):
        parts = {span.start: span for span in doc.spans.get(PART_GROUP, [])}
        part_ends = {span.end for span in parts.values()}
        if not parts and not any(token.lower_ in _KNEES for token in doc):
            return doc
        added = []
        index, length = 0, len(doc)
        state = None            # None (no path), "cue", "cue_and" (cue + and: a sensory word may follow),
        #                         "sensed" (cue + and + a sensory word: a path word must come before a part),
        #                         "link", "part", "list"
        possessive_after_list = False
        reached, proximal = set(), False
        last_link = None        # the last link word of the path ("down to", "behind" the knee)
        last_part = None
        cue_at = -1
        while index < length:
            token = doc[index]
            word = token.lower_
            if token.is_sent_start:
                state = None
            part = parts.get(index)
            region = word in _REGIONS and index + 1 < length and doc[index + 1].lower_ == "of"
            if part is not None and part.label_ == "back_pain" and index > 0 and doc[index - 1].lower_ in _RETURNED:
                part = None     # "the pain is back in my leg": returned, the path goes on
                if state is not None:
                    index += 1
                    continue
            if part is not None and not region and state not in (None, "cue_and", "sensed") and not (
                    state == "list" and (possessive_after_list or part.label_ in _NOT_LISTED)):
                added.append(doc[part.start:part.end])
                added[-1].label_ = part.label_ + PATH_LABEL
                if part.label_ == _LEG and not reached and not proximal and doc[part.start].lower_ in _ANKLES \
                        and last_link not in _DOWN_TO:
                    added[-1].label_ = _FOOT + PATH_LABEL   # "pain over the medial L ankle": the ankle itself
                if part.label_ == _FOOT and proximal and _LEG not in reached:
                    # "from my hip down to my foot": the path crossed the leg.
                    added.append(doc[part.start:part.end])
                    added[-1].label_ = _LEG + PATH_LABEL
                reached.add(part.label_)
                last_part = part.label_
                proximal = proximal or part.label_ in _PROXIMAL
                state, index = "part", part.end
                continue
            if word in _PROXIMAL_WORDS and state in ("link", "cue"):
                proximal = True
            if word in ("below", "beneath") and state is not None and any(
                    t.lower_ in _KNEES for t in doc[index + 1:index + 4]):
                state, last_link, index = "link", word, index + 1     # "below the knee" (not the ankle: foot)
                continue
            if word in _KNEES and state == "link" and last_link in _TOWARDS:
                if _LEG not in reached and (last_link in _BEYOND or last_part != "thigh_pain") \
                        and not self._leg_named_before(doc, parts, index):
                    added.append(doc[index:index + 1])
                    added[-1].label_ = _LEG + PATH_LABEL
                    reached.add(_LEG)
                state, index = "part", index + 1
                continue
            if self._is_cue(doc, index):
                if state is None:
                    reached, proximal, last_part, last_link = set(), False, None, None
                state, cue_at = "cue", index
            elif state is None:
                pass
            elif state == "cue" and word in ("and", "&", "+", "with"):
                state = "cue_and"       # "pain and numbness down the lower leg"
            elif state == "cue_and":
                if word not in self.filler:
                    # "pain and numbness down the lower leg", "burning pain and numbness both feet" share the
                    # path; a pain with its own place before it does not until a path word follows ("L leg pain
                    # + numb L big toe": the toe is the numbness's own place)
                    state = ("sensed" if cue_at in part_ends else "cue") if word in self.sensory else \
                        "link" if word in self.links else None
            elif region:
                index += 2
                continue
            elif word in self.links:
                state, last_link = "link", word
            elif word in _LIST and state in ("part", "list"):
                state, possessive_after_list = "list", False
            elif word in _LIST and word != "," and state == "link":
                pass            # "down the front and outside of my thigh"
            elif word in self.filler or token.is_space:
                if state == "list" and word in _POSSESSIVE:
                    possessive_after_list = True
            else:
                state = None
            index += 1
        added += self._listed_before(doc, parts)
        if added:
            doc.spans[CONCEPT_GROUP] = list(doc.spans.get(CONCEPT_GROUP, [])) + added
        return doc

    @staticmethod
    def _leg_named_before(doc, parts: dict, index: int) -> bool:
        """A leg named just before the knee in its sentence ("no leg pain below the knee") owns it."""
        start = max(doc[index].sent.start, index - 8)
        return any(part.label_ == _LEG and start <= part.start < index for part in parts.values())

    def _listed_before(self, doc, parts: dict) -> list:
        """Parts listed right before a pain word (see the module docstring)."""
        by_end = {span.end: span for span in parts.values()}
        added = []
        for index, token in enumerate(doc):
            if token.lower_ not in self.cues or token.lower_ in self.motions:
                continue
            found, position, expect_part, shared = [], index, True, False
            while position > 0 and not doc[position].is_sent_start:
                part = by_end.get(position)
                if part is not None and expect_part:
                    if part.start > 0 and (doc[part.start - 1].lower_ in self.sensory
                                           or doc[part.start - 1].lower_ in _OWN_SYMPTOM):
                        break       # "numb foot and leg pain": the foot is numb
                    found.append(part)
                    position, expect_part = part.start, False
                    continue
                previous = doc[position - 1].lower_
                if previous in _LIST and found and not expect_part:
                    expect_part = True
                elif previous in _LIST and not found and not shared and position >= 2 \
                        and doc[position - 2].lower_ in _OWN_SYMPTOM | self.sensory:
                    # "L leg weakness + pain", "foot numbness and pain": the pain shares the symptom's part
                    position, shared = position - 2, True
                    continue
                elif previous not in self.filler:
                    break
                position -= 1
            for part in found:
                span = doc[part.start:part.end]
                span.label_ = part.label_ + PATH_LABEL
                added.append(span)
        return added
