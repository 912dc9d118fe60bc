"""Text cleaning and chunking before extraction: same-length cleaning keeps offsets valid."""

from __future__ import annotations

import unicodedata
from typing import Iterator

# Texts are processed in chunks cut at sentence ends / whitespace so memory and per-call
# time stay bounded; every chunk is processed, so nothing is dropped. medspaCy's ConText compares every
# finding with every cue in a doc, so small chunks keep long run-on texts near linear time.
CHUNK_CHARS = 1_000
# Above this the text is refused with a clear error instead of working for minutes.
MAX_TEXT_CHARS = 1_000_000

# Curly quotes from phones become straight ones (same length, so offsets stay valid).
_QUOTE_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


class InputTooLongError(ValueError):
    """The text exceeds MAX_TEXT_CHARS; callers should show the message to the user."""


def clean_text(text: str) -> str:
    """Same length as the input (offsets stay valid): control and format characters become spaces,
    except line breaks, which end sentences."""
    text = text.translate(_QUOTE_MAP)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in "\n\r":
            out.append("\n")
        elif char == "\t" or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most `size` chars, cut after a sentence end or at whitespace."""
    start = 0
    length = len(text)
    while start < length:
        end = min(start + size, length)
        if end < length:
            window = text[start:end]
            cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
            if cut > size // 2:
                end = start + cut + 1
            else:
                space = window.rfind(" ")
                if space > size // 2:
                    end = start + space + 1
        yield start, text[start:end]
        start = end
