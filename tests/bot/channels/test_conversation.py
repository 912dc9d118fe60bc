"""Conversation ids: checked at the door, namespaced per channel."""
import pytest

from bot.channels.conversation import (BadConversationId, MAX_CONVERSATION_ID_CHARS, channel_of,
                                       conversation_id, slack_id)


def test_ids_are_namespaced_per_channel():
    assert conversation_id("rest", "U123") == "rest:U123"
    assert conversation_id("slack", "U123") == "slack:U123"
    assert conversation_id("rest", "slack:U123") == "rest:slack:U123"  # no escaping the namespace
    assert channel_of("rest:slack:U123") == "rest"
    assert channel_of("U123") is None


@pytest.mark.parametrize("raw", ["", "   ", " padded", "a\x00b", "a\ud800b", "tab\t", "rtl\u202e",
                                 "line\u2028", "private\ue000", 42, None])
def test_unprintable_blank_or_non_text_ids_are_refused(raw):
    with pytest.raises(BadConversationId):
        conversation_id("rest", raw)


def test_ids_fit_the_tracker_column_with_their_prefix():
    longest = "x" * (MAX_CONVERSATION_ID_CHARS - len("rest:"))
    assert len(conversation_id("rest", longest)) == MAX_CONVERSATION_ID_CHARS
    with pytest.raises(BadConversationId):
        conversation_id("rest", longest + "x")


def test_text_in_any_script_and_emoji_is_a_valid_id():
    assert conversation_id("rest", "пациент 42 🦶") == "rest:пациент 42 🦶"


def test_slack_ids_are_letters_digits_and_dots_only():
    assert slack_id("U0123ABC") == "U0123ABC" and slack_id("1700000000.000100") == "1700000000.000100"
    for bad in ("", "U 1", "U\x00", "U\ud800", "x" * 65, None, 5):
        assert slack_id(bad) is None
