"""Past episodes told over several sentences: a story of long ago stays in the past until the text returns
to now.

ConText's history cues reach the end of their own sentence only. People tell an old episode as a story:

    "she was 23, a dancer, bent down to pick up a bag and something went in her back. couple of hours
    later she woke up unable to move her legs, numb with pins and needles, and then she couldnt pee.
    eight years on shes on crutches and in a wheelchair"

The second sentence is as much the past episode as the first; the third is now. So a sentence that opens
a distant past (vocabulary/stories.yml ``episode_openers``: "years ago", "back in 2012", "april 2007";
an age, "she was 23", or a distant past that says the complaint began then, ``episode_onsets``: "three
years ago my calves started hurting", only when the text comes back to now after it) starts an episode, and each
following sentence told in the past tense (more
``episode_past`` words - was, had, couldnt, any "-ed" word - than ``episode_now`` words - is, has, cant,
now, still) stays in it: its findings are historical. A sentence told in the present, or anchored to a
recent time (``episode_recent``: "last week", "yesterday", "this morning"), ends the episode: "2 years ago
I hurt my back. Last week my foot went numb" keeps the numb foot current. When the sentence that ends it
says the episode never ended (``episode_continues``: "still", "ever since", "to this day"), the episode's
findings are current after all ("i couldnt lift my foot. still cant lift it properly today"), as the
annotation counts a symptom that started long ago and continues. The opener's own sentence is
left to ConText's history cues, clause by clause. Reported diagnoses are never historical (pipeline.py).

An operation divides a story too: what a story tells in the past tense before an operation told as done
was before it (``episode_operations``), and so is what a story tells in the past tense after an opening
sentence written from after the operation ("3 months on from my L5/S1 microdiscectomy. the disc had
herniated ...": ``episode_post_op_frames`` then an ``episode_operation_words`` word), up to a sentence
that says the trouble goes on or is recent.

Safety: a red flag carried into the past is not a current finding, so it raises no emergency and no
check; the engine's red-flag screen still asks about every red flag not stated for now before any result.
A red flag of an episode that a general "still" brings back to now ("... my bladder and bowels were going.
... i still have a lot of nerve pain") is current but uncertain (pipeline.py): asked about, not alarmed on.
"""

from __future__ import annotations

import re

from nlu.extraction.safety_net import WordList, tokenizer_split

_YEAR = re.compile(r"^(19|20)\d\d$")
_NUMBER = re.compile(r"^\d{1,2}$")
# A span of time, "#span" in the vocabulary's phrases: "3 weeks since", "10/7 post".
_SPAN = re.compile(r"^(days?|weeks?|wks?|months?|mos|mths?|years?|yrs?|\d{1,2}/(7|52|12))$")
# Words between a post-operative frame and the operation: "on from my L5 / S1 microdiscectomy".
_OPERATION_REACH = 6
# "-ed" words that are states or body words, not the past tense of a story.
_NOT_PAST = frozenset("""need bed red shed feed speed seed bleed breed tired numbed worried scared concerned
    herniated bulged prolapsed slipped trapped pinched diagnosed limited advanced unrelated related supposed
    interested used""".split())


class PastEpisodes:
    """Which sentences of a doc continue a past episode (see the module docstring)."""

    def __init__(self):
        self.openers = self.age_openers = self.recent = self.continues = self.past = self.now = WordList()
        self.onsets = self.operations = self.post_op_frames = self.operation_words = WordList()
        self.enabled = False

    def configure(self, spec: dict, tokenizer=None) -> None:
        """``spec``: the ``stories`` section; its episode lists are optional (an older pack has none).
        ``tokenizer`` splits the lists' words as the text is split ("shes" is "she" + "s")."""
        split = tokenizer_split(tokenizer)
        for key in ("openers", "age_openers", "recent", "continues", "past", "now", "onsets", "operations",
                    "post_op_frames", "operation_words"):
            setattr(self, key, WordList(phrases=spec.get(f"episode_{key}", ()), split=split))
        self.enabled = bool(spec.get("episode_openers"))

    def carried(self, doc, state: list) -> tuple[set[int], set[int]]:
        """Start indexes of the sentences of ``doc`` inside a past episode, and of those of an episode the text
        says goes on ("... still have a lot of nerve pain": current, but only in general). ``state[0]``
        carries an open episode from the previous chunk of the same text and is updated."""
        if not self.enabled:
            return set(), set()
        words = [token.lower_ for token in doc]
        marked = ["#year" if _YEAR.match(w) else "#num" if _NUMBER.match(w) else w for w in words]
        inside: set[int] = set()
        revived: set[int] = set()
        episode: list[int] = []         # the sentences of the episode open in this doc
        account = False                 # opened by an age or an onset: past only if the text comes back to now
        sentences = list(doc.sents)
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            # "since summer 2014" runs from then to now: no past episode
            if any(self.openers.match_at(marked, i) and (i == 0 or words[i - 1] != "since") for i in range(start, end)):
                # "three years ago my calves started hurting": the complaint's onset, told as the account
                onset = any(self.onsets.match_at(marked, i) for i in range(start, end))
                state[0], episode, account = True, [], onset
                continue
            if any(self.age_openers.match_at(marked, i) for i in range(start, end)):
                state[0], episode, account = True, [], True
                continue
            if not state[0]:
                continue
            past, now = self._tense(words, start, end)
            recent = any(self.recent.match_at(marked, i) for i in range(start, end))
            if past > now and not recent:
                inside.add(start)
                episode.append(start)
            elif past or now or recent:
                state[0] = False        # told in the present or of a recent time: back to now
                if any(self.continues.match_at(marked, i) for i in range(start, end)):
                    inside.difference_update(episode)   # "... still cant lift it today": never over
                    revived.update(episode)
        if state[0] and account:
            # an age, or the complaint's onset, and a story that never comes back to now: the account
            inside.difference_update(episode)
            state[0] = False
        inside |= self._before_operation(sentences, words, marked) | self._after_post_op_opener(sentences, words, marked)
        return inside, revived - inside

    def _after_post_op_opener(self, sentences: list, words: list[str], marked: list[str]) -> set[int]:
        """Start indexes of the past-tense sentences after an opening sentence that writes from after an
        operation ("3 months on from my L5/S1 microdiscectomy", "almost a week since my discectomy", "10/7 post
        L microdiscectomy"): the story told in the past after it is the time before the operation, up to a
        sentence that says the trouble goes on or is recent."""
        if len(sentences) < 2:
            return set()
        first = sentences[0]
        spans = ["#span" if _SPAN.match(word) else word for word in marked[:first.end]]
        frames = [last for _, last in self.post_op_frames.spans(spans, first.start, first.end)]
        if not any(self.operation_words.match_at(words, i) for end in frames
                   for i in range(end, min(end + _OPERATION_REACH, first.end))):
            return set()
        inside = set()
        for sentence in sentences[1:]:
            if any(self.continues.match_at(marked, i) or self.recent.match_at(marked, i)
                   for i in range(sentence.start, sentence.end)):
                break
            past, now = self._tense(words, sentence.start, sentence.end)
            if past > now:
                inside.add(sentence.start)
        return inside

    def _before_operation(self, sentences: list, words: list[str], marked: list[str]) -> set[int]:
        """Start indexes of the past-tense sentences told before an operation told as done (in a sentence
        told in the past), when sentences follow it and the first of them about now does not say the trouble
        never ended."""
        at = next((k for k, sentence in enumerate(sentences)
                   if any(self.operations.match_at(words, i) for i in range(sentence.start, sentence.end))), None)
        if at is None or at == len(sentences) - 1:
            return set()
        past, now = self._tense(words, sentences[at].start, sentences[at].end)
        if now >= past:
            return set()        # "had a microdiscectomy, says its strong now but i can hardly lift it": no divide
        for sentence in sentences[at + 1:]:
            told_now = self.now.spans(words, sentence.start, sentence.end) or any(
                self.recent.match_at(marked, i) for i in range(sentence.start, sentence.end))
            if told_now:
                if any(self.continues.match_at(marked, i) for i in range(sentence.start, sentence.end)):
                    return set()        # "... had the op. still numb": never over
                break
        return {sentence.start for sentence in sentences[:at]
                if (tense := self._tense(words, sentence.start, sentence.end))[0] > tense[1]}

    def _tense(self, words: list[str], start: int, end: int) -> tuple[int, int]:
        """(past, now) word counts of a sentence: episode_past words and story "-ed" words, episode_now words."""
        now_spans, past_spans = self.now.spans(words, start, end), self.past.spans(words, start, end)
        listed = {i for first, last in now_spans + past_spans for i in range(first, last)}
        past = len(past_spans) + sum(self._is_story_ed(words[i]) for i in range(start, end) if i not in listed)
        return past, len(now_spans)

    @staticmethod
    def _is_story_ed(word: str) -> bool:
        """An "-ed" word that is the past tense of a story (not a state: "herniated", "tired")."""
        return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
