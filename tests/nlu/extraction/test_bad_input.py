"""Odd input never crashes the extractor and nothing is dropped silently."""

import pytest

from nlu.extraction import extract_findings
from nlu.extraction.pipeline import CHUNK_CHARS, MAX_TEXT_CHARS, InputTooLongError


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "?", "...", "??!!"])
def test_empty_or_blank_text_gives_no_findings(text):
    assert extract_findings(text) == []


def test_100_kb_of_text_is_processed_to_the_end():
    filler = "The weather was fine and we walked to the shops. " * 2100
    text = "My left foot is numb. " + filler + "Now I can't stand on tiptoe."
    assert len(text) > 100_000 > CHUNK_CHARS
    findings = extract_findings(text)
    concepts = [f["concept"] for f in findings]
    assert concepts[0] == "numbness" and concepts[-1] == "toe_walk_weakness"
    last = findings[-1]
    assert text[last["start"]:last["end"]] == last["text"]


def test_100_kb_without_spaces_or_sentences():
    findings = extract_findings("numb" + "x" * 100_000 + " foot drop")
    assert [f["concept"] for f in findings] == ["foot_drop"]


def test_text_over_the_limit_is_refused_with_a_clear_message():
    with pytest.raises(InputTooLongError, match="at most"):
        extract_findings("a" * (MAX_TEXT_CHARS + 1))


def test_emoji_are_ignored_and_offsets_stay_right():
    text = "😩😩 my foot is numb 🦶 and I can't walk on my heels 👠"
    findings = extract_findings(text)
    assert {f["concept"] for f in findings} == {"numbness", "heel_walk_weakness"}
    for finding in findings:
        assert text[finding["start"]:finding["end"]] == finding["text"]


@pytest.mark.parametrize("text", ["у меня онемела нога", "我的脚麻木了", "قدمي مخدرة", "पैर सुन्न है", "足がしびれる"])
def test_other_scripts_give_no_findings(text):
    assert extract_findings(text) == []


def test_mixed_scripts_still_find_english_findings():
    findings = extract_findings("онемение, numbness in my left foot, 麻木")
    assert [(f["concept"], f["laterality"]) for f in findings] == [("numbness", "left")]


def test_control_characters_do_not_break_words_or_offsets():
    text = "no\x00 numbness\x07\x1b[31m but\r\ntingling\u200b in my\ufeff foot\x7f"
    findings = extract_findings(text)
    assert {(f["concept"], f["status"]) for f in findings} == {("numbness", "absent"), ("tingling", "present")}
    for finding in findings:
        assert text[finding["start"]:finding["end"]] == finding["text"]


def test_curly_apostrophes_from_phones():
    assert extract_findings("I can’t walk on my heels")[0]["concept"] == "heel_walk_weakness"


@pytest.mark.parametrize("value", [None, 42, b"numb", ["numb"]])
def test_non_text_is_a_clear_type_error(value):
    with pytest.raises(TypeError, match="must be a string"):
        extract_findings(value)
