"""Text-level passes over the findings of one text, after every chunk is extracted.

- ``settled_red_flags``: once a red flag is present for the subject, an uncertain mention of the same red
  flag in the same text adds nothing ("new urinary retention, 800 ml on bladder scan"): it is dropped.
- ``still_there``: a complaint dated in the past that the text says is still there ("in 2019 my foot started
  going numb and it still is") is current, not a past episode.
- ``coordinated_sphincters``: an unsure mention of one sphincter joined by "and" / "or" to a stated finding
  of the other ("incontinent of urine and faeces", "no control of her bladder or bowels") is said the same.
- ``one_side``: a text that only ever names one side ("my left leg ... the foot drags ... the toes are
  numb") is about that side: its limb findings with no side of their own take it. A text that only ever
  names both ("in both legs ... the toes are numb") puts them on both sides, except a one-foot sign.
- ``excepted``: a normal or denied finding followed in its sentence by an exception of the same concept
  ("reflexes 2+ symmetrical except trace L AJ", "power 5/5 apart from L EHL 4/5") is the exception's: the
  normal reading is dropped, the exception kept.
- ``answered_after_colon``: a note's item answered after a colon ("bladder problems: no", "sudden weakness: nil")
  is denied.
- ``one_duration``: how long the current complaint has lasted is one fact per text. People write many
  time words ("4 months on, the 2nd cortisone shot lasted 10 days"); the complaint lasts weeks if any
  current duration says so, else days if one says that. Frequencies ("3 or 4 times a year", "4 advil a
  day") and durations of past episodes or of someone else are not the complaint's.
"""

from __future__ import annotations

import re

from common.contract import RED_FLAG_CONCEPTS, REPORTED_DIAGNOSIS_CONCEPTS, SADDLE_SITES

DURATION = "symptoms_persist_weeks"
_RED_FLAGS = frozenset(RED_FLAG_CONCEPTS)


def settled_red_flags(findings: list[dict]) -> list[dict]:
    """Drop uncertain current mentions of a red flag that is present for the subject (see the docstring)."""
    present = {f["concept"] for f in findings if f["concept"] in _RED_FLAGS and f["status"] == "present"
               and f["experiencer"] == "patient" and not f["historical"]}
    return [f for f in findings if not (f["concept"] in present and f["status"] == "uncertain"
                                        and f["experiencer"] == "patient" and not f["historical"])]


# A time word right after these is a frequency, not how long the complaint has lasted ("3 or 4 times a
# year", "every week"); "a day" after a number or a medicine is a dose ("4-6 advil a day").
_FREQUENCY = re.compile(r"\b(times|per|every|once|twice)\s*$", re.IGNORECASE)
_DOSE = re.compile(r"(\d|\b(pills?|tablets?|advil|ibuprofen|paracetamol|painkillers|mins?|minutes|hours?|hrs?|"
                   r"miles?|km|steps|laps|times))\s*$", re.IGNORECASE)
_PER_UNIT = re.compile(r"^(a|an|one)\s+(day|week|month|year)$", re.IGNORECASE)
# "some days she's fine, other days ...": which days, not how many.
_SOME_DAYS = re.compile(r"^(some|many)\s+(days?|weeks?)$", re.IGNORECASE)


def _is_frequency(finding: dict, text: str) -> bool:
    before = text[max(0, finding["start"] - 20):finding["start"]]
    if _FREQUENCY.search(before):
        return True
    if _SOME_DAYS.match(finding["text"].strip()) and not re.search(r"\bfor\s*$", before, re.IGNORECASE):
        return True
    return bool(_PER_UNIT.match(finding["text"].strip())) and bool(_DOSE.search(before))


# How long something else lasts or lasted, not the complaint: rest, bed, time off, a hospital stay, training,
# healing ("lie flat for a few days", "rest 2-3 days", "off work for a while", "bedridden a week"), how fast
# something came on ("within a few hrs"), and a point in time ("surgery last year", "a scare last month").
_ANOTHER_SPAN = re.compile(r"\b(rest|resting|rested|lie|lying|lay|flat|bed|bedridden|bedbound|off work|off school|"
                           r"off college|off sick|signed off|kept in|admitted|in hospital|course of|recovery|"
                           r"recover|recovering|heal|healing|training|within|in about|in under|"
                           # a wait for care: "waiting 2 weeks for the GP", "the gp cant see him for 2 weeks"
                           r"waiting(?! list)|wait(?! list)|appointment|appt|booked|see him|see her|see me|see us)\b"
                           r"(\s+(?!but\b|and now\b)[^\s.,;:!?]+){0,3}\s*$", re.IGNORECASE)
# "see the docs again in a couple of weeks", "first time in 8 months", "my only sick day in 35 yrs".
_IN_SPAN = re.compile(r"\bin\s+(a|an|about|around|another|the next)?\s*$", re.IGNORECASE)
_TO_DO = re.compile(r"^\s*(to (heal|recover|weight[- ]?bear|get better|settle)|of (training|rest|bed rest)|"
                    r"(for|until|till) (the|my|his|her|an?) (gp|doctor|dr|appointment|appt|scan|mri|referral|"
                    r"specialist|physio))\b", re.IGNORECASE)
_POINT_IN_TIME = re.compile(r"^last\s+(year|month)$", re.IGNORECASE)
_SPAN_BEFORE = re.compile(r"\b(the|since|for|over|in|during|this|past)\s*$", re.IGNORECASE)
_PREGNANCY = re.compile(r"^[^.;!?]{0,40}\bpregnan", re.IGNORECASE)
# Time since an operation or a stroke, or a follow-up visit, is not how long the complaint has lasted
# ("four weeks since surgery", "3 yrs since my stroke", "4 years today since my spinal op", "3 week check").
_OPERATIONS = (r"(op|operation|surgery|stroke|procedure|discectomy|microdiscectomy|laminectomy|laminotomy|fusion|"
               r"decompression|microdecompression|vertebroplasty|cabg|spacer|injection|epidural|esi)")
_SINCE_OPERATION = re.compile(r"^\s*(today\s+|now\s+)?(since|after)\s+(my|the|his|her|their)?\s*([a-z]+\s+)?"
                              + _OPERATIONS + r"\b|^\s*(check|check-up|checkup|follow[- ]?up|review|post[- ]?op)\b",
                              re.IGNORECASE)
# "CABG x4 12/12 ago", "MRI 7/12 ago", "before my op 5 weeks ago": when something else was done.
_DONE_BEFORE = re.compile(_OPERATIONS + r"(\s+x\s?\d)?\s*$|\b(mri|scan|x-?rays?)\s*$", re.IGNORECASE)
_AGO = re.compile(r"\s*ago\b", re.IGNORECASE)


def _another_span(finding: dict, text: str) -> bool:
    """A time word about something other than the complaint (see _ANOTHER_SPAN)."""
    before = text[max(0, finding["start"] - 30):finding["start"]]
    after = text[finding["end"]:finding["end"] + 45]
    words = finding["text"].strip()
    if _POINT_IN_TIME.match(words) and not _SPAN_BEFORE.search(before):
        return True
    if words.lower() == "chronic":
        # "chronic LBP", "its chronic": the complaint; "chronic ME", "chronic kidney disease": another illness.
        follower = re.match(r"\s*([a-z]+)", after, re.IGNORECASE)
        return bool(follower) and follower.group(1).lower() not in _CHRONIC_OF_COMPLAINT
    return bool(_ANOTHER_SPAN.search(before) or _IN_SPAN.search(before) or _TO_DO.match(after)
                or _PREGNANCY.match(after) or _SINCE_OPERATION.match(after)
                or _AGO.match(after) and _DONE_BEFORE.search(before))


_CHRONIC_OF_COMPLAINT = frozenset("""pain pains ache aches aching back lbp low lower leg legs sciatica sciatic foot feet
    nerve radicular radiculopathy neuropathy numbness tingling burning bad lumbar mechanical and now""".split())


# "Diabetic for 10 years", "T2DM x 12 yrs": how long the diabetes has lasted.
_OF_DIABETES = re.compile(r"\b(diabetic|diabetes|dm2?|t[12]dm|type [12]|iddm|niddm)\s*(for|x|since)?\s*$", re.IGNORECASE)
_NOT_THE_COMPLAINT = re.compile(r"^\s*(ago|back\b|old|pregnant|of (physio|rehab|heavy|lifting|treatment|therapy|work))",
                                re.IGNORECASE)


# Hours and minutes say how long something took ("waited over 2 hours", "3 hours after the birth"), not how
# many days or weeks the complaint has lasted.
_HOURS = re.compile(r"\b(hours?|hrs?|h|mins?|minutes?|seconds?|secs?)\s*$", re.IGNORECASE)
# An age or an age range: "my uncle is 60 years", "7 pts (41-66y)", "aged 52 years".
_YEARS = re.compile(r"^\d+\s*(y|yo|yrs?|years?)$", re.IGNORECASE)
# ... except the hours a complaint came on over: "weakness over 24 hours", "over the next few hours", "x24h".
_OVER_HOURS = re.compile(r"\b(over|x|within|last|past)\b(\s+(the|next|last|past|few|couple|of))*\s*[\w ]*$",
                         re.IGNORECASE)
_TOOK = re.compile(r"\b(wait\w*|took|spent|queu\w*|sat|lasted)\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(\bis|\bwas|\baged?|\d\s*[-\u2013])\s*$", re.IGNORECASE)


def _hours_taken(words: str, before: str) -> bool:
    """Hours or minutes that are not the hours the complaint came on over (see _HOURS, _OVER_HOURS)."""
    hours = _HOURS.search(words)
    if hours is None:
        return False
    said = (before + words)[:-len(hours.group(0))]
    return not _OVER_HOURS.search(said[-24:]) or bool(_TOOK.search(said))


def _is_duration_of_complaint(finding: dict, findings: list[dict], text: str) -> bool:
    """Not a frequency, not an age ("44 years old", "is 60 years"), not "years ago" (a past episode), not
    "15 weeks pregnant", not hours or minutes; "years of ..." only when a finding follows ("years of bad
    back", not "years of physio")."""
    after = text[finding["end"]:finding["end"] + 30]
    before = text[max(0, finding["start"] - 16):finding["start"]]
    if _hours_taken(finding["text"], before) or (_YEARS.match(finding["text"].strip()) and _AGE_BEFORE.search(before)):
        return False
    if _is_frequency(finding, text) or _another_span(finding, text) or _OF_DIABETES.search(before) or \
            _NOT_THE_COMPLAINT.match(after) and not (
            after.lstrip().lower().startswith("ago") and not re.search(r"(year|yr)", finding["text"], re.I)):
        return False
    if finding["text"].lower().endswith(" of"):
        return any(0 <= other["start"] - finding["end"] <= 30 for other in findings if other["concept"] != DURATION)
    return True


def one_duration(findings: list[dict], text: str) -> list[dict]:
    """Keep one duration finding: the first current present one, else the first current absent one.
    A hedge does not change a duration ("for a few weeks and I think maybe I'm leaking"). With no
    duration stated, a dated onset of a complaint still there says it (``dated_onset``)."""
    candidates = [f for f in findings if f["concept"] == DURATION and f["experiencer"] == "patient"
                  and not f["historical"] and _is_duration_of_complaint(f, findings, text)]
    for finding in candidates:
        if finding["status"] == "uncertain":
            finding["status"] = "present"
    keep = next((f for f in candidates if f["status"] == "present"), None) or \
        next((f for f in candidates if f["status"] == "absent"), None)
    kept = [f for f in findings if f["concept"] != DURATION or f is keep]
    dated = dated_onset(findings, text) if keep is None else None
    return kept if dated is None else sorted([*kept, dated], key=lambda f: f["start"])


# People date the start instead of counting: "hurt my back a few weeks back", "3 months ago a disc
# herniated ... now theres severe pain", "in 2008 ... he still has". A start dated to a day ("yesterday",
# "sunday") is not counted: the annotation counts days only when a text counts them.
_WEEKS_AGO = re.compile(
    r"\b((\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|couple of|a couple of|several|"
    r"many)\s+(weeks?|wks?|months?|mths?|mos|years?|yrs?)\s+(ago|back)|(back\s+)?in\s+(19|20)\d\d|"
    r"back\s+in\s+(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"the\s+(spring|summer|autumn|fall|winter))|last\s+(month|year|spring|summer|autumn|winter)|this\s+year)\b",
    re.IGNORECASE)
# The complaint dated weeks ago is still there.
_STILL = re.compile(r"\b(still|ever since|since then|to this day|since\s*[,.;!?]|since$|not been right since|"
                    r"hasnt been right since|hasn't been right since)", re.IGNORECASE)
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)
_NOT_A_SYMPTOM = frozenset({DURATION, "diabetes", "sudden_onset", *REPORTED_DIAGNOSIS_CONCEPTS})
# The pipeline's sentence rule (pipeline.radix_sentence_splitter): . ! ? ; before a space, or a line break.
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")


def _current_complaint(findings: list[dict], start: int, end: int) -> bool:
    return any(start <= f["start"] < end and f["status"] == "present" and f["experiencer"] == "patient"
               and not f["historical"] and f["concept"] not in _NOT_A_SYMPTOM
               for f in findings)


def _sentence_span(text: str, position: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    after = _SENTENCE_END.search(text, position)
    return (starts[-1] if starts else 0), (after.start() if after else len(text))


def dated_onset(findings: list[dict], text: str) -> dict | None:
    """A duration finding (weeks or more) from an onset dated weeks ago or more when the text counts
    none and a current complaint is told in the dated sentence or is "still" there after it."""
    for match in _WEEKS_AGO.finditer(text):
        start, end = _sentence_span(text, match.start())
        # "had a slipped disc in 2019, now numb": what is told after "now" may be new.
        now = _NOW.search(text, match.end(), end)
        end = now.start() if now else end
        if _current_complaint(findings, start, end) or (
                _STILL.search(text, match.end()) and _current_complaint(findings, 0, len(text))):
            return {"concept": DURATION, "status": "present", "laterality": None, "site": None,
                    "experiencer": "patient", "historical": False, "text": match.group(0),
                    "start": match.start(), "end": match.end()}
    return None


# The complaint just told goes on: "... and it still is", "it is still there", "ever since", "to this day".
_GOES_ON = re.compile(r"^[^.!?;\n]{0,80}?\b((it|they|that|this|which)\s*('s|s|is|are|has|have)?\s+still\b(?!\s+(hurts?|aches?)\s+"
                      r"(a bit|sometimes))|ever since|to this day|since then|(?P<since>since)\s*(,|;|$))",
                      re.IGNORECASE)
_WELL_SINCE = re.compile(r"\b(fine|ok|okay|well|good|nothing|better|normal|none|free|clear)\s*$", re.IGNORECASE)
_STARTED = re.compile(r"\b(started|start|began|begun|begin|came on|first noticed)\b", re.IGNORECASE)


def still_there(findings: list[dict], text: str) -> list[dict]:
    """Findings made historical by a past date in a sentence that says the complaint started then and
    goes on (``_GOES_ON`` after the finding, in its sentence or at the start of the next; a bare "since"
    says both) are current."""
    for finding in findings:
        if not finding["historical"] or finding["concept"] in REPORTED_DIAGNOSIS_CONCEPTS:
            continue
        start, end = _sentence_span(text, finding["start"])
        started = _STARTED.search(text, start, finding["end"] + 40)
        following = text[end + 1:].lstrip() if end < len(text) else ""
        goes_on = _GOES_ON.match(text[finding["end"]:]) or (following and _GOES_ON.match(following))
        # "... been on a stick since," says by itself that what was dated then goes on; "fine since," the opposite.
        if goes_on and goes_on.group("since") and _WELL_SINCE.search(goes_on.string[:goes_on.start("since")]):
            continue
        if goes_on and (started or goes_on.group("since")):
            finding["historical"] = False
    return findings


# Findings of a leg or foot, which take the one side a text names; the back, the saddle, the bladder do not.
LIMB_CONCEPTS = frozenset({
    "leg_pain", "foot_pain", "thigh_pain", "buttock_pain", "numbness", "tingling", "burning_pain", "shooting_pain",
    "weakness", "foot_drop", "heel_walk_weakness", "toe_walk_weakness", "patellar_reflex_absent",
    "achilles_reflex_absent", "muscle_atrophy", "toe_clawing_weight_bearing", "leg_heaviness_cramping",
})
# Limbs named in the plural next to a finding ("my feet are numb"): both sides, whatever else the text says.
_BOTH_LIMBS = re.compile(r"\b(feet|legs|calves|thighs|heels|soles|shins)\b", re.IGNORECASE)
_NEAR = 40


def one_side(findings: list[dict], sides_told: set[str], text: str) -> list[dict]:
    """Give the one side a text names to its limb findings without a side (see the module docstring). A
    text naming two sides keeps every finding's own side or none."""
    if len(sides_told) != 1:
        return findings
    (side,) = sides_told
    for finding in findings:
        if finding["laterality"] is not None or finding["concept"] not in LIMB_CONCEPTS \
                or finding["site"] in SADDLE_SITES:
            continue
        if side == "bilateral":
            # "both legs": every limb finding, but not a one-foot sign (a dropped foot, a weak heel or toe
            # walk, a numb sole), which would make a picture of both feet from a text that never said so
            if finding["concept"] not in _ONE_FOOT_SIGNS and finding["site"] != "sole":
                finding["laterality"] = side
        elif not _both_limbs_near(finding, text):
            finding["laterality"] = side
    return findings


_ONE_FOOT_SIGNS = frozenset({"foot_drop", "heel_walk_weakness", "toe_walk_weakness"})
# A test named in the plural ("walking on my heels", "up on tiptoes") says nothing about the sides.
_GAIT_TESTS = frozenset({"heel_walk_weakness", "toe_walk_weakness"})


def _both_limbs_near(finding: dict, text: str) -> bool:
    start, end = max(0, finding["start"] - _NEAR), finding["end"] + _NEAR
    if finding["concept"] in _GAIT_TESTS:
        return bool(_BOTH_LIMBS.search(text, start, finding["start"]) or _BOTH_LIMBS.search(text, finding["end"], end))
    return bool(_BOTH_LIMBS.search(text, start, end))


_SIBLING = {"bladder_dysfunction": "bowel_dysfunction", "bowel_dysfunction": "bladder_dysfunction"}
_COORDINATED = re.compile(r"^\s*(and|or|nor|&|\+|/|n)?\s*$", re.IGNORECASE)


def coordinated_sphincters(findings: list[dict], text: str) -> list[dict]:
    """An uncertain bladder or bowel mention (an organ named alone, or the safety net's loose match) joined
    by a bare "and" / "or" / "/" to a present or absent finding of the other sphincter, or overlapping it,
    takes that finding's status. A hedge between them ("cant pee, maybe my bowels too") keeps it unsure."""
    stated = [f for f in findings if f["concept"] in _SIBLING and f["status"] != "uncertain"]
    for finding in findings:
        if finding["status"] != "uncertain" or finding["concept"] not in _SIBLING:
            continue
        for other in stated:
            if other["concept"] != _SIBLING[finding["concept"]] or other["experiencer"] != finding["experiencer"] \
                    or other["historical"] != finding["historical"]:
                continue
            earlier, later = sorted((finding, other), key=lambda f: f["start"])
            if later["start"] < earlier["end"] or _COORDINATED.match(text[earlier["end"]:later["start"]]):
                finding["status"] = other["status"]
                break
    return findings


# An exception word between a normal finding and a stated one of the same concept, with no sentence end.
_EXCEPTION = re.compile(r"^[^.;!?]*\b(except|apart from|other than|save for|aside from|besides)\b[^.;!?]*$",
                        re.IGNORECASE)


def excepted(findings: list[dict], text: str) -> list[dict]:
    """Drop a normal (absent) finding whose own sentence goes on to state an exception of the same concept
    for the same person (see the module docstring)."""
    dropped = set()
    for index, normal in enumerate(findings):
        if normal["status"] != "absent" or normal["concept"] in REPORTED_DIAGNOSIS_CONCEPTS:
            continue
        for other in findings:
            if other["concept"] == normal["concept"] and other["status"] == "present" \
                    and other["experiencer"] == normal["experiencer"] and other["historical"] == normal["historical"] \
                    and other["start"] >= normal["end"] and _EXCEPTION.match(text[normal["end"]:other["start"]]):
                dropped.add(index)
                break
    return [f for index, f in enumerate(findings) if index not in dropped]


# "bladder problems: no.", "sudden weakness: nil": the item (up to three more words) then a colon and a denial
# that ends its clause ("red flags: no saddle anaesthesia" denies what follows, and ConText reads that).
_COLON_DENIAL = re.compile(r"^([ \t]+[\w/-]+){0,3}[ \t]*[:=][ \t]*(no|nil|none|neg|nope|negative|absent|denied|-ve|nad)"
                           r"[ \t]*([.,;\n]|$)", re.IGNORECASE)


def answered_after_colon(findings: list[dict], text: str) -> list[dict]:
    """Findings stated as present whose item is answered no after a colon (see the docstring)."""
    return [{**f, "status": "absent"} if f["status"] != "absent" and f["concept"] not in REPORTED_DIAGNOSIS_CONCEPTS
            and f["end"] is not None and _COLON_DENIAL.match(text[f["end"]:]) else f for f in findings]
