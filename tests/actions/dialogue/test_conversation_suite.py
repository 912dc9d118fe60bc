"""The conversation regression suite (issue 11): every conversation in conversations/*.yml runs
in-process (the trained model with the real actions), and those marked ``servers: true`` also run
against the real Rasa and action servers (REST channel). conversation_runner.py documents the format."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from actions.engine import load_knowledge


def _runner():
    spec = importlib.util.spec_from_file_location("radix_conversation_runner",
                                                  Path(__file__).parent / "conversation_runner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


runner = _runner()
CONVERSATIONS = runner.load_conversations()
ON_SERVERS = [c for c in CONVERSATIONS if c.get("servers")]


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_the_suite_is_large_enough_and_varied():
    assert len(CONVERSATIONS) >= 40
    assert sum(len(c["turns"]) for c in CONVERSATIONS) >= 200
    assert len(ON_SERVERS) >= 8
    audiences = {c.get("audience", "patient") for c in CONVERSATIONS}
    assert audiences == {"patient", "clinician"}


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_conversation_in_process(chat, knowledge, conversation):
    replies_per_turn = runner.Conversation(chat, conversation, knowledge, in_process=True).run()
    assert len(replies_per_turn) == len(conversation["turns"]) and all(replies_per_turn)


@pytest.mark.servers
@pytest.mark.parametrize("conversation", ON_SERVERS, ids=[c["name"] for c in ON_SERVERS])
def test_conversation_on_the_real_servers(rest_chat, knowledge, conversation):
    replies_per_turn = runner.Conversation(rest_chat, conversation, knowledge, in_process=False).run()
    assert len(replies_per_turn) == len(conversation["turns"]) and all(replies_per_turn)
