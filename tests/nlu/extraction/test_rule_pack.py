"""The vocabulary is strict data: bad files fail loudly, naming file, entry and key."""

import json
import shutil

import pytest
import yaml

from common.contract import CONCEPTS
from nlu.extraction.pipeline import FindingExtractor
from nlu.extraction.rule_pack import (
    VocabularyError,
    default_vocabulary_dir,
    expand_phrase,
    load_rule_pack,
    validate_rule_pack,
)


@pytest.fixture
def vocabulary(tmp_path):
    """A writable copy of the packaged vocabulary and a helper to edit one of its files."""
    directory = tmp_path / "vocabulary"
    shutil.copytree(default_vocabulary_dir(), directory)

    def edit(file, change):
        data = yaml.safe_load((directory / file).read_text(encoding="utf-8"))
        change(data)
        (directory / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    return directory, edit


def entry(data, section, entry_id):
    return next(item for item in data[section] if item["id"] == entry_id)


def test_packaged_vocabulary_covers_every_contract_concept():
    pack = load_rule_pack()
    assert {concept["id"] for concept in pack["concepts"]} == set(CONCEPTS)


def test_rule_pack_survives_json_round_trip():
    pack = load_rule_pack()
    assert validate_rule_pack(json.loads(json.dumps(pack))) == pack


def test_unknown_key_names_file_entry_and_key(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "foot_drop")["terms"][0].update(colour="red"))
    with pytest.raises(VocabularyError) as error:
        load_rule_pack(directory)
    assert "terms.yml" in str(error.value) and error.value.entry == "foot_drop" and error.value.key == "colour"


def test_bad_status_value(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "numbness")["terms"][0].update(status="maybe"))
    with pytest.raises(VocabularyError, match="numbness.*'status'.*'maybe'"):
        load_rule_pack(directory)


def test_unknown_concept_id(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: d["concepts"].append({"id": "shoulder_pain", "terms": [{"phrases": ["x"]}]}))
    with pytest.raises(VocabularyError, match="shoulder_pain.*'id'"):
        load_rule_pack(directory)


def test_unknown_site_id(vocabulary):
    directory, edit = vocabulary
    edit("sites.yml", lambda d: d["sites"].append({"id": "elbow", "phrases": ["elbow"]}))
    with pytest.raises(VocabularyError, match="sites.yml.*elbow"):
        load_rule_pack(directory)


def test_unknown_site_a_concept_may_have(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "leg_pain").update(sites=["calf", "elbow"]))
    with pytest.raises(VocabularyError) as error:
        load_rule_pack(directory)
    assert "elbow" in str(error.value) and error.value.entry == "leg_pain" and error.value.key == "sites"


def test_bad_side_value(vocabulary):
    directory, edit = vocabulary
    edit("laterality.yml", lambda d: entry(d, "sides", "left").update(value="sinister"))
    with pytest.raises(VocabularyError, match="laterality.yml.*'left'.*'value'"):
        load_rule_pack(directory)


def test_bad_modifier_direction(vocabulary):
    directory, edit = vocabulary
    edit("context.yml", lambda d: entry(d, "modifiers", "termination").update(direction="SIDEWAYS"))
    with pytest.raises(VocabularyError, match="context.yml.*'termination'.*'direction'"):
        load_rule_pack(directory)


def test_a_modifier_for_an_unknown_concept_names_file_entry_and_key(vocabulary):
    directory, edit = vocabulary
    edit("context.yml", lambda d: entry(d, "modifiers", "care_timing").update(applies_to=["shoulder_pain"]))
    with pytest.raises(VocabularyError, match="context.yml.*'care_timing'.*'applies_to'.*shoulder_pain"):
        load_rule_pack(directory)


def test_unknown_macro_in_a_phrase(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "foot_drop")["terms"][0]["phrases"].append("{nope} drop"))
    with pytest.raises(VocabularyError, match="foot_drop.*unknown macro \\{nope\\}"):
        load_rule_pack(directory)


def test_malformed_token_pattern(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "weakness")["terms"].append({"tokens": [["EHL"]]}))
    with pytest.raises(VocabularyError, match="weakness.*'tokens'"):
        load_rule_pack(directory)


def test_token_pattern_spacy_rejects_is_reported(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "weakness")["terms"].append(
        {"tokens": [[{"LOWER": "ehl", "OP": "sometimes"}]]}))
    with pytest.raises(VocabularyError, match="'tokens'"):
        FindingExtractor.from_vocabulary(directory)


def test_missing_file_and_invalid_yaml(vocabulary):
    directory, _ = vocabulary
    (directory / "sites.yml").write_text("sites: [unclosed", encoding="utf-8")
    with pytest.raises(VocabularyError, match="sites.yml.*not valid YAML"):
        load_rule_pack(directory)
    (directory / "sites.yml").unlink()
    with pytest.raises(VocabularyError, match="sites.yml.*file not found"):
        load_rule_pack(directory)


def test_bad_rule_pack_from_a_model_names_the_key():
    pack = load_rule_pack()
    pack["concepts"][0]["terms"][0]["status"] = 3
    with pytest.raises(VocabularyError, match="'status'"):
        validate_rule_pack(pack, source="model rule pack")


def test_phrase_templates_expand_as_documented():
    macros = {"side": ["left", "right"], "det": ["my", "the"]}
    assert expand_phrase("{side} foot", macros) == ["left foot", "right foot"]
    assert expand_phrase("{det?} foot", macros) == ["my foot", "the foot", "foot"]


def test_a_custom_vocabulary_changes_what_is_found(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "foot_drop")["terms"][0]["phrases"].append("wonky ankle"))
    extractor = FindingExtractor.from_vocabulary(directory)
    assert [f["concept"] for f in extractor.extract("I have a wonky ankle")] == ["foot_drop"]


def test_vocabulary_files_have_no_duplicate_keys():
    """YAML keeps the last of two equal keys silently ("status: absent" twice hid a term's status once)."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
        duplicated = {key for key in keys if keys.count(key) > 1}
        assert not duplicated, f"duplicate key(s) {duplicated} at line {node.start_mark.line + 1}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    for path in sorted(default_vocabulary_dir().glob("*.yml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)


def test_no_context_phrase_is_in_two_modifiers():
    # medspaCy keeps one modifier of several on the same words, on a tie by the hash of its rule id, which
    # shifts whenever a phrase is added anywhere: a phrase in two modifiers would flip between them.
    from nlu.extraction.pipeline import default_extractor

    owners: dict[str, set] = {}
    for rule in default_extractor().nlp.get_pipe("medspacy_context").rules:
        key = rule.literal.lower() if rule.pattern is None else repr(rule.pattern)
        owners.setdefault(key, set()).add(rule.metadata["id"])
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_listed_must_be_true_or_false(vocabulary):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "weakness")["terms"][0].update(listed="yes"))
    with pytest.raises(VocabularyError) as error:
        load_rule_pack(directory)
    assert error.value.entry == "weakness" and error.value.key == "listed"


def test_a_pack_without_path_origins_still_loads_and_builds():
    # "origins" came later than the other path lists: a pack persisted before it has none
    pack = load_rule_pack()
    del pack["paths"]["origins"]
    older = validate_rule_pack(json.loads(json.dumps(pack)))
    extractor = FindingExtractor.from_rule_pack(older)
    found = {f["concept"] for f in extractor.extract("pain shooting from my left buttock down my leg into my foot")}
    assert {"buttock_pain", "leg_pain", "foot_pain"} <= found      # paths still run, with no start words
    started = {f["concept"] for f in extractor.extract("pain that starts in my left butt cheek and shoots down")}
    assert "buttock_pain" not in started        # without origins, "starts in" begins no path


def test_path_origins_must_be_strings(vocabulary):
    directory, edit = vocabulary
    edit("paths.yml", lambda d: d["paths"].update(origins=[1]))
    with pytest.raises(VocabularyError, match="origins"):
        load_rule_pack(directory)


@pytest.mark.parametrize("bad", [["The"], ["the pain"], "the", [""]])
def test_not_after_must_be_single_lowercase_words(vocabulary, bad):
    directory, edit = vocabulary
    edit("terms.yml", lambda d: entry(d, "concepts", "difficulty_walking")["terms"][0].update(not_after=bad))
    with pytest.raises(VocabularyError) as error:
        load_rule_pack(directory)
    assert error.value.entry == "difficulty_walking" and error.value.key == "not_after"


def test_not_after_drops_a_match_followed_by_its_word():
    pack = load_rule_pack()
    text = "numb toes and my foot drop today"
    assert "foot_drop" in {f["concept"] for f in FindingExtractor.from_rule_pack(pack).extract(text)}
    for term in entry(pack, "concepts", "foot_drop")["terms"]:
        term["not_after"] = ["today"]
    found = FindingExtractor.from_rule_pack(validate_rule_pack(pack)).extract(text)
    assert "foot_drop" not in {f["concept"] for f in found}
    assert "numbness" in {f["concept"] for f in found}


@pytest.mark.parametrize("bad", ["ago", [1]])
def test_safety_net_onset_not_before_must_be_a_list_of_strings(vocabulary, bad):
    directory, edit = vocabulary
    edit("safety_net.yml", lambda d: d["safety_net"].update(onset_not_before=bad))
    with pytest.raises(VocabularyError) as error:
        load_rule_pack(directory)
    assert "safety_net.yml" in str(error.value) and error.value.key == "onset_not_before"


def test_safety_net_onset_not_before_drops_an_onset_after_its_word():
    pack = load_rule_pack()
    text = "2 years ago today i couldnt walk"
    onsets = lambda p: [f for f in FindingExtractor.from_rule_pack(p).extract(text) if f["concept"] == "sudden_onset"]
    assert onsets(pack) == []
    del pack["safety_net"]["onset_not_before"]
    assert onsets(validate_rule_pack(pack))
