"""third_person.py: the interview's questions put to a carer about the relative (issue 10, twenty-fourth round)."""
import pytest

from actions.dialogue import third_person
from common.wording import say


@pytest.mark.parametrize("relative, expected", [
    ("dad", "Does it get worse when he stands or walks?"),
    ("mum", "Does it get worse when she stands or walks?"),
    ("partner", "Does it get worse when they stand or walk?"),
])
def test_verbs_agree_with_the_relative(relative, expected):
    assert third_person.about("Does it get worse when you stand or walk?", relative) == expected


@pytest.mark.parametrize("question, expected", [
    ("Do you have pain in your foot?", "Does he have pain in his foot?"),
    ("Have you had any trouble controlling your bowels?", "Has he had any trouble controlling his bowels?"),
    ("Has a doctor told you that you have sciatica?", "Has a doctor told him that he has sciatica?"),
    ("When you walk, does your foot slap the ground or do your toes drag?",
     "When he walks, does his foot slap the ground or do his toes drag?"),
    ("Does it get better when you sit down or lean forward?", "Does it get better when he sits down or leans forward?"),
])
def test_the_questions_phrasings(question, expected):
    assert third_person.about(question, "husband") == expected


def test_every_patient_question_loses_its_you():
    from actions.engine import load_knowledge
    for concept in load_knowledge().concepts.values():
        asked = third_person.about(concept.question("patient"), "wife")
        assert " you" not in f" {asked.lower()}", asked


def test_the_users_quoted_words_and_what_is_said_to_the_carer_stay():
    text = say("patient", "conversation.check_uncertain", text="your bum is numb", question="Do you have diabetes?")
    assert third_person.about(text, "mum").startswith("You wrote \u201cyour bum is numb\u201d")
    assert third_person.about(text, "mum").endswith("Does she have diabetes?")


def test_only_questions_red_flags_and_steps_change():
    message = {"type": "message", "sections": [{"kind": "text", "items": [{"text": "Do you have diabetes?"}]}]}
    assert third_person.question_about(message, "dad") is message
    alert = {"type": "red_flag_alert", "sections": [
        {"kind": "red_flags", "items": [{"text": "Losing control of your bladder needs attention"}]},
        {"kind": "question", "items": [{"text": "Do you still want to go on with my questions?"}]}]}
    changed = third_person.question_about(alert, "dad")
    assert [s["items"][0]["text"] for s in changed["sections"]] == [
        "Losing control of his bladder needs attention", "Do you still want to go on with my questions?"]
    question = {"type": "question", "sections": [{"kind": "text", "items": [{"text": "Noted: your foot"}]},
                                                 {"kind": "question", "items": [{"text": "Do you have diabetes?"}]}]}
    changed = third_person.question_about(question, "dad")
    assert [s["items"][0]["text"] for s in changed["sections"]] == ["Noted: your foot", "Does he have diabetes?"]


def test_what_is_said_to_the_carer_about_their_own_words_stays():
    text = say("patient", "conversation.check_someone_else", text="lost control of her bladder",
               question="Have you had any trouble controlling or emptying your bladder?", label="bladder problems")
    assert "you are asking about" in third_person.about(text, "sister")
