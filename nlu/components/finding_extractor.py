"""Rasa NLU component that turns free text into Radix findings (entities).

It wraps nlu.extraction.FindingExtractor (spaCy + medspaCy TargetMatcher/ConText). Training reads the
vocabulary YAML and persists the validated rule pack as JSON in the model, so a trained model archive
is self-contained: loading rebuilds the extractor from that JSON, never from the repository files.

Each finding becomes one entity carrying the whole finding (common/finding.py, Finding.to_entity):
    {"entity": concept, "value": status, "start", "end", "confidence_entity": 1.0,
     "extractor": "RadixFindingExtractor", "concept", "status", "site", "laterality", "experiencer",
     "historical", "text"}
so the actions read back the same finding, the user's own words included.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.finding import Finding

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class RadixFindingExtractor(GraphComponent, EntityExtractorMixin):
    """Extracts symptom / exam findings with status, site, laterality, experiencer and history."""

    RULE_PACK_FILE_NAME = "radix_rule_pack.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The component's default config (see parent class for full docstring)."""
        return {
            # Vocabulary directory read at training time; None = the vocabulary packaged in
            # nlu/extraction/vocabulary. The trained model keeps its own copy (rule pack JSON).
            "vocabulary_path": None,
            # Emit findings about other people ("my mother had foot drop") with experiencer "other".
            # Actions read the "experiencer" key; set False to drop them here instead.
            "include_other_experiencer": True,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        rule_pack: Optional[Dict[Text, Any]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._rule_pack = rule_pack
        self._extractor = None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RadixFindingExtractor":
        """Creates a new untrained component (see parent class for full docstring)."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        """The vocabulary's digest: a changed vocabulary retrains this component instead of restoring the
        old rule pack from Rasa's training cache (the vocabulary is neither config nor training data)."""
        from nlu.extraction.rule_pack import vocabulary_fingerprint

        return vocabulary_fingerprint(config.get("vocabulary_path"))

    def train(self, training_data: TrainingData) -> Resource:
        """Read and validate the vocabulary, then persist it as a rule pack in the model."""
        from nlu.extraction.rule_pack import load_rule_pack

        self._rule_pack = load_rule_pack(self._config["vocabulary_path"])
        self.persist()
        return self._resource

    def persist(self) -> None:
        """Write the rule pack JSON into this component's model storage."""
        if self._rule_pack is None:
            return
        with self._model_storage.write_to(self._resource) as model_path:
            (model_path / self.RULE_PACK_FILE_NAME).write_text(
                json.dumps(self._rule_pack, ensure_ascii=False, indent=1), encoding="utf-8"
            )

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "RadixFindingExtractor":
        """Rebuild from the persisted rule pack (never from the repository's vocabulary files).

        A model without a readable pack fails to load with a clear VocabularyError instead of running
        without finding extraction: silently missing red flags (saddle anaesthesia, retention) is worse
        than a server that refuses to start.
        """
        from nlu.extraction.pipeline import FindingExtractor
        from nlu.extraction.rule_pack import VocabularyError

        where = f"model resource {resource.name}/{cls.RULE_PACK_FILE_NAME}"
        try:
            with model_storage.read_from(resource) as model_path:
                rule_pack = json.loads((model_path / cls.RULE_PACK_FILE_NAME).read_text(encoding="utf-8"))
        except (ValueError, OSError) as error:
            raise VocabularyError(f"no readable rule pack ({error}); retrain the model", file=where) from None
        component = cls(config, model_storage, resource, rule_pack=rule_pack)
        # Built here (model load), not at import; a bad pack raises VocabularyError naming the key.
        component._extractor = FindingExtractor.from_rule_pack(rule_pack, source=where)
        return component

    def _get_extractor(self):
        if self._extractor is None and self._rule_pack is not None:
            from nlu.extraction.pipeline import FindingExtractor

            self._extractor = FindingExtractor.from_rule_pack(self._rule_pack, source="trained rule pack")
        return self._extractor

    def process(self, messages: List[Message]) -> List[Message]:
        """Append finding entities to each message's entities (existing entities are kept)."""
        extractor = self._get_extractor()
        if extractor is None:
            logger.warning("RadixFindingExtractor has no rule pack (not trained?); no findings extracted.")
            return messages
        for message in messages:
            entities = self.entities_for_text(message.get(TEXT))
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages

    def entities_for_text(self, text: Any) -> List[Dict[Text, Any]]:
        """Rasa entity dicts for one text; odd input gives [] and a log line, never an exception."""
        from nlu.extraction.pipeline import InputTooLongError

        if not isinstance(text, str) or not text.strip():
            return []
        try:
            findings = self._get_extractor().extract(text)
        except InputTooLongError as error:
            logger.warning("RadixFindingExtractor skipped a message: %s", error)
            return []
        return [Finding.from_dict(finding).to_entity() for finding in findings
                if finding["experiencer"] == "patient" or self._config["include_other_experiencer"]]
