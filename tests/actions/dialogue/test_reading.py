"""reading.py on its own: answers and requests told in everyday words (issue 10, twenty-fourth round: blind
probes found "ok so is it serious" read as a yes, a result asked mid-answer missed, "can I just see my GP on
Monday?" not read as an urgency question, "moving my daughters cot" read as a carer's message and "just the
feet" not read as a no to the leg question). Our own wording."""
import pytest

from actions.dialogue import reading


@pytest.mark.parametrize("text", ["ok so is it serious", "ok, is that bad?", "okay what does that mean",
                                  "right so what happens now"])
def test_an_acknowledgement_before_a_question_is_no_answer(text):
    assert reading.question_after_acknowledging(text)
    assert reading.read_answer(text) is None


@pytest.mark.parametrize("text", ["ok", "ok yes", "yes but is that bad", "ok it is"])
def test_a_plain_ok_or_yes_still_answers(text):
    assert not reading.question_after_acknowledging(text)
    assert reading.read_answer(text).status == "present"


@pytest.mark.parametrize("text", ["can i just see my gp on monday?", "is the gp tomorrow soon enough?",
                                  "ambulance or wait for the gp?", "should we wait for our doctor"])
def test_waiting_for_a_doctor_asks_how_urgent(text):
    assert reading.asks_to_go_now(text)


@pytest.mark.parametrize("text", [
    "heels are fine. can i have the result now please, i need to go out",
    "yes when i cough. now may i have the result, please.",
])
def test_a_result_asked_after_an_answer_and_before_an_aside(text):
    assert reading.ends_with_result(text)


def test_a_result_of_a_scan_is_no_result_request():
    assert not reading.ends_with_result("no. whats the result of the mri mean, is it bad")


@pytest.mark.parametrize("text", ["i did my back in moving my daughters cot", "my husbands car broke down so i walked"])
def test_a_relatives_thing_is_no_carer_message(text):
    assert reading.relative_named(text) is None


@pytest.mark.parametrize("text, relative", [("my dads legs gave way", "dad"), ("my mums 70 and her foot drags", "mum"),
                                            ("my husbands got sciatica", "husband")])
def test_a_relatives_body_or_state_is_a_carer_message(text, relative):
    assert reading.relative_named(text) == relative


@pytest.mark.parametrize("text", ["so should i skip work?", "is it that bad, ive got work at 2"])
def test_work_waiting_asks_how_urgent(text):
    assert reading.asks_to_go_now(text)


@pytest.mark.parametrize("text", ["just the feet really, although its crept up to her ankles", "only in her toes",
                                  "no just the left foot"])
def test_the_feet_alone(text):
    assert reading.only_the_feet(text)


@pytest.mark.parametrize("text", ["just the left leg", "my feet and my calves", "yes"])
def test_not_the_feet_alone(text):
    assert not reading.only_the_feet(text)


def test_i_just_told_you_yes_is_a_yes():
    assert reading.read_answer("I just told you, yes it leaks and its hard to start").status == "present"


def test_a_relative_who_is_coming_to_help_is_no_carer_message():
    assert reading.relative_named("yes go on, my son is on his way over to help") is None


def test_the_relative_named_instead_of_another():
    text = "NO not my son, its my husband im asking about"
    assert reading.relative_named(text) == "husband" and reading.relative_denied(text) == "son"


@pytest.mark.parametrize("text, relative", [("hiya, its about my Ron (67). he has pain down his leg", "ron"),
                                            ("Wife 45. Left heel pain underneath.", "wife"),
                                            ("im asking for my dad, hes 80", "dad")])
def test_a_carer_who_names_the_person_another_way(text, relative):
    assert reading.relative_named(text) == relative


def test_like_a_stroke_is_a_comparison_not_a_stroke():
    assert reading.emergency_elsewhere("its not sudden like a stroke, its been creeping on") is None
    assert reading.emergency_elsewhere("i think hes having a stroke") == "emergency"


@pytest.mark.parametrize("text", ["gonna sleep it off, prob nothing right", "ill see how it goes tomorrow"])
def test_waiting_it_out_asks_how_urgent(text):
    assert reading.asks_to_go_now(text)


def test_your_opinion_please_asks_for_the_result():
    assert reading.wants_result("your opinion now please")


def test_not_me_him_is_whom_it_is_about_not_a_no():
    assert reading.read_answer("not me, him! I suppose yes then, he cant seem to go").status == "present"
