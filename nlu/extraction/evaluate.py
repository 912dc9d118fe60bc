"""Score the extractor against a hand-annotated evaluation set.

    python -m nlu.extraction.evaluate [--set PATH] [--vocabulary DIR]

Prints per-concept precision / recall / F1, micro-F1, negation (status) accuracy, experiencer accuracy,
red-flag misses, reported-diagnosis precision / recall and a confusion list of every miss (FN / FP with
its text). Exit code 0 always; the tests assert the bars. The whole report for every set, with the
engine's triage and ranking, is ``python -m actions.evaluation`` (``make eval``).

Two formats: ``sentences`` sets (tests/nlu/data/extraction_*.yml) and the real-language ``cases`` sets
(tests/nlu/data/real_language/, loaded by real_language.py).

Matching (per text): a predicted finding matches a gold one when concept, status and experiencer
agree, and laterality / site / historical agree where the gold entry states them. Identical predictions
in one text count once (a sentence can say "sudden ... overnight"). The real-language protocol annotates
one entry per concept per text unless status, side, site or experiencer differ, so there a prediction
that only repeats a more specific one of the same concept (same status, experiencer, history, with no
side or site of its own) is folded into it. Reported diagnoses (``dx_`` concepts) are scored apart,
against the case's ``reported_diagnoses`` (present, about the consultation subject).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from common.contract import (EXPERIENCERS, FOOT_AT_LARGE, FOOT_SITES, LATERALITIES, RED_FLAG_CONCEPTS, REPORTED_DIAGNOSIS_CONCEPTS,
                             SITES, STATUSES, SYMPTOM_CONCEPTS)

DEFAULT_SET = Path(__file__).resolve().parents[2] / "tests" / "nlu" / "data" / "extraction_eval.yml"
_GOLD_KEYS = {"concept", "status", "laterality", "site", "experiencer", "historical"}
_OPTIONAL_CHECKS = ("laterality", "site", "historical")


class EvalSetError(ValueError):
    pass


@dataclass
class Miss:
    kind: str  # "FN" or "FP"
    finding: dict
    text: str


@dataclass
class Report:
    sentences: int = 0
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    status_right: int = 0
    status_total: int = 0
    experiencer_right: int = 0
    experiencer_total: int = 0
    dx_tp: int = 0
    dx_fp: int = 0
    dx_fn: int = 0
    misses: list = field(default_factory=list)

    def prf(self, concept: str | None = None) -> tuple[float, float, float]:
        if concept is None:
            tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        else:
            tp, fp, fn = self.tp[concept], self.fp[concept], self.fn[concept]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def micro_f1(self) -> float:
        return self.prf()[2]

    @property
    def negation_accuracy(self) -> float:
        return self.status_right / self.status_total if self.status_total else 1.0

    @property
    def experiencer_accuracy(self) -> float:
        return self.experiencer_right / self.experiencer_total if self.experiencer_total else 1.0

    def dx_prf(self) -> tuple[float, float]:
        """(precision, recall) of reported diagnoses."""
        found = self.dx_tp + self.dx_fp
        gold = self.dx_tp + self.dx_fn
        return (self.dx_tp / found if found else 1.0, self.dx_tp / gold if gold else 1.0)

    def red_flag_misses(self) -> list[Miss]:
        return [miss for miss in self.misses if miss.finding["concept"] in RED_FLAG_CONCEPTS]


def load_eval_set(path: str | Path = DEFAULT_SET) -> list[dict]:
    """Read and check the evaluation set; errors name the sentence and key."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"sentences"} or not isinstance(data["sentences"], list):
        raise EvalSetError(f"{path}: expected a mapping with one key 'sentences' (a list)")
    for index, item in enumerate(data["sentences"]):
        where = f"{path}: sentence #{index}"
        if not isinstance(item, dict) or set(item) - {"text", "style", "split", "findings"} or "text" not in item:
            raise EvalSetError(f"{where}: keys must be text, style, split, findings")
        if item.get("split", "tuning") not in ("tuning", "holdout"):
            raise EvalSetError(f"{where}: key 'split' must be tuning or holdout")
        if item.get("style") not in ("patient", "resident"):
            raise EvalSetError(f"{where}: key 'style' must be patient or resident")
        for gold in item.get("findings") or []:
            unknown = set(gold) - _GOLD_KEYS
            if unknown:
                raise EvalSetError(f"{where}: unknown key(s) {sorted(unknown)}")
            if gold.get("concept") not in SYMPTOM_CONCEPTS:
                raise EvalSetError(f"{where}: key 'concept': unknown concept {gold.get('concept')!r}")
            if gold.get("status") not in STATUSES:
                raise EvalSetError(f"{where}: key 'status': bad value {gold.get('status')!r}")
            if gold.get("laterality") not in (*LATERALITIES, None):
                raise EvalSetError(f"{where}: key 'laterality': bad value {gold.get('laterality')!r}")
            if gold.get("site") not in (*SITES, None):
                raise EvalSetError(f"{where}: key 'site': bad value {gold.get('site')!r}")
            if gold.get("experiencer", "patient") not in EXPERIENCERS:
                raise EvalSetError(f"{where}: key 'experiencer': bad value {gold.get('experiencer')!r}")
    return data["sentences"]


def _matches(gold: dict, predicted: dict) -> bool:
    if gold["concept"] != predicted["concept"] or gold["status"] != predicted["status"]:
        return False
    if gold.get("experiencer", "patient") != predicted["experiencer"]:
        return False
    return all(gold[key] == predicted[key] for key in _OPTIONAL_CHECKS if key in gold)


def _unique(findings: list[dict]) -> list[dict]:
    seen, unique = set(), []
    for finding in findings:
        key = tuple(finding[k] for k in ("concept", "status", "experiencer", "laterality", "site", "historical"))
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def consolidate(findings: list[dict]) -> list[dict]:
    """Fold a finding into a more specific one of the same concept, status, experiencer and history
    (one with a side or site where it has none, or a precise part of the foot where it has the foot at
    large), as the real-language protocol annotates."""
    kept = []
    for finding in findings:
        group = ("concept", "status", "experiencer", "historical")
        if any(other is not finding and all(other[k] == finding[k] for k in group)
               and (other["laterality"], other["site"]) != (finding["laterality"], finding["site"])
               and finding["laterality"] in (None, other["laterality"])
               and (finding["site"] in (None, other["site"])
                    or (finding["site"] == FOOT_AT_LARGE and other["site"] in FOOT_SITES))
               for other in findings):
            continue
        kept.append(finding)
    return kept


def _score_diagnoses(report: Report, item: dict, diagnoses: list[dict]) -> None:
    gold = {"dx_" + d["condition"] for d in item.get("reported_diagnoses") or []}
    found = {d["concept"] for d in diagnoses
             if d["status"] == "present" and d["experiencer"] == "patient"}
    report.dx_tp += len(gold & found)
    report.dx_fn += len(gold - found)
    report.dx_fp += len(found - gold)
    for concept in sorted(gold - found):
        report.misses.append(Miss("FN", {"concept": concept, "status": "present"}, item["text"]))
    for concept in sorted(found - gold):
        report.misses.append(Miss("FP", {"concept": concept, "status": "present"}, item["text"]))


def evaluate(sentences: list[dict], extract: Callable[[str], list[dict]], *, fold: bool = False) -> Report:
    """Score ``extract`` on items {"text", "findings", optional "reported_diagnoses"}; ``fold``
    consolidates predictions as the real-language protocol annotates (see the module docstring)."""
    report = Report()
    for item in sentences:
        report.sentences += 1
        text = item["text"]
        gold = list(item.get("findings") or [])
        extracted = extract(text)
        predicted = _unique([p for p in extracted if p["concept"] not in REPORTED_DIAGNOSIS_CONCEPTS])
        if fold:
            predicted = consolidate(predicted)
        if "reported_diagnoses" in item:
            _score_diagnoses(report, item, [p for p in extracted if p["concept"] in REPORTED_DIAGNOSIS_CONCEPTS])
        # Status and experiencer accuracy: gold findings whose concept was found at all.
        for entry in gold:
            experiencer = entry.get("experiencer", "patient")
            same_concept = [p for p in predicted if p["concept"] == entry["concept"]]
            if same_concept:
                report.experiencer_total += 1
                report.experiencer_right += any(p["experiencer"] == experiencer for p in same_concept)
            same_concept = [p for p in same_concept if p["experiencer"] == experiencer]
            if same_concept:
                report.status_total += 1
                report.status_right += any(p["status"] == entry["status"] for p in same_concept)
        unmatched = list(predicted)
        # Most specific gold entries first, so a vaguer entry cannot take their match.
        for entry in sorted(gold, key=lambda g: -sum(key in g for key in _OPTIONAL_CHECKS)):
            hit = next((p for p in unmatched if _matches(entry, p)), None)
            if hit is None:
                report.fn[entry["concept"]] += 1
                report.misses.append(Miss("FN", entry, text))
            else:
                unmatched.remove(hit)
                report.tp[entry["concept"]] += 1
        for extra in unmatched:
            report.fp[extra["concept"]] += 1
            report.misses.append(Miss("FP", extra, text))
    return report


def _describe(finding: dict) -> str:
    parts = [finding["concept"], finding["status"]]
    for key in ("laterality", "site"):
        if finding.get(key):
            parts.append(f"{key}={finding[key]}")
    if finding.get("experiencer", "patient") != "patient":
        parts.append("experiencer=other")
    if finding.get("historical"):
        parts.append("historical")
    return " ".join(parts)


def format_report(report: Report) -> str:
    lines = [f"Sentences: {report.sentences}", "",
             f"{'concept':28} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
    for concept in sorted(set(report.tp) | set(report.fp) | set(report.fn)):
        precision, recall, f1 = report.prf(concept)
        flag = "  (red flag)" if concept in RED_FLAG_CONCEPTS else ""
        lines.append(f"{concept:28} {precision:6.3f} {recall:6.3f} {f1:6.3f} {report.tp[concept]:4} "
                     f"{report.fp[concept]:4} {report.fn[concept]:4}{flag}")
    precision, recall, f1 = report.prf()
    lines += ["", f"micro  P={precision:.3f} R={recall:.3f} F1={f1:.3f}",
              f"negation/status accuracy: {report.negation_accuracy:.3f} "
              f"({report.status_right}/{report.status_total} detected gold findings with the right status)",
              f"experiencer accuracy: {report.experiencer_accuracy:.3f} "
              f"({report.experiencer_right}/{report.experiencer_total})",
              f"red-flag misses (FN+FP on {', '.join(RED_FLAG_CONCEPTS)}): {len(report.red_flag_misses())}",
              "reported diagnoses: P={:.3f} R={:.3f} (TP {} FP {} FN {})".format(
                  *report.dx_prf(), report.dx_tp, report.dx_fp, report.dx_fn),
              "", f"Confusion list ({len(report.misses)} misses):"]
    by_text = defaultdict(list)
    for miss in report.misses:
        by_text[miss.text].append(miss)
    for text, misses in by_text.items():
        lines.append(f"  {text!r}")
        for miss in misses:
            lines.append(f"      {miss.kind}: {_describe(miss.finding)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu.extraction.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--set", default=str(DEFAULT_SET), help="evaluation set YAML (default: %(default)s)")
    parser.add_argument("--vocabulary", default=None, help="vocabulary directory (default: packaged)")
    args = parser.parse_args(argv)
    from nlu.extraction.pipeline import FindingExtractor

    from nlu.extraction.real_language import is_real_language_set, load_cases

    try:
        real = is_real_language_set(args.set)
        sentences = load_cases(args.set) if real else load_eval_set(args.set)
        extractor = FindingExtractor.from_vocabulary(args.vocabulary)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(evaluate(sentences, extractor.extract, fold=real)))
    splits = {item.get("split", "tuning") for item in sentences}
    for split in ("tuning", "holdout"):
        subset = [item for item in sentences if item.get("split", "tuning") == split]
        if subset and len(splits) > 1:
            part = evaluate(subset, extractor.extract)
            print(f"split {split}: {part.sentences} sentences, micro-F1 {part.micro_f1:.3f}, "
                  f"status accuracy {part.negation_accuracy:.3f}, red-flag misses {len(part.red_flag_misses())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
