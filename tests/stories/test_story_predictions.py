"""`rasa test` on the end-to-end test stories: the trained model predicts each step."""
import os
import subprocess
import sys

from common.settings import PROJECT_ROOT, load_settings


def test_test_stories_are_predicted_without_errors(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "test", "core",
         "--model", str(load_settings().model_path),
         "--stories", "tests/stories/test_stories.yml",
         "--out", str(tmp_path), "--fail-on-prediction-errors", "--no-plot"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert (tmp_path / "failed_test_stories.yml").read_text().strip().endswith(
        "# None of the test stories failed - all good!"
    )
