"""`rasa data validate --fail-on-warnings` over the real domain, NLU data, stories and config, run
in-process (the CLI's own validate_files; it exits non-zero on any error or warning)."""
from rasa.cli.utils import validate_files
from rasa.shared.importers.importer import TrainingDataImporter

from common.settings import PROJECT_ROOT


def _validation_exit_code(*data: str) -> int:
    """What `rasa data validate --fail-on-warnings` would exit with (0: valid)."""
    importer = TrainingDataImporter.load_from_config(
        config_path=str(PROJECT_ROOT / "config.yml"), domain_path=str(PROJECT_ROOT / "bot" / "domain"),
        training_data_paths=[str(PROJECT_ROOT / path) for path in data])   # an absolute path stays as it is
    try:
        validate_files(fail_on_warnings=True, max_history=None, importer=importer)
    except SystemExit as exit_info:
        return exit_info.code if isinstance(exit_info.code, int) else 1
    return 0


def test_rasa_data_validate_passes():
    assert _validation_exit_code("nlu/training", "stories") == 0


def test_a_story_naming_an_action_the_domain_lacks_fails_validation(tmp_path):
    stories = tmp_path / "stories.yml"
    stories.write_text('version: "3.1"\nstories:\n  - story: unknown action\n    steps:\n'
                       '      - intent: chitchat\n      - action: action_nobody_wrote\n')
    assert _validation_exit_code("nlu/training", str(stories)) != 0
