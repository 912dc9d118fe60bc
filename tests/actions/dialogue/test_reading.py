"""reading.py on its own: messages about getting help and looking after oneself (issue 10, twenty-fourth
round: blind probes found "ok ringing now" filed as an answer, "what do I tell the paramedics?" answered with
the result again and "ok so is it serious" read as a yes). Our own wording."""
import pytest

from actions.dialogue import reading


@pytest.mark.parametrize("text", [
    "ok ringing now", "calling 999", "ive called an ambulance", "ambulance is on its way", "paramedics are coming",
    "we are on our way to a&e", "taking him to hospital now", "ill ring 111 now", "going now",
])
def test_going_for_help(text):
    assert reading.after_alert(text, alerted=True) == "going"


@pytest.mark.parametrize("text", [
    "what do i tell the paramedics?", "what should we tell them when they come", "what do i say to the doctor",
    "what will the hospital need to know",
])
def test_what_to_tell_them_asks_for_a_handover_with_or_without_an_alert(text):
    assert reading.after_alert(text, alerted=True) == reading.after_alert(text, alerted=False) == "handover"


@pytest.mark.parametrize("text", ["should he lie down while we wait?", "what do i do until the ambulance comes",
                                  "can she have a drink in the meantime?"])
def test_while_waiting_only_after_an_alert(text):
    assert reading.after_alert(text, alerted=True) == "waiting"
    assert reading.after_alert(text, alerted=False) != "waiting"


@pytest.mark.parametrize("text", [
    "should i call 999?",                    # asks whether to go: answered as urgency, not as going
    "the nerve is called the sciatic nerve", "calling you from work", "my leg is ringing with pain",
    "i went to hospital last year",
])
def test_not_about_getting_help_now(text):
    assert reading.after_alert(text, alerted=True) is None


@pytest.mark.parametrize("text, asked", [
    ("is ice ok?", "ice"), ("what about heat?", "heat"), ("can he take ibuprofen?", "pain medicine"),
    ("can i still run?", "running"), ("can i keep going to the gym?", "the gym"),
    ("is it ok to go for a walk?", "walking"), ("should i avoid driving", "driving"),
    ("is it safe to keep running", "running"),
])
def test_a_question_about_a_home_measure_or_an_activity(text, asked):
    assert reading.self_care_asked(text) == asked


@pytest.mark.parametrize("text", ["i use ice every night", "i ran for the bus and my leg gave way",
                                  "can i go to the doctor", "walking makes it worse"])
def test_telling_is_no_self_care_question(text):
    assert reading.self_care_asked(text) is None


@pytest.mark.parametrize("text", ["ok so is it serious", "ok, is that bad?", "okay what does that mean",
                                  "right so what happens now"])
def test_an_acknowledgement_before_a_question_is_no_answer(text):
    assert reading.question_after_acknowledging(text)
    assert reading.read_answer(text) is None


@pytest.mark.parametrize("text", ["ok", "ok yes", "yes but is that bad", "ok it is"])
def test_a_plain_ok_or_yes_still_answers(text):
    assert not reading.question_after_acknowledging(text)
    assert reading.read_answer(text).status == "present"
