"""`make eval`: the extractor and the engine scored on every evaluation set.

    python -m actions.evaluation [--set PATH ...] [--details]

Per set: finding micro-F1 (P, R), status accuracy, experiencer accuracy, reported-diagnosis P / R
(nlu/extraction/evaluate.py), and, through the rules engine on the extracted findings:

- red-flag recall, two ways, both always shown: "emergency raised" (texts whose gold is an emergency that
  Radix's assessment triages ``emergency``; the figure of every earlier report) and "caught" (emergency
  raised, or the assessment lists a red-flag check for the subject: in a conversation that check is asked
  at once, so the red flag is not missed; a check about someone else does not count);
- false emergencies: texts triaged ``emergency`` whose gold is not (``check`` or ``none``);
- red-flag checks found: gold ``check`` texts whose assessment lists at least one ``red_flag_checks`` entry;
- red-flag checks asked with no red flag: gold ``none`` texts whose assessment lists one (the net's cost: in a
  conversation each is one question the user did not need);
- top-1 / top-2: texts with an ``expected`` consideration that Radix ranks first / in the first two.

The real-language sets carry ``red_flag`` and ``expected`` per text. The older ``sentences`` sets carry
findings only: there the gold emergency is the engine's triage on the gold findings (so the figure
measures what extraction loses), and top-k and checks are "n/a".

``--details`` lists every text the engine part got wrong. Never use it on the untouched test split
(tests/nlu/data/real_language/test.yml): its per-case misses must not steer any change.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "nlu" / "data"
DEFAULT_SETS = (DATA / "extraction_eval.yml", DATA / "extraction_holdout.yml",
                DATA / "real_language" / "dev.yml", DATA / "real_language" / "dev2.yml",
                DATA / "real_language" / "dev_extra.yml", DATA / "real_language" / "dev3.yml",
                DATA / "real_language" / "dev4.yml", DATA / "real_language" / "dev5.yml",
                DATA / "real_language" / "dev6.yml", DATA / "real_language" / "dev7.yml",
                DATA / "real_language" / "dev8.yml", DATA / "real_language" / "dev9.yml",
                DATA / "real_language" / "dev10.yml", DATA / "real_language" / "dev11.yml",
                DATA / "real_language" / "dev12.yml", DATA / "real_language" / "dev13.yml",
                DATA / "real_language" / "dev14.yml", DATA / "real_language" / "dev15.yml",
                DATA / "real_language" / "dev16.yml", DATA / "real_language" / "dev17.yml",
                DATA / "real_language" / "dev18.yml", DATA / "real_language" / "dev19.yml",
                DATA / "real_language" / "dev20.yml", DATA / "real_language" / "dev21.yml",
                DATA / "real_language" / "dev22.yml", DATA / "real_language" / "dev23.yml",
                DATA / "real_language" / "dev24.yml", DATA / "real_language" / "test.yml")


@dataclass
class EngineReport:
    texts: int = 0
    emergencies: int = 0
    emergencies_found: int = 0
    emergencies_caught: int = 0
    emergencies_asked_first: int = 0   # caught, or the other half of a half-met red flag asked first
    false_emergencies: int = 0
    checks: int = 0
    checks_found: int = 0
    quiet: int = 0                # gold "none" texts
    quiet_checked: int = 0        # ... with a red-flag check all the same
    ranked: int = 0
    top1: int = 0
    top2: int = 0
    annotated: bool = True        # red_flag / expected given per text (real-language sets)
    misses: list = field(default_factory=list)

    @staticmethod
    def _ratio(part: int, whole: int) -> str:
        return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"

    def lines(self) -> list[str]:
        lines = [f"red-flag recall, emergency raised: {self._ratio(self.emergencies_found, self.emergencies)}",
                 f"red-flag recall, caught (emergency or red-flag check): "
                 f"{self._ratio(self.emergencies_caught, self.emergencies)}",
                 f"red-flag recall, caught or half met (its other half asked first in a conversation): "
                 f"{self._ratio(self.emergencies_asked_first, self.emergencies)}",
                 f"false emergencies: {self.false_emergencies} of {self.texts - self.emergencies} texts"]
        if self.annotated:
            lines += [f"red-flag checks found: {self._ratio(self.checks_found, self.checks)}",
                      f"red-flag checks asked with no red flag: {self._ratio(self.quiet_checked, self.quiet)}",
                      f"expected consideration top-1: {self._ratio(self.top1, self.ranked)}, "
                      f"top-2: {self._ratio(self.top2, self.ranked)}"]
        else:
            lines += ["red-flag checks found: n/a (no per-text annotation)", "top-1 / top-2: n/a (no expected)"]
        return lines


def score_engine(items: list[dict], extract, knowledge, *, annotated: bool) -> EngineReport:
    """Assess each text's extracted findings and compare with the text's gold (see the docstring)."""
    from actions.engine import assess

    report = EngineReport(annotated=annotated)
    for item in items:
        report.texts += 1
        result = assess(extract(item["text"]), knowledge=knowledge).to_dict()
        if annotated:
            gold_flag, expected = item["red_flag"], item["expected"]
        else:
            gold_triage = assess(item.get("findings") or [], knowledge=knowledge).triage
            gold_flag, expected = ("emergency" if gold_triage == "emergency" else "none"), None
        emergency = result["triage"] == "emergency"
        checked = any(check["reason"] != "someone_else" for check in result["red_flag_checks"])
        ranked = [c["id"] for c in result["considerations"]]
        problems = []
        if gold_flag == "emergency":
            report.emergencies += 1
            report.emergencies_found += emergency
            report.emergencies_caught += emergency or checked
            report.emergencies_asked_first += emergency or checked or bool(result["red_flags_one_answer_away"])
            if not emergency:
                problems.append("missed emergency" + (" (caught by a red-flag check)" if checked else ""))
        elif emergency:
            report.false_emergencies += 1
            problems.append("false emergency")
        if annotated and gold_flag == "none":
            report.quiet += 1
            report.quiet_checked += bool(result["red_flag_checks"])
        if gold_flag == "check":
            report.checks += 1
            found = bool(result["red_flag_checks"])
            report.checks_found += found
            if not found:
                problems.append("no red-flag check")
        if expected is not None:
            report.ranked += 1
            report.top1 += ranked[:1] == [expected]
            report.top2 += expected in ranked[:2]
            if expected not in ranked[:2]:
                problems.append(f"expected {expected}, ranked {ranked[:3]}")
        if problems:
            report.misses.append((item.get("id") or "", item["text"], problems))
    return report


def evaluate_set(path: Path, extractor, knowledge, details: bool = False) -> str:
    from nlu.extraction.evaluate import evaluate, format_report, load_eval_set
    from nlu.extraction.real_language import is_real_language_set, load_cases

    real = is_real_language_set(path)
    items = load_cases(path) if real else load_eval_set(path)
    found = evaluate(items, extractor.extract, fold=real)
    engine = score_engine(items, extractor.extract, knowledge, annotated=real)
    precision, recall, f1 = found.prf()
    dx_precision, dx_recall = found.dx_prf()
    lines = [f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {found.sentences} texts",
             f"finding micro-F1: {f1:.3f} (P {precision:.3f}, R {recall:.3f})",
             f"status accuracy: {found.negation_accuracy:.3f}, experiencer accuracy: {found.experiencer_accuracy:.3f}"]
    if real:
        lines.append(f"reported diagnoses: P {dx_precision:.3f}, R {dx_recall:.3f}")
    lines += engine.lines()
    if details:
        lines += ["", format_report(found), "", f"Engine misses ({len(engine.misses)}):"]
        for case_id, text, problems in engine.misses:
            lines.append(f"  {case_id} {text!r}")
            lines += [f"      {problem}" for problem in problems]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.evaluation", description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", type=Path, help="a set to score (repeatable; default: all six)")
    parser.add_argument("--details", action="store_true", help="list every miss (never on the test split)")
    args = parser.parse_args(argv)
    from actions.engine import load_knowledge
    from nlu.extraction.pipeline import default_extractor

    try:
        extractor, knowledge = default_extractor(), load_knowledge()
        reports = [evaluate_set(path.resolve(), extractor, knowledge, args.details)
                   for path in args.set or DEFAULT_SETS]
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n\n".join(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
