"""The article corpus: verbatim texts split into passages with stable ids.

Passage id scheme (documented in docs/knowledge.md): ``<article_id>:p<NN>`` where NN is
the 1-based, zero-padded ordinal of the passage among the article's non-empty lines.
Every line of the seed texts is one paragraph, heading or list item, so the ordinal is
stable as long as the shipped article text is unchanged (kb_version changes otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Quote marks are normalised so that a quote typed with straight quotes matches the
# curly ones of the web pages; whitespace runs collapse to one space.
_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                              "\u00a0": " "})
_WHITESPACE = re.compile(r"\s+")
_BULLETS = ("\u2022", "-", "*")

PASSAGE_KINDS = ("paragraph", "list_item", "heading", "reference", "chrome")
# Passages that carry clinical statements and must be cited by some rule.
CLINICAL_KINDS = ("paragraph", "list_item")


def normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


@dataclass(frozen=True)
class Passage:
    id: str
    article_id: str
    ordinal: int
    kind: str
    text: str          # the line as in the article, stripped, bullet removed
    normalised: str

    @property
    def clinical(self) -> bool:
        return self.kind in CLINICAL_KINDS


def _strip_bullet(line: str) -> tuple[str, bool]:
    for bullet in _BULLETS:
        if line.startswith(bullet + " ") or line.startswith(bullet + "\t"):
            return line[len(bullet):].strip(), True
    return line, False


def _guess_kind(text: str, is_item: bool) -> str:
    if is_item:
        return "list_item"
    # Short lines with no sentence-ending punctuation are section headings.
    if len(text) < 90 and not text.endswith((".", ":", "!")):
        return "heading"
    return "paragraph"


def split_passages(article_id: str, text: str, kind_overrides: dict[str, str] | None = None
                   ) -> list[Passage]:
    """Split an article into passages; ``kind_overrides`` maps a passage's exact text to its kind."""
    overrides = dict(kind_overrides or {})
    passages: list[Passage] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        body, is_item = _strip_bullet(stripped)
        kind = overrides.get(body) or overrides.get(stripped) or _guess_kind(body, is_item)
        ordinal = len(passages) + 1
        passages.append(Passage(id=f"{article_id}:p{ordinal:02d}", article_id=article_id,
                                ordinal=ordinal, kind=kind, text=body, normalised=normalise(body)))
    return passages


def find_quote(quote: str, passages: list[Passage]) -> Passage | None:
    """The first passage containing ``quote`` (normalised); quotes may not span passages."""
    needle = normalise(quote)
    if not needle:
        return None
    for passage in passages:
        if needle in passage.normalised:
            return passage
    return None
