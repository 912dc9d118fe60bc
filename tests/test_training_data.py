"""`rasa data validate --fail-on-warnings` over the real domain, NLU data, stories and config, run
in-process (the CLI's own validate_files; it exits non-zero on any error or warning)."""
import pytest
from rasa.cli.utils import validate_files
from rasa.shared.importers.importer import TrainingDataImporter

from common.settings import PROJECT_ROOT


def _importer(*data: str) -> TrainingDataImporter:
    return TrainingDataImporter.load_from_config(
        config_path=str(PROJECT_ROOT / "config.yml"), domain_path=str(PROJECT_ROOT / "bot" / "domain"),
        training_data_paths=[str(PROJECT_ROOT / path) for path in data])   # an absolute path stays as it is


def test_rasa_data_validate_passes():
    validate_files(fail_on_warnings=True, max_history=None, importer=_importer("nlu/training", "stories"))


def test_a_story_naming_an_action_the_domain_lacks_fails_validation(tmp_path):
    stories = tmp_path / "stories.yml"
    stories.write_text('version: "3.1"\nstories:\n  - story: unknown action\n    steps:\n'
                       '      - intent: chitchat\n      - action: action_nobody_wrote\n')
    with pytest.raises(SystemExit) as exit_info:
        validate_files(fail_on_warnings=True, max_history=None, importer=_importer("nlu/training", str(stories)))
    assert exit_info.value.code not in (0, None)
