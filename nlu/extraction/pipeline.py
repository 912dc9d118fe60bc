"""The finding extractor: a spaCy pipeline on blank English with medspaCy's TargetMatcher and ConText.

Pipeline (built once per rule pack, never at import time):
    tokenizer (spaCy English + whole contractions) -> radix_sentence_splitter
    -> radix_concept_matcher (medspaCy TargetMatchers routed by anchor word; span group, overlaps kept)
    -> site / side TargetMatchers -> radix_target_pruner -> medspaCy ConText -> findings
    (status, experiencer, history from ConText; laterality and site attached by distance).

Findings are plain dicts (shared contract, docs/extraction.md):
    {concept, site, laterality, status, experiencer, historical, text, start, end}
"""

from __future__ import annotations

import copy
import functools
import itertools
import logging
import threading
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator

from nlu.extraction.vocabulary import (
    GAP_MACRO,
    MAX_PATTERNS_PER_PHRASE,
    VocabularyError,
    load_rule_pack,
    split_template,
    validate_rule_pack,
)

logger = logging.getLogger(__name__)

CONCEPT_GROUP = "radix_concepts"
SITE_GROUP = "radix_sites"
SIDE_GROUP = "radix_sides"

# Texts are processed in chunks cut at sentence ends / whitespace so memory and per-call
# time stay bounded; every chunk is processed, so nothing is dropped. medspaCy's ConText compares every
# finding with every cue in a doc, so small chunks keep long run-on texts near linear time.
CHUNK_CHARS = 1_000
# Above this the text is refused with a clear error instead of working for minutes.
MAX_TEXT_CHARS = 1_000_000

# Words that may sit between a negation cue and a self-stated finding without blocking it
# ("no heel walk problems" is adjacent enough; "denies bladder problems, can't heel walk" is not).
_LIST_FILLER = frozenset(
    """, / - & ( ) or and nor any of the a an my his her their other either also in on at to both
    feet foot legs leg side sides symptoms problems issues changes sx""".split()
)
# Words that open a new clause after a comma, ending a negation's list ("no numbness, my foot is weak").
_CLAUSE_STARTERS = frozenset(
    """i i'm im i've ive he she they we it it's pt patient my his her has have had is are was were feels feel
    got gets now then also but still can can't cannot cant could will would does did do says said thinks noted
    notes exam o/e there this that reports states complains endorses""".split()
)
_CLAUSE_BREAKS = frozenset({",", ";", "but", "however", "although", "though", "except", "."})
_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
# "{gap}" in a phrase template: up to three words (no punctuation) between two parts.
_GAP_TOKEN = {"IS_PUNCT": False, "OP": "{0,3}"}
# Token patterns that stand for at most this many phrases are matched as phrases (much faster).
PHRASE_EXPANSION_LIMIT = 30

_CATEGORY_NEGATED = "NEGATED_EXISTENCE"
_CATEGORY_UNCERTAIN = "POSSIBLE_EXISTENCE"
_CATEGORY_HISTORICAL = "HISTORICAL"
_CATEGORY_OTHER = "OTHER_EXPERIENCER"

_COMPONENTS_REGISTERED = False

_CONTRACTIONS = (
    "can't", "cannot", "couldn't", "don't", "doesn't", "didn't", "won't", "wouldn't", "isn't", "aren't", "wasn't",
    "weren't", "haven't", "hasn't", "hadn't", "shouldn't", "i'm", "i've", "it's", "cant", "dont", "doesnt",
    "didnt", "wont", "couldnt", "isnt", "havent", "hasnt", "im", "ive",
)
# Curly quotes from phones become straight ones (same length, so offsets stay valid).
_QUOTE_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


class InputTooLongError(ValueError):
    """The text exceeds MAX_TEXT_CHARS; callers should show the message to the user."""


def _register_components() -> None:
    """Register the small spaCy components on first build (keeps import free of side effects)."""
    global _COMPONENTS_REGISTERED
    if _COMPONENTS_REGISTERED:
        return
    from spacy.language import Language

    @Language.component("radix_sentence_splitter")
    def radix_sentence_splitter(doc):
        # Only ". ! ? ;" followed by a space, or a line break, end a sentence: "?foot drop"
        # (resident shorthand for "possible foot drop") stays one sentence with its "?".
        # A leading "??" does not make a sentence of its own either.
        has_word = False
        for index, token in enumerate(doc):
            if index == 0:
                token.is_sent_start = True
            else:
                previous = doc[index - 1]
                token.is_sent_start = bool(
                    has_word and ((previous.text in _SENTENCE_ENDS and previous.whitespace_) or "\n" in previous.text)
                )
                if token.is_sent_start:
                    has_word = False
            has_word = has_word or not (token.is_punct or token.is_space)
        return doc

    @Language.factory("radix_concept_matcher")
    def make_concept_matcher(nlp, name):
        return RoutedTargetMatcher()

    @Language.factory("radix_target_pruner")
    def make_target_pruner(nlp, name):
        return TargetPruner()

    _COMPONENTS_REGISTERED = True


def _add_rules(matcher, rules: list, name: str) -> None:
    try:
        matcher.add(rules)
    except ValueError as error:  # spaCy rejects a malformed token pattern
        raise VocabularyError(f"{name} rules", None, "tokens", str(error)) from None


# Frequent words make poor anchors: a pattern anchored on them would run for almost every message.
_COMMON_WORDS = frozenset(
    """a an the my his her their your our this that these those one both i me he she it we you they pt is are was
    were be been am 's do does did can could will would to of in on at for with from by and or but no not any
    some all when if while after before up down over into out so just very really also still get got""".split()
)


def _anchor_words(pattern: list[dict]) -> frozenset | None:
    """The words one required token of a pattern must be (the rarest such token), or None."""
    best, best_cost = None, None
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
        cost = len(words) + 1000 * len(words & _COMMON_WORDS)
        if words and (best_cost is None or cost < best_cost):
            best, best_cost = words, cost
    return best


class RoutedTargetMatcher:
    """medspaCy TargetMatchers split by anchor word; per message only those whose anchor occurs run.

    spaCy's Matcher costs time for every pattern on every message; most patterns cannot match a given
    message because a word they require is missing. Phrase rules (PhraseMatcher, nearly free) and token
    patterns without a plain-word anchor always run. Results are the same as one big TargetMatcher.
    """

    def __init__(self):
        self.always: list = []
        self.by_word: dict[str, list] = {}

    def build(self, nlp, rules: list, group: str) -> None:
        from medspacy.target_matcher import TargetMatcher

        def new_matcher(name):
            return TargetMatcher(nlp, name=name, result_type="group", span_group_name=group, prune=False)

        unanchored = [rule for rule in rules if rule.pattern is None or _anchor_words(rule.pattern) is None]
        anchored: dict[frozenset, list] = {}
        for rule in rules:
            words = None if rule.pattern is None else _anchor_words(rule.pattern)
            if words is not None:
                anchored.setdefault(words, []).append(rule)
        always = new_matcher("radix_concepts_always")
        _add_rules(always, unanchored, "concepts.yml")
        self.always = [always]
        self.by_word = {}
        for index, (words, group_rules) in enumerate(anchored.items()):
            matcher = new_matcher(f"radix_concepts_{index}")
            _add_rules(matcher, group_rules, "concepts.yml")
            for word in words:
                self.by_word.setdefault(word, []).append(matcher)

    def __call__(self, doc):
        doc.spans[CONCEPT_GROUP] = []
        selected = {id(m): m for m in self.always}
        for token in doc:
            for matcher in self.by_word.get(token.lower_, ()):
                selected[id(matcher)] = matcher
        for matcher in selected.values():
            matcher(doc)
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


def _prune_targets(spans: list, label_meta: dict) -> list:
    """Drop a target inside a longer "absorbing" target ("numb" inside "numb between my legs")
    and duplicates of the same concept; partial overlaps of different concepts are kept
    ("my legs hurt when I walk" -> leg_pain and worse_standing_walking)."""
    spans = sorted(spans, key=lambda s: (-(s.end - s.start), not label_meta[s.label_]["absorbs"], s.start))
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


def _modifier_allowed(target, modifier, span_between, category: str, label_meta: dict) -> bool:
    """ConText on_modifies hook: keep negation and other modifiers inside their own clause.

    Across a comma a forward modifier continues through a list ("denies fever, weight loss, bowel or
    bladder changes") but not into a new clause, recognised by a clause-starting word ("no numbness,
    my foot is weak"); a modifier after the finding never reaches back across a comma. Phrases that
    state their own polarity ("can't walk on my heels", "rectal tone intact") only take an adjacent
    negation.
    """
    meta = label_meta[target.label_]
    # "is it bad that I can't hold my pee?": a question mark does not make a self-stated problem uncertain.
    if category == _CATEGORY_UNCERTAIN and set(modifier.text) <= {"?", "(", ")"}:
        if meta["asserted"]:
            return False
        first, last = modifier[0], modifier[-1]
        leading = first.is_sent_start or (not last.whitespace_ and last.i + 1 < len(last.doc))
        # A leading or attached "?" qualifies what follows; a trailing one what precedes.
        if leading != (target.start >= modifier.end):
            return False
    counts = _token_class_counts(target.doc)
    start, end = span_between.start, span_between.end

    def any_between(kind: int) -> bool:
        return counts[end][kind] - counts[start][kind] > 0

    self_stated = meta["asserted"] or meta["status"] != "present"
    if category == _CATEGORY_NEGATED and self_stated and any_between(_NOT_FILLER):
        return False
    if not any_between(_COMMA):
        return True
    if modifier.start >= target.end or category == _CATEGORY_UNCERTAIN:
        # Doubt does not spread through a list: "possible saddle hypoesthesia, rectal tone reduced".
        return False
    return not any_between(_CLAUSE_STARTER)


_COMMA, _CLAUSE_STARTER, _NOT_FILLER = 0, 1, 2


def _token_class_counts(doc) -> list[tuple[int, int, int]]:
    """Prefix counts of commas, clause starters and non-filler words, so each ConText edge check is O(1)
    (a scan of the words between would make long run-on texts cubic). Cached on the doc."""
    counts = doc.user_data.get("radix_token_class_counts")
    if counts is None:
        counts = [(0, 0, 0)]
        commas = starters = non_filler = 0
        for token in doc:
            if not token.is_space:
                commas += token.text in {",", ";"}
                starters += token.lower_ in _CLAUSE_STARTERS
                non_filler += token.lower_ not in _LIST_FILLER
            counts.append((commas, starters, non_filler))
        doc.user_data["radix_token_class_counts"] = counts
    return counts


def _case_tokenizations(text: str, tokenizer) -> list[list[str]]:
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


def _compile_template(phrase: str, macros: dict, tokenizer, file: str, entry: str, cache: dict,
                      depth: int = 0) -> list[list[dict]]:
    """Compile a phrase template to spaCy token patterns (lists of token dicts).

    Each macro becomes its alternatives, compiled recursively; all one-word alternatives share a single
    {"LOWER": {"IN": [...]}} token, so only multi-word alternatives multiply the pattern count.
    """
    if depth > 4:
        raise VocabularyError(file, entry, "phrases", f"macros nest too deeply in {phrase!r}")
    sequence: list[list[list[dict]]] = []
    for kind, value, optional in split_template(phrase):
        if kind == "text":
            sequence.append([[{"LOWER": word} for word in words] for words in _case_tokenizations(value, tokenizer)])
        elif value == GAP_MACRO:
            sequence.append([[dict(_GAP_TOKEN)]])
        else:
            if value not in macros:
                raise VocabularyError(file, entry, "phrases", f"unknown macro {{{value}}} in {phrase!r}")
            if value not in cache:
                singles: list[str] = []
                multis: list[list[dict]] = []
                for item in macros[value]:
                    for alternative in _compile_template(item, macros, tokenizer, file, entry, cache, depth + 1):
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
                    raise VocabularyError(file, entry, "phrases",
                                          f"{{{value}*}} needs a macro of one-word values only ({phrase!r})")
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
        raise VocabularyError(file, entry, "phrases",
                              f"{phrase!r} compiles to {count} patterns (limit {MAX_PATTERNS_PER_PHRASE})")
    return [[copy.copy(token) for part in combo for token in part] for combo in itertools.product(*sequence)]


def _pattern_as_phrases(pattern: list[dict], tokenizer) -> list[str] | None:
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


class FindingExtractor:
    """Extracts findings from free text with a rule pack (see nlu/extraction/vocabulary.py)."""

    def __init__(self, rule_pack: dict, source: str = "rule pack"):
        self._rule_pack = validate_rule_pack(copy.deepcopy(rule_pack), source=source)
        self._concepts = {entry["id"]: entry for entry in self._rule_pack["concepts"]}
        self._nlp = self._build(self._rule_pack)

    @classmethod
    def from_vocabulary(cls, path: str | Path | None = None) -> "FindingExtractor":
        """Build from a vocabulary directory of YAML files (default: the packaged vocabulary)."""
        return cls(load_rule_pack(path), source=str(path) if path else "packaged vocabulary")

    @classmethod
    def from_rule_pack(cls, rule_pack: dict, source: str = "rule pack") -> "FindingExtractor":
        """Rebuild from an in-memory rule pack, e.g. the JSON a trained Rasa model persisted."""
        return cls(rule_pack, source=source)

    @property
    def rule_pack(self) -> dict:
        """A copy of the validated rule pack (JSON-serialisable)."""
        return copy.deepcopy(self._rule_pack)

    @property
    def nlp(self):
        return self._nlp

    # ------------------------------------------------------------------ building

    def _build(self, pack: dict):
        import spacy
        import medspacy  # noqa: F401  (registers the medspacy_* factories and extensions)
        from medspacy.context import ConTextRule
        from medspacy.target_matcher import TargetRule

        _register_components()
        nlp = spacy.blank("en")
        tokenizer = nlp.tokenizer
        # Keep common contractions whole ("can't" not "ca" "n't"): phrases stay one-word alternatives,
        # which keeps the number of compiled token patterns (and matching time) down.
        for word in _CONTRACTIONS:
            for variant in {word, word.capitalize(), word.upper()}:
                tokenizer.add_special_case(variant, [{"ORTH": variant}])
        macros = pack["macros"]
        nlp.add_pipe("radix_sentence_splitter")

        concept_rules = []
        label_meta: dict[str, dict] = {}
        for concept in pack["concepts"]:
            for term_index, term in enumerate(concept["terms"]):
                for literal, pattern, absorbs in self._compile_term(term, macros, tokenizer, "concepts.yml",
                                                                    concept["id"]):
                    metadata = {
                        "concept": concept["id"],
                        "also": list(term.get("also", ())),
                        "status": term.get("status", "present"),
                        "site": term.get("site"),
                        "laterality": term.get("laterality"),
                        "asserted": term.get("asserted", False),
                        "absorbs": absorbs and term.get("absorbs", True),
                    }
                    # The label identifies the term (and whether it absorbs), see TargetPruner.
                    label = f"{concept['id']}#{term_index}" + ("" if metadata["absorbs"] else "~")
                    label_meta[label] = metadata
                    concept_rules.append(TargetRule(literal, label, pattern=pattern, metadata=metadata))
        site_rules = [
            TargetRule(literal, entry["id"], pattern=pattern, metadata={"site": entry["id"]})
            for entry in pack["sites"]
            for literal, pattern, _ in self._compile_term(entry, macros, tokenizer, "sites.yml", entry["id"])
        ]
        side_rules = [
            TargetRule(literal, f"SIDE_{entry['value']}", pattern=pattern, metadata={"side": entry["value"]})
            for entry in pack["sides"]
            for literal, pattern, _ in self._compile_term(entry, macros, tokenizer, "laterality.yml", entry["id"])
        ]
        # Concept matches keep overlaps (radix_target_pruner decides, see _prune_targets) and go through
        # RoutedTargetMatcher, which runs only the medspaCy TargetMatchers whose anchor word occurs.
        router = nlp.add_pipe("radix_concept_matcher")
        router.build(nlp, concept_rules, CONCEPT_GROUP)
        for name, group, rules in (
            ("radix_site_matcher", SITE_GROUP, site_rules),
            ("radix_side_matcher", SIDE_GROUP, side_rules),
        ):
            matcher = nlp.add_pipe(
                "medspacy_target_matcher", name=name,
                config={"result_type": "group", "span_group_name": group, "prune": True},
            )
            _add_rules(matcher, rules, name)
        nlp.add_pipe("radix_target_pruner").label_meta = label_meta
        self._label_meta = label_meta

        context = nlp.add_pipe(
            "medspacy_context",
            config={"rules": None, "span_attrs": None, "input_span_type": "group",
                    "span_group_name": CONCEPT_GROUP, "prune_on_target_overlap": True},
        )
        context_rules = []
        for entry in pack["modifiers"]:
            on_modifies = functools.partial(_call_modifier_allowed, category=entry["category"], label_meta=label_meta)
            for literal, pattern, _ in self._compile_term(entry, macros, tokenizer, "context.yml", entry["id"]):
                context_rules.append(ConTextRule(
                    literal, entry["category"], pattern=pattern, direction=entry["direction"],
                    max_scope=entry.get("max_scope"), terminated_by=set(entry.get("terminated_by", ())),
                    on_modifies=on_modifies, metadata={"id": entry["id"]},
                ))
        try:
            context.add(context_rules)
        except ValueError as error:
            raise VocabularyError("context.yml", None, "tokens", str(error)) from None
        return nlp

    @staticmethod
    def _compile_term(term: dict, macros: dict, tokenizer, file: str, entry: str) -> Iterator[tuple]:
        """Yield (literal, pattern or None, absorbs) for each phrase / token pattern of a term.

        Plain phrases go to medspaCy's PhraseMatcher; templates with macros compile to spaCy token
        patterns (see _compile_template), bounded per phrase by MAX_PATTERNS_PER_PHRASE.
        """
        cache: dict = {}
        for phrase in term.get("phrases", ()):
            pieces = split_template(phrase)
            if all(kind == "text" for kind, _, _ in pieces):
                variants = _case_tokenizations(phrase, tokenizer)
                yield phrase.lower(), None, True
                for words in variants[1:]:
                    yield phrase, [{"LOWER": word} for word in words], True
                continue
            patterns = _compile_template(phrase, macros, tokenizer, file, entry, cache)
            has_gap = any(kind == "macro" and value == GAP_MACRO for kind, value, _ in pieces)
            for pattern in patterns:
                if not any(token.get("OP") is None for token in pattern):
                    continue
                # spaCy's Matcher costs time per pattern per message, the PhraseMatcher almost none:
                # small patterns become plain phrases.
                phrases = _pattern_as_phrases(pattern, tokenizer)
                if phrases is None:
                    yield phrase, pattern, not has_gap
                else:
                    for text in phrases:
                        yield text, None, not has_gap
        for pattern in term.get("tokens", ()):
            yield f"{entry}:tokens", copy.deepcopy(pattern), True

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str) -> list[dict]:
        """Findings in `text`, in text order. Never raises on odd input except InputTooLongError."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, not {type(text).__name__}")
        if len(text) > MAX_TEXT_CHARS:
            raise InputTooLongError(
                f"Text is {len(text):,} characters; the extractor handles at most {MAX_TEXT_CHARS:,}. "
                "Send a shorter description."
            )
        clean = _clean_text(text)
        findings: list[dict] = []
        last_side: list[str | None] = [None]
        for offset, chunk in _chunks(clean, CHUNK_CHARS):
            if not chunk.strip():
                continue
            doc = self._nlp(chunk)
            findings.extend(self._findings_from_doc(doc, offset, text, last_side))
        return findings

    def pipe(self, texts: Iterable[str]) -> Iterator[list[dict]]:
        for text in texts:
            yield self.extract(text)

    def _findings_from_doc(self, doc, offset: int, original: str, last_side: list) -> list[dict]:
        sides = self._resolve_sides(doc, last_side)
        sites = list(doc.spans.get(SITE_GROUP, []))
        findings = []
        targets = list(doc.spans.get(CONCEPT_GROUP, []))
        for target in targets:
            meta = self._label_meta[target.label_]
            categories = {modifier.category for modifier in target._.modifiers}
            status = meta["status"]
            if _CATEGORY_NEGATED in categories:
                # "no foot drop" -> absent; "not normal heel walk" -> present; "no ?reduced AJ" -> absent
                status = "present" if status == "absent" else "absent"
            elif _CATEGORY_UNCERTAIN in categories and status == "present":
                status = "uncertain"
            concept = self._concepts[meta["concept"]]
            laterality = meta["laterality"]
            if laterality is None and concept.get("lateralized", True):
                laterality = _nearest_side(target, sides)
            site = meta["site"]
            if site is None and concept.get("sited", True):
                site = _nearest_site(target, sites)
            concept_id = meta["concept"]
            at_site = concept.get("at_site")
            if at_site:
                remote = site if site in at_site else (
                    _remote_site(target, sites, set(at_site), targets) if site is None else None)
                if remote is not None:
                    concept_id, site = at_site[remote], remote
                    laterality = None
            start, end = offset + target.start_char, offset + target.end_char
            for concept_id in [concept_id, *meta["also"]]:
                findings.append({
                    "concept": concept_id,
                    "site": site,
                    "laterality": laterality,
                    "status": status,
                    "experiencer": "other" if _CATEGORY_OTHER in categories else "patient",
                    "historical": _CATEGORY_HISTORICAL in categories,
                    "text": original[start:end],
                    "start": start,
                    "end": end,
                })
        return findings

    @staticmethod
    def _resolve_sides(doc, last_side: list) -> list[tuple[Any, str]]:
        """(span, side) for side terms; "on that side" takes the last side stated before it."""
        resolved = []
        for span in sorted(doc.spans.get(SIDE_GROUP, []), key=lambda s: s.start):
            side = span.label_[len("SIDE_"):]
            if side == "previous":
                side = last_side[0]
                if side is None:
                    continue
            else:
                last_side[0] = side
            resolved.append((span, side))
        return resolved


def _call_modifier_allowed(target, modifier, span_between, category, label_meta):
    return _modifier_allowed(target, modifier, span_between, category, label_meta)


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


def _nearest_side(target, sides: list[tuple[Any, str]]) -> str | None:
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


def _nearest_site(target, sites: list) -> str | None:
    """Site term inside the finding, or within 6 tokens of it in the same clause."""
    best = None
    sentence = target.sent
    for span in sites:
        if span.start < sentence.start or span.end > sentence.end:
            continue
        gap, breaks = _distance(target, span)
        if breaks or gap > 6:
            continue
        key = (gap, 0 if span.start >= target.start else 1)
        if best is None or key < best[0]:
            best = (key, span.label_)
    return best[1] if best else None


def _remote_site(target, sites: list, wanted: set, targets: list) -> str | None:
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


def _clean_text(text: str) -> str:
    """Same length as the input (offsets stay valid): control and format characters become spaces,
    except line breaks, which end sentences."""
    text = text.translate(_QUOTE_MAP)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\r":
            out.append("\n")
        elif char == "\t" or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most `size` chars, cut after a sentence end or at whitespace."""
    start = 0
    length = len(text)
    while start < length:
        end = min(start + size, length)
        if end < length:
            window = text[start:end]
            cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
            if cut > size // 2:
                end = start + cut + 1
            else:
                space = window.rfind(" ")
                if space > size // 2:
                    end = start + space + 1
        yield start, text[start:end]
        start = end


_DEFAULT_LOCK = threading.Lock()
_DEFAULT_EXTRACTOR: FindingExtractor | None = None


def default_extractor() -> FindingExtractor:
    """The extractor for the packaged vocabulary, built on first use and cached."""
    global _DEFAULT_EXTRACTOR
    with _DEFAULT_LOCK:
        if _DEFAULT_EXTRACTOR is None:
            _DEFAULT_EXTRACTOR = FindingExtractor.from_vocabulary()
        return _DEFAULT_EXTRACTOR
