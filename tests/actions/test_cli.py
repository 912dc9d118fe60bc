"""The `radix` command line, called in-process through its entry function (one subprocess test
checks the installed console script itself)."""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from actions import cli

RADIX = Path(sys.executable).parent / "radix"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run(*args, stdin=None, tmp_path=None):
    """`radix ARGS` as the console script would run it, without a new interpreter."""
    env = {}
    if tmp_path is not None:
        env["RADIX_DATA_DIR"] = str(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ, env))
        if tmp_path is not None:
            os.environ.pop("RADIX_DB_URL", None)
        stack.enter_context(mock.patch.object(sys, "stdin", io.StringIO(stdin or "")))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:       # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return Result(code, out.getvalue(), err.getvalue())


def test_the_installed_console_script_runs_the_same_entry_function(tmp_path):
    path = write_json(tmp_path, [{"concept": "foot_pain"}])
    result = subprocess.run([str(RADIX), "assess", "--json", "--findings", path], capture_output=True,
                            text=True, timeout=120, env=dict(os.environ, RASA_TELEMETRY_ENABLED="false"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(run("assess", "--json", "--findings", path).stdout)


def write_json(tmp_path, data, name="findings.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def assert_clean_error(result, fragment):
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_assess_findings_file_prints_one_json_object(tmp_path):
    path = write_json(tmp_path, [
        {"concept": "foot_drop", "laterality": "bilateral", "status": "present"},
        {"concept": "bladder_dysfunction", "status": "present"}])
    result = run("assess", "--json", "--findings", path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["triage"] == "emergency"
    assert "red_flag_t12l1_cauda_equina" in [r["id"] for r in data["red_flags"]]
    assert data["considerations"][0]["label"].startswith("T12/L1")
    citation = data["considerations"][0]["citations"][0]
    assert set(citation) == {"article_id", "title", "quote", "passage_id"}


def test_assess_patient_audience(tmp_path):
    path = write_json(tmp_path, [{"concept": "foot_pain"}])
    data = json.loads(run("assess", "--json", "--audience", "patient", "--findings", path).stdout)
    assert data["triage"] == "self-care"
    assert any("rest" in a["text"] for a in data["advice"])


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "invalid findings JSON"),
    ('{"concept": "foot_pain"}', "must be a list"),
    ('[{"concept": "heartburn"}]', "unknown concept 'heartburn'"),
    ('[{"concept": "foot_pain", "status": "sometimes"}]', "bad status"),
    ("\x00\x01\x02", "invalid findings JSON"),
])
def test_bad_findings_file_is_a_clean_error(tmp_path, content, fragment):
    assert_clean_error(run("assess", "--json", "--findings", write_json(tmp_path, content)),
                       fragment)


def test_missing_findings_file_is_a_clean_error(tmp_path):
    assert_clean_error(run("assess", "--findings", str(tmp_path / "nope.json")), "cannot read")


def test_empty_text_is_a_clean_error():
    assert_clean_error(run("assess", "--json", "   "), "empty text")


def test_nothing_to_assess_is_a_clean_error():
    assert_clean_error(run("assess", "--json"), "nothing to assess")


def test_huge_text_is_a_clean_error():
    assert_clean_error(run("assess", "--json", "foot pain " * 10_000), "text too long")


def test_coverage_lists_passages_and_no_unused_clinical_passage():
    result = run("coverage")
    assert result.returncode == 0, result.stderr
    assert "lower-back-pain-foot-pain:p19" in result.stdout
    assert "red_flag_sudden_severe_weakness" in result.stdout
    assert "unused: 0" in result.stdout
    assert "boilerplate (chrome) passages: 14" in result.stdout


def test_bench_prints_figures():
    result = run("bench", "--n", "50")
    assert result.returncode == 0, result.stderr
    assert "per second" in result.stdout and "ms/assessment" in result.stdout


def test_kb_sync_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    first = run("kb", "sync", "--db-url", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("synced")
    assert run("kb", "sync", "--db-url", url).stdout.startswith("already up to date")


def test_kb_sync_default_location(tmp_path):
    result = run("kb", "sync", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "radix.db").is_file()


def test_kb_sync_bad_url_is_a_clean_error():
    assert_clean_error(run("kb", "sync", "--db-url", "nosuchdb://x"), "database error")


def test_answer_topic():
    result = run("answer", "level", "--subject", "L1/L2", "--json")
    items = json.loads(result.stdout)
    assert "l1l2_disc_herniation" in [i["rule_id"] for i in items]
    assert_clean_error(run("answer", "horoscope"), "unknown topic")


# Free text goes through nlu.extraction.extract_findings (the extraction helper's pipeline).

def test_free_text_resident_note():
    result = run("assess", "--json", "Pt c/o R foot numbness, denies bladder problems, can't heel walk")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    found = {(f["concept"], f["status"]): f for f in data["findings"]}
    assert found[("numbness", "present")]["laterality"] == "right"
    assert ("bladder_dysfunction", "absent") in found
    assert ("heel_walk_weakness", "present") in found
    considerations = {c["id"]: c for c in data["considerations"]}
    assert "heel_walk_nerve" in considerations
    assert considerations["heel_walk_nerve"]["citations"][0]["article_id"] == "foot-pain-from-the-spine"
    assert data["red_flags"] == [] and data["triage"] == "urgent"


def test_free_text_caregiver_red_flag_is_an_emergency_about_the_patient():
    result = run("assess", "--json", "my wife cant pass water since this afternoon and her back is agony")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["triage"] == "emergency"
    assert {f["experiencer"] for f in data["findings"]} == {"patient"}


def test_free_text_hedged_bladder_is_a_red_flag_check_with_its_words():
    result = run("assess", "--json", "sciatica down my right leg for weeks and i think maybe im leaking a bit")
    data = json.loads(result.stdout)
    assert data["triage"] != "emergency"
    checks = data["red_flag_checks"]
    assert [(c["concept"], c["reason"]) for c in checks] == [("bladder_dysfunction", "uncertain")]
    assert "leaking" in checks[0]["text"]
    assert "saddle_anesthesia" in data["red_flag_screen"]


def test_free_text_denied_and_conditional_red_flags_raise_nothing():
    text = ("back pain down my leg for weeks. no problems with my waterworks or bowels, and the gp said "
            "if i go numb down below to go straight to a&e")
    data = json.loads(run("assess", "--json", text).stdout)
    assert data["triage"] != "emergency" and data["red_flags"] == [] and data["red_flag_checks"] == []
    assert "bladder_dysfunction" not in data["red_flag_screen"]
    assert "saddle_anesthesia" in data["red_flag_screen"]


def test_free_text_reported_diagnosis_is_listed_and_ranks_its_consideration():
    data = json.loads(run("assess", "--json", "MRI showed stenosis at L4-5, my legs ache when I walk").stdout)
    assert [d["condition"] for d in data["reported_diagnoses"]] == ["lumbar_spinal_stenosis"]
    top = data["considerations"][0]
    assert top["id"] == "lumbar_spinal_stenosis" and top["reported"] is True
    assert not [q for q in data["next_questions"] if q["concept"].startswith("dx_")]


def test_text_output_shows_checks_screen_and_reported_diagnoses():
    result = run("assess", "told i have spondylolisthesis, maybe numb down below?")
    assert result.returncode == 0, result.stderr
    assert "CHECK (uncertain): saddle_anesthesia" in result.stdout
    assert "not yet asked: bladder_dysfunction" in result.stdout
    assert "reported: reported spondylolisthesis" in result.stdout


def test_text_output_puts_a_half_met_red_flag_and_what_to_ask_before_the_questions():
    result = run("assess", "pt reports loss of bladder control since last night")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    half_met = next(i for i, line in enumerate(lines) if line.startswith("HALF-MET RED FLAG: Loss of bladder"))
    assert "'loss of bladder control'; ask first: back_pain, leg_pain" in lines[half_met]
    assert half_met < next(i for i, line in enumerate(lines) if line.startswith("? "))


def real_language_set(tmp_path, *cases):
    """A real-language set file of (id, text, findings, red_flag, expected) cases."""
    lines = ["cases:"]
    for case_id, text, findings, red_flag, expected in cases:
        lines += [f"  - id: {case_id}", f"    source: https://example.org/{case_id}", "    genre: blog",
                  "    style: patient", f'    text: "{text}"', "    subject: self", "    findings:"]
        lines += [f"      - {finding}" for finding in findings]
        lines += [f"    red_flag: {red_flag}", f"    expected: {expected}"]
    path = tmp_path / "mini.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def missing_from_eval(path, *lines) -> list[str]:
    """The ``lines`` `radix eval --set path` does not print (or why it failed)."""
    result = run("eval", "--set", str(path))
    if result.returncode != 0:
        return [f"exit {result.returncode}: {result.stderr}"]
    return [line for line in lines if line not in result.stdout]


def test_eval_subcommand_scores_a_set(tmp_path):
    path = real_language_set(tmp_path, (
        "d001", "woke up and my right foot just stopped working, cant pick it up",
        ["{concept: sudden_onset, status: present}", "{concept: foot_drop, status: present, laterality: right}"],
        "emergency", "l4_l5_root_foot_drop"))
    assert missing_from_eval(path, "finding micro-F1: 1.000", "red-flag recall, emergency raised: 1.000 (1/1)",
                             "red-flag recall, caught (emergency or red-flag check): 1.000 (1/1)",
                             "false emergencies: 0 of 0 texts",
                             "top-1: 1.000 (1/1), top-2: 1.000 (1/1)") == []


def test_eval_on_a_findings_only_set_derives_the_gold_emergency_and_says_n_a(tmp_path):
    result = run("eval", "--set", str(Path(__file__).resolve().parents[1] / "nlu" / "data" / "extraction_holdout.yml"))
    assert result.returncode == 0, result.stderr
    assert "red-flag recall, emergency raised: 1.000 (2/2)" in result.stdout
    assert "top-1 / top-2: n/a (no expected)" in result.stdout


def test_eval_counts_a_red_flag_asked_about_as_caught_not_raised(tmp_path):
    # The loose wording is not a vocabulary term: the safety net makes it a check, never an emergency.
    path = real_language_set(
        tmp_path,
        ("d001", "sciatica down my left leg and since yesterday my wee just trickles out",
         ["{concept: leg_pain, status: present, laterality: left}", "{concept: bladder_dysfunction, status: present}"],
         "emergency", "null"),
        ("d002", "not sure if its numb down there, my leg aches",
         ["{concept: saddle_anesthesia, status: uncertain}", "{concept: leg_pain, status: present}"], "check", "null"))
    assert missing_from_eval(path, "red-flag recall, emergency raised: 0.000 (0/1)",
                             "red-flag recall, caught (emergency or red-flag check): 1.000 (1/1)",
                             "false emergencies: 0 of 1 texts",
                             "red-flag checks found: 1.000 (1/1)") == []


def test_eval_counts_checks_asked_where_there_is_no_red_flag(tmp_path):
    path = real_language_set(
        tmp_path,
        ("d001", "my back aches and i keep running to the toilet since the new pills",
         ["{concept: back_pain, status: present}"], "none", "null"),
        ("d002", "my back aches, bladder and bowels are fine",
         ["{concept: back_pain, status: present}", "{concept: bladder_dysfunction, status: absent}",
          "{concept: bowel_dysfunction, status: absent}"], "none", "null"))
    assert missing_from_eval(path, "red-flag checks asked with no red flag: 0.500 (1/2)") == []


def test_eval_counts_a_half_met_red_flag_apart_from_caught(tmp_path):
    # Bladder control lost, the back or leg symptom the red flag needs not said: neither raised nor a
    # check, but a conversation asks for the other half first (red_flags_one_answer_away).
    path = real_language_set(tmp_path, (
        "d001", "since this morning i have lost control of my bladder",
        ["{concept: bladder_dysfunction, status: present}"], "emergency", "null"))
    assert missing_from_eval(path, "red-flag recall, emergency raised: 0.000 (0/1)",
                             "red-flag recall, caught (emergency or red-flag check): 0.000 (0/1)",
                             "red-flag recall, caught or half met (its other half asked first in a conversation): "
                             "1.000 (1/1)") == []


def test_free_text_lines_on_stdin_give_one_json_line_each():
    stdin = "sudden loss of bladder control with back pain\n\nmy foot hurts\n"
    result = run("assess", "--json", "-", stdin=stdin)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    first, empty, last = (json.loads(line) for line in lines)
    assert first["triage"] == "emergency"
    assert "empty text" in empty["error"]
    assert [f["concept"] for f in last["findings"]] == ["foot_pain"]
    assert result.returncode == 2          # one line failed
    assert "Traceback" not in result.stderr


def test_odd_free_text_never_crashes():
    # One process for all lines: the extraction pipeline takes seconds to build.
    odd = ["🦶🔥😭", "足が痛い", "foot\x00pain\x07\x1b[31m", '{"concept": "foot_pain"', "x" * 30_000]
    result = run("assess", "--json", "-", stdin="\n".join(odd) + "\n")
    assert "Traceback" not in result.stderr + result.stdout
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(odd)
    assert all(("triage" in line) != ("error" in line) for line in lines)
    assert "text too long" in lines[-1]["error"]


def test_invalid_knowledge_file_is_a_clean_error_naming_rule_and_key(tmp_path):
    import shutil

    from actions.engine.loader import default_knowledge_dir

    folder = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), folder)
    rules = folder / "rules" / "pitfalls.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "    subjects: [sciatica, sciatic nerve, back pain, pinched nerve]",
        "    subjects: [sciatica]\n    urgency: high"), encoding="utf-8")
    result = run("--knowledge", str(folder), "coverage")
    assert_clean_error(result, "rules/pitfalls.yml")
    assert "'pitfall_no_back_pain'" in result.stderr and "'urgency'" in result.stderr


def test_importing_the_packages_does_no_work(tmp_path):
    code = ("import sys, actions.engine, actions.storage, actions.cli; "
            "assert 'spacy' not in sys.modules and 'rasa' not in sys.modules; "
            "from actions.engine.loader import _load_cached; "
            "assert _load_cached.cache_info().currsize == 0")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []          # no var/ or database created


# ---- case summaries (issue 14) -----------------------------------------------------------------

RESIDENT_NOTE = "Pt c/o R foot numbness on the dorsum, can't heel walk, denies bladder problems"


def test_assess_summary_prints_the_note_with_its_quotes_last():
    result = run("assess", "--summary", RESIDENT_NOTE)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("RADIX CASE NOTE\nCase not recorded (one-shot text), ")
    assert text.index("Presenting findings:") < text.index("Red flags screened:") \
        < text.index("Considerations (ranked):") < text.index("Sources:")
    assert '"can\'t heel walk"' in text and re.search(r'^\[1\] .+: ".+"$', text, re.MULTILINE)
    assert "bowel dysfunction (incontinence): not asked" in text     # a one-shot text asks nothing


def test_assess_summary_for_a_patient_as_json():
    result = run("assess", "--summary", "--json", "--audience", "patient", RESIDENT_NOTE)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["type"] == "summary" and reply["audience"] == "patient" and reply["case_id"] is None
    assert [s["kind"] for s in reply["sections"]][:2] == ["case", "findings"]


def recorded_case(url: str, case_id: str) -> dict:
    """A consult with its summaries in the database at `url`, as the conversation records it."""
    from actions.dialogue.summary import build_summaries, screen_answers
    from actions.engine import assess, load_knowledge
    from actions.storage import make_session_factory, record_consult
    from nlu.extraction import extract_findings

    findings = extract_findings(RESIDENT_NOTE)
    screen = screen_answers(findings, [], [], [])
    summaries = build_summaries(case_id=case_id, date="2026-11-24 09:30 UTC", findings=findings, screen=screen,
                                corrections=[], knowledge=load_knowledge())
    result = assess(findings).to_dict()
    with make_session_factory(url)() as session:
        record_consult(session, case_id=case_id, findings=result["findings"], rules_fired=result["rules_fired"],
                       triage=result["triage"], kb_version=result["kb_version"], audience="clinician",
                       channel="slack", summary={"screen": screen, "corrections": [], "summaries": summaries})
    return summaries


def test_case_show_prints_the_recorded_summary(tmp_path):
    from common.render.text import render_text

    url = f"sqlite:///{tmp_path / 'cases.db'}"
    summaries = recorded_case(url, "a1b2c3d4e5f6")
    shown = run("case", "show", "a1b2c3d4e5f6", "--db-url", url)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == render_text(summaries["clinician"]) + "\n"    # the consult's own audience
    patient = run("case", "show", "a1b2c3d4e5f6", "--audience", "patient", "--db-url", url)
    assert patient.stdout == render_text(summaries["patient"]) + "\n"
    data = json.loads(run("case", "show", "a1b2c3d4e5f6", "--json", "--db-url", url).stdout)
    assert data["summary"] == summaries["clinician"] and data["text"] == render_text(summaries["clinician"])
    assert data["case_id"] == "a1b2c3d4e5f6" and data["audience"] == "clinician" and data["rules_fired"]
    assert "findings" not in data      # the raw words may hold identifiers; the summary's do not


def test_case_show_reads_the_default_database(tmp_path):
    recorded_case(f"sqlite:///{tmp_path / 'radix.db'}", "fedcba987654")
    result = run("case", "show", "fedcba987654", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Case fedcba987654, 2026-11-24 09:30 UTC" in result.stdout


def test_case_show_of_an_unknown_case_is_a_clean_error(tmp_path):
    assert_clean_error(run("case", "show", "nosuchcase", "--db-url", f"sqlite:///{tmp_path / 'x.db'}"),
                       "no consult recorded for case 'nosuchcase'")


def test_case_show_of_a_consult_recorded_before_summaries_says_so(tmp_path):
    from actions.storage import make_session_factory, record_consult

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with make_session_factory(url)() as session:
        record_consult(session, case_id="old1", findings=[], rules_fired=[], triage="routine", kb_version="v",
                       audience="patient", channel="web")
    assert_clean_error(run("case", "show", "old1", "--db-url", url), "recorded before case summaries were stored")
