import shutil

import pytest

from actions.engine.loader import default_knowledge_dir


@pytest.fixture
def knowledge_copy(tmp_path):
    """A writable copy of the packaged knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), target)
    return target
