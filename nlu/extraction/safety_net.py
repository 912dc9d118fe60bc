"""The red-flag safety net: loose, high-recall mentions of red-flag areas and functions.

The vocabulary states red flags it recognises (present, absent, uncertain). People describe them in
endless other ways ("my wee smells funny and I keep dribbling", "my bum feels odd", "got up and the leg
just crumpled"), and a red flag that matches no term must never be dropped silently. This step adds a
candidate span, labelled ``<concept>#net``, for every word of a red-flag area or function
(vocabulary/safety_net.yml):

- bladder and bowel words, alone ("toilet", "leaking", "catheter", "poo");
- saddle words with a sensory word near them in the same clause ("strange feeling in my privates"),
  and sexual function words ("erection");
- sudden weakness told as a story: an onset word ("suddenly", "woke", "out of nowhere") and a weakness
  word ("gave way", "crumpled", "couldn't lift") in one sentence, or the onset in the sentence before -> ``sudden_onset#net`` and
  ``weakness#net``.

The spans go through ConText like any finding, so advice, conditionals, generic "you", questions about
causes, history and family history drop them (pipeline.py); a negation right before the words ("no
bladder or bowel problems") is a denial and drops them; a normal word right after ("waterworks are
fine") stops the span here. What survives becomes an ``uncertain`` finding, and only when the vocabulary
said nothing about that concept in the same sentence (``keep_net_findings``): the engine lists it in
``red_flag_checks`` and the conversation asks one confirming question. An uncertain finding matches no
triage rule, so the net can never raise an emergency.
"""

from __future__ import annotations

import re

from common.contract import RED_FLAG_CONCEPTS, WEAKNESS_CONCEPTS
from nlu.extraction.patterns import CONCEPT_GROUP
from nlu.extraction.resolve import DURATION

NET_LABEL = "#net"
SUDDEN, WEAKNESS = "sudden_onset", "weakness"
# Words telling a weakness severe ("at all", "wheelchair"): a span group of their own, out of ConText's
# way (a target there would take a negation from a finding: "no feeling in his saddle area at all").
SEVERE_GROUP = "radix_severe_weakness"
_SEVERE_QUOTE_CHARS = 80
# Between a weakness and its severity words: no clause or sentence break (the sentence rule's marks too).
_SEVERE_CLAUSE_STOPS = re.compile(r"[,;.!?\n]|\bbut\b", re.IGNORECASE)
# Severe weakness is asked of these (not the heel or toe walk: "cant stand on my toes at all" is that test).
_SEVERE_OF = ("weakness", "foot_drop")
# With weakness, a present bladder, bowel or saddle symptom is the emergency (or half of it) already.
_OTHER_RED_FLAGS = frozenset(RED_FLAG_CONCEPTS) - {SUDDEN}
_WEAKNESS = frozenset(WEAKNESS_CONCEPTS)
_CLAUSE_STOPS = frozenset({".", ";", "!", "?", "but", "however", "although", "though"})
_NEAR_STOPS = _CLAUSE_STOPS | {","}
_MERGE_GAP = 3
# Between an area and the word that states it normal: not counted ("waterworks and his bowels are perfectly normal").
_JOINED = frozenset("and n & or his her my their the perfectly completely totally absolutely entirely quite all both "
                    "pretty really fully".split())
# ... and words that undo it: "bladder is not normal".
_NOT_NORMAL = frozenset("not no never isnt arent wasnt hasnt havent nt".split())
_CANDIDATE_CACHE_SIZE = 20_000      # words whose WordList candidates are remembered (per list)


def _tokens(text: str, split) -> list[str]:
    """Lowercase tokens of a word list entry, split as the pipeline's tokenizer splits the text ("wouldnt"
    is "would" + "nt"), so a phrase matches what it says; a word ending in "*" and a placeholder ("#year")
    stay whole."""
    tokens = []
    for piece in text.lower().split():
        tokens += [piece] if split is None or piece.endswith("*") or piece.startswith("#") else split(piece)
    return tokens


def tokenizer_split(tokenizer):
    """A WordList ``split`` that splits entries as ``tokenizer`` splits the text, or None without one."""
    return None if tokenizer is None else (lambda text: [t.lower_ for t in tokenizer(text)])


class WordList:
    """Single words and phrases with optional trailing "*" (any ending), matched on lowercase tokens."""

    def __init__(self, words=(), phrases=(), split=None):
        self.exact: dict[str, list[tuple]] = {}
        self.prefixed: list[tuple[str, tuple]] = []
        for text in [*words, *phrases]:
            pattern = tuple(_tokens(text, split))
            head = pattern[0]
            if head.endswith("*"):
                self.prefixed.append((head[:-1], pattern))
            else:
                self.exact.setdefault(head, []).append(pattern)
        # word -> the patterns that may start with it (the prefixed ones found by a scan, so cached)
        self._candidates: dict[str, tuple] = {}

    @staticmethod
    def _token_matches(word: str, part: str) -> bool:
        return word.startswith(part[:-1]) if part.endswith("*") else word == part

    def match_at(self, words: list[str], index: int) -> int:
        """The end index of the longest pattern starting at ``index``, or 0."""
        word = words[index]
        candidates = self._candidates.get(word)
        if candidates is None:
            if len(self._candidates) >= _CANDIDATE_CACHE_SIZE:    # a long text of new words stays bounded
                self._candidates.clear()
            candidates = self._candidates[word] = (
                *self.exact.get(word, ()), *(pattern for prefix, pattern in self.prefixed if word.startswith(prefix)))
        if not candidates:
            return 0
        best = 0
        for pattern in candidates:
            end = index + len(pattern)
            if end <= len(words) and all(self._token_matches(words[index + k], part)
                                         for k, part in enumerate(pattern)):
                best = max(best, end)
        return best

    def spans(self, words: list[str], start: int, end: int) -> list[tuple[int, int]]:
        found, index = [], start
        while index < end:
            stop = self.match_at(words, index)
            if stop and stop <= end:
                found.append((index, stop))
                index = stop
            else:
                index += 1
        return found


class _Area:
    def __init__(self, entry: dict, split=None):
        self.concept = entry["concept"]
        self.words = WordList(entry.get("words", ()), entry.get("phrases", ()), split)
        self.needs_sensory = entry.get("needs") == "sensory"
        self.not_after = WordList(phrases=entry.get("not_after", ()), split=split)
        self.not_before = frozenset(word.lower() for word in entry.get("not_before", ()))


class SafetyNet:
    """spaCy component (after the target pruner, before ConText); ``configure`` gives it the
    ``safety_net`` section of the rule pack."""

    def __init__(self):
        self.areas: list[_Area] = []
        self.sensory = self.onset = self.weakness = self.normal_after = WordList()
        self.severe = self.severe_not_after = self.gradual = WordList()
        self.onset_not_before: frozenset[str] = frozenset()
        self.window = 5

    def configure(self, spec: dict, tokenizer=None) -> None:
        split = tokenizer_split(tokenizer)
        self.areas = [_Area(entry, split) for entry in spec["areas"]]
        self.sensory = WordList(spec["sensory"], split=split)
        self.onset = WordList(spec["onset"], spec.get("onset_phrases", ()), split)
        self.weakness = WordList(spec["weakness"], spec.get("weakness_phrases", ()), split)
        self.normal_after = WordList(spec["normal_after"], split=split)
        self.severe = WordList(spec.get("severe", ()), spec.get("severe_phrases", ()), split)
        self.severe_not_after = WordList(phrases=spec.get("severe_not_after", ()), split=split)
        self.gradual = WordList(spec.get("gradual", ()), split=split)
        self.onset_not_before = frozenset(word.lower() for word in spec.get("onset_not_before", ()))
        self.window = spec["window"]

    def __call__(self, doc):
        if not self.areas:
            return doc
        words = [token.lower_ for token in doc]
        spans = []
        story: dict[tuple[int, int, str], None] = {}     # ordered, without repeats
        previous_start = None
        for sentence in doc.sents:
            spans += self._area_spans(doc, words, sentence.start, sentence.end)
            # A story told over two sentences: "friday morning I rolled over ... . tried to stand and just
            # collapsed on the floor" (the onset may be in the sentence before the weakness).
            start = sentence.start if previous_start is None else previous_start
            story.update(dict.fromkeys(self._sudden_weakness_spans(words, start, sentence.start, sentence.end)))
            previous_start = sentence.start
        for first, last, label in story:
            span = doc[first:last]
            span.label_ = label + NET_LABEL
            spans.append(span)
        if spans:
            doc.spans[CONCEPT_GROUP] = list(doc.spans.get(CONCEPT_GROUP, [])) + spans
        doc.spans[SEVERE_GROUP] = self._severe_spans(doc, words)
        return doc

    def _severe_spans(self, doc, words: list[str]) -> list:
        """Severity words, none when the text tells a gradual course ("5 yr progressive b/l foot drop")."""
        if self.gradual.spans(words, 0, len(words)):
            return []
        found = []
        for first, last in self.severe.spans(words, 0, len(words)):
            if not (last < len(words) and self.severe_not_after.match_at(words, last)):
                found.append(doc[first:last])
        return found

    def _clause(self, words: list[str], index: int, start: int, end: int, step: int, limit: int) -> range:
        """Token indexes from ``index`` (exclusive) in one direction, up to ``limit`` tokens, within
        the sentence and the clause."""
        out, position = [], index + step
        while start <= position < end and len(out) < limit and words[position] not in _NEAR_STOPS:
            out.append(position)
            position += step
        return out

    def _normal_follows(self, words: list[str], last: int, start: int, end: int) -> bool:
        """A normal word within 4 words after an area, not counting intensifiers or a second area joined to it:
        "my waterworks are fine", "his waterworks and his bowels are perfectly normal"; not "are not normal"."""
        counted = 0
        for index in self._clause(words, last - 1, start, end, 1, 10):
            if self.normal_after.match_at(words, index):
                return True
            if words[index] in _NOT_NORMAL or counted >= 4:
                return False
            counted += words[index] not in _JOINED
        return False

    def _area_spans(self, doc, words: list[str], start: int, end: int) -> list:
        found: list[tuple[int, int, str]] = []
        for area in self.areas:
            for first, last in area.words.spans(words, start, end):
                if first > start and words[first - 1] in area.not_before:
                    continue
                if last < end and area.not_after.match_at(words, last):
                    continue
                if self._normal_follows(words, last, start, end):
                    continue        # "my waterworks are fine"
                if area.needs_sensory:
                    near = self._clause(words, first, start, end, -1, self.window) + \
                        self._clause(words, last - 1, start, end, 1, self.window)
                    if not any(self.sensory.match_at(words, i) for i in near):
                        continue
                found.append((first, last, area.concept))
        # Mentions of one concept a few words apart are one question ("my wee just trickles out").
        merged: list[list] = []
        for first, last, concept in sorted(found):
            # ... but never across a clause mark: "no urinary incontinence, no bowel incontinence" must not
            # become one span that swallows the second "no" (ConText prunes a cue inside a target).
            same = [m for m in merged if m[2] == concept and first - m[1] <= _MERGE_GAP
                    and not any(w in _NEAR_STOPS for w in words[m[1]:first])]
            if same:
                same[-1][1] = max(same[-1][1], last)
            else:
                merged.append([first, last, concept])
        spans = []
        for first, last, concept in merged:
            span = doc[first:last]
            span.label_ = concept + NET_LABEL
            spans.append(span)
        return spans

    def _sudden_weakness_spans(self, words: list[str], onset_start: int, start: int, end: int) -> list:
        """(first, last, label) of an onset word from ``onset_start`` and a weakness word in [start, end)."""
        onsets = [(first, last) for first, last in self.onset.spans(words, onset_start, end)
                  if not (first > 0 and words[first - 1] in self.onset_not_before)]
        weak = self.weakness.spans(words, start, end)
        if not onsets or not weak:
            return []
        return [(first, last, label) for (first, last), label in [*((s, SUDDEN) for s in onsets),
                                                                   *((s, WEAKNESS) for s in weak)]]


def is_net_label(label: str) -> bool:
    return label.endswith(NET_LABEL)


def net_label_meta(concepts) -> dict[str, dict]:
    """Target metadata for the net's labels (see pipeline.FindingExtractor): ``asserted`` so that only
    an adjacent negation ("no bladder or bowel problems") denies them, never one further away ("no
    control of my bladder")."""
    return {concept + NET_LABEL: {"concept": concept, "also": [], "status": "uncertain", "site": None,
                                  "laterality": None, "asserted": True, "absorbs": False, "source": None}
            for concept in concepts}


def keep_net_findings(findings: list[dict], net: list[bool], sentences: list, text: str) -> list[dict]:
    """Drop net findings the vocabulary already settled, or about someone else.

    ``net[i]`` tells whether ``findings[i]`` came from the net; ``sentences[i]`` identifies its
    sentence; ``text`` is the text the findings' offsets point into. A net finding is dropped when it is
    about someone else, when a vocabulary finding of the same concept is in its sentence and not set apart
    by a contrast ("denies B+B incontinence but constipated since the flare" still asks about the bowels),
    or when the consultation subject already has it present (the engine decides then). A sudden-weakness
    story is dropped when sudden onset and a weakness finding are both already present (that is the red
    flag itself), and its weakness part when a weakness finding is in the sentence.
    """
    by_sentence: dict = {}
    present = set()
    for finding, is_net, sentence in zip(findings, net, sentences):
        if is_net:
            continue
        by_sentence.setdefault(sentence, []).append(finding)
        if finding["status"] == "present" and finding["experiencer"] == "patient" and not finding["historical"]:
            present.add(finding["concept"])
    story_settled = SUDDEN in present and bool(present & _WEAKNESS)
    # A net word strictly inside a longer vocabulary finding belongs to that finding ("sudden" in "sudden
    # jolts like electric shocks" is the shooting quality).
    # For an onset, a short duration or the weakness itself is no such finding: "since this morning" dates
    # the weakness, "his legs went from under him" tells when it came.
    worded = [(f["start"], f["end"], f["concept"]) for f, is_net in zip(findings, net) if not is_net]
    kept = []
    for finding, is_net, sentence in zip(findings, net, sentences):
        if is_net:
            concept = finding["concept"]
            if any(start <= finding["start"] and finding["end"] <= end
                   and (start, end) != (finding["start"], finding["end"])
                   and not (concept == SUDDEN and (inner == DURATION or inner in _WEAKNESS))
                   for start, end, inner in worded):
                continue
            stated = {f["concept"] for f in by_sentence.get(sentence, ())
                      if not _contrast_between(text, f, finding)}
            if finding["experiencer"] != "patient" or finding["historical"] or concept in present:
                continue
            if concept == WEAKNESS and (stated & _WEAKNESS or story_settled):
                continue
            if concept in stated or (concept == SUDDEN and story_settled):
                continue
        kept.append(finding)
    return kept


_CONTRAST = _CLAUSE_STOPS | {"except"}


def _contrast_between(text: str, first: dict, second: dict) -> bool:
    """Is there a contrast word between two findings' words in ``text``?"""
    earlier, later = sorted((first, second), key=lambda f: f["start"])
    between = text[earlier["end"]:later["start"]].lower().replace(";", " ; ").split()
    return any(word.strip(",.") in _CONTRAST for word in between)


def severe_weakness(findings: list[dict], severe: list[tuple[int, int]], text: str) -> list[dict]:
    """Severe weakness with no onset told ("couldnt lift my leg at all", "now in a wheelchair"): the
    article's red flag is sudden *and* severe weakness, so one uncertain ``sudden_onset`` is added (the
    engine lists it in red_flag_checks; a conversation asks whether it came on suddenly).

    ``severe`` holds the (start, end) of the severity words in ``text``. The words must be in the clause
    of a present, current weakness or foot drop of the subject (``_SEVERE_OF``), and the text must tell no
    onset of the subject's at all and no other red flag.
    """
    now = [f for f in findings if f["experiencer"] == "patient" and not f["historical"]]
    if any(f["concept"] == SUDDEN or f["status"] == "present" and f["concept"] in _OTHER_RED_FLAGS for f in now):
        return findings
    for start, end in severe:
        # ... in one clause: "no pain at all, just weakness" is not severe weakness
        weak = [f for f in now if f["status"] == "present" and f["concept"] in _SEVERE_OF
                and not _SEVERE_CLAUSE_STOPS.search(text[min(f["end"], end):max(f["start"], start)])]
        if not weak:
            continue
        nearest = min(weak, key=lambda f: abs(f["start"] - start))
        first, last = min(nearest["start"], start), max(nearest["end"], end)
        if last - first > _SEVERE_QUOTE_CHARS:       # far apart: quote the weakness itself
            first, last = nearest["start"], nearest["end"]
        check = {**nearest, "concept": SUDDEN, "status": "uncertain", "site": None, "laterality": None,
                 "text": text[first:last], "start": first, "end": last}
        index = next((i for i, f in enumerate(findings) if f["start"] > first), len(findings))
        return findings[:index] + [check] + findings[index:]
    return findings
