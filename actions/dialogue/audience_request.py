"""Which audience a "set_audience" message asks for, from its words ("I'm a resident", "in plain English")."""
from __future__ import annotations

import re
from typing import Optional

_AUDIENCE_WORDS = {
    "clinician": (
        "doctor", "resident", "clinician", "physician", "nurse", "registrar", "medic",
        "clinical", "professional", "md", "gp", "intern", "physio", "technical", "jargon",
        "attending", "consultant", "surgeon", "fellow", "pa", "np", "student", "pgy1", "pgy2",
        "pgy3", "doc", "chiropractor", "paramedic", "medical terms", "staff",
    ),
    "patient": (
        "patient", "simple", "simply", "simpler", "plain", "plainly", "layman", "laymans", "lay",
        "non medical", "not a doctor", "not medical", "everyday", "normal words", "easy words",
        "dumb it down", "less jargon", "no jargon", "no medical jargon", "english",
    ),
}


def requested_audience(text: str) -> Optional[str]:
    """The audience a 'set_audience' message asks for, if it names one."""
    lowered = " " + re.sub(r"[^a-z0-9 ]", " ", (text or "").lower().replace("'", "")) + " "
    lowered = " ".join(lowered.split())
    lowered = f" {lowered} "
    # Negated professional words ("I'm not a doctor") and "no jargon" mean plain wording.
    if re.search(r"\b(not (a |an )?(doctor|clinician|medic|nurse|medical)|(no|less|without)( medical)? jargon|"
                 r"(too|rather|very|a bit|bit|quite|so|really) (technical|complicated|medical|complex))", lowered):
        return "patient"
    for audience in ("patient", "clinician"):
        if any(f" {word} " in lowered for word in _AUDIENCE_WORDS[audience]):
            return audience
    return None
