"""Benchmark cases: hand-written finding sets covering the main pictures of the corpus."""

from __future__ import annotations

import time


def _f(concept, status="present", site=None, laterality=None):
    return {"concept": concept, "status": status, "site": site, "laterality": laterality}


BENCH_CASES = (
    [],
    [_f("foot_pain")],
    [_f("numbness", site="sole", laterality="right"), _f("bladder_dysfunction", "absent"),
     _f("heel_walk_weakness")],
    [_f("foot_drop", laterality="bilateral"), _f("numbness", site="sole"),
     _f("patellar_reflex_absent"), _f("achilles_reflex_absent"), _f("bladder_dysfunction")],
    [_f("thigh_pain"), _f("numbness", site="anterior_thigh"), _f("foot_drop", "absent")],
    [_f("foot_pain"), _f("leg_pain"), _f("worse_standing_walking"), _f("relief_sitting_flexion"),
     _f("diabetes"), _f("burning_pain")],
    [_f("buttock_pain"), _f("leg_pain"), _f("foot_pain"), _f("shooting_pain"), _f("back_pain", "absent")],
    [_f("weakness", laterality="left"), _f("sudden_onset"), _f("back_pain")],
)


def run_bench(knowledge, n: int = 2000) -> dict:
    """Time ``n`` assessments cycling through BENCH_CASES (both audiences)."""
    from actions.engine.assess import assess

    cases = BENCH_CASES
    for case in cases:                      # warm-up outside the timed loop
        assess(case, knowledge=knowledge)
    start = time.perf_counter()
    for index in range(n):
        assess(cases[index % len(cases)], knowledge=knowledge,
               audience="patient" if index % 2 else "clinician")
    elapsed = time.perf_counter() - start
    return {"assessments": n, "seconds": elapsed, "per_second": n / elapsed,
            "ms_per_assessment": elapsed * 1000 / n}
