"""reading.py on its own: the red-flag screen's answers and red flags denied before they are asked
(twenty-third round: replies from blind conversation probes)."""
import pytest

from actions.dialogue import screen_answers
from common.contract import RED_FLAG_SCREEN

LISTED = list(RED_FLAG_SCREEN)


@pytest.mark.parametrize("reply", [
    "no not really", "no i dont think so", "no not that i know of", "no nothing like that",
    "none that i know of", "nope none that hes said", "no. not that ive noticed", "not really no",
    "no to all as far as i know", "none of these he says",
])
def test_a_stacked_or_qualified_denial_answers_the_whole_screen_no(reply):
    assert screen_answers.read_screen(reply, LISTED) == {concept: "absent" for concept in LISTED}


@pytest.mark.parametrize("reply, expected", [
    ("no but the bladder one maybe", {"bladder_dysfunction": "uncertain"}),
    ("no not sure about the bladder one", {"bladder_dysfunction": "uncertain"}),
    ("yes", None),
])
def test_a_named_item_or_a_bare_yes_is_not_read_as_no_to_all(reply, expected):
    assert screen_answers.read_screen(reply, LISTED) == expected


@pytest.mark.parametrize("text", [
    "35M acute LBP + L leg pain 1/52, no red flags, neuro intact", "RF neg", "red flags all -ve",
    "denies any red flag symptoms", "red flags: none",
])
def test_red_flags_denied_at_once(text):
    assert screen_answers.denies_red_flags(text)


@pytest.mark.parametrize("text", [
    "gp said no red flags, its sciatica",           # someone's earlier word: the screen still asks
    "gp told me there were no red flags",
    "what are the red flags?",
    "no saddle anaesthesia",                        # one red flag, not all of them
])
def test_not_every_red_flag_denied(text):
    assert not screen_answers.denies_red_flags(text)


@pytest.mark.parametrize("reply", [
    # a denial with a story beside it: the story names an item but answers nothing
    "none of those. he does get up to wee at night twice but hes always done that, prostate I think",
    # a question about the question, then the answer
    "you just asked me about bladder and bowels?? i said dont think so",
    "none of those thankfully",
    "nope both fine",
    "nobody has numbness down there. mum has none of those 4 things. the leaking is ME not her",
    "not mum no. i leak a bit when i sneeze but thats me after 3 kids lol",     # a count is no item
    # the third probe's carers
    "none i dont think",
    "ive asked her and she says no to all of them, her waterworks are fine",
])
def test_a_denial_beside_a_story_or_a_question_answers_no_to_all(reply):
    assert screen_answers.read_screen(reply, LISTED) == {concept: "absent" for concept in LISTED}


@pytest.mark.parametrize("reply, expected", [
    ("my bladder is fine", {"bladder_dysfunction": "absent"}),
    ("nothing down there", {"saddle_anesthesia": "absent"}),
    ("wee is ok", {"bladder_dysfunction": "absent"}),
    ("bladder fine, bowels fine", {"bladder_dysfunction": "absent", "bowel_dysfunction": "absent"}),
    ("what do you mean by the bladder one", None),
    ("does a weak bladder count?", None),
])
def test_an_item_called_normal_or_asked_about_is_not_present(reply, expected):
    assert screen_answers.read_screen(reply, LISTED) == expected


@pytest.mark.parametrize("reply, present", [
    ("no. just the bladder one", ["bladder_dysfunction"]),
    ("none. except the bladder one", ["bladder_dysfunction"]),
    ("he has been wetting the bed", ["bladder_dysfunction"]),
    ("2 and 4", ["bowel_dysfunction", "sudden_onset"]),
])
def test_an_item_named_after_a_denial_is_present_and_the_rest_no(reply, present):
    assert screen_answers.read_screen(reply, LISTED) == {
        concept: "present" if concept in present else "absent" for concept in LISTED}


def test_a_doubt_that_opens_the_reply_is_not_sure_about_every_item():
    assert screen_answers.read_screen("not sure tbh hes not said nothin", LISTED) == {
        concept: "uncertain" for concept in LISTED}


def test_a_named_exception_to_no_to_all_is_present():
    assert screen_answers.read_screen("no to all of them except the bladder one", LISTED) == {
        concept: "present" if concept == "bladder_dysfunction" else "absent" for concept in LISTED}


# ---- twenty-fourth round: item answers the blind probes found read as yes (our own wording) -------------

@pytest.mark.parametrize("reply, expected", [
    # a second item or an intensifier between the name and its answer
    ("her waterworks and her bowels are completely normal",
     {"bladder_dysfunction": "absent", "bowel_dysfunction": "absent"}),
    ("bladder n bowels fine nothin down there",
     {"bladder_dysfunction": "absent", "bowel_dysfunction": "absent", "saddle_anesthesia": "absent"}),
    # a note's items answered after a colon
    ("bowel problems: no. bladder problems: no. sudden weakness: no.",
     {"bladder_dysfunction": "absent", "bowel_dysfunction": "absent", "sudden_onset": "absent"}),
    ("not tested. groin numbness: no", {"saddle_anesthesia": "absent"}),
    ("nothing odd in her private area", {"saddle_anesthesia": "absent"}),
])
def test_an_item_answered_no_in_other_words(reply, expected):
    assert screen_answers.read_screen(reply, LISTED) == expected


def test_a_topic_named_before_a_story_is_no_answer_and_the_rest_are_denied():
    reply = "about the bladder, i get up twice a night, have done for years. otherwise none of the others"
    assert screen_answers.read_screen(reply, LISTED) is None
    assert screen_answers.read_screen(reply, LISTED, mentioned=["bladder_dysfunction"]) == {
        "bowel_dysfunction": "absent", "saddle_anesthesia": "absent", "sudden_onset": "absent"}


def test_an_item_named_as_the_answer_is_still_yes():
    assert screen_answers.read_screen("bladder and bowels yes", LISTED)["bladder_dysfunction"] == "present"
    assert screen_answers.read_screen("groin numbness: yes", LISTED)["saddle_anesthesia"] == "present"


def test_otherwise_no_denies_the_items_not_named():
    assert screen_answers.read_screen("just the bladder one maybe, otherwise no", LISTED) == {
        "bladder_dysfunction": "uncertain", "bowel_dysfunction": "absent", "saddle_anesthesia": "absent",
        "sudden_onset": "absent"}


def test_a_second_item_shares_the_first_ones_fine():
    assert screen_answers.read_screen("his waterworks are fine and his bowels, no numbness down below", LISTED) == {
        "bladder_dysfunction": "absent", "bowel_dysfunction": "absent", "saddle_anesthesia": "absent"}
    assert screen_answers.read_screen("bladder fine and bowels yes", LISTED)["bowel_dysfunction"] == "present"


# ---- after the third probe (tuned on; our own wording) ---------------------------------------------------

@pytest.mark.parametrize("reply, expected", [
    ("weeing and everything down there completely normal, no numb bum",
     {"bladder_dysfunction": "absent", "saddle_anesthesia": "absent"}),
    ("i can pass water perfectly well", {"bladder_dysfunction": "absent"}),
])
def test_an_item_told_normal_a_few_words_on_or_as_an_ability(reply, expected):
    assert screen_answers.read_screen(reply, LISTED) == expected


def test_the_bottom_of_a_foot_is_no_saddle():
    assert screen_answers.read_screen("not the bottom of his foot, the top", LISTED) is None


def test_an_item_told_not_fine_is_no_denial():
    assert screen_answers.read_screen("her bladder isnt fine", LISTED)["bladder_dysfunction"] == "present"
