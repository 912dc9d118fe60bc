"""Onsets told as a story: "bent down to tie my shoes and a sharp pain shot down my leg".

People rarely write "sudden onset"; they tell what they were doing when it happened. An action that
strains the back (vocabulary/stories.yml: bent, lifting, sneezed, twisted, dismounted ...) followed in the
same sentence, within ``window`` tokens, by an event word (shot, snapped, popped, wham, buckled, "my back
went", "something went") is a sudden onset. The event words become a ``sudden_onset#story`` target before
ConText, so history ("years ago ... bent over and my back went"), advice and negation apply as to any
finding. "Acute" before a deficit or a side ("acute foot drop", "acute L foot drop", "acute urinary retention")
is the same kind of onset; before a pain ("acute LBP") it only says the pain is recent.

The real-language annotation counts such stories as sudden onsets, but they date the onset of what they
tell (usually pain), not of a weakness told elsewhere: "lifting the sofa my back went. Now my foot drags"
is no sudden severe weakness. So a story onset with a weakness finding of the subject in another sentence,
and none in its own, is made ``uncertain`` (``onset_of_what``): the engine asks whether the weakness came
on suddenly (a red-flag check) instead of raising an emergency. Explicit onset words ("suddenly", "woke up
with", "overnight") are the vocabulary's and stay as they are.

The red flag is sudden *and severe* weakness. A note that grades the weakness on the 0-5 scale and gives
every grade as 4/5 or better ("acute onset LBP ... DF 4/5 R") says it is not severe, so its onset is made
``uncertain`` too (``graded_mild``): the engine asks instead of raising an emergency.
"""

from __future__ import annotations

import re

from common.contract import WEAKNESS_CONCEPTS
from nlu.extraction.patterns import CONCEPT_GROUP

STORY_LABEL = "sudden_onset#story"
# Passed over after "acute" besides the vocabulary's side words: "b/l" as the tokenizer splits it, and "both".
_SIDE_PIECES = frozenset({"b", "/", "both"})
# ... and degree words: "acute complete foot drop", "acute painless R foot drop" ("acute severe back pain" is
# still a pain).
_DEGREE = frozenset({"complete", "total", "severe", "profound", "dense", "painless", "new", "marked"})
# Between a thing that goes and "went": "something just went", "my legs suddenly went".
_ADVERBS = frozenset("just suddenly completely totally really simply".split())
META = {"concept": "sudden_onset", "also": [], "status": "present", "site": None, "laterality": None,
        "asserted": False, "absorbs": False, "source": None}


# Words that make an action a habit, not an event: "when/whenever/if/every time i cough".
_HABIT_CUES = frozenset({"when", "whenever", "if", "everytime", "time", "each", "anytime"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})


def _habitual(doc, index: int) -> bool:
    """Is the action at ``index`` told as what repeatedly sets it off (a cue word in the 5 words before it,
    "when i cough", "every time he bends")?"""
    cues = [i for i in range(max(0, index - 5), index) if doc[i].lower_ in _HABIT_CUES]
    # "when i was lifting the box my back went", "when i coughed": one event, told in the past
    return bool(cues) and not doc[index].lower_.endswith("ed") \
        and not any(doc[i].lower_ in _PAST_AUX for i in range(cues[0], index))


def _matcher(words):
    exact = frozenset(w for w in words if not w.endswith("*"))
    prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
    return lambda word: word in exact or (bool(prefixes) and word.startswith(prefixes))


class OnsetStories:
    """spaCy component (before the target pruner); ``configure`` gives it the ``stories`` section."""

    def __init__(self):
        self.is_action = self.is_event = lambda word: False
        self.went_after = self.acute_before = self.sides = frozenset()
        self.window = 0

    def configure(self, spec: dict, sides=()) -> None:
        """``spec``: the ``stories`` section; ``sides``: the side words (the ``side_word`` macro)."""
        self.is_action, self.is_event = _matcher(spec["actions"]), _matcher(spec["events"])
        self.went_after = frozenset(spec["went_after"])
        self.acute_before = frozenset(spec["acute_before"])
        self.sides = frozenset(word.lower() for word in sides) | _SIDE_PIECES
        self.window = spec["window"]

    def _deficit_after(self, doc, index: int) -> bool:
        """An ``acute_before`` word at ``index``, after any side words ("acute L foot drop")."""
        while index < len(doc) and (doc[index].lower_ in self.sides or doc[index].lower_ in _DEGREE):
            index += 1
        return index < len(doc) and doc[index].lower_ in self.acute_before

    def _goes_before(self, doc, index: int) -> int | None:
        """Where the thing that goes sits: right before "went", or with one adverb between ("something just
        went"); None when nothing that goes is there."""
        before = index - 1
        if before > 0 and doc[before].lower_ in _ADVERBS:
            before -= 1
        return before if before >= 0 and doc[before].lower_ in self.went_after else None

    def __call__(self, doc):
        if not self.window:
            return doc
        added = []
        for sentence in doc.sents:
            action = None
            for token in sentence:
                word = token.lower_
                if word in ("acute", "acutely") and self._deficit_after(doc, token.i + 1):
                    span = doc[token.i:token.i + 1]
                    span.label_ = STORY_LABEL
                    added.append(span)
                    continue
                if self.is_action(word):
                    # "when i cough it shoots down", "every time i bend": what sets it off, not a story
                    action = None if _habitual(doc, token.i) else token.i
                    continue
                if action is None or token.i - action > self.window:
                    continue
                goes = self._goes_before(doc, token.i) if word == "went" else None
                if goes is not None or (self.is_event(word) and token.i > action + 1):
                    span = doc[goes if goes is not None else token.i:token.i + 1]
                    span.label_ = STORY_LABEL
                    added.append(span)
                    break
        if added:
            doc.spans[CONCEPT_GROUP] = list(doc.spans.get(CONCEPT_GROUP, [])) + added
        return doc


def _stated_now(finding: dict) -> bool:
    """Present, current and about the consultation subject."""
    return finding["status"] == "present" and finding["experiencer"] == "patient" and not finding["historical"]


def onset_of_what(findings: list[dict], story: list[bool], sentences: list) -> None:
    """A story onset whose sentence has no weakness, while the subject's weakness is told elsewhere, is
    ``uncertain`` (in place; see the module docstring)."""
    weak = {s for f, s in zip(findings, sentences) if f["concept"] in WEAKNESS_CONCEPTS and _stated_now(f)}
    if not weak:
        return
    for finding, is_story, sentence in zip(findings, story, sentences):
        if is_story and finding["status"] == "present" and sentence not in weak:
            finding["status"] = "uncertain"


# A power grade: "4/5", "4-/5", "4+/5" (not "1/52", "2/12", or "14/5").
_GRADE = re.compile(r"(?<![\d/.])([0-5])[+-]{0,2}\s?/\s?5(?![\d/])")


def graded_mild(findings: list[dict], text: str, severe: list[tuple[int, int]]) -> None:
    """A present onset of the subject is ``uncertain`` (in place) when the subject's weakness is graded
    and the text's every grade is 4/5 or better, no weakness is told with severity words (``severe``:
    their offsets) and no foot drop is told in words rather than a grade."""
    grades = [int(m.group(1)) for m in _GRADE.finditer(text)]
    if not grades or min(grades) < 4 or severe:
        return
    weak = [f for f in findings if f["concept"] in WEAKNESS_CONCEPTS and _stated_now(f)]
    if not any(_GRADE.search(f["text"]) for f in weak) \
            or any(f["concept"] == "foot_drop" and not _GRADE.search(f["text"]) for f in weak):
        return
    for finding in findings:
        if finding["concept"] == "sudden_onset" and _stated_now(finding):
            finding["status"] = "uncertain"
