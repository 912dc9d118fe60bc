"""Pure helpers of the case actions (no servers)."""
import pytest

from actions.dialogue.answers import find_subject, level_subject, term_of, topic_of
from actions.engine import load_knowledge


@pytest.mark.parametrize("text, level", [
    ("can T12/L1 cause foot pain?", "T12/L1"), ("t12-l1 herniation", "T12/L1"),
    ("L4-5 disc", "L4/L5"), ("what about L5 S1", "L5/S1"), ("S1 root?", "S1"), ("no level here", None),
])
def test_levels_are_named_the_way_the_articles_write_them(text, level):
    assert level_subject(text) == level


@pytest.mark.parametrize("text, subject", [
    ("what is spinal stenosis?", "spinalstenosis"),
    ("what is cauda equina syndrome?", "caudaequina"),
    ("tell me about piriformis syndrome", "piriformissyndrome"),
    ("whats spondylolisthesis", "spondylolisthesis"),
    ("does L1/L2 cause foot drop", "L1/L2"),
    ("what is the weather like", None),
])
def test_a_question_names_its_subject_from_the_knowledge_base(text, subject):
    assert find_subject(text, load_knowledge()) == subject


@pytest.mark.parametrize("text, topic", [
    ("what tests will i need", "ask_tests"), ("do i need an MRI", "ask_tests"), ("do I need surgery", "ask_treatment"),
    ("what can i take for the pain", "ask_treatment"), ("what are the red flags", "ask_red_flags"),
    ("what's L5?", None), ("what is a disc?", None),
])
def test_the_topic_of_a_question_is_read_from_its_words(text, topic):
    found = topic_of(text)
    assert (found[0] if found else None) == topic


@pytest.mark.parametrize("text, term", [
    ("what's L5?", "l5"), ("what is a disc?", "disc"), ("what does radiculopathy mean?", "radiculopathy"),
    ("define claudication", "claudication"), ("my foot is numb", None),
])
def test_a_term_question_names_its_term(text, term):
    assert term_of(text) == term


@pytest.mark.parametrize("text, words", [
    ("what is spinal stenosis?", "spinal canal"), ("what is a disc?", "disc"),
    ("what is cauda equina syndrome?", "bladder or bowel"), ("what does radiculopathy mean?", "nerve"),
])
def test_a_term_is_answered_first_by_the_rule_about_it(text, words):
    from actions.dialogue.answers import answer_items

    _, items, _ = answer_items(text, load_knowledge(), "patient")
    assert words in items[0]["text"].lower()
