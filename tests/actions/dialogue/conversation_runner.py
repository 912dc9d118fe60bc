"""Runs the conversation regression suite (conversations/*.yml) against a chat client: the trained
model with in-process actions (`chat`) or the real Rasa and action servers (`rest_chat`).

A conversation file:

    conversations:
      - name: a hedge, then a correction          # unique
        audience: patient                         # metadata audience sent with every message (optional)
        servers: true                             # also run against the real servers
        turns:
          - say: "my left foot is numb"
            expect: {type: question}
          - say: "kind of"
            expect: {answers: present, hedge: "kind of"}

Every turn is also checked for what must always hold: no fallback ("didn't catch / follow") unless
``fallback: true``; no question asked twice (unless ``reasks: true``) and none about something
already stated; a patient reply at most 600 characters (3,000 for 'why?' / 'more' and other
details asked for, a case summary one screen, or ``max_chars``); no placeholder text; an emergency
never says "soon".

Expectations (all optional): ``type`` (a reply of that type), ``types`` (the exact list), ``answers``
(the concept pending before the turn now has this status), ``hedge`` (its words contain this),
``filled`` ({concept: status}), ``side`` ({concept: laterality}), ``asks`` (concept), ``asks_any``,
``reasks``, ``screen`` (the red-flag screen is asked), ``check`` (a check about this concept),
``triage``, ``alert`` (a red-flag alert or red-flag section), ``emergency: false`` (nothing says
emergency), ``says`` / ``not_says`` (case-insensitive), ``changed`` (concepts the reply says changed).
``filled``, ``side``, ``answers`` and ``hedge`` read the slots, so they are checked in-process only.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from actions.dialogue.summary import PATIENT_MAX_CHARS as PATIENT_SUMMARY_MAX
from common.render.text import render_text

HERE = Path(__file__).parent / "conversations"
FALLBACK_WORDS = ("didn't catch that", "didn't follow that")
DETAIL_WORDS = ("why", "more", "source", "detail", "full", "explain", "everything", "reason", "come from")
PATIENT_MAX = 600
DETAIL_MAX = 3000
EXPECT_KEYS = {"type", "types", "answers", "hedge", "filled", "side", "asks", "asks_any", "reasks", "screen",
               "check", "triage", "alert", "emergency", "says", "not_says", "changed", "max_chars", "fallback"}


def load_conversations() -> list[dict]:
    conversations = []
    for path in sorted(HERE.glob("*.yml")):
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            conversation["file"] = path.name
            for turn in conversation["turns"]:
                unknown = set(turn.get("expect") or {}) - EXPECT_KEYS
                assert not unknown, f"{path.name}: {conversation['name']}: unknown expectations {unknown}"
            conversations.append(conversation)
    names = [c["name"] for c in conversations]
    assert len(names) == len(set(names)), "conversation names must be unique"
    return conversations


def replies_of(messages: list[dict], audience: str) -> list[dict]:
    """The structured replies of one turn, with plain bot messages (small talk) as message replies.
    Rasa sends a reply's text in paragraphs and its structure apart; the paragraphs that belong to
    no structured reply are plain messages."""
    structured = [m["custom"]["radix_reply"] for m in messages
                  if isinstance(m.get("custom"), dict) and "radix_reply" in m["custom"]]
    wholes = [render_text(r).strip() for r in structured]    # sent whole when it has buttons
    paragraphs = [part for text in wholes for part in text.split("\n\n")]
    plain = []
    for message in messages:
        text = (message.get("text") or "").strip()
        if not text or message.get("custom"):
            continue
        if text in wholes:
            wholes.remove(text)
            continue
        if text in paragraphs:
            paragraphs.remove(text)
            continue
        plain.append({"type": "message", "audience": audience, "triage": None, "title": None,
                      "citations": [], "buttons": [], "footer": None,
                      "sections": [{"kind": "text", "title": None, "items": [{"text": text, "citations": []}]}]})
    return structured + plain


def question_concept(reply: dict, knowledge) -> str | None:
    """The concept a question reply asks about ('screen' for the red-flag screen), from its words."""
    if reply["type"] != "question":
        return None
    if any(s["kind"] == "screen" for s in reply["sections"]):
        return "screen"
    text = " ".join(i["text"] for s in reply["sections"] if s["kind"] == "question" for i in s["items"])
    found = [(len(q), c.id) for c in knowledge.concepts.values()
             for q in (c.clinician_question, c.patient_question) if q in text]
    return max(found)[1] if found else None


class Conversation:
    """One conversation run turn by turn, with the checks that hold for every turn."""

    def __init__(self, client, conversation: dict, knowledge, in_process: bool):
        self.client, self.conversation, self.knowledge = client, conversation, knowledge
        self.in_process = in_process
        self.metadata = {"audience": conversation["audience"]} if conversation.get("audience") else None
        self.audience = conversation.get("audience") or "patient"
        self.asked: list[str] = []

    def slot(self, name):
        if not self.in_process:
            return None
        tracker = self.client.radix.tracker(self.client.sender)
        return tracker.get_slot(name) if tracker is not None else None

    def run(self) -> list[int]:
        """Play every turn, checking its expectations (AssertionError naming the turn); the number of
        replies each turn got."""
        return [len(self.turn(number, turn)) for number, turn in enumerate(self.conversation["turns"], start=1)]

    def fail(self, number: int, turn: dict, replies: list[dict], why: str) -> None:
        shown = "\n---\n".join(render_text(r) for r in replies)
        raise AssertionError(f"{self.conversation['name']} ({self.conversation['file']}), turn {number} "
                             f"{turn['say']!r}: {why}\nRadix said:\n{shown}")

    def turn(self, number: int, turn: dict) -> list[dict]:
        expect = turn.get("expect") or {}
        pending_before = self.slot("pending_question")
        stated_before = {c for c in self.knowledge.concepts if self.slot(c)} if self.in_process else set()
        replies = replies_of(self.client.send(turn["say"], self.metadata), self.audience)
        texts = [render_text(r) for r in replies]
        joined = "\n".join(texts).lower()

        def check(condition, why):
            if not condition:
                self.fail(number, turn, replies, why)

        check(replies, "no reply")
        if not expect.get("fallback"):
            check(not any(w in joined for w in FALLBACK_WORDS), "fell back")
        check("(untitled in source)" not in joined, "placeholder text reached the user")
        asked_detail = any(w in turn["say"].lower() for w in DETAIL_WORDS)
        limit = expect.get("max_chars") or (DETAIL_MAX if asked_detail else PATIENT_MAX)
        for reply, text in zip(replies, texts):
            if reply["audience"] == "patient":
                cap = PATIENT_SUMMARY_MAX if reply["type"] == "summary" and "max_chars" not in expect else limit
                check(len(text) <= cap, f"a patient reply of {len(text)} characters (limit {cap})")
        for reply in replies:
            if reply.get("triage") == "emergency" and reply["type"] == "assessment":
                check("soon" not in render_text(reply).lower(), "an emergency also says 'soon'")

        asked_now = [question_concept(r, self.knowledge) for r in replies]
        asked_now = [c for c in asked_now if c]
        if self.in_process and self.slot("pending_question") in self.knowledge.concepts:
            pending = self.slot("pending_question")
            asked_now = [pending] if pending not in asked_now and any(r["type"] == "question" for r in replies) \
                else asked_now
        for concept in asked_now:
            if concept == "screen":
                continue
            again = concept in self.asked
            if again and not expect.get("reasks"):
                check(False, f"asked about {concept} again")
            check(expect.get("reasks") or concept not in stated_before or
                  (self.slot(concept) or {}).get("status") == "uncertain",
                  f"asked about {concept}, already stated")
            if not again:
                self.asked.append(concept)

        if "type" in expect:
            check(any(r["type"] == expect["type"] for r in replies), f"no {expect['type']} reply")
        if "types" in expect:
            check([r["type"] for r in replies] == expect["types"], f"replies {[r['type'] for r in replies]}")
        if "asks" in expect:
            check(expect["asks"] in asked_now, f"did not ask about {expect['asks']} (asked {asked_now})")
        if "asks_any" in expect:
            check(set(expect["asks_any"]) & set(asked_now), f"asked {asked_now}")
        if expect.get("reasks"):
            check(pending_before in asked_now or not self.in_process,
                  f"did not ask {pending_before} again (asked {asked_now})")
        if "screen" in expect:
            check(("screen" in asked_now) == expect["screen"], f"screen asked: {'screen' in asked_now}")
        if "check" in expect:
            check(self.slot("pending_question") == f"check:{expect['check']}" if self.in_process
                  else any("check" in (s.get("title") or "").lower() for r in replies for s in r["sections"]),
                  f"no check about {expect['check']}")
        triages = [r["triage"] for r in replies if r.get("triage")]
        if "triage" in expect:
            check(expect["triage"] in triages, f"triage {triages}")
        if "alert" in expect:
            alerted = any(s["kind"] == "red_flags" for r in replies for s in r["sections"]
                          if r["type"] in ("red_flag_alert", "assessment"))
            check(alerted == expect["alert"], f"red-flag alert: {alerted}")
        if expect.get("emergency") is False:
            check("emergency" not in triages and "get emergency care" not in joined, "said emergency")
        for words in expect.get("says") or []:
            check(words.lower() in joined, f"does not say {words!r}")
        for words in expect.get("not_says") or []:
            check(words.lower() not in joined, f"says {words!r}")
        for concept in expect.get("changed") or []:
            label = self.knowledge.concepts[concept].label(self.audience).lower()
            check("changed:" in joined and label in joined, f"does not say {concept} changed")

        if not self.in_process:
            return replies
        if "answers" in expect:
            check(pending_before in self.knowledge.concepts or (pending_before or "").startswith("check:"),
                  f"nothing was pending ({pending_before})")
            concept = pending_before.split(":")[-1]
            status = (self.slot(concept) or {}).get("status")
            check(status == expect["answers"], f"{concept} is {status}, expected {expect['answers']}")
            if "hedge" in expect:
                words = (self.slot(concept) or {}).get("text", "").lower()
                check(expect["hedge"].lower() in words, f"the hedge was not kept ({words!r})")
        for concept, status in (expect.get("filled") or {}).items():
            value = (self.slot(concept) or {}).get("status")
            check(value == status, f"{concept} is {value}, expected {status}")
        for concept, side in (expect.get("side") or {}).items():
            value = (self.slot(concept) or {}).get("laterality")
            check(value == side, f"{concept} side is {value}, expected {side}")
        return replies
