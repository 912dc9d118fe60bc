"""RadixFindingExtractor as Rasa runs it: create -> train -> persist -> load (fresh) -> process."""

import json

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import nlu.extraction.rule_pack as vocabulary
from nlu.components.finding_extractor import RadixFindingExtractor
from nlu.extraction.rule_pack import VocabularyError

CONFIG = RadixFindingExtractor.get_default_config()
CONTEXT = ExecutionContext(GraphSchema({}), "test")


@pytest.fixture
def storage(tmp_path):
    (tmp_path / "model").mkdir()
    return LocalModelStorage(tmp_path / "model"), Resource("radix_finding_extractor")


@pytest.fixture(scope="module")
def component(tmp_path_factory):
    """One trained-and-reloaded component for the read-only tests (building one takes seconds)."""
    directory = tmp_path_factory.mktemp("model")
    return trained((LocalModelStorage(directory), Resource("radix_finding_extractor")))


def trained(storage, config=CONFIG):
    model_storage, resource = storage
    RadixFindingExtractor.create(config, model_storage, resource, CONTEXT).train(TrainingData())
    return RadixFindingExtractor.load(config, model_storage, resource, CONTEXT)


def process(component, text, entities=None):
    message = Message.build(text=text)
    if entities is not None:
        message.set("entities", entities)
    component.process([message])
    return message.get("entities")


def test_registered_as_entity_extractor_with_the_default_recipe():
    registered = DefaultV1Recipe._registered_components[RadixFindingExtractor.__name__]
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable


def test_train_persists_the_rule_pack_json(storage):
    model_storage, resource = storage
    RadixFindingExtractor.create(CONFIG, model_storage, resource, CONTEXT).train(TrainingData())
    with model_storage.read_from(resource) as path:
        pack = json.loads((path / RadixFindingExtractor.RULE_PACK_FILE_NAME).read_text(encoding="utf-8"))
    assert pack == vocabulary.load_rule_pack()


def test_loaded_component_extracts_the_acceptance_sentence(component):
    entities = process(component, "Pt c/o R foot numbness, denies bladder problems, can't heel walk")
    by_concept = {e["entity"]: e for e in entities}
    assert by_concept["numbness"]["value"] == "present" and by_concept["numbness"]["laterality"] == "right"
    assert by_concept["bladder_dysfunction"]["value"] == "absent"
    assert by_concept["heel_walk_weakness"]["status"] == "present"


def test_entity_shape(component):
    text = "my left foot is numb"
    (entity,) = process(component, text)
    assert entity == {
        "entity": "numbness", "value": "present", "start": 16, "end": 20, "confidence_entity": 1.0,
        "extractor": "RadixFindingExtractor", "concept": "numbness", "status": "present", "site": "foot",
        "laterality": "left", "experiencer": "patient", "historical": False, "text": "numb",
    }
    assert text[entity["start"]:entity["end"]] == "numb"
    assert "role" not in entity and "group" not in entity


def test_process_appends_to_existing_entities(component):
    existing = [{"entity": "level", "value": "L5", "start": 0, "end": 2, "extractor": "RegexEntityExtractor"}]
    entities = process(component, "L5 foot drop", entities=list(existing))
    assert entities[0] == existing[0]
    assert [e["entity"] for e in entities[1:]] == ["foot_drop"]


def test_load_uses_the_persisted_pack_not_the_repository(storage, monkeypatch):
    model_storage, resource = storage
    RadixFindingExtractor.create(CONFIG, model_storage, resource, CONTEXT).train(TrainingData())

    def no_repo_files(*args, **kwargs):
        raise AssertionError("load() read the repository vocabulary")

    monkeypatch.setattr(vocabulary, "load_rule_pack", no_repo_files)
    monkeypatch.setattr(vocabulary, "default_vocabulary_dir", no_repo_files)
    component = RadixFindingExtractor.load(CONFIG, model_storage, resource, CONTEXT)
    assert [e["entity"] for e in process(component, "foot drop")] == ["foot_drop"]


def test_trained_with_a_custom_vocabulary_keeps_it_in_the_model(storage, tmp_path):
    import shutil

    import yaml

    custom = tmp_path / "vocabulary"
    shutil.copytree(vocabulary.default_vocabulary_dir(), custom)
    concepts = yaml.safe_load((custom / "terms.yml").read_text())
    next(c for c in concepts["concepts"] if c["id"] == "foot_drop")["terms"][0]["phrases"].append("wonky ankle")
    (custom / "terms.yml").write_text(yaml.safe_dump(concepts))
    component = trained(storage, {**CONFIG, "vocabulary_path": str(custom)})
    shutil.rmtree(custom)
    assert [e["entity"] for e in process(component, "a wonky ankle")] == ["foot_drop"]


def test_a_changed_vocabulary_changes_the_components_training_fingerprint(tmp_path):
    # Rasa restores a cached component when its fingerprint is unchanged; the vocabulary is not training
    # data, so without this a vocabulary change kept the old rule pack in every newly trained model.
    import shutil

    custom = tmp_path / "vocabulary"
    shutil.copytree(vocabulary.default_vocabulary_dir(), custom)
    config = {**CONFIG, "vocabulary_path": str(custom)}
    before = RadixFindingExtractor.fingerprint_addon(config)
    assert RadixFindingExtractor.fingerprint_addon(config) == before
    with (custom / "safety_net.yml").open("a", encoding="utf-8") as file:
        file.write("\n# a comment is enough\n")
    assert RadixFindingExtractor.fingerprint_addon(config) != before


def test_tampered_pack_is_rejected_naming_the_key(storage):
    model_storage, resource = storage
    RadixFindingExtractor.create(CONFIG, model_storage, resource, CONTEXT).train(TrainingData())
    with model_storage.write_to(resource) as path:
        file = path / RadixFindingExtractor.RULE_PACK_FILE_NAME
        pack = json.loads(file.read_text())
        pack["concepts"][0]["shade"] = "blue"
        file.write_text(json.dumps(pack))
    with pytest.raises(VocabularyError, match="'shade'"):
        RadixFindingExtractor.load(CONFIG, model_storage, resource, CONTEXT)


def test_missing_pack_fails_to_load_with_a_clear_error(storage):
    model_storage, resource = storage
    with pytest.raises(VocabularyError, match="no readable rule pack"):
        RadixFindingExtractor.load(CONFIG, model_storage, resource, CONTEXT)


def test_malformed_pack_json_fails_to_load_with_a_clear_error(storage):
    model_storage, resource = storage
    RadixFindingExtractor.create(CONFIG, model_storage, resource, CONTEXT).train(TrainingData())
    with model_storage.write_to(resource) as path:
        (path / RadixFindingExtractor.RULE_PACK_FILE_NAME).write_text("{not json")
    with pytest.raises(VocabularyError, match="radix_rule_pack.json.*no readable rule pack"):
        RadixFindingExtractor.load(CONFIG, model_storage, resource, CONTEXT)


def test_untrained_component_processes_nothing_without_crashing(storage, caplog):
    model_storage, resource = storage
    component = RadixFindingExtractor.create(CONFIG, model_storage, resource, CONTEXT)
    message = Message.build(text="foot drop")
    component.process([message])
    assert message.get("entities", []) == []
    assert "no rule pack" in caplog.text


@pytest.mark.parametrize("text", ["", "   ", "😩🦶", "我的脚麻木了", "\x00\x07", "x" * 100_000],
                         ids=["empty", "blank", "emoji", "cjk", "control", "100k"])
def test_odd_messages_give_no_entities_and_no_exception(component, text):
    assert process(component, text) == []


def test_oversized_message_is_skipped_with_a_log_line(component, caplog):
    from nlu.extraction.pipeline import MAX_TEXT_CHARS

    assert process(component, "numb " * (MAX_TEXT_CHARS // 5 + 1)) == []
    assert "skipped a message" in caplog.text


def test_other_experiencer_can_be_dropped(storage, component):
    # The writer's own numb foot makes the writer the subject: the mother's foot drop is someone else's.
    text = "my mother had foot drop and now my foot is numb"
    without_others = trained(storage, {**CONFIG, "include_other_experiencer": False})
    assert [e["entity"] for e in process(without_others, text)] == ["numbness"]
    kept = process(component, text)
    assert [(e["entity"], e["experiencer"]) for e in kept] == [("foot_drop", "other"), ("numbness", "patient")]
