"""Case summaries in conversation (the trained model, the actions in this process, the consult records
in the test data directory): one word or one button gives the summary, after the red-flag screen when
it was not asked; the database gives the same text again later (`radix case show`); nothing in it
identifies the user."""
from __future__ import annotations

import contextlib
import io

import pytest

from actions import cli
from actions.dialogue.summary import PATIENT_MAX_CHARS
from actions.storage import list_consults, make_session_factory
from common.render.text import render_text
from common.reply import SUMMARY_PAYLOAD
from common.settings import load_settings
from common.wording import say

CLINICIAN = {"audience": "clinician"}


def db_url() -> str:
    """Where the in-process actions record consults (the suite's private data directory)."""
    return load_settings().db_url


def case_show(case_id: str, *options: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["case", "show", case_id, "--db-url", db_url(), *options]) == 0
    return out.getvalue()


def summaries_in(messages: list[dict]) -> list[dict]:
    return [m["custom"]["radix_reply"] for m in messages if isinstance(m.get("custom"), dict)
            and m["custom"].get("radix_reply", {}).get("type") == "summary"]


def shown_text(messages: list[dict]) -> str:
    """The text the user saw for a turn's plain-text messages (Rasa sends a reply in paragraphs)."""
    return "\n\n".join(m["text"] for m in messages if m.get("text") and not m.get("custom"))


def to_a_result(chat, description: str, metadata=None) -> list[dict]:
    """Describe, answer the red-flag screen asked first, ask for the result: the turn that gave the result."""
    chat.send(description, metadata)
    chat.send("no to all", metadata)
    return chat.send("result", metadata)


def test_a_resident_gets_the_screen_first_then_the_note_and_the_database_gives_it_again(chat):
    screen = chat.structured("Pt c/o R foot numbness dorsum, can't heel walk, LBP", CLINICIAN)
    assert any(s["kind"] == "screen" for r in screen for s in r["sections"]), "no red-flag screen first"
    chat.send("no to all", CLINICIAN)
    turn = chat.send("summary", CLINICIAN)
    (note,) = summaries_in(turn)
    text = render_text(note)
    assert shown_text(turn) == text
    assert note["audience"] == "clinician" and note["case_id"] == chat.slot("case_id")
    assert text.index("Presenting findings:") < text.index("Red flags screened:") < text.index("Sources:")
    assert f"{say('clinician', 'screen.bowel_dysfunction')}: absent \"no to all\"" in text

    assert case_show(note["case_id"]) == text + "\n"
    again = chat.send("note", CLINICIAN)
    assert shown_text(again) == text            # nothing changed: the same record, the same date
    with make_session_factory(db_url())() as session:
        assert len(list_consults(session, case_id=note["case_id"])) == 1


def test_the_summary_button_after_a_patients_result_and_why_gives_its_quotes(chat):
    result = to_a_result(chat, "my left foot is numb and tingly, its been like this for 3 weeks")
    (assessment,) = [m["custom"]["radix_reply"] for m in result if m.get("custom")]
    assert assessment["buttons"] == [{"title": say("patient", "buttons.summary"), "payload": SUMMARY_PAYLOAD}]
    turn = chat.send(assessment["buttons"][0]["payload"])
    (screen,) = summaries_in(turn)
    text = render_text(screen)
    assert screen["audience"] == "patient" and len(text) <= PATIENT_MAX_CHARS
    assert text.endswith(say("patient", "disclaimer"))
    assert case_show(screen["case_id"]) == text + "\n"
    assert case_show(screen["case_id"], "--audience", "clinician").startswith("RADIX CASE NOTE\n")

    (why,) = chat.structured("why?")
    assert why["type"] == "explanation"
    assert [(c["n"], c["quote"]) for c in why["citations"]] == [(c["n"], c["quote"]) for c in screen["citations"]]


@pytest.mark.parametrize("words", ["summary", "note", "write it up", "can I get a summary", "Summary please"])
def test_one_word_after_a_result_gives_the_summary(chat, words):
    to_a_result(chat, "R foot drop, can't heel walk, low back pain", CLINICIAN)
    (note,) = summaries_in(chat.send(words, CLINICIAN))
    assert note["case_id"] == chat.slot("case_id")


def test_summary_with_no_case_says_there_is_nothing_to_summarise(chat):
    assert chat.say("summary").strip() == say("patient", "summary.nothing_yet")


def test_a_case_that_changed_since_its_summary_gets_a_new_one(chat):
    to_a_result(chat, "R foot drop, can't heel walk", CLINICIAN)
    (first,) = summaries_in(chat.send("summary", CLINICIAN))
    chat.send("I also have low back pain", CLINICIAN)
    (second,) = summaries_in(chat.send("summary", CLINICIAN))
    assert second["case_id"] == first["case_id"]
    assert "low back pain" not in render_text(first).split("Red flags screened")[0]
    assert "low back pain" in render_text(second).split("Red flags screened")[0]
    assert case_show(first["case_id"]) == render_text(second) + "\n"     # the latest consult


def test_no_summary_names_the_sender_the_slack_user_or_a_phone_number(radix):
    sender = "slack:T0RADIX:D0PRIVACY1:U0PRIV4CY9"
    messages = []
    for text in ("my right foot drags and is numb, text me on 07700 900123 or jo@example.org",
                 "no to all", "yes badly, ring 07700 900123", "result", "summary"):
        messages = radix.handle(sender, text, channel="slack", metadata=CLINICIAN)
    (note,) = summaries_in(messages)
    texts = [case_show(note["case_id"], "--audience", audience) for audience in ("clinician", "patient")]
    texts.append(case_show(note["case_id"], "--json"))
    assert "(removed)" in texts[0]         # the answer's words are quoted, without the number
    for text in texts:
        for identifier in ("U0PRIV4CY9", "D0PRIVACY1", "T0RADIX", sender, "900123", "07700", "jo@example.org"):
            assert identifier not in text
    assert note["case_id"] not in sender and f"Case {note['case_id']}," in texts[0]


def test_without_a_database_the_summary_is_still_given_and_the_failure_logged(chat, monkeypatch, caplog):
    from actions.dialogue import services

    to_a_result(chat, "R foot drop, can't heel walk", CLINICIAN)

    def no_database():
        raise OSError("database unavailable")

    monkeypatch.setattr(services, "sessions", no_database)
    (note,) = summaries_in(chat.send("summary", CLINICIAN))
    assert note["case_id"] == chat.slot("case_id") and note["citations"]
    assert f"Could not record the summary of case {note['case_id']}" in caplog.text
