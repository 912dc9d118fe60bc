"""The benchmark command runs end to end and prints its figures (speed itself is not asserted)."""

from nlu.extraction.bench import main


def test_bench_prints_extractor_and_component_rates(capsys):
    assert main(["--messages", "32"]) == 0
    out = capsys.readouterr().out
    assert "extractor (FindingExtractor.extract)" in out and "Rasa component" in out
    assert out.count("msgs/s") >= 2
    assert "whole Rasa NLU pipeline: skipped" in out


def test_bench_rejects_a_missing_model_and_bad_counts(capsys, tmp_path):
    assert main(["--model", str(tmp_path / "none.tar.gz")]) == 2
    assert main(["--messages", "0"]) == 2
    assert "error:" in capsys.readouterr().err
