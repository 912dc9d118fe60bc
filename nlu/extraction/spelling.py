"""Spelling repair before matching: unseen misspellings, inflections and British/American spellings.

People write "numbess", "tingleing", "incontenence", "paralyzed", "tingled". The vocabulary cannot list
every form, so before the spaCy pipeline each word the vocabulary does not know is mapped to one it
does, when that is safe:

1. **Forms of a known word** (any word): an inflection or spelling variant whose base form is a
   vocabulary word ("tingled" -> "tingle", "anaesthetised" / "anesthetized" -> a known form,
   "numbing" -> "numb"); the base must be a vocabulary word of at least 4 letters.
2. **Misspellings** (words not in an English dictionary): the one vocabulary word of at least
   ``min_length`` letters within edit distance 1 (2 for words of 9+ letters), same first letter
   ("numbess" -> "numbness", "bladdar" -> "bladder"). Ties are left alone.

Real English words are never "corrected" to a vocabulary word ("getting" is not "wetting", "single" is
not "tingle"): ``protected`` in vocabulary/spelling.yml lists every dictionary word step 2 would change.
It is generated, not hand-written:

    python -m nlu.extraction.spelling /usr/share/dict/british-english /usr/share/dict/american-english

(Debian packages wbritish / wamerican; regenerate after adding vocabulary words: a test checks it when
the dictionaries are installed). Replacements change lengths, so ``Repair`` keeps an offset map and every
finding's ``start`` / ``end`` / ``text`` refer to the user's original words.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys

from nlu.extraction.rule_pack import PATH_WORD_LISTS, split_template

_WORD = re.compile(r"[A-Za-z]+")
# Inflection and spelling-variant rewrites tried on a word: (suffix, replacement).
# (No "-er" / "-ly": "numbers" is not "numb", "weekly" not "week".)
_ENDINGS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
            ("ing", "e"), ("ness", ""))
_VARIANTS = (("ae", "e"), ("oe", "e"), ("our", "or"), ("ise", "ize"), ("ize", "ise"), ("isation", "ization"),
             ("ization", "isation"), ("yse", "yze"), ("yze", "yse"), ("ll", "l"))


def vocabulary_words(pack: dict) -> frozenset:
    """Every lowercase word the rule pack's phrases, word lists and macros use."""
    texts: list[str] = [value for values in pack["macros"].values() for value in values]
    for concept in pack["concepts"]:
        for term in concept["terms"]:
            texts += term.get("phrases", ())
    for section in ("sites", "sides", "modifiers"):
        for entry in pack[section]:
            texts += entry.get("phrases", ())
    for key in PATH_WORD_LISTS:
        texts += pack["paths"].get(key, [])
    for part in pack["paths"]["parts"]:
        texts += part["phrases"]
    net = pack["safety_net"]
    for area in net["areas"]:
        texts += [*area.get("words", ()), *area.get("phrases", ())]
    for key in ("sensory", "onset", "onset_phrases", "weakness", "weakness_phrases", "normal_after"):
        texts += net.get(key, ())
    texts = [text for text in texts if "*" not in text]       # the net's stems are not words
    texts += pack["spelling"].get("extra_words", ())
    texts += [word for key in ("actions", "events", "went_after", "acute_before") for word in pack["stories"][key]]
    words = set()
    for text in texts:
        for kind, value, _ in split_template(text):
            if kind == "text":
                words.update(word.lower() for word in _WORD.findall(value))
    return frozenset(words)


def _deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class Speller:
    """Maps unknown words to vocabulary words (see the module docstring)."""

    def __init__(self, pack: dict):
        spelling = pack["spelling"]
        self.known = vocabulary_words(pack) | frozenset(spelling.get("contractions", ()))
        self.protected = frozenset(spelling["protected"])
        self.min_length = spelling["min_length"]
        # A word more than two letters longer than every vocabulary word cannot be a misspelling of
        # one; the bound also keeps a 100 kB "word" from building millions of deletions.
        self.max_length = max(map(len, self.known), default=0) + 2
        self._index: dict[str, set[str]] = {}
        for word in self.known:
            if len(word) >= self.min_length and word.isalpha():
                for deleted in _deletions(word, 2 if len(word) >= 8 else 1):
                    self._index.setdefault(deleted, set()).add(word)
        self.repair_word = functools.lru_cache(maxsize=50_000)(self._repair_word)

    def form_of_known(self, word: str) -> str | None:
        """Step 1: the vocabulary word this is an inflection or spelling variant of."""
        for old, new in _VARIANTS if len(word) >= 6 else ():        # "shoe" is not "she"
            if old in word:
                variant = word.replace(old, new)
                if variant in self.known:
                    return variant
        for suffix, replacement in _ENDINGS:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                base = word[:-len(suffix)] + replacement
                for candidate in (base, base[:-1] if len(base) > 4 and base[-1] == base[-2] else None):
                    if candidate and len(candidate) >= 4 and candidate in self.known:
                        return candidate
        return None

    def misspelling_of(self, word: str) -> str | None:
        """Step 2: the one vocabulary word this is a likely misspelling of, or None."""
        if not self.min_length <= len(word) <= self.max_length or word in self.protected:
            return None
        depth = 2 if len(word) >= 9 else 1
        candidates = {known for deleted in _deletions(word, depth) for known in self._index.get(deleted, ())}
        scored = sorted((_distance(word, known), known) for known in candidates if known[0] == word[0])
        scored = [(d, known) for d, known in scored if d <= depth]
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return None
        return scored[0][1]

    def _repair_word(self, word: str) -> str | None:
        if word in self.known or len(word) < 4:
            return None
        return self.form_of_known(word) or self.misspelling_of(word)

    def repair(self, text: str) -> "Repair":
        pieces, mapping, position = [], [], 0
        for match in _WORD.finditer(text):
            replacement = self.repair_word(match.group().lower())
            if replacement is not None:
                pieces.append(text[position:match.start()])
                mapping.append((sum(map(len, pieces)), match.start(), len(replacement), match.end() - match.start()))
                pieces.append(replacement)
                position = match.end()
        if not mapping:
            return Repair(text, [])
        pieces.append(text[position:])
        return Repair("".join(pieces), mapping)


class Repair:
    """The repaired text and how to map its offsets back to the original."""

    def __init__(self, text: str, mapping: list[tuple[int, int, int, int]]):
        self.text = text
        self._mapping = mapping             # (repaired start, original start, repaired length, original length)
        self._starts = [entry[0] for entry in mapping]

    def original(self, offset: int, end: bool = False) -> int:
        """The original offset of a repaired one (inside a replaced word: its start, or its end)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        new_start, old_start, new_length, old_length = self._mapping[index]
        if offset < new_start + new_length or (end and offset == new_start + new_length):
            return old_start + (old_length if end and offset > new_start else 0)
        return offset - (new_start + new_length) + old_start + old_length


def protected_words(pack: dict, dictionary_words) -> list[str]:
    """Dictionary words that misspelling repair would change: they must be left alone."""
    speller = Speller(dict(pack, spelling=dict(pack["spelling"], protected=[])))
    return sorted({word for word in dictionary_words
                   if word.isalpha() and word not in speller.known and speller.misspelling_of(word)})


def main(argv: list[str] | None = None) -> int:
    from nlu.extraction.rule_pack import default_vocabulary_dir, load_rule_pack

    paths = (argv if argv is not None else sys.argv[1:]) or ["/usr/share/dict/british-english",
                                                             "/usr/share/dict/american-english"]
    words, contractions = set(), set()
    for path in paths:
        with open(path, encoding="utf-8", errors="ignore") as handle:
            # Names too ("Paris"); contractions without their apostrophe ("theyve", "theres") are words
            # people write, never repaired.
            for line in handle:
                word = line.strip().lower()
                if "'" in word and not word.endswith("'s") or word in ("there's", "it's", "that's", "he's",
                                                                         "she's", "what's", "where's", "let's"):
                    contractions.add(word.replace("'", ""))
                words.add(word.replace("'", ""))
    pack = load_rule_pack()
    pack["spelling"]["contractions"] = sorted(contractions)
    protected = protected_words(pack, words)
    target = default_vocabulary_dir() / "spelling.yml"
    lines = [line for line in target.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("  protected", "  contractions"))]
    lines.append("  contractions: [" + ", ".join(f'"{word}"' for word in sorted(contractions)) + "]")
    lines.append("  protected: [" + ", ".join(f'"{word}"' for word in protected) + "]")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(protected)} protected words written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
