"""Importing the packages builds nothing (house rule: no work at import time)."""

import subprocess
import sys


def test_importing_extraction_and_component_does_not_build_a_pipeline():
    code = (
        "import sys, nlu.extraction, nlu.extraction.pipeline, nlu.extraction.vocabulary;"
        "from nlu.extraction import pipeline;"
        "assert pipeline._DEFAULT_EXTRACTOR is None;"
        "assert 'medspacy' not in sys.modules, 'medspacy imported at import time';"
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            env={"RASA_TELEMETRY_ENABLED": "false", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
