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


@pytest.mark.parametrize("text", ["yes carry on", "please could we continue", "ok go on", "ask away"])
def test_going_on_with_the_questions(text):
    assert reading.wants_to_continue(text)


@pytest.mark.parametrize("text", ["i want to go on holiday next week", "the pain carries down my leg", "no"])
def test_not_going_on(text):
    assert not reading.wants_to_continue(text)


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


@pytest.mark.parametrize("text, named", [("is it plantar fasciitis?", "plantar fasciitis"), ("could it be gout?", "gout"),
                                         ("is it sciatica then?", "sciatica")])
def test_a_cause_named_in_a_short_question(text, named):
    assert reading.cause_named(text) == named


@pytest.mark.parametrize("text", ["is it serious?", "is that bad", "could it be my circulation?",
                                  "is it my back or my diabetes?", "my heel hurts, is it bad?"])
def test_no_cause_named(text):
    assert reading.cause_named(text) is None
