"""User-facing wording, one file per audience: common/wording/clinician.yml and patient.yml.

Everything Radix says that is not a cited rule's wording lives there (titles, questions, concept and
site labels, interview prompts, channel messages), so a wording change is one edit per audience.
The files are read on first use and checked strictly: both must give every shared key, every
contract concept a label and a question, every site a label; unknown keys are errors.

    from common.wording import say, wording
    say("patient", "messages.no_findings")
    say("clinician", "titles.question", number=2)
    wording("patient")["concepts"]["foot_drop"]["question"]
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from common.contract import AUDIENCES, CONCEPTS, RED_FLAG_SCREEN, SITES, TRIAGE_LEVELS
from common.schema import SchemaError, Where, read_yaml


class WordingError(SchemaError):
    """A wording file is missing a key, has an unknown one, or a value is not text."""


# The keys every audience's file gives, section -> keys (None: a single string).
_SHARED = {
    "disclaimer": None,
    "why_hint": None,
    "triage": TRIAGE_LEVELS,
    "titles": ("assessment", "urgent", "explanation", "question", "red_flags", "considerations",
               "reasoning", "quotes", "answer"),
    "advice": ("exam", "imaging", "treatment", "pitfall", "self_care"),
    "topics": ("ask_level_question", "ask_tests", "ask_treatment", "ask_red_flags", "ask_condition"),
    "assessment": ("because", "no_level_yet", "half_met", "absent_finding"),
    "interview": ("question_footer", "continue_after_red_flag", "fallback_question"),
    # The conversation (actions/dialogue, docs/conversation.md) and the red-flag screen's items.
    "conversation": (
        "greet", "goodbye", "bot_challenge", "out_of_scope", "emergency_elsewhere", "emergency_elsewhere_with_case",
        "outside_sources", "going_for_help", "while_waiting", "self_care_covered", "self_care_not_covered", "self_care_not_for_case", "self_care_tail",
        "handover_lead",
        "go_now", "go_now_check", "past_noted", "answer_for", "writer_own",
        "crisis", "cannot_do",
        "acknowledge", "thanks", "clarify", "nothing_pending", "status_present", "status_absent", "status_uncertain",
        "side_left", "side_right", "side_bilateral", "finding", "noted", "changed", "change",
        "understood", "understood_nothing", "back_to_question", "answer_with_result", "why_question_title", "if_yes",
        "if_no", "no_link", "why_ranking", "why_source", "why_screen", "why_check", "screen_title", "screen_first_title",
        "screen_intro", "screen_footer", "screen_which", "screen_none_button", "screen_some_button",
        "check_title", "check_uncertain", "check_someone_else", "one_answer_away_title", "one_answer_away", "not_sure_title", "unanswered_title", "screen_all",
        "what_to_do_title", "safety_net_title", "safety_net_unsure_title", "safety_net", "level_title", "level_named", "level_not_named", "cause_title", "cause_item", "cause_not_named", "advice_title", "no_specific_step", "no_case_advice", "more_hint",
        "more_items", "nothing_more", "summary", "none", "short_disclaimer", "reported_title",
        "corrected_title", "term_unknown"),
    "screen": RED_FLAG_SCREEN,
    "buttons": ("yes", "no", "not_sure", "clinician", "patient", "summary"),
    # The case summary (actions/dialogue/summary.py) and the web widget's buttons under it.
    "summary": ("title", "case", "no_case", "nothing_yet", "findings_title", "present", "absent",
                "uncertain", "more_findings", "sources_title", "copy_button", "download_button", "copied"),
    "messages": ("no_findings", "no_subject", "not_in_sources", "nothing_to_explain", "new_case",
                 "audience_confirmation", "choose_audience", "fallback", "help", "empty_message",
                 "too_long", "processing_failed", "service_problem", "not_saved"),
}
# Sections only one audience has: the channels that audience uses, and clinician-only detail.
_OWN = {
    "clinician": {"assessment": ("against",), "slack": ("truncated", "copy_title"),
                  "summary": ("screen_title", "not_asked", "not_answered", "exam_title", "still_unknown",
                              "next_steps_title")},
    "patient": {"web": ("malformed", "no_session"),
                "sms": ("stop", "start", "help", "answer_prompt", "yes_no_prompt", "why_prompt",
                        "short_disclaimer", "why_title", "more_quotes", "media_only", "summary_prompt"),
                "summary": ("no_warning_signs", "ask_title", "ask_cause", "ask_tests")},
}


def default_wording_dir() -> Path:
    return Path(str(resources.files("common") / "wording"))


def _schema(audience: str) -> dict:
    schema = {section: tuple(keys) if keys else None for section, keys in _SHARED.items()}
    for section, keys in _OWN[audience].items():
        schema[section] = (schema.get(section) or ()) + keys
    schema["concepts"] = CONCEPTS
    schema["sites"] = SITES
    return schema


def load_wording(audience: str, folder: Path | None = None) -> dict:
    """The validated wording of one audience (a plain nested dict of strings)."""
    if audience not in AUDIENCES:
        raise WordingError(f"unknown audience {audience!r}")
    label = f"wording/{audience}.yml"
    data, _ = read_yaml((folder or default_wording_dir()) / f"{audience}.yml", label, WordingError)
    where = Where(label, error=WordingError)
    schema = _schema(audience)
    where.keys(data, allowed=schema, required=schema)
    for section, keys in schema.items():
        if keys is None:
            where.text(data, section)
            continue
        part = where.at(section)
        entries = part.keys(data[section], allowed=keys, required=keys)
        for key in keys:
            if section == "concepts":
                concept = part.at(key)
                concept.keys(entries[key], allowed=("label", "question"), required=("label", "question"))
                concept.text(entries[key], "label")
                concept.text(entries[key], "question")
            else:
                part.text(entries, key)
    return data


@functools.lru_cache(maxsize=len(AUDIENCES))
def wording(audience: str) -> dict:
    """The packaged wording of ``audience``, read once per process."""
    return load_wording(audience)


def say(audience: str, path: str, **values: Any) -> str:
    """The text at a dotted ``path`` ("messages.no_findings"), formatted with ``values``."""
    node: Any = wording(audience)
    for part in path.split("."):
        node = node[part]
    return node.format(**values) if values else node
