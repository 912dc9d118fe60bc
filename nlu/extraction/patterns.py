"""Compiling vocabulary phrases to medspaCy target rules, and matching them fast.

- phrase templates ({macro}, {macro?}, {macro*}, {gap}) -> spaCy token patterns, small ones expanded
  back to plain phrases for the PhraseMatcher (much faster than the Matcher);
- RoutedTargetMatcher: medspaCy TargetMatchers split by anchor word, only those whose word occurs run;
- TargetPruner: a target inside a longer "absorbing" target is dropped.
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Iterator

from nlu.extraction.resolve import DURATION
from nlu.extraction.rule_pack import GAP_MACRO, MAX_PATTERNS_PER_PHRASE, VocabularyError, split_template

CONCEPT_GROUP = "radix_concepts"
# "{gap}" in a phrase template: up to three words (no punctuation) between two parts.
# A gap never swallows a negation: "walking is not hard" must not match "walking is {gap} hard".
_NEGATIONS = ["not", "n't", "nt", "no", "never", "neither", "nor", "isnt", "wasnt", "arent", "werent", "doesnt",
              "didnt", "dont", "hasnt", "havent", "hadnt", "wont", "wouldnt"]
_GAP_TOKEN = {"IS_PUNCT": False, "LOWER": {"NOT_IN": _NEGATIONS}, "OP": "{0,3}"}
# Token patterns that stand for at most this many phrases are matched as phrases (much faster).
PHRASE_EXPANSION_LIMIT = 30


def add_rules(matcher, rules: list, name: str) -> None:
    """Add target rules; raw ``tokens`` patterns from the vocabulary are validated by spaCy's schema,
    the patterns compiled from phrase templates (well formed by construction) are not: validating
    thousands of them took longer than building the rest of the pipeline."""
    validate_raw_patterns(rules, name)
    inner = getattr(getattr(matcher, "_TargetMatcher__matcher", None), "_MedspacyMatcher__matcher", None)
    if inner is not None:
        inner.validate = False
    try:
        matcher.add(rules)
    except ValueError as error:  # spaCy rejects a malformed token pattern
        raise VocabularyError(str(error), file=f"{name} rules", key="tokens") from None


def validate_raw_patterns(rules: list, name: str) -> None:
    """Check the vocabulary's raw ``tokens`` patterns against spaCy's schema."""
    from spacy.schemas import validate_token_pattern

    for rule in rules:
        if rule.pattern is not None and rule.literal.endswith(":tokens"):
            errors = validate_token_pattern(rule.pattern)
            if errors:
                raise VocabularyError("; ".join(errors), file=f"{name} rules", key="tokens")


# Frequent words make poor anchors: a pattern anchored on them would run for almost every message.
_COMMON_WORDS = frozenset(
    """a an the my his her their your our this that these those one both i me he she it we you they pt is are was
    were be been am 's do does did can could will would to of in on at for with from by and or but no not any
    some all when if while after before up down over into out so just very really also still get got""".split()
)


def _required_word_sets(pattern: list[dict]) -> list[frozenset]:
    """The word sets of a pattern's required plain-word tokens, rarest first (a token must be one of them)."""
    found: dict[frozenset, int] = {}
    for token in pattern:
        if token.get("OP") is not None or set(token) != {"LOWER"}:
            continue
        value = token["LOWER"]
        if isinstance(value, str):
            words = frozenset([value])
        elif set(value) == {"IN"}:
            words = frozenset(value["IN"])
        else:
            continue
        if words:
            found[words] = len(words) + 1000 * len(words & _COMMON_WORDS)
    return sorted(found, key=lambda words: (found[words], sorted(words)))


class RoutedTargetMatcher:
    """The concept rules, split by anchor words; per message only the rules whose anchors occur run.

    spaCy's Matcher costs time for every pattern on every message; most patterns cannot match a given
    message because a word they require is missing. A token pattern is filed under its two rarest required
    words (or word sets) and runs only when the message has one word of each. Phrase rules (PhraseMatcher,
    nearly free) and token patterns without a plain-word anchor always run, in one medspaCy TargetMatcher.
    The routed patterns go to plain spaCy Matchers, called only when selected, and their spans are added
    once: a medspaCy TargetMatcher per group cost ~10 us a call even with one pattern.
    Results are the same as one big TargetMatcher's (the spans' labels; `_.target_rule` is not set).
    """

    def __init__(self):
        self.group = CONCEPT_GROUP
        self.always = None                      # the TargetMatcher of phrase and unanchored rules
        self.by_word: dict[str, list] = {}      # first anchor word -> [(Matcher, second anchor's words or None)]

    def build(self, nlp, rules: list, group: str) -> None:
        from medspacy.target_matcher import TargetMatcher
        from spacy.matcher import Matcher

        self.group = group
        unanchored, routed = [], {}
        for rule in rules:
            anchors = [] if rule.pattern is None else _required_word_sets(rule.pattern)
            if anchors:
                routed.setdefault(tuple(anchors[:2]), []).append(rule)
            else:
                unanchored.append(rule)
        always = TargetMatcher(nlp, name="radix_concepts_always", result_type="group", span_group_name=group,
                               prune=False)
        add_rules(always, unanchored, "terms.yml")
        validate_raw_patterns([rule for group_rules in routed.values() for rule in group_rules], "terms.yml")
        self.always = always
        self.by_word = {}
        for anchors, group_rules in routed.items():
            matcher = Matcher(nlp.vocab, validate=False)
            try:
                for rule in group_rules:
                    matcher.add(rule.category, [rule.pattern])
            except ValueError as error:  # spaCy rejects a malformed token pattern
                raise VocabularyError(str(error), file="terms.yml rules", key="tokens") from None
            entry = (matcher, anchors[1] if len(anchors) > 1 else None)
            for word in anchors[0]:
                self.by_word.setdefault(word, []).append(entry)

    def __call__(self, doc):
        from spacy.tokens import Span

        doc.spans[self.group] = []
        self.always(doc)
        words = {token.lower_ for token in doc}
        # Matchers in the order their first anchor occurs: spans of one extent then come in the order of
        # the words that chose them ("power + reflexes normal": weakness, then the reflexes).
        selected = {}
        for token in doc:
            for matcher, second in self.by_word.get(token.lower_, ()):
                if id(matcher) not in selected and (second is None or not second.isdisjoint(words)):
                    selected[id(matcher)] = matcher
        routed = [Span(doc, start, end, label=label)
                  for matcher in selected.values() for label, start, end in matcher(doc)]
        if routed:
            doc.spans[self.group] = list(doc.spans[self.group]) + routed
        return doc


class TargetPruner:
    """Pipeline step after the concept TargetMatcher; `label_meta` is set by the extractor that owns it.

    Term metadata is looked up by span label, not span._.target_rule: spaCy keeps span extension
    values per (start, end), so two rules matching the same words would overwrite each other.
    """

    def __init__(self):
        self.label_meta: dict[str, dict] = {}

    def __call__(self, doc):
        doc.spans[CONCEPT_GROUP] = _prune_targets(list(doc.spans.get(CONCEPT_GROUP, [])), self.label_meta)
        return doc


_DATING = frozenset({"ago", "back", "before", "earlier"})
_LONG_AGO = re.compile(r"(year|yr|decade|month|mth)", re.IGNORECASE)      # "3 days ago" dates the onset


_LIST_QUALIFIERS = frozenset("reduced decreased diminished absent impaired altered weak poor abnormal loss lost no "
                              "patchy brisk increased hyper dec reduce".split())
_LEVEL = re.compile(r"^[lst]\d")
_LIST_SEPARATORS = frozenset({",", "and", "+", "/", "&"})


def _qualifies(word: str) -> bool:
    """Is ``word`` a qualifier or a level of the exam item right after it ("reduced", "S1")?"""
    return word in _LIST_QUALIFIERS or bool(_LEVEL.match(word))


def _prune_targets(spans: list, label_meta: dict) -> list:
    """Drop a target inside a longer "absorbing" target ("numb" inside "numb between my legs"), a target
    followed by one of its term's `not_after` words ("can't stand" + "the pain"), a duration that dates a past
    episode ("a year ago"), and duplicates of the same concept; partial overlaps of different concepts are
    kept ("my legs hurt when I walk" -> leg_pain and worse_standing_walking)."""
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), not label_meta[s.label_]["absorbs"], s.start))
    # "a year ago", "a few years back" date a past episode: no duration of the complaint, and the history
    # cue ("year ago") must not be hidden under a duration target.
    spans = [s for s in spans if not (label_meta[s.label_]["concept"] == DURATION and s.end < len(s.doc)
                                      and s.doc[s.end].lower_ in _DATING and _LONG_AGO.search(s.text))]
    # A list of exam items with one normal word ("power, sensation, DTRs all normal") starts at an item, and
    # is no list when that item has a word of its own before it ("reduced S1 sensation, power normal").
    spans = [s for s in spans if not (label_meta[s.label_].get("listed") and (
        s[0].lower_ in _LIST_SEPARATORS or (s.start > 0 and _qualifies(s.doc[s.start - 1].lower_))))]
    # A term's match followed by one of its `not_after` words is another phrase ("can't stand the pain").
    spans = [s for s in spans if not (s.end < len(s.doc)
                                      and s.doc[s.end].lower_ in label_meta[s.label_].get("not_after", ()))]
    kept: list = []
    for span in spans:
        meta = label_meta[span.label_]
        drop = False
        for other in kept:
            other_meta = label_meta[other.label_]
            strictly_inside = (other.start <= span.start and span.end <= other.end
                               and (other.end - other.start) > (span.end - span.start))
            if strictly_inside and other_meta["absorbs"]:
                drop = True
                break
            if (other_meta["concept"] == meta["concept"] and span.start < other.end and other.start < span.end):
                drop = True
                break
        if not drop:
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def case_tokenizations(text: str, tokenizer) -> list[list[str]]:
    """Lowercased tokens of `text` as typed in lower, Title and UPPER case.

    spaCy's tokenizer can split differently by case ("t2dm" -> "t2" "dm", "T2DM" -> "T2DM"), so a phrase
    written in lowercase must also match the other spellings.
    """
    variants: list[list[str]] = []
    for form in (text.lower(), text.title(), text.upper()):
        words = [t.lower_ for t in tokenizer(form) if not t.is_space]
        if words and words not in variants:
            variants.append(words)
    return variants


def compile_template(phrase: str, macros: dict, tokenizer, file: str, entry: str, cache: dict,
                      depth: int = 0) -> list[list[dict]]:
    """Compile a phrase template to spaCy token patterns (lists of token dicts).

    Each macro becomes its alternatives, compiled recursively; all one-word alternatives share a single
    {"LOWER": {"IN": [...]}} token, so only multi-word alternatives multiply the pattern count.
    """
    if depth > 4:
        raise VocabularyError(f"macros nest too deeply in {phrase!r}", file=file, entry=entry, key="phrases")
    sequence: list[list[list[dict]]] = []
    for kind, value, optional in split_template(phrase):
        if kind == "text":
            sequence.append([[{"LOWER": word} for word in words] for words in case_tokenizations(value, tokenizer)])
        elif value == GAP_MACRO:
            sequence.append([[dict(_GAP_TOKEN)]])
        else:
            if value not in macros:
                raise VocabularyError(f"unknown macro {{{value}}} in {phrase!r}", file=file, entry=entry, key="phrases")
            if value not in cache:
                singles: list[str] = []
                multis: list[list[dict]] = []
                for item in macros[value]:
                    for alternative in compile_template(item, macros, tokenizer, file, entry, cache, depth + 1):
                        if len(alternative) == 1 and set(alternative[0]) == {"LOWER"} and isinstance(
                                alternative[0]["LOWER"], str):
                            if alternative[0]["LOWER"] not in singles:
                                singles.append(alternative[0]["LOWER"])
                        elif alternative and alternative not in multis:
                            multis.append(alternative)
                cache[value] = ([[{"LOWER": {"IN": singles}}]] if singles else []) + multis
            options = cache[value]
            if optional == "*":
                if len(options) != 1 or len(options[0]) != 1:
                    raise VocabularyError(f"{{{value}*}} needs a macro of one-word values only ({phrase!r})",
                                          file=file, entry=entry, key="phrases")
                options = [[{**options[0][0], "OP": "*"}]]
            elif optional == "?":
                # An optional one-word set is one token with OP "?", not a pattern with and one without.
                if options and len(options[0]) == 1 and "OP" not in options[0][0]:
                    options = [[{**options[0][0], "OP": "?"}]] + options[1:]
                else:
                    options = options + [[]]
            sequence.append(options)
    count = 1
    for options in sequence:
        count *= len(options)
    if count > MAX_PATTERNS_PER_PHRASE:
        raise VocabularyError(f"{phrase!r} compiles to {count} patterns (limit {MAX_PATTERNS_PER_PHRASE})",
                              file=file, entry=entry, key="phrases")
    return [[copy.copy(token) for part in combo for token in part] for combo in itertools.product(*sequence)]


def pattern_as_phrases(pattern: list[dict], tokenizer) -> list[str] | None:
    """All phrases a simple LOWER / LOWER-IN / OP "?" pattern matches, or None when the pattern uses
    other features, expands to more than PHRASE_EXPANSION_LIMIT phrases, or would re-tokenize
    differently (then the exact token pattern is kept)."""
    choices: list[list[str]] = []
    count = 1
    for token in pattern:
        if set(token) - {"LOWER", "OP"} or token.get("OP") not in (None, "?"):
            return None
        value = token["LOWER"]
        options = [value] if isinstance(value, str) else list(value.get("IN", [])) if set(value) == {"IN"} else None
        if options is None:
            return None
        if token.get("OP") == "?":
            options = options + [""]
        count *= len(options)
        if count > PHRASE_EXPANSION_LIMIT:
            return None
        choices.append(options)
    phrases = []
    for combo in itertools.product(*choices):
        words = [word for word in combo if word]
        text = " ".join(words)
        if not words or [t.lower_ for t in tokenizer(text)] != words:
            return None
        phrases.append(text)
    return phrases


def compile_term(term: dict, macros: dict, tokenizer, file: str, entry: str) -> Iterator[tuple]:
    """Yield (literal, pattern or None, absorbs) for each phrase / token pattern of a term.

    Plain phrases go to medspaCy's PhraseMatcher; templates with macros compile to spaCy token
    patterns (see _compile_template), bounded per phrase by MAX_PATTERNS_PER_PHRASE.
    """
    cache: dict = {}
    for phrase in term.get("phrases", ()):
        pieces = split_template(phrase)
        if all(kind == "text" for kind, _, _ in pieces):
            variants = case_tokenizations(phrase, tokenizer)
            yield phrase.lower(), None, True
            for words in variants[1:]:
                yield phrase, [{"LOWER": word} for word in words], True
            continue
        patterns = compile_template(phrase, macros, tokenizer, file, entry, cache)
        has_gap = any(kind == "macro" and value == GAP_MACRO for kind, value, _ in pieces)
        for pattern in patterns:
            if not any(token.get("OP") is None for token in pattern):
                continue
            # spaCy's Matcher costs time per pattern per message, the PhraseMatcher almost none:
            # small patterns become plain phrases.
            phrases = pattern_as_phrases(pattern, tokenizer)
            if phrases is None:
                yield phrase, pattern, not has_gap
            else:
                for text in phrases:
                    yield text, None, not has_gap
    for pattern in term.get("tokens", ()):
        yield f"{entry}:tokens", copy.deepcopy(pattern), True
