"""asking.py on its own: what a message asks besides an answer (issue 10, twenty-fourth round: blind probes
found "ok ringing now" filed as an answer, "what do I tell the paramedics?" answered with the result again,
"yes carry on" not understood and "is it plantar fasciitis?" answered with the result). Our own wording."""
import pytest

from actions.dialogue import asking


@pytest.mark.parametrize("text", [
    "ok ringing now", "calling 999", "ive called an ambulance", "ambulance is on its way", "paramedics are coming",
    "we are on our way to a&e", "taking him to hospital now", "ill ring 111 now", "going now",
])
def test_going_for_help(text):
    assert asking.after_alert(text, alerted=True) == "going"


@pytest.mark.parametrize("text", [
    "what do i tell the paramedics?", "what should we tell them when they come", "what do i say to the doctor",
    "what will the hospital need to know",
])
def test_what_to_tell_them_asks_for_a_handover_with_or_without_an_alert(text):
    assert asking.after_alert(text, alerted=True) == asking.after_alert(text, alerted=False) == "handover"


@pytest.mark.parametrize("text", ["should he lie down while we wait?", "what do i do until the ambulance comes",
                                  "can she have a drink in the meantime?"])
def test_while_waiting_only_after_an_alert(text):
    assert asking.after_alert(text, alerted=True) == "waiting"
    assert asking.after_alert(text, alerted=False) != "waiting"


@pytest.mark.parametrize("text", [
    "should i call 999?",                    # asks whether to go: answered as urgency, not as going
    "the nerve is called the sciatic nerve", "calling you from work", "my leg is ringing with pain",
    "i went to hospital last year",
])
def test_not_about_getting_help_now(text):
    assert asking.after_alert(text, alerted=True) is None


@pytest.mark.parametrize("text, asked", [
    ("is ice ok?", "ice"), ("what about heat?", "heat"), ("can he take ibuprofen?", "pain medicine"),
    ("can i still run?", "running"), ("can i keep going to the gym?", "the gym"),
    ("is it ok to go for a walk?", "walking"), ("should i avoid driving", "driving"),
    ("is it safe to keep running", "running"),
])
def test_a_question_about_a_home_measure_or_an_activity(text, asked):
    assert asking.self_care_asked(text) == [asked]


@pytest.mark.parametrize("text", ["i use ice every night", "i ran for the bus and my leg gave way",
                                  "can i go to the doctor", "walking makes it worse"])
def test_telling_is_no_self_care_question(text):
    assert asking.self_care_asked(text) == []


@pytest.mark.parametrize("text", ["yes carry on", "please could we continue", "ok go on", "ask away"])
def test_going_on_with_the_questions(text):
    assert asking.wants_to_continue(text)


@pytest.mark.parametrize("text", ["i want to go on holiday next week", "the pain carries down my leg", "no"])
def test_not_going_on(text):
    assert not asking.wants_to_continue(text)


@pytest.mark.parametrize("text, named", [("is it plantar fasciitis?", "plantar fasciitis"), ("could it be gout?", "gout"),
                                         ("is it sciatica then?", "sciatica")])
def test_a_cause_named_in_a_short_question(text, named):
    assert asking.cause_named(text) == named


@pytest.mark.parametrize("text", ["is it serious?", "is that bad", "could it be my circulation?",
                                  "is it my back or my diabetes?", "my heel hurts, is it bad?"])
def test_no_cause_named(text):
    assert asking.cause_named(text) is None


@pytest.mark.parametrize("text", ["my sister reckons its plantar fasciitis, is that what this is",
                                  "you didnt answer. my gp thinks its a neuroma?"])
def test_someones_guess_asked_about(text):
    assert asking.cause_named(text) in ("plantar fasciitis", "neuroma")


def test_someones_guess_told_without_asking_is_no_question():
    assert asking.cause_named("my gp thinks its sciatica") is None


@pytest.mark.parametrize("text", ["can i keep working my shifts standing up", "can i keep doing my shifts"])
def test_shifts_are_work(text):
    assert asking.self_care_asked(text) == ["work"]


def test_a_measure_and_an_activity_asked_together():
    assert asking.self_care_asked("should i ice it? and can i keep working my shifts") == ["ice", "work"]


@pytest.mark.parametrize("text, asked", [
    ("can i keep working at my desk, should i stop driving, is it ok to keep going to the gym?",
     ["work", "driving", "the gym"]),
    ("is it dangerous for her to keep walking to the shops?", ["walking"]),
    ("gp or physio? and can she keep doing her walking group", ["walking"]),
])
def test_several_or_other_words_for_activities(text, asked):
    assert asking.self_care_asked(text) == asked
