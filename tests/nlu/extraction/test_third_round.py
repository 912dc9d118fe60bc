"""Issue 10, third round: classes of wording found on the development splits, each tested with sentences
of our own (not the development texts)."""

import pytest

from nlu.extraction import extract_findings


def found(text):
    """{(concept, status, experiencer)} of the findings in ``text``."""
    return {(f["concept"], f["status"], f["experiencer"]) for f in extract_findings(text)}


def has(text, concept, status="present"):
    assert (concept, status, "patient") in found(text), f"{text!r}: {extract_findings(text)}"


# ---- bladder and bowel: leakage and sphincter words

@pytest.mark.parametrize("text, concept", [
    ("some urinary leakage since the weekend and my back is killing me", "bladder_dysfunction"),
    ("bladder leakage started with the sciatica", "bladder_dysfunction"),
    ("he has had leakage of urine for two days", "bladder_dysfunction"),
    ("new faecal leakage and bilateral leg pain", "bowel_dysfunction"),
    ("bowel leakage this week, back pain", "bowel_dysfunction"),
    ("PR: lax anal sphincter, LBP", "bowel_dysfunction"),
    ("o/e weak anal sphincter, reduced perianal sensation", "bowel_dysfunction"),
])
def test_leakage_and_sphincter_words_are_bladder_or_bowel_problems(text, concept):
    has(text, concept)


def test_denied_leakage_is_absent():
    has("no urinary leakage, no bowel leakage", "bladder_dysfunction", "absent")
    has("no urinary leakage, no bowel leakage", "bowel_dysfunction", "absent")


def test_two_denials_in_a_row_both_deny():
    # The safety net once merged "urinary ... incontinence" across the comma into one span that swallowed
    # the second "no", so the bowel incontinence read as present (a false red flag).
    text = "no urinary incontinence, no bowel incontinence"
    assert found(text) == {("bladder_dysfunction", "absent", "patient"), ("bowel_dysfunction", "absent", "patient")}


def test_the_bowels_own_problem_word_is_not_a_bladder_question():
    assert found("no bowel incontinence") == {("bowel_dysfunction", "absent", "patient")}
    assert found("no faecal leakage") == {("bowel_dysfunction", "absent", "patient")}

