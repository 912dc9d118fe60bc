"""Never re-ask (issue 11): every question the interview can ask is skipped once its concept, or
an answer that settles it, has been stated in any words the extractor understands. One
conversation per question: the words first, then "no" to everything until the result."""
from __future__ import annotations

import pytest

from actions.engine import load_knowledge
from common.contract import REPORTED_DIAGNOSIS_CONCEPTS

# Everyday words stating each concept (present or absent).
STATED = {
    "foot_pain": "my foot hurts",
    "numbness": "my foot is numb",
    "tingling": "pins n needles in my toes",
    "burning_pain": "my feet burn at night",
    "shooting_pain": "i get a shooting pain like an electric shock",
    "weakness": "my leg feels weak",
    "foot_drop": "my toes catch on the floor when i walk",
    "heel_walk_weakness": "i cant walk on my heels",
    "toe_walk_weakness": "cant stand on tiptoe",
    "leg_pain": "my leg hurts all the way down",
    "back_pain": "my lower back aches",
    "buttock_pain": "pain deep in my buttock",
    "thigh_pain": "pain in the front of my thigh",
    "saddle_anesthesia": "my foot is numb but no numbness between my legs",
    "bladder_dysfunction": "my foot is numb, no trouble peeing",
    "bowel_dysfunction": "my foot tingles and my bowels are fine",
    "patellar_reflex_absent": "the doctor said my knee reflex was missing",
    "achilles_reflex_absent": "my ankle reflex was normal and my foot is numb",
    "worse_standing_walking": "my foot hurts and it gets worse when i walk",
    "relief_sitting_flexion": "my foot is numb and no position helps",
    "toe_clawing_weight_bearing": "my toes curl up when i stand",
    "sudden_onset": "my foot went numb gradually",
    "muscle_atrophy": "the muscles in my leg are wasting",
    "diabetes": "my foot burns and im not diabetic",
    "leg_heaviness_cramping": "my legs feel heavy and crampy",
    "difficulty_walking": "i have trouble walking",
    "symptoms_persist_weeks": "my foot has been numb for 3 months",
}
# Words that state something else which settles the question.
SETTLED = {
    "leg_pain": "sharp shooting pain like an electric shock and my foot is numb",
    "weakness": "my foot drags when i walk",
    "difficulty_walking": "my foot slaps the ground when i walk",
}
MAX_TURNS = 14


def askable() -> list[str]:
    """Every concept some consideration or triage-setting rule looks at: the interview's questions."""
    concepts = set()
    for rule in load_knowledge().rules:
        if rule.kind == "consideration" or rule.triage:
            concepts |= set(rule.concepts)
    return sorted(concepts - set(REPORTED_DIAGNOSIS_CONCEPTS))


def test_every_interview_question_has_words_that_state_it():
    assert sorted(STATED) == askable()


def run_until_result(chat, first: str, stated: str | None = None) -> list[str]:
    """The concepts asked after ``first``, answering "no" (and "none" to the screen) until the result;
    ``stated``: a concept the first message must have stated."""
    asked = []
    replies = chat.structured(first)
    if stated:
        assert chat.slot(stated), f"the extractor did not read {first!r} as {stated}"
    for _ in range(MAX_TURNS):
        if any(r["type"] == "assessment" for r in replies):
            return asked
        pending = chat.slot("pending_question")
        if pending == "screen":
            replies = chat.structured("none of those")
            continue
        if pending and pending.startswith("check:"):
            replies = chat.structured("no")
            continue
        if pending == "continue_after_red_flag":
            replies = chat.structured("no")
            continue
        assert pending, replies
        asked.append(pending)
        replies = chat.structured("no")
    pytest.fail(f"no result after {MAX_TURNS} turns: {asked}")


@pytest.mark.parametrize("concept", sorted(STATED))
def test_a_stated_concept_is_never_asked(chat, concept):
    asked = run_until_result(chat, STATED[concept], stated=concept)
    assert concept not in asked and len(asked) == len(set(asked)), asked


@pytest.mark.parametrize("concept", sorted(SETTLED))
def test_a_concept_settled_by_another_finding_is_never_asked(chat, concept):
    asked = run_until_result(chat, SETTLED[concept])
    assert concept not in asked, asked


def test_an_emergency_result_asked_for_is_not_held_back_by_a_check(chat):
    # The emergency is announced; the user declines more questions, then asks for the result again: the
    # result comes (listing the unsure bowel mention), not the check question.
    chat.structured("my back hurts and my right foot is numb")
    assert chat.structured("I cant control my bladder and maybe ive leaked poo a bit?")[0]["triage"] == "emergency"
    chat.structured("no")
    replies = chat.structured("result")
    assert replies and replies[-1]["triage"] == "emergency"
    assert "question" not in [section["kind"] for section in replies[-1]["sections"]]
