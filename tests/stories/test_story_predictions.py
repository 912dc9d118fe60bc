"""The end-to-end test stories (`rasa test core`'s evaluation, run in-process on the session's
trained model): the model predicts each step."""
from rasa.core.test import test as evaluate_stories

from common.settings import PROJECT_ROOT

TEST_STORIES = PROJECT_ROOT / "tests" / "stories" / "test_stories.yml"


def test_test_stories_are_predicted_without_errors(radix, tmp_path):
    # fail_on_prediction_errors raises on the first wrong prediction, naming the story and step.
    result = radix.loop.run_until_complete(evaluate_stories(
        str(TEST_STORIES), radix.agent, out_directory=str(tmp_path),
        fail_on_prediction_errors=True, disable_plotting=True))
    assert result["is_end_to_end_evaluation"] is False
    assert result["report"], "no story step was evaluated"
    assert (tmp_path / "failed_test_stories.yml").read_text().strip().endswith(
        "# None of the test stories failed - all good!"
    )
