"""Load and validate the extraction vocabulary (YAML files -> one JSON-safe rule pack).

The vocabulary is data: nlu/extraction/vocabulary/*.yml (terms for each contract concept, sites,
sides, ConText modifiers, macros). The rule pack is a plain dict so the Rasa component can persist it
in a model archive and rebuild the extractor from it without the repository files. Every pack,
whether read from YAML or from a persisted archive, goes through `validate_rule_pack`, which rejects
unknown keys and bad values with an error naming the file, the entry id and the key
(common/schema.py). Concept and site ids are the contract's (common/contract.py).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from common.contract import CONCEPTS, LATERALITIES, SITES, STATUSES
from common.schema import SchemaError, Where, read_yaml

# 2: reported-diagnosis concepts (diagnoses.yml), term "source", pain paths (paths.yml).
# 3: the red-flag safety net (safety_net.yml), spelling repair (spelling.yml) and onset stories (stories.yml). A version 2 pack (a model
#    trained before) is read with the packaged safety net and spelling data, so it never runs without them.
RULE_PACK_VERSION = 3
_UPGRADABLE = {2: ("safety_net", "spelling", "stories")}

# "previous" = "on that side": resolves to the last side stated before it.
SIDE_VALUES = LATERALITIES + ("previous",)
MODIFIER_CATEGORIES = ("NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "OTHER_EXPERIENCER",
                       "SELF_EXPERIENCER", "NEW_CLAUSE", "HYPOTHETICAL", "REPORTED", "TERMINATE", "PSEUDO")
# A term's "source": "required" = kept only when a REPORTED cue (a clinician, a scan, "diagnosed")
# applies ("doc says it's sciatica"); "excluded" = dropped when one applies (the same word as the name
# of the pain: "my sciatica" is leg pain, "doc says sciatica" is a reported diagnosis).
SOURCES = ("required", "excluded")
DIRECTIONS = ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO")

VOCABULARY_FILES = ("macros.yml", "terms.yml", "diagnoses.yml", "sites.yml", "laterality.yml", "context.yml",
                    "paths.yml", "safety_net.yml", "spelling.yml", "stories.yml")
# "origins" is optional (a pack persisted before it was added has none).
PATH_WORD_LISTS = ("cues", "motions", "sensory", "links", "filler", "origins")
_REQUIRED_PATH_LISTS = PATH_WORD_LISTS[:-1]
MAX_PATTERNS_PER_PHRASE = 2000
# Built-in template piece: up to three words between two parts of a phrase.
GAP_MACRO = "gap"
_MACRO_REF = re.compile(r"\{([a-z_][a-z0-9_]*)([?*]?)\}")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class VocabularyError(SchemaError):
    """A vocabulary file or rule pack breaks the schema."""


def _where(file: str, entry: str | None = None) -> Where:
    return Where(file, entry, error=VocabularyError)


# ---------------------------------------------------------------------------- per-file schemas


def _token_patterns(value: Any, where: Where, key: str) -> list[list[dict]]:
    if not isinstance(value, list) or not value:
        where.fail(key, "expected a non-empty list of spaCy token patterns")
    for pattern in value:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) and t for t in pattern):
            where.fail(key, f"each token pattern must be a non-empty list of mappings: {pattern!r}")
    return value


def _entry_id(entry: Any, file: str, index: int, id_set: tuple | None = None) -> str:
    where = _where(file, f"#{index}")
    where.mapping(entry)
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        where.fail("id", f"bad or missing id {entry_id!r}")
    if id_set is not None and entry_id not in id_set:
        where.at(entry_id).fail("id", f"unknown id (allowed: {', '.join(sorted(id_set))})")
    return entry_id


def _entries(section: Any, file: str, key: str) -> list:
    if not isinstance(section, list) or not section:
        _where(file).fail(key, "expected a non-empty list of entries")
    return section


def _validate_macros(macros: Any, file: str) -> dict[str, list[str]]:
    if not isinstance(macros, dict):
        _where(file).fail("macros", "expected a mapping of name -> list of strings")
    for name, values in macros.items():
        if not isinstance(name, str) or not _ID.match(name) or name == GAP_MACRO:
            _where(file, str(name)).fail(None, f"macro names must be lowercase identifiers other than {GAP_MACRO!r}")
        _where(file, name).strings(values, "values")
    return macros


_TERM_KEYS = ("phrases", "tokens", "status", "site", "laterality", "asserted", "also", "absorbs", "source", "listed",
              "not_after")


def _validate_term(term: Any, where: Where) -> None:
    where.keys(term, allowed=_TERM_KEYS)
    _validate_phrases_or_tokens(term, where, "term")
    if "status" in term:
        where.choice(term["status"], STATUSES, "status")
    if "site" in term:
        where.choice(term["site"], SITES, "site", nullable=True)
    if "laterality" in term:
        where.choice(term["laterality"], LATERALITIES, "laterality", nullable=True)
    for key in ("asserted", "absorbs", "listed"):
        if key in term:
            where.boolean(term[key], key)
    if "source" in term:
        where.choice(term["source"], SOURCES, "source")
    if "also" in term:
        for concept in where.strings(term["also"], "also"):
            where.choice(concept, CONCEPTS, "also")
    if "not_after" in term:
        for word in where.strings(term["not_after"], "not_after"):
            if word != word.lower() or len(word.split()) != 1:
                where.fail("not_after", f"expected one lowercase word, got {word!r}")


def _validate_concepts(concepts: Any, file: str) -> None:
    seen = set()
    for index, entry in enumerate(_entries(concepts, file, "concepts")):
        entry_id = _entry_id(entry, file, index, CONCEPTS)
        where = _where(file, entry_id)
        if entry_id in seen:
            where.fail("id", "duplicate concept id")
        seen.add(entry_id)
        where.keys(entry, allowed=("id", "description", "lateralized", "sited", "sites", "at_site", "terms"),
                   required=("id", "terms"))
        if "sites" in entry:
            for site in where.strings(entry["sites"], "sites"):
                where.choice(site, SITES, "sites")
        if "at_site" in entry:
            if not isinstance(entry["at_site"], dict) or not entry["at_site"]:
                where.fail("at_site", "expected a mapping of site id -> concept id")
            for site, concept in entry["at_site"].items():
                where.choice(site, SITES, "at_site")
                where.choice(concept, CONCEPTS, "at_site")
        for key in ("lateralized", "sited"):
            if key in entry:
                where.boolean(entry[key], key)
        if "description" in entry and not isinstance(entry["description"], str):
            where.fail("description", "expected a string")
        for term in _entries(entry["terms"], file, "terms"):
            _validate_term(term, where)


def _validate_phrases_or_tokens(entry: dict, where: Where, what: str) -> None:
    """A term, site, side or modifier is matched by literal phrases, spaCy token patterns, or both."""
    if "phrases" not in entry and "tokens" not in entry:
        where.fail("phrases", f"a {what} needs 'phrases' or 'tokens'")
    if "phrases" in entry:
        where.strings(entry["phrases"], "phrases")
    if "tokens" in entry:
        _token_patterns(entry["tokens"], where, "tokens")


def _validate_sites(sites: Any, file: str) -> None:
    for index, entry in enumerate(_entries(sites, file, "sites")):
        where = _where(file, _entry_id(entry, file, index, SITES))
        where.keys(entry, allowed=("id", "phrases", "tokens"), required=("id",))
        _validate_phrases_or_tokens(entry, where, "site")


def _validate_sides(sides: Any, file: str) -> None:
    for index, entry in enumerate(_entries(sides, file, "sides")):
        where = _where(file, _entry_id(entry, file, index))
        where.keys(entry, allowed=("id", "value", "phrases", "tokens"), required=("id", "value"))
        where.choice(entry["value"], SIDE_VALUES, "value")
        _validate_phrases_or_tokens(entry, where, "side")


def _validate_modifiers(modifiers: Any, file: str) -> None:
    for index, entry in enumerate(_entries(modifiers, file, "modifiers")):
        where = _where(file, _entry_id(entry, file, index))
        where.keys(entry, allowed=("id", "category", "direction", "phrases", "tokens", "max_scope", "terminated_by",
                                   "applies_to"), required=("id", "category", "direction"))
        where.choice(entry["category"], MODIFIER_CATEGORIES, "category")
        where.choice(entry["direction"], DIRECTIONS, "direction")
        _validate_phrases_or_tokens(entry, where, "modifier")
        if "max_scope" in entry:
            where.positive_int(entry["max_scope"], "max_scope")
        if "terminated_by" in entry:
            for category in where.strings(entry["terminated_by"], "terminated_by"):
                where.choice(category, MODIFIER_CATEGORIES, "terminated_by")
        if "applies_to" in entry:
            for concept in where.strings(entry["applies_to"], "applies_to"):
                where.choice(concept, CONCEPTS, "applies_to")


# diagnoses.yml adds the reported-diagnosis concepts (dx_...) to the same "concepts" section.
def _validate_paths(paths: Any, file: str) -> None:
    where = _where(file, "paths")
    where.keys(paths, allowed=(*PATH_WORD_LISTS, "parts"), required=(*_REQUIRED_PATH_LISTS, "parts"))
    for key in PATH_WORD_LISTS:
        if key in paths:
            where.strings(paths[key], key)
    for index, part in enumerate(_entries(paths["parts"], file, "parts")):
        part_where = _where(file, f"parts[{index}]")
        part_where.keys(part, allowed=("concept", "phrases"), required=("concept", "phrases"))
        part_where.choice(part["concept"], CONCEPTS, "concept")
        part_where.strings(part["phrases"], "phrases")


_NET_AREA_KEYS = ("concept", "words", "phrases", "needs", "not_after", "not_before")
_NET_LISTS = ("sensory", "onset", "onset_phrases", "weakness", "weakness_phrases", "normal_after", "severe",
              "severe_phrases", "severe_not_after", "gradual", "onset_not_before")


def _validate_safety_net(net: Any, file: str) -> None:
    where = _where(file, "safety_net")
    where.keys(net, allowed=("areas", "window", *_NET_LISTS), required=("areas", "window", "sensory", "onset",
                                                                          "weakness", "normal_after"))
    for key in _NET_LISTS:
        if key in net:
            where.strings(net[key], key)
    where.positive_int(net["window"], "window")
    for index, area in enumerate(_entries(net["areas"], file, "areas")):
        area_where = _where(file, f"areas[{index}]")
        area_where.keys(area, allowed=_NET_AREA_KEYS, required=("concept",))
        area_where.choice(area["concept"], CONCEPTS, "concept")
        if "words" not in area and "phrases" not in area:
            area_where.fail("words", "an area needs 'words' or 'phrases'")
        for key in ("words", "phrases", "not_after", "not_before"):
            if key in area:
                area_where.strings(area[key], key)
        if "needs" in area:
            area_where.choice(area["needs"], ("sensory",), "needs")


def _validate_spelling(spelling: Any, file: str) -> None:
    where = _where(file, "spelling")
    where.keys(spelling, allowed=("protected", "min_length", "extra_words", "contractions"),
               required=("protected", "min_length"))
    where.strings(spelling["protected"], "protected")
    for key in ("extra_words", "contractions"):
        if key in spelling:
            where.strings(spelling[key], key)
    where.positive_int(spelling["min_length"], "min_length")


def _validate_stories(stories: Any, file: str) -> None:
    where = _where(file, "stories")
    episode_keys = ("episode_openers", "episode_age_openers", "episode_recent", "episode_continues", "episode_past",
                    "episode_now", "episode_onsets", "episode_operations", "episode_post_op_frames",
                    "episode_operation_words")
    where.keys(stories, allowed=("actions", "events", "went_after", "acute_before", "window", *episode_keys),
               required=("actions", "events", "went_after", "acute_before", "window"))
    for key in ("actions", "events", "went_after", "acute_before", *episode_keys):
        if key in stories:
            where.strings(stories[key], key)
    where.positive_int(stories["window"], "window")


_FILE_SCHEMAS = {
    "macros.yml": ("macros", _validate_macros),
    "terms.yml": ("concepts", _validate_concepts),
    "diagnoses.yml": ("concepts", None),
    "sites.yml": ("sites", _validate_sites),
    "laterality.yml": ("sides", _validate_sides),
    "context.yml": ("modifiers", _validate_modifiers),
    "paths.yml": ("paths", _validate_paths),
    "safety_net.yml": ("safety_net", _validate_safety_net),
    "spelling.yml": ("spelling", _validate_spelling),
    "stories.yml": ("stories", _validate_stories),
}


def validate_rule_pack(pack: Any, source: str = "rule pack") -> dict:
    """Check a whole rule pack; raise VocabularyError naming file, entry and key on the first problem."""
    where = _where(source)
    if not isinstance(pack, dict):
        where.fail(None, "expected a mapping")
    sections = [name for name, _ in _FILE_SCHEMAS.values()]
    if pack.get("version") in _UPGRADABLE:
        pack = _upgrade(pack)
    where.keys(pack, allowed=("version", *sections), required=("version", *sections))
    if pack["version"] != RULE_PACK_VERSION:
        where.fail("version", f"unsupported version {pack['version']!r}")
    for file, (section, validate) in _FILE_SCHEMAS.items():
        if validate is not None:
            validate(pack[section], f"{source}/{file}" if source != file else file)
    # Every {macro} used anywhere must exist.
    for phrase, file, entry in _all_phrases(pack):
        check_phrase(phrase, pack["macros"], file, entry)
    return pack


def _upgrade(pack: dict) -> dict:
    """A pack of an older version with the sections added since taken from the packaged vocabulary."""
    packaged = default_vocabulary_dir()
    upgraded = dict(pack, version=RULE_PACK_VERSION)
    for file, (section, _) in _FILE_SCHEMAS.items():
        if section in _UPGRADABLE[pack["version"]] and section not in pack:
            data, _ = read_yaml(packaged / file, str(packaged / file), VocabularyError)
            upgraded[section] = data[section]
    return upgraded


def _all_phrases(pack: dict):
    for concept in pack["concepts"]:
        for term in concept["terms"]:
            for phrase in term.get("phrases", ()):
                yield phrase, "terms.yml", concept["id"]
    for section, file in (("sites", "sites.yml"), ("sides", "laterality.yml"), ("modifiers", "context.yml")):
        for entry in pack[section]:
            for phrase in entry.get("phrases", ()):
                yield phrase, file, entry["id"]
    for key in PATH_WORD_LISTS:
        for phrase in pack["paths"].get(key, ()):
            yield phrase, "paths.yml", key
    for part in pack["paths"]["parts"]:
        for phrase in part["phrases"]:
            yield phrase, "paths.yml", part["concept"]


# ---------------------------------------------------------------------------- phrase templates


def split_template(phrase: str) -> list[tuple[str, str, bool]]:
    """Split a phrase template into pieces: ("text", words, "") or ("macro", name, flag).

    flag "" = exactly one value, "?" = one value or nothing, "*" = any number of one-word values.
    """
    parts = _MACRO_REF.split(phrase)
    # re.split yields: text, name, flag, text, name, flag, ..., text
    pieces = []
    for index in range(0, len(parts), 3):
        if parts[index].strip():
            pieces.append(("text", parts[index].strip(), ""))
        if index + 1 < len(parts):
            pieces.append(("macro", parts[index + 1], parts[index + 2]))
    return pieces


def expand_phrase(phrase: str, macros: dict[str, list[str]], file: str = "rule pack", entry: str = "?",
                  _depth: int = 0) -> list[str]:
    """All plain phrases a template stands for (used for macro values and checks; may be large)."""
    if _depth > 4:
        _where(file, entry).fail("phrases", f"macros nest too deeply in {phrase!r}")
    choices: list[list[str]] = []
    for kind, value, optional in split_template(phrase):
        if kind == "text":
            choices.append([value])
            continue
        if value == GAP_MACRO:
            _where(file, entry).fail("phrases", f"{{{GAP_MACRO}}} cannot be used inside a macro value")
        if value not in macros:
            _where(file, entry).fail("phrases", f"unknown macro {{{value}}} in {phrase!r}")
        options = [v for item in macros[value] for v in expand_phrase(item, macros, file, entry, _depth + 1)]
        choices.append(options + ([""] if optional in ("?", "*") else []))
    expanded: list[str] = []
    seen = set()
    for combo in itertools.product(*choices):
        text = " ".join(" ".join(combo).split()).lower()
        if text and text not in seen:
            seen.add(text)
            expanded.append(text)
    return expanded


def check_phrase(phrase: str, macros: dict[str, list[str]], file: str, entry: str, _depth: int = 0) -> None:
    """Fail on unknown or too deeply nested macros without expanding the whole product."""
    if _depth > 4:
        _where(file, entry).fail("phrases", f"macros nest too deeply in {phrase!r}")
    for kind, value, _ in split_template(phrase):
        if kind == "macro" and value != GAP_MACRO:
            if value not in macros:
                _where(file, entry).fail("phrases", f"unknown macro {{{value}}} in {phrase!r}")
            for item in macros[value]:
                check_phrase(item, macros, file, entry, _depth + 1)


# ---------------------------------------------------------------------------- loading


def default_vocabulary_dir() -> Path:
    return Path(str(resources.files("nlu.extraction") / "vocabulary"))


def vocabulary_dir(path: str | Path | None = None) -> Path:
    """``path``, or the packaged vocabulary directory when None."""
    return Path(path) if path is not None else default_vocabulary_dir()


def vocabulary_fingerprint(path: str | Path | None = None) -> str:
    """A digest of the vocabulary files' bytes (default: the packaged vocabulary). The trained component
    adds it to its Rasa fingerprint: the vocabulary is not training data, so without it a changed
    vocabulary would be restored from the training cache as the old rule pack."""
    directory = vocabulary_dir(path)
    digest = hashlib.sha256()
    for file in VOCABULARY_FILES:
        digest.update(file.encode("utf-8"))
        try:
            digest.update((directory / file).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")      # training then fails on it with a clear VocabularyError
    return digest.hexdigest()


def load_rule_pack(path: str | Path | None = None) -> dict:
    """Read the vocabulary YAML files in `path` (default: the packaged vocabulary) into a rule pack."""
    directory = vocabulary_dir(path)
    pack: dict[str, Any] = {"version": RULE_PACK_VERSION}
    for file, (section, _) in _FILE_SCHEMAS.items():
        data, _ = read_yaml(directory / file, str(directory / file), VocabularyError)
        _where(file).keys(data, allowed=(section,), required=(section,))
        if section in pack:
            pack[section] = _entries(pack[section], file, section) + _entries(data[section], file, section)
        else:
            pack[section] = data[section]
    return validate_rule_pack(pack, source=str(directory))
