from bot.channels.inbound import MAX_MESSAGE_CHARS, clean_inbound_text
from common.wording import say


def test_control_characters_are_removed_but_text_and_newlines_kept():
    cleaned = clean_inbound_text("numb\x00 foot\x1b\nleft 🦶")
    assert cleaned.refusal is None
    assert cleaned.text == "numb  foot \nleft 🦶"


def test_empty_none_and_blank_are_refused_with_the_same_clear_reply():
    for raw in (None, "", " \t\n", "\x00\x01"):
        assert clean_inbound_text(raw).refusal == say("patient", "messages.empty_message")
        assert clean_inbound_text(raw, "clinician").refusal == say("clinician", "messages.empty_message")


def test_over_long_text_is_refused_naming_its_length():
    cleaned = clean_inbound_text("a" * (MAX_MESSAGE_CHARS + 1))
    assert f"{MAX_MESSAGE_CHARS + 1:,} characters" in cleaned.refusal


def test_text_at_the_limit_is_accepted():
    assert clean_inbound_text("a" * MAX_MESSAGE_CHARS).refusal is None
