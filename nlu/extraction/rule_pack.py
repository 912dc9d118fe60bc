"""Load and validate the extraction vocabulary (YAML files -> one JSON-safe rule pack).

The rule pack is a plain dict so the Rasa component can persist it in a model archive and
rebuild the extractor from it without the repository files. Every pack, whether read from
YAML or from a persisted archive, goes through `validate_rule_pack`, which rejects unknown
keys and bad values with an error naming the file, the entry id and the key.
"""

from __future__ import annotations

import itertools
import re
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

RULE_PACK_VERSION = 1

# Shared contract (see docs/extraction.md): ids the rest of Radix understands.
CONCEPT_IDS = frozenset(
    """foot_pain numbness tingling burning_pain shooting_pain weakness foot_drop heel_walk_weakness
    toe_walk_weakness leg_pain back_pain buttock_pain thigh_pain saddle_anesthesia bladder_dysfunction
    bowel_dysfunction patellar_reflex_absent achilles_reflex_absent worse_standing_walking
    relief_sitting_flexion toe_clawing_weight_bearing sudden_onset muscle_atrophy diabetes
    leg_heaviness_cramping difficulty_walking symptoms_persist_weeks""".split()
)
SITE_IDS = frozenset(
    "sole dorsum big_toe shin lateral_calf calf anterior_thigh lateral_thigh perianal groin buttock".split()
)
LATERALITY_VALUES = frozenset({"left", "right", "bilateral"})
# "previous" = "on that side": resolves to the last side stated before it.
SIDE_VALUES = LATERALITY_VALUES | {"previous"}
STATUS_VALUES = frozenset({"present", "absent", "uncertain"})
MODIFIER_CATEGORIES = frozenset(
    {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HISTORICAL", "OTHER_EXPERIENCER", "SELF_EXPERIENCER",
     "TERMINATE", "PSEUDO"}
)
DIRECTIONS = frozenset({"FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"})

VOCABULARY_FILES = ("macros.yml", "concepts.yml", "sites.yml", "laterality.yml", "context.yml")
MAX_PATTERNS_PER_PHRASE = 2000
# Built-in template piece: up to three words between two parts of a phrase.
GAP_MACRO = "gap"
_MACRO_REF = re.compile(r"\{([a-z_][a-z0-9_]*)([?*]?)\}")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class VocabularyError(ValueError):
    """A vocabulary file or rule pack breaks the schema."""

    def __init__(self, file: str, entry: str | None, key: str | None, problem: str):
        where = file
        if entry is not None:
            where += f": entry '{entry}'"
        if key is not None:
            where += f": key '{key}'"
        super().__init__(f"{where}: {problem}")
        self.file, self.entry, self.key, self.problem = file, entry, key, problem


# ---------------------------------------------------------------------------- schema helpers


def _check_keys(obj: Any, allowed: Iterable[str], required: Iterable[str], file: str, entry: str | None) -> None:
    if not isinstance(obj, dict):
        raise VocabularyError(file, entry, None, f"expected a mapping, got {type(obj).__name__}")
    allowed = set(allowed)
    for key in obj:
        if key not in allowed:
            raise VocabularyError(file, entry, str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in obj:
            raise VocabularyError(file, entry, key, "missing required key")


def _string_list(value: Any, file: str, entry: str, key: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise VocabularyError(file, entry, key, "expected a non-empty list of strings")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise VocabularyError(file, entry, key, f"expected non-empty strings, got {item!r}")
    return list(value)


def _token_patterns(value: Any, file: str, entry: str, key: str) -> list[list[dict]]:
    if not isinstance(value, list) or not value:
        raise VocabularyError(file, entry, key, "expected a non-empty list of spaCy token patterns")
    for pattern in value:
        if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) and t for t in pattern):
            raise VocabularyError(file, entry, key, f"each token pattern must be a non-empty list of mappings: {pattern!r}")
    return value


def _choice(value: Any, allowed: Iterable[str], file: str, entry: str, key: str, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if value not in set(allowed):
        raise VocabularyError(file, entry, key, f"bad value {value!r} (allowed: {', '.join(sorted(allowed))})")
    return value


def _bool(value: Any, file: str, entry: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise VocabularyError(file, entry, key, f"expected true or false, got {value!r}")
    return value


def _entry_id(entry: Any, file: str, index: int, id_set: frozenset | None = None) -> str:
    if not isinstance(entry, dict):
        raise VocabularyError(file, f"#{index}", None, "expected a mapping")
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise VocabularyError(file, f"#{index}", "id", f"bad or missing id {entry_id!r}")
    if id_set is not None and entry_id not in id_set:
        raise VocabularyError(file, entry_id, "id", f"unknown id (allowed: {', '.join(sorted(id_set))})")
    return entry_id


def _entries(section: Any, file: str, key: str) -> list:
    if not isinstance(section, list) or not section:
        raise VocabularyError(file, None, key, "expected a non-empty list of entries")
    return section


# ---------------------------------------------------------------------------- per-file schemas


def _validate_macros(macros: Any, file: str) -> dict[str, list[str]]:
    if not isinstance(macros, dict):
        raise VocabularyError(file, None, "macros", "expected a mapping of name -> list of strings")
    for name, values in macros.items():
        if not isinstance(name, str) or not _ID.match(name) or name == GAP_MACRO:
            raise VocabularyError(file, str(name), None, f"macro names must be lowercase identifiers other than {GAP_MACRO!r}")
        _string_list(values, file, name, "values")
    return macros


_TERM_KEYS = {"phrases", "tokens", "status", "site", "laterality", "asserted", "also", "absorbs"}


def _validate_term(term: Any, file: str, entry: str) -> None:
    _check_keys(term, _TERM_KEYS, (), file, entry)
    _validate_phrases_or_tokens(term, file, entry, "term")
    if "status" in term:
        _choice(term["status"], STATUS_VALUES, file, entry, "status")
    if "site" in term:
        _choice(term["site"], SITE_IDS, file, entry, "site", nullable=True)
    if "laterality" in term:
        _choice(term["laterality"], LATERALITY_VALUES, file, entry, "laterality", nullable=True)
    for key in ("asserted", "absorbs"):
        if key in term:
            _bool(term[key], file, entry, key)
    if "also" in term:
        for concept in _string_list(term["also"], file, entry, "also"):
            _choice(concept, CONCEPT_IDS, file, entry, "also")


def _validate_concepts(concepts: Any, file: str) -> None:
    seen = set()
    for index, entry in enumerate(_entries(concepts, file, "concepts")):
        entry_id = _entry_id(entry, file, index, CONCEPT_IDS)
        if entry_id in seen:
            raise VocabularyError(file, entry_id, "id", "duplicate concept id")
        seen.add(entry_id)
        _check_keys(entry, {"id", "description", "lateralized", "sited", "at_site", "terms"}, ("id", "terms"), file,
                    entry_id)
        if "at_site" in entry:
            if not isinstance(entry["at_site"], dict) or not entry["at_site"]:
                raise VocabularyError(file, entry_id, "at_site", "expected a mapping of site id -> concept id")
            for site, concept in entry["at_site"].items():
                _choice(site, SITE_IDS, file, entry_id, "at_site")
                _choice(concept, CONCEPT_IDS, file, entry_id, "at_site")
        for key in ("lateralized", "sited"):
            if key in entry:
                _bool(entry[key], file, entry_id, key)
        if "description" in entry and not isinstance(entry["description"], str):
            raise VocabularyError(file, entry_id, "description", "expected a string")
        for term in _entries(entry["terms"], file, "terms"):
            _validate_term(term, file, entry_id)


def _validate_phrases_or_tokens(entry: dict, file: str, entry_id: str, what: str) -> None:
    """A term, site, side or modifier is matched by literal phrases, spaCy token patterns, or both."""
    if "phrases" not in entry and "tokens" not in entry:
        raise VocabularyError(file, entry_id, "phrases", f"a {what} needs 'phrases' or 'tokens'")
    if "phrases" in entry:
        _string_list(entry["phrases"], file, entry_id, "phrases")
    if "tokens" in entry:
        _token_patterns(entry["tokens"], file, entry_id, "tokens")


def _validate_sites(sites: Any, file: str) -> None:
    for index, entry in enumerate(_entries(sites, file, "sites")):
        entry_id = _entry_id(entry, file, index, SITE_IDS)
        _check_keys(entry, {"id", "phrases", "tokens"}, ("id",), file, entry_id)
        _validate_phrases_or_tokens(entry, file, entry_id, "site")


def _validate_sides(sides: Any, file: str) -> None:
    for index, entry in enumerate(_entries(sides, file, "sides")):
        entry_id = _entry_id(entry, file, index)
        _check_keys(entry, {"id", "value", "phrases", "tokens"}, ("id", "value"), file, entry_id)
        _choice(entry["value"], SIDE_VALUES, file, entry_id, "value")
        _validate_phrases_or_tokens(entry, file, entry_id, "side")


def _validate_modifiers(modifiers: Any, file: str) -> None:
    for index, entry in enumerate(_entries(modifiers, file, "modifiers")):
        entry_id = _entry_id(entry, file, index)
        _check_keys(
            entry, {"id", "category", "direction", "phrases", "tokens", "max_scope", "terminated_by"},
            ("id", "category", "direction"), file, entry_id,
        )
        _choice(entry["category"], MODIFIER_CATEGORIES, file, entry_id, "category")
        _choice(entry["direction"], DIRECTIONS, file, entry_id, "direction")
        _validate_phrases_or_tokens(entry, file, entry_id, "modifier")
        if "max_scope" in entry:
            scope = entry["max_scope"]
            if not isinstance(scope, int) or isinstance(scope, bool) or scope <= 0:
                raise VocabularyError(file, entry_id, "max_scope", f"expected a positive integer, got {scope!r}")
        if "terminated_by" in entry:
            for category in _string_list(entry["terminated_by"], file, entry_id, "terminated_by"):
                _choice(category, MODIFIER_CATEGORIES, file, entry_id, "terminated_by")


_FILE_SCHEMAS = {
    "macros.yml": ("macros", _validate_macros),
    "concepts.yml": ("concepts", _validate_concepts),
    "sites.yml": ("sites", _validate_sites),
    "laterality.yml": ("sides", _validate_sides),
    "context.yml": ("modifiers", _validate_modifiers),
}


def validate_rule_pack(pack: Any, source: str = "rule pack") -> dict:
    """Check a whole rule pack; raise VocabularyError naming file, entry and key on the first problem."""
    if not isinstance(pack, dict):
        raise VocabularyError(source, None, None, "expected a mapping")
    _check_keys(pack, {"version", *(name for name, _ in _FILE_SCHEMAS.values())},
                ("version", *(name for name, _ in _FILE_SCHEMAS.values())), source, None)
    if pack["version"] != RULE_PACK_VERSION:
        raise VocabularyError(source, None, "version", f"unsupported version {pack['version']!r}")
    for file, (section, validate) in _FILE_SCHEMAS.items():
        validate(pack[section], f"{source}/{file}" if source != file else file)
    # Every {macro} used anywhere must exist.
    for phrase, file, entry in _all_phrases(pack):
        check_phrase(phrase, pack["macros"], file, entry)
    return pack


def _all_phrases(pack: dict):
    for concept in pack["concepts"]:
        for term in concept["terms"]:
            for phrase in term.get("phrases", ()):
                yield phrase, "concepts.yml", concept["id"]
    for section, file in (("sites", "sites.yml"), ("sides", "laterality.yml"), ("modifiers", "context.yml")):
        for entry in pack[section]:
            for phrase in entry.get("phrases", ()):
                yield phrase, file, entry["id"]


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
        raise VocabularyError(file, entry, "phrases", f"macros nest too deeply in {phrase!r}")
    choices: list[list[str]] = []
    for kind, value, optional in split_template(phrase):
        if kind == "text":
            choices.append([value])
            continue
        if value == GAP_MACRO:
            raise VocabularyError(file, entry, "phrases", f"{{{GAP_MACRO}}} cannot be used inside a macro value")
        if value not in macros:
            raise VocabularyError(file, entry, "phrases", f"unknown macro {{{value}}} in {phrase!r}")
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
        raise VocabularyError(file, entry, "phrases", f"macros nest too deeply in {phrase!r}")
    for kind, value, _ in split_template(phrase):
        if kind == "macro" and value != GAP_MACRO:
            if value not in macros:
                raise VocabularyError(file, entry, "phrases", f"unknown macro {{{value}}} in {phrase!r}")
            for item in macros[value]:
                check_phrase(item, macros, file, entry, _depth + 1)


# ---------------------------------------------------------------------------- loading


def default_vocabulary_dir() -> Path:
    return Path(str(resources.files("nlu.extraction") / "vocabulary"))


def load_rule_pack(path: str | Path | None = None) -> dict:
    """Read the vocabulary YAML files in `path` (default: the packaged vocabulary) into a rule pack."""
    directory = Path(path) if path is not None else default_vocabulary_dir()
    pack: dict[str, Any] = {"version": RULE_PACK_VERSION}
    for file, (section, _) in _FILE_SCHEMAS.items():
        file_path = directory / file
        try:
            data = yaml.safe_load(file_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise VocabularyError(str(file_path), None, None, "file not found") from None
        except yaml.YAMLError as error:
            raise VocabularyError(str(file_path), None, None, f"not valid YAML: {error}") from None
        _check_keys(data, {section}, (section,), file, None)
        pack[section] = data[section]
    return validate_rule_pack(pack, source=str(directory))
