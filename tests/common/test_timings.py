"""Stage timings for `make bench-turn`: one line per stage per process, off by default."""
from common import timings


def test_stages_are_written_per_process_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv(timings.ENV, str(tmp_path))
    log = timings.StageLog()
    with log.stage("engine"):
        pass
    log.record("engine", 2.5)
    log.record("tracker store write", 4.0)
    stages = timings.read_stage_logs(tmp_path)
    assert len(stages["engine"]) == 2 and stages["engine"][1] == 2.5
    assert stages["tracker store write"] == [4.0]
    assert len(list(tmp_path.glob("*.tsv"))) == 1


def test_off_by_default_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv(timings.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    log = timings.StageLog()
    with log.stage("engine"):
        pass
    assert not log.enabled and not list(tmp_path.iterdir())
