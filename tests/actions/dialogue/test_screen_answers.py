"""reading.py on its own: the red-flag screen's answers and red flags denied before they are asked
(twenty-third round: replies from blind conversation probes)."""
import pytest

from actions.dialogue import reading
from common.contract import RED_FLAG_SCREEN

LISTED = list(RED_FLAG_SCREEN)


@pytest.mark.parametrize("reply", [
    "no not really", "no i dont think so", "no not that i know of", "no nothing like that",
    "none that i know of", "nope none that hes said", "no. not that ive noticed", "not really no",
    "no to all as far as i know", "none of these he says",
])
def test_a_stacked_or_qualified_denial_answers_the_whole_screen_no(reply):
    assert reading.read_screen(reply, LISTED) == {concept: "absent" for concept in LISTED}


@pytest.mark.parametrize("reply, expected", [
    ("no but the bladder one maybe", {"bladder_dysfunction": "uncertain"}),
    ("no not sure about the bladder one", {"bladder_dysfunction": "uncertain"}),
    ("yes", None),
])
def test_a_named_item_or_a_bare_yes_is_not_read_as_no_to_all(reply, expected):
    assert reading.read_screen(reply, LISTED) == expected


@pytest.mark.parametrize("text", [
    "35M acute LBP + L leg pain 1/52, no red flags, neuro intact", "RF neg", "red flags all -ve",
    "denies any red flag symptoms", "red flags: none",
])
def test_red_flags_denied_at_once(text):
    assert reading.denies_red_flags(text)


@pytest.mark.parametrize("text", [
    "gp said no red flags, its sciatica",           # someone's earlier word: the screen still asks
    "gp told me there were no red flags",
    "what are the red flags?",
    "no saddle anaesthesia",                        # one red flag, not all of them
])
def test_not_every_red_flag_denied(text):
    assert not reading.denies_red_flags(text)
