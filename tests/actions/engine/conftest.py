import shutil

import pytest

from actions.engine.loader import default_knowledge_dir, load_knowledge


@pytest.fixture
def knowledge_copy(tmp_path):
    """A writable copy of the packaged knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), target)
    return target


@pytest.fixture(scope="session")
def packaged_knowledge():
    """The packaged knowledge, loaded once (load_knowledge caches it too)."""
    return load_knowledge()


@pytest.fixture
def knowledge(packaged_knowledge):
    """The packaged knowledge under the name the engine's API uses."""
    return packaged_knowledge
