"""One finding shape, end to end: extractor -> Rasa entity -> slot -> engine -> reply.

A finding is a plain dict with exactly these keys (the JSON form everywhere):

    {"concept", "status", "site", "laterality", "experiencer", "historical", "text", "start", "end"}

``text``, ``start`` and ``end`` are the user's own words and where they were in the message, kept so
"why?" can quote the user back. ``Finding`` validates that dict against the contract and converts it
to and from a Rasa entity; nothing else in Radix reshapes a finding.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Mapping

from common.contract import CONCEPTS, EXPERIENCERS, EXTRACTOR_NAME, LATERALITIES, SITES, STATUSES

FIELDS = ("concept", "status", "site", "laterality", "experiencer", "historical", "text", "start",
          "end")
# A slot keeps at most this much of the user's words (an answer can be a whole paragraph).
MAX_TEXT_CHARS = 200


class FindingError(ValueError):
    """A finding does not follow the contract; the message names which one and why."""


@dataclass(frozen=True)
class Finding:
    concept: str
    status: str = "present"
    site: str | None = None
    laterality: str | None = None
    experiencer: str = "patient"
    historical: bool = False
    text: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def current(self) -> bool:
        """The consultation subject's current finding (not someone else's, not a past episode)."""
        return self.experiencer == "patient" and not self.historical

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: Any, where: str = "finding", concepts=CONCEPTS) -> "Finding":
        """Validate a finding dict (missing optional keys take their defaults); FindingError names it."""
        if not isinstance(raw, Mapping):
            raise FindingError(f"{where}: expected an object, got {type(raw).__name__}")
        concept = raw.get("concept")
        if not isinstance(concept, str) or concept not in concepts:
            raise FindingError(f"{where}: unknown concept {concept!r}")
        status = raw.get("status") or "present"
        if status not in STATUSES:
            raise FindingError(f"{where}: bad status {status!r} (expected one of: {', '.join(STATUSES)})")
        site = raw.get("site")
        if site is not None and site not in SITES:
            raise FindingError(f"{where}: unknown site {site!r}")
        laterality = raw.get("laterality")
        if laterality is not None and laterality not in LATERALITIES:
            raise FindingError(f"{where}: bad laterality {laterality!r} (expected one of: "
                               f"{', '.join(LATERALITIES)} or null)")
        experiencer = raw.get("experiencer") or "patient"
        if experiencer not in EXPERIENCERS:
            raise FindingError(f"{where}: bad experiencer {experiencer!r} (expected patient or other)")
        historical = raw.get("historical", False)
        if not isinstance(historical, bool):
            raise FindingError(f"{where}: historical must be true or false")
        text = raw.get("text") or ""
        if not isinstance(text, str):
            raise FindingError(f"{where}: text must be a string")
        start, end = raw.get("start"), raw.get("end")
        offsets_ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
        return cls(concept=concept, status=status, site=site, laterality=laterality,
                   experiencer=experiencer, historical=historical, text=text[:MAX_TEXT_CHARS],
                   start=start if offsets_ok else None, end=end if offsets_ok else None)

    # ---- Rasa entities: the extractor appends these; actions read them back.

    def to_entity(self) -> dict:
        """A Rasa entity carrying the whole finding (``entity`` = concept, ``value`` = status).

        "role"/"group" are deliberately not set: Rasa's from_entity slot mappings stop matching
        when they are. The confidence key is the one DIET uses, so Rasa tools read it as usual.
        """
        return {"entity": self.concept, "value": self.status, "start": self.start, "end": self.end,
                "confidence_entity": 1.0, "extractor": EXTRACTOR_NAME, **self.to_dict()}

    @classmethod
    def from_entity(cls, entity: Mapping) -> "Finding | None":
        """The finding an extractor entity carries, or None for any other entity."""
        if entity.get("extractor") != EXTRACTOR_NAME:
            return None
        raw = {key: entity.get(key) for key in FIELDS}
        raw["concept"] = entity.get("entity")
        raw["status"] = entity.get("status") or entity.get("value")
        try:
            return cls.from_dict(raw)
        except FindingError:
            return None
