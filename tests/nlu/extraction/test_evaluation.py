"""The annotated evaluation set: the quality bars of the issue, and the scorer itself."""

from pathlib import Path

import pytest

from nlu.extraction.evaluate import RED_FLAG_CONCEPTS, evaluate, format_report, load_eval_set, main
from nlu.extraction.pipeline import default_extractor

EVAL_SET = Path(__file__).resolve().parents[1] / "data" / "extraction_eval.yml"


@pytest.fixture(scope="module")
def report():
    return evaluate(load_eval_set(EVAL_SET), default_extractor().extract)


def test_eval_set_is_large_and_varied():
    sentences = load_eval_set(EVAL_SET)
    assert len(sentences) >= 150
    styles = {item["style"] for item in sentences}
    assert styles == {"patient", "resident"}
    statuses = {f["status"] for item in sentences for f in item["findings"]}
    assert statuses == {"present", "absent", "uncertain"}
    assert sum(len(item["findings"]) >= 2 for item in sentences) >= 50
    assert any(not item["findings"] for item in sentences)
    for concept in RED_FLAG_CONCEPTS:
        for status in ("present", "absent"):
            assert any(f["concept"] == concept and f["status"] == status
                       for item in sentences for f in item["findings"]), (concept, status)


def test_micro_f1_at_least_0_90(report):
    assert report.micro_f1 >= 0.90, format_report(report)


def test_no_regression_from_before_issue_10(report):
    # The figures before issue 10 (docs/extraction.md): real-language work must not cost these sets.
    assert report.micro_f1 >= 0.970, format_report(report)
    assert report.negation_accuracy >= 0.990, format_report(report)
    holdout = evaluate(load_eval_set(EVAL_SET.parent / "extraction_holdout.yml"), default_extractor().extract)
    assert holdout.micro_f1 >= 0.897, format_report(holdout)


def test_no_red_flag_misses_or_false_alarms(report):
    assert report.red_flag_misses() == [], format_report(report)


def test_scorer_counts_by_hand():
    sentences = [
        {"text": "a", "style": "patient", "findings": [
            {"concept": "numbness", "status": "present", "laterality": "left"},
            {"concept": "tingling", "status": "absent"}]},
        {"text": "b", "style": "resident", "findings": []},
    ]
    predictions = {
        "a": [
            {"concept": "numbness", "status": "present", "laterality": "left", "site": None,
             "experiencer": "patient", "historical": False},
            {"concept": "tingling", "status": "present", "laterality": None, "site": None,
             "experiencer": "patient", "historical": False},
        ],
        "b": [{"concept": "sudden_onset", "status": "present", "laterality": None, "site": None,
               "experiencer": "patient", "historical": False}],
    }
    result = evaluate(sentences, lambda text: predictions[text])
    assert (result.tp["numbness"], result.fn["tingling"], result.fp["tingling"], result.fp["sudden_onset"]) == (1, 1, 1, 1)
    assert result.prf() == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert result.negation_accuracy == pytest.approx(1 / 2)
    assert [miss.kind for miss in result.red_flag_misses()] == ["FP"]


def test_laterality_is_only_checked_when_annotated():
    sentences = [{"text": "x", "style": "patient", "findings": [{"concept": "numbness", "status": "present"}]}]
    predicted = [{"concept": "numbness", "status": "present", "laterality": "right", "site": "sole",
                  "experiencer": "patient", "historical": False}]
    assert evaluate(sentences, lambda text: predicted).micro_f1 == 1.0


def test_cli_prints_figures_and_misses(capsys):
    assert main(["--set", str(EVAL_SET)]) == 0
    out = capsys.readouterr().out
    assert "micro  P=" in out and "negation/status accuracy" in out and "Confusion list" in out
    assert "split holdout" in out


def test_cli_reports_a_broken_eval_set(tmp_path, capsys):
    bad = tmp_path / "bad.yml"
    bad.write_text("sentences:\n  - {text: hi, style: patient, findings: [{concept: elbow_pain, status: present}]}\n")
    assert main(["--set", str(bad)]) == 2
    assert "elbow_pain" in capsys.readouterr().err
