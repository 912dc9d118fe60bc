"""Spelling repair before matching (issue 10, nlu/extraction/spelling.py): unseen misspellings,
inflections and spelling variants reach the vocabulary; real English words are never "corrected"."""

from pathlib import Path

import pytest

from nlu.extraction import extract_findings
from nlu.extraction import spelling
from nlu.extraction.pipeline import default_extractor
from nlu.extraction.rule_pack import load_rule_pack
from nlu.extraction.spelling import Repair, protected_words


@pytest.fixture(scope="module")
def speller():
    return default_extractor()._speller


@pytest.mark.parametrize("typed, meant", [
    ("bladdar", "bladder"), ("incontenence", "incontinence"), ("weakeness", "weakness"),
    ("dribling", "dribbling"), ("tingled", "tingle"), ("tingleing", "tingle"), ("shootin", "shooting"),
])
def test_misspellings_and_inflections_reach_the_vocabulary(speller, typed, meant):
    assert speller.repair_word(typed) == meant


@pytest.mark.parametrize("word", ["getting", "single", "turning", "wetting", "weekly", "numbers", "shoe",
                                  "theyve", "theres", "peroneal", "paris"])
def test_real_words_names_contractions_and_clinical_words_are_left_alone(speller, word):
    assert speller.repair_word(word) in (None, "number")       # "numbers" -> "number" is a form of itself


def test_findings_quote_the_users_own_words_at_their_offsets():
    text = "my bladdar is playing up, incontenence since monday and weakeness in my L foot"
    for finding in extract_findings(text):
        assert text[finding["start"]:finding["end"]] == finding["text"]
    texts = " | ".join(f["text"] for f in extract_findings(text))
    assert "bladdar" in texts and "incontenence" in texts and "weakeness" in texts


def test_offsets_map_back_through_longer_and_shorter_replacements():
    repair = Repair("ab numbness cd", [(3, 3, 8, 7)])       # "numbess" (7) became "numbness" (8)
    assert repair.original(3) == 3 and repair.original(11, end=True) == 10 and repair.original(12) == 11


DICTIONARIES = [Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english")]


@pytest.mark.skipif(not all(p.exists() for p in DICTIONARIES), reason="wbritish / wamerican not installed")
def test_the_protected_list_is_up_to_date_with_the_vocabulary():
    # After adding vocabulary words: python -m nlu.extraction.spelling
    pack = load_rule_pack()
    words = set()
    for path in DICTIONARIES:
        words |= {line.strip().lower().replace("'", "") for line in path.read_text(errors="ignore").splitlines()}
    missing = set(protected_words(pack, words)) - set(pack["spelling"]["protected"])
    assert not missing, f"regenerate vocabulary/spelling.yml: {sorted(missing)[:20]}"


def test_a_word_longer_than_any_vocabulary_word_is_not_searched_for_misspellings(speller, monkeypatch):
    # The deletion search is quadratic in the word's length: a 100 kB "word" must never reach it.
    searched = []
    real = spelling._deletions
    monkeypatch.setattr(spelling, "_deletions", lambda word, depth: searched.append(word) or real(word, depth))
    assert speller.misspelling_of("numb" + "x" * 100_000) is None
    assert searched == []
    assert speller.misspelling_of("bladdar") == "bladder"
    assert searched == ["bladdar"]
