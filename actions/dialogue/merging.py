"""How one message's findings combine with each other and with the case's slots (state.understand).

A later statement about a finding wins (a correction), except where it is about something else: another
part of it in the same message, a loose mention, a denial in passing of one of an organ's ways to fail, or
a denial at another place.
"""
from __future__ import annotations

import re
from typing import Mapping, Optional

from common.finding import Finding

# Organs with several ways to fail: a denial of one ("no incontinence") is no denial of another (a retention).
MANY_SIDED = ("bladder_dysfunction", "bowel_dysfunction")
_WHOLE_ORGAN = re.compile(r"\b(bladder|bowels?|waterworks|wee|wees|weeing|pee|peeing|poo|pooing|toilet|loo)\b", re.I)
_ONE_WAY = re.compile(r"\b(incontinen\w*|leak\w*|retention|accidents?|dribbl\w*|control|emptying|empty|soil\w*|"
                      r"constipat\w*|urgency|hesitancy|stream)\b", re.I)
# How symptoms behave (with position, onset, time) is one statement: the last word on it stands ("you wrote
# relieved by sitting - its WORSE sitting").
PATTERN_CONCEPTS = ("relief_sitting_flexion", "worse_standing_walking", "sudden_onset", "symptoms_persist_weeks",
                    "diabetes", "difficulty_walking")
# Within one message a finding told as present stands beside a denial of another part of it ("TA 2/5, PF
# 5/5", "incomplete emptying, no incontinence"); a doubt stands beside a denial.
_STATUS_STRENGTH = {"present": 2, "uncertain": 1, "absent": 0}


def merge_finding(previous: Optional[Mapping], stated: Finding) -> dict:
    """The slot value after `stated` is said about a concept already holding `previous`.

    Status always follows the latest statement (a correction wins). Site and laterality
    are kept from before when the new statement repeats the status without them.
    """
    merged = stated.to_dict()
    if previous and previous.get("status") == merged["status"]:
        merged["site"] = merged["site"] or previous.get("site")
        merged["laterality"] = merged["laterality"] or previous.get("laterality")
    return merged


def strongest_per_concept(findings: list[Finding]) -> list[Finding]:
    """One finding per concept, of the strongest status the message gives it (for a pattern, the last)."""
    best: dict[str, Finding] = {}
    for finding in findings:
        kept = best.get(finding.concept)
        if kept is not None and finding.concept in PATTERN_CONCEPTS and finding.status != kept.status:
            best[finding.concept] = finding
            continue
        if kept is None or _STATUS_STRENGTH[finding.status] > _STATUS_STRENGTH[kept.status]:
            best[finding.concept] = finding
        elif finding.status == kept.status:     # as merge_finding: the later words, the earlier side or site kept
            best[finding.concept] = Finding(**{**finding.to_dict(), "site": finding.site or kept.site,
                                               "laterality": finding.laterality or kept.laterality})
    return list(best.values())


def keeps_told(before: Optional[Mapping], stated: Finding, explicit: bool) -> bool:
    """Does a finding told present stay as it was after ``stated``? Not when the user corrects it or
    answers its own question (``explicit``)."""
    if explicit or (before or {}).get("status") != "present":
        return False
    if stated.status == "uncertain":
        return True         # a loose mention ("then he just went down") does not take back "his legs are weak"
    if stated.status == "absent" and stated.concept in MANY_SIDED:
        # "no incontinence" in passing does not take back a retention; "her bladder is fine", "NO bladder
        # problems" denies the organ as a whole and does (a misread red flag can be taken back)
        return not _WHOLE_ORGAN.search(stated.text or "") or bool(_ONE_WAY.search(stated.text or ""))
    # "EHL 5/5" after "PF 4/5", "dorsum sensation intact" after a numb sole: another place
    return stated.status == "absent" and bool(stated.site) and stated.site != before.get("site")
