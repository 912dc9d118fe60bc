"""Text-level passes over the findings of one text, after every chunk is extracted.

- ``settled_red_flags``: once a red flag is present for the subject, an uncertain mention of the same red
  flag in the same text adds nothing ("new urinary retention, 800 ml on bladder scan"): it is dropped.
- ``one_duration``: how long the current complaint has lasted is one fact per text. People write many
  time words ("4 months on, the 2nd cortisone shot lasted 10 days"); the complaint lasts weeks if any
  current duration says so, else days if one says that. Frequencies ("3 or 4 times a year", "4 advil a
  day") and durations of past episodes or of someone else are not the complaint's.
"""

from __future__ import annotations

import re

DURATION = "symptoms_persist_weeks"
_RED_FLAGS = frozenset({"saddle_anesthesia", "bladder_dysfunction", "bowel_dysfunction", "sudden_onset"})


def settled_red_flags(findings: list[dict]) -> list[dict]:
    """Drop uncertain current mentions of a red flag that is present for the subject (see the docstring)."""
    present = {f["concept"] for f in findings if f["concept"] in _RED_FLAGS and f["status"] == "present"
               and f["experiencer"] == "patient" and not f["historical"]}
    return [f for f in findings if not (f["concept"] in present and f["status"] == "uncertain"
                                        and f["experiencer"] == "patient" and not f["historical"])]


# A time word right after these is a frequency, not how long the complaint has lasted ("3 or 4 times a
# year", "every week"); "a day" after a number or a medicine is a dose ("4-6 advil a day").
_FREQUENCY = re.compile(r"\b(times|per|every|once|twice)\s*$", re.IGNORECASE)
_DOSE = re.compile(r"(\d|\b(pills?|tablets?|advil|ibuprofen|paracetamol|painkillers))\s*$", re.IGNORECASE)
_PER_UNIT = re.compile(r"^(a|an|one)\s+(day|week|month|year)$", re.IGNORECASE)


def _is_frequency(finding: dict, text: str) -> bool:
    before = text[max(0, finding["start"] - 20):finding["start"]]
    if _FREQUENCY.search(before):
        return True
    return bool(_PER_UNIT.match(finding["text"].strip())) and bool(_DOSE.search(before))


# "Diabetic for 10 years", "T2DM x 12 yrs": how long the diabetes has lasted.
_OF_DIABETES = re.compile(r"\b(diabetic|diabetes|dm2?|t[12]dm|type [12]|iddm|niddm)\s*(for|x|since)?\s*$", re.IGNORECASE)
_NOT_THE_COMPLAINT = re.compile(r"^\s*(ago|back\b|old|pregnant|of (physio|rehab|heavy|lifting|treatment|therapy|work))",
                                re.IGNORECASE)


def _is_duration_of_complaint(finding: dict, findings: list[dict], text: str) -> bool:
    """Not a frequency, not an age ("44 years old"), not "years ago" (a past episode), not "15 weeks
    pregnant"; "years of ..." only when a finding follows ("years of bad back", not "years of physio")."""
    after = text[finding["end"]:finding["end"] + 30]
    before = text[max(0, finding["start"] - 16):finding["start"]]
    if _is_frequency(finding, text) or _OF_DIABETES.search(before) or _NOT_THE_COMPLAINT.match(after) and not (
            after.lstrip().lower().startswith("ago") and not re.search(r"(year|yr)", finding["text"], re.I)):
        return False
    if finding["text"].lower().endswith(" of"):
        return any(0 <= other["start"] - finding["end"] <= 30 for other in findings if other["concept"] != DURATION)
    return True


def one_duration(findings: list[dict], text: str) -> list[dict]:
    """Keep one duration finding: the first current present one, else the first current absent one.
    A hedge does not change a duration ("for a few weeks and I think maybe I'm leaking")."""
    candidates = [f for f in findings if f["concept"] == DURATION and f["experiencer"] == "patient"
                  and not f["historical"] and _is_duration_of_complaint(f, findings, text)]
    for finding in candidates:
        if finding["status"] == "uncertain":
            finding["status"] = "present"
    keep = next((f for f in candidates if f["status"] == "present"), None) or \
        next((f for f in candidates if f["status"] == "absent"), None)
    return [f for f in findings if f["concept"] != DURATION or f is keep]
