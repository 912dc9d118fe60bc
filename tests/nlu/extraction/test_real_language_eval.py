"""The real-language evaluation sets (issue 10): the strict loader, the scorer's folding and
reported-diagnosis counts, and the bars held on the development split (the untouched test split is
only loaded here, never scored: its figures are reported by `make eval`, not tuned on)."""

from pathlib import Path

import pytest

from nlu.extraction.evaluate import consolidate, evaluate
from nlu.extraction.pipeline import default_extractor
from nlu.extraction.real_language import EvalSetError, is_real_language_set, load_cases

DATA = Path(__file__).resolve().parents[1] / "data" / "real_language"
CASE = """cases:
  - id: d001
    source: https://example.org/a
    genre: blog
    style: patient
    text: "my left foot is numb and my back hurts"
    subject: self
    findings:
      - {concept: numbness, status: present, laterality: left}
    red_flag: none
    expected: lumbar_radiculopathy
"""


def write(tmp_path, text):
    path = tmp_path / "set.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_both_splits_load_with_every_key_filled():
    dev, test = load_cases(DATA / "dev.yml"), load_cases(DATA / "test.yml")
    assert len(dev) >= 199 and len(test) >= 60
    assert not {case["source"] for case in dev} & {case["source"] for case in test}
    for case in dev + test:
        assert set(case) == {"id", "source", "genre", "style", "text", "subject", "findings",
                             "reported_diagnoses", "red_flag", "expected"}
    dev2 = load_cases(DATA / "dev2.yml")
    assert len(dev2) >= 120 and not {case["source"] for case in dev2} & {case["source"] for case in test}
    assert is_real_language_set(DATA / "dev.yml")
    assert not is_real_language_set(DATA.parent / "extraction_eval.yml")


@pytest.mark.parametrize("edit, key", [
    (lambda s: s.replace("    red_flag: none", "    red_flag: none\n    colour: red"), "colour"),
    (lambda s: s.replace("status: present, laterality", "status: present, side"), "findings[0].side"),
    (lambda s: s.replace("concept: numbness", "concept: elbow_pain"), "findings[0].concept"),
    (lambda s: s.replace("red_flag: none", "red_flag: maybe"), "red_flag"),
    (lambda s: s.replace("    expected: lumbar_radiculopathy\n", ""), "expected"),
    (lambda s: s.replace("    red_flag: none", "    reported_diagnoses: [{condition: gout}]\n    red_flag: none"),
     "reported_diagnoses[0].condition"),
    (lambda s: s.replace("    red_flag: none", "    reported_diagnoses: [{condition: sciatica, level: L4-5}]\n"
                         "    red_flag: none"), "reported_diagnoses[0].level"),
])
def test_the_loader_rejects_unknown_keys_and_bad_values_naming_case_and_key(tmp_path, edit, key):
    with pytest.raises(EvalSetError) as error:
        load_cases(write(tmp_path, edit(CASE)))
    assert error.value.entry == "d001" and error.value.key == key


def test_duplicate_case_ids_are_rejected(tmp_path):
    text = CASE + CASE.split("cases:\n", 1)[1]
    with pytest.raises(EvalSetError, match="duplicate case id"):
        load_cases(write(tmp_path, text))


def finding(concept, status="present", laterality=None, site=None, experiencer="patient", historical=False):
    return {"concept": concept, "status": status, "laterality": laterality, "site": site,
            "experiencer": experiencer, "historical": historical}


def test_consolidate_folds_only_a_less_specific_repeat():
    left = finding("numbness", laterality="left")
    bare = finding("numbness")
    right = finding("numbness", laterality="right")
    other = finding("numbness", experiencer="other")
    assert consolidate([left, bare, right, other]) == [left, right, other]
    assert consolidate([bare]) == [bare]


def test_consolidate_folds_the_foot_at_large_into_a_precise_part_of_it():
    toes = finding("numbness", site="foot")
    sole = finding("numbness", site="sole")
    calf = finding("numbness", site="calf")
    assert consolidate([toes, sole]) == [sole]
    assert consolidate([toes, calf]) == [toes, calf]     # the calf is not a part of the foot


def test_scorer_counts_reported_diagnoses_and_experiencer_by_hand():
    items = [{"text": "a", "findings": [{"concept": "numbness", "status": "present"},
                                        {"concept": "diabetes", "status": "present", "experiencer": "other"}],
              "reported_diagnoses": [{"condition": "prolapsed_disc"}, {"condition": "sciatica"}]}]
    predictions = [finding("numbness"), finding("diabetes"), finding("dx_prolapsed_disc"),
                   finding("dx_spondylolisthesis"), finding("dx_sciatica", status="uncertain")]
    report = evaluate(items, lambda text: predictions, fold=True)
    assert (report.dx_tp, report.dx_fp, report.dx_fn) == (1, 1, 1)
    assert (report.experiencer_right, report.experiencer_total) == (1, 2)
    # dx predictions never count as finding false positives
    assert set(report.fp) == {"diabetes"} and report.tp["numbness"] == 1


@pytest.fixture(scope="module")
def dev_report():
    return evaluate(load_cases(DATA / "dev.yml"), default_extractor().extract, fold=True)


def test_development_split_bars(dev_report):
    # Measured 0.836 / 0.975 / 0.993 / 0.87 when these bars were set; they guard against regressions.
    assert dev_report.micro_f1 >= 0.80
    assert dev_report.negation_accuracy >= 0.95
    assert dev_report.experiencer_accuracy >= 0.97
    assert dev_report.dx_prf()[1] >= 0.80
