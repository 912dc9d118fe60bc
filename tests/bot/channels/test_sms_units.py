"""Pure parts of the SMS gateway: sender hashing, keywords, the opt-out store."""
from __future__ import annotations

import pytest

from bot.channels.sms import ANSWER_PAYLOADS, OptOutStore, sender_hash, sms_keyword


def test_sender_hash_is_keyed_stable_and_hides_the_number():
    number = "+15551234567"
    hashed = sender_hash(number, "key-one")
    assert hashed == sender_hash("+1 555 123-4567", "key-one")  # formatting does not matter
    assert hashed != sender_hash(number, "key-two")
    assert hashed != sender_hash("+15551234568", "key-one")
    assert hashed.startswith("sms:") and "5551234567" not in hashed


def test_sender_hash_refuses_an_empty_key():
    with pytest.raises(ValueError, match="RADIX_SENDER_HASH_KEY"):
        sender_hash("+15551234567", "")


@pytest.mark.parametrize("body, keyword", [
    ("STOP", "STOP"), (" stop ", "STOP"), ("Stop.", "STOP"), ("unsubscribe", "UNSUBSCRIBE"),
    ("quit", "QUIT"), ("StopAll", "STOPALL"), ("start", "START"), ("unstop", "UNSTOP"),
    ("help", "HELP"), ("Info", "INFO"), ("y", "Y"), ("Yes!", "YES"), ("n", "N"), ("no", "NO"),
    ("not  sure", "NOT SURE"), ("why", "WHY"), ("Sources", "SOURCES"),
    ("please stop", None), ("stop the pain", None), ("yes it is numb", None), ("", None),
])
def test_keywords_are_whole_message_and_case_insensitive(body, keyword):
    assert sms_keyword(body) == keyword


def test_answers_map_to_intent_payloads():
    assert ANSWER_PAYLOADS["Y"] == ANSWER_PAYLOADS["YES"] == "/affirm"
    assert ANSWER_PAYLOADS["N"] == ANSWER_PAYLOADS["NO"] == "/deny"
    assert ANSWER_PAYLOADS["NOT SURE"] == "/unsure"
    assert ANSWER_PAYLOADS["WHY"] == "/ask_why"


def test_opt_out_store_round_trip(tmp_path):
    store = OptOutStore(f"sqlite:///{tmp_path / 'radix.db'}")
    assert store.is_opted_out("sms-abc") is False
    store.opt_out("sms-abc")
    store.opt_out("sms-abc")  # twice is fine
    assert store.is_opted_out("sms-abc") is True
    assert store.is_opted_out("sms-other") is False
    store.opt_in("sms-abc")
    assert store.is_opted_out("sms-abc") is False


def test_a_text_whose_answering_fails_gets_the_problem_message_not_silence(tmp_path):
    import asyncio

    from bot.channels.sms import RadixSmsInput
    from bot.delivery.store import InboxItem
    from bot.turns import problem_text

    class BrokenOptOuts(OptOutStore):
        def is_opted_out(self, sender_id):
            raise RuntimeError("the opt-out table could not be read")

    channel = RadixSmsInput("AC" + "1" * 32, "token", "+15005550006", sender_hash_key="key",
                            opt_outs=BrokenOptOuts(f"sqlite:///{tmp_path / 'radix.db'}"))
    item = InboxItem(1, "sms", "SM1", "sms:abc", {"from": "sealed-number", "body": "my foot is numb"})

    async def never_called(_message):
        raise AssertionError("no turn runs when answering failed before it")

    [reply] = asyncio.run(channel.reply_to(item, never_called))
    assert reply.body["text"] == problem_text("error", "patient")
    assert reply.body["even_if_opted_out"] is False  # an opted-out number is still not written to
