"""The routed concept matcher finds exactly what one medspaCy TargetMatcher with every rule finds."""

import pytest
import spacy
from medspacy.target_matcher import TargetMatcher, TargetRule

from nlu.extraction import safety_net
from nlu.extraction.patterns import CONCEPT_GROUP, RoutedTargetMatcher
from nlu.extraction.rule_pack import VocabularyError

_RULES = [
    # two required words: routed on both
    ("foot drags", "foot_drop", [{"LOWER": {"IN": ["foot", "feet"]}}, {"LOWER": {"IN": ["drags", "drag"]}}]),
    # optional words between, a common word required
    ("unable to walk on heels", "heel_walk_weakness",
     [{"LOWER": {"IN": ["unable", "cannot"]}}, {"LOWER": "to", "OP": "?"}, {"LOWER": "walk"}, {"LOWER": "on", "OP": "?"},
      {"LOWER": {"IN": ["my", "the"]}, "OP": "?"}, {"LOWER": {"IN": ["heels", "heel"]}}]),
    # one required word only
    ("numbness", "numbness", [{"LOWER": "numbness"}]),
    # a gap of up to three words
    ("leg gave way", "weakness", [{"LOWER": "leg"}, {"IS_PUNCT": False, "OP": "{0,3}"}, {"LOWER": "gave"},
                                   {"LOWER": "way"}]),
    # no plain-word anchor at all: always runs
    ("digits", "symptoms_persist_weeks", [{"IS_DIGIT": True}, {"LOWER": {"REGEX": "^w(ee)?ks?$"}}]),
    # a phrase rule (PhraseMatcher)
    ("saddle numbness", "saddle_anesthesia", None),
    # two rules of one label with the same anchors
    ("feet drag both", "foot_drop", [{"LOWER": "both"}, {"LOWER": {"IN": ["foot", "feet"]}},
                                     {"LOWER": {"IN": ["drags", "drag"]}}]),
]

_TEXTS = [
    "my foot drags and i cannot walk on my heels",
    "feet drag, both feet drag",
    "numbness for 3 wks, saddle numbness too",
    "my leg just suddenly gave way",
    "the drags of my foot",                 # both words, wrong order
    "unable to walk heels? no. foot. drags",
    "",
    "nothing here at all",
]


def _rules():
    return [TargetRule(literal, label, pattern=pattern) for literal, label, pattern in _RULES]


def _found(doc):
    return sorted((span.label_, span.start, span.end) for span in doc.spans[CONCEPT_GROUP])


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.mark.parametrize("text", _TEXTS)
def test_routing_finds_what_one_matcher_with_every_rule_finds(nlp, text):
    routed = RoutedTargetMatcher()
    routed.build(nlp, _rules(), CONCEPT_GROUP)
    single = TargetMatcher(nlp, result_type="group", span_group_name=CONCEPT_GROUP, prune=False)
    single.add(_rules())

    expected_doc = nlp(text)
    expected_doc.spans[CONCEPT_GROUP] = []
    expected = _found(single(expected_doc))

    assert _found(routed(nlp(text))) == expected


def test_the_routing_finds_something_in_these_texts(nlp):
    # Guards the test above against passing because neither matcher finds anything.
    routed = RoutedTargetMatcher()
    routed.build(nlp, _rules(), CONCEPT_GROUP)
    labels = {label for text in _TEXTS for label, _, _ in _found(routed(nlp(text)))}
    assert labels == {"foot_drop", "heel_walk_weakness", "numbness", "weakness", "symptoms_persist_weeks",
                      "saddle_anesthesia"}


def test_a_malformed_routed_pattern_names_the_vocabulary_file(nlp):
    bad = TargetRule("bad:tokens", "numbness", pattern=[{"LOWER": "numb"}, {"LOWER": "foot", "OP": "!!"}])
    with pytest.raises(VocabularyError, match="terms.yml"):
        RoutedTargetMatcher().build(nlp, [bad], CONCEPT_GROUP)


def test_a_word_list_still_matches_after_its_candidate_cache_is_emptied(monkeypatch):
    monkeypatch.setattr(safety_net, "_CANDIDATE_CACHE_SIZE", 2)
    words = safety_net.WordList(["wee*"], ["pass water"])
    text = "i cant pass water and weeing hurts , pass water".split()
    assert words.spans(text, 0, len(text)) == [(2, 4), (5, 6), (8, 10)]
    assert words.spans(text, 0, len(text)) == [(2, 4), (5, 6), (8, 10)]
    assert len(words._candidates) <= 2
