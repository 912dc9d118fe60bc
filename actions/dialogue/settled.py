"""When a question is settled: stated in any words the extractor understands, or answered by another
finding ("shooting pain down the outside of my leg" is leg pain; foot drop is weakness). The interview
never asks a settled question; the case summary never lists one as still to establish.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

from common.contract import FOOT_SITES, LEG_SITES


def _present(findings: Mapping[str, Mapping], concept: str, sites: Optional[Iterable[str]] = None) -> bool:
    finding = findings.get(concept)
    if not finding or finding.get("status") != "present":
        return False
    return sites is None or finding.get("site") in sites


# A question is also settled when another finding already answers it in other words
# ("shooting pain down the outside of my leg" is leg pain; foot drop is weakness).
SETTLED_BY = {
    "leg_pain": lambda f: _present(f, "shooting_pain") or _present(f, "thigh_pain")
    or _present(f, "leg_heaviness_cramping") or _present(f, "dx_sciatica")
    or any(_present(f, c, LEG_SITES) for c in ("numbness", "tingling", "burning_pain", "weakness")),
    "weakness": lambda f: any(_present(f, c) for c in ("foot_drop", "heel_walk_weakness", "toe_walk_weakness")),
    "foot_pain": lambda f: _present(f, "burning_pain", FOOT_SITES) or _present(f, "shooting_pain", FOOT_SITES),
    "difficulty_walking": lambda f: _present(f, "foot_drop"),
}


def by_concept(findings: list[Mapping]) -> dict[str, Mapping]:
    return {f["concept"]: f for f in findings}


def settled(concept: str, findings: list[Mapping]) -> bool:
    """Stated in any words the extractor understands, or answered by another finding."""
    found = by_concept(findings)
    if concept in found:
        return True
    rule = SETTLED_BY.get(concept)
    return bool(rule and rule(found))
