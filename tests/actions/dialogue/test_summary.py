"""Case summaries built from real extractor findings over the real knowledge base: a red-flag case, a
stenosis case, a non-spinal case and a caregiver's report, read the way a resident or a patient would
read them (sections and their order, the user's words, the quotes checked against the article files,
the patient screen's length, nothing that identifies anyone)."""
import re

import pytest

from actions.dialogue import summary
from actions.engine import load_knowledge
from common.contract import RED_FLAG_SCREEN
from common.render.sms import render_sms, segment_count
from common.render.text import render_text
from common.wording import say
from nlu.extraction import extract_findings

CASES = {
    "red flag": "saddle anaesthesia, new urinary retention, both soles numb, low back pain",
    "stenosis": "62F bilat leg heaviness and cramping on walking, relief sitting and leaning on a cart, LBP",
    "non-spinal": "my foot hurts on the bottom, no leg pain and no back pain",
    "caregiver": "my son's foot keeps dragging when he walks and he says his shin is numb",
}
DATE = "2026-11-24 09:30 UTC"


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def screened_no_to_all(findings):
    """The red-flag screen asked and answered 'no to all' for the red flags the text did not state."""
    stated = {f["concept"] for f in findings}
    return [{"concept": c, "status": "absent", "text": "no to all"} for c in RED_FLAG_SCREEN if c not in stated]


def build(knowledge, name, screen=True, corrections=()):
    findings = extract_findings(CASES[name])
    if screen:
        findings += screened_no_to_all(findings)
    answers = summary.screen_answers(findings, RED_FLAG_SCREEN if screen else (), (), RED_FLAG_SCREEN if screen else ())
    return summary.build_summaries(case_id="c0ffee123456", date=DATE, findings=findings, screen=answers,
                                   corrections=list(corrections), knowledge=knowledge)


# The rules quote with straight quote marks what an article may print with typographic ones.
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def same_words(text: str) -> str:
    return " ".join(text.translate(QUOTE_MARKS).split())


def article_texts(knowledge) -> dict[str, str]:
    """Article title -> its file's words (read here, not through the loader)."""
    return {a.title: same_words((knowledge.path / "articles" / a.file).read_text(encoding="utf-8"))
            for a in knowledge.articles.values()}


def positions(text: str, needles) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, [n for n, at in zip(needles, found) if at == -1]
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_clinician_note_follows_the_order_residents_write(knowledge, name):
    note = build(knowledge, name)["clinician"]
    text = render_text(note)
    headings = [say("clinician", key) + ":" for key in (
        "summary.findings_title", "summary.screen_title", "titles.considerations", "summary.exam_title",
        "summary.next_steps_title", "summary.sources_title")]
    at = positions(text, [say("clinician", "summary.title").upper(), "Case c0ffee123456, " + DATE] + headings
                   + [say("clinician", "disclaimer")])
    assert at == sorted(at), f"sections out of order in:\n{text}"
    assert text.endswith(say("clinician", "disclaimer"))
    # The one-line summary comes right under the case line, before any finding.
    second_line = text.splitlines()[2]
    assert second_line.startswith(say("clinician", f"triage.{note['triage']}") + ". Top: ")


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_quote_in_the_note_is_verbatim_in_its_article(knowledge, name):
    texts = article_texts(knowledge)
    for audience, reply in build(knowledge, name).items():
        assert reply["citations"], f"{audience}: nothing cited"
        for citation in reply["citations"]:
            assert same_words(citation["quote"]) in texts[citation["title"]], citation
    text = render_text(build(knowledge, name)["clinician"])
    sources = text.split(say("clinician", "summary.sources_title") + ":\n", 1)[1].split("\n\n")[0].splitlines()
    assert len(sources) == len(build(knowledge, name)["clinician"]["citations"])
    for number, line in enumerate(sources, start=1):
        match = re.fullmatch(r'\[(\d+)\] (.+?): "(.+)"', line)
        assert match and int(match.group(1)) == number, line
        assert same_words(match.group(3)) in texts[match.group(2)], line


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_cited_line_is_a_rules_own_wording(knowledge, name):
    """Nothing clinical is made up: a line that carries citations is a rule's text or label (or, for a
    patient, the fixed question about a rule's label)."""
    for audience, reply in build(knowledge, name).items():
        wordings = {r.text(audience) for r in knowledge.rules} | {r.display_label(audience) for r in knowledge.rules}
        wordings |= {say("patient", "summary.ask_cause", label=r.display_label("patient")) for r in knowledge.rules}
        cited = [item for section in reply["sections"] for item in section["items"] if item["citations"]]
        assert cited
        for item in cited:
            assert item["text"] in wordings, item["text"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_note_pastes_as_plain_text(knowledge, name):
    text = render_text(build(knowledge, name)["clinician"])
    assert not re.search(r"[*_`#~|<>]|\]\(|\u2022|\u201c|\u201d", text), "markup or typographic characters"
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_patient_summary_is_one_screen_in_plain_words(knowledge, name):
    reply = build(knowledge, name)["patient"]
    text = render_text(reply)
    assert len(text) <= summary.PATIENT_MAX_CHARS
    order = [say("patient", "summary.title").upper(), say("patient", "summary.findings_title") + ":",
             say("patient", f"triage.{reply['triage']}")]
    if reply["triage"] != "emergency":
        order.append(say("patient", "conversation.advice_title") + ":")
    at = positions(text, order)
    assert at == sorted(at)
    assert text.endswith(say("patient", "disclaimer"))   # the one patient disclaimer
    assert not re.search(r"\bscore\b|\bfor: ", text), "a clinician's detail reached the patient"


def test_a_red_flag_case_says_emergency_first_and_gives_the_red_flags_own_words(knowledge):
    summaries = build(knowledge, "red flag", screen=False)
    note, screen = summaries["clinician"], summaries["patient"]
    assert note["triage"] == "emergency"
    assert render_text(note).splitlines()[2].startswith("Triage: EMERGENCY.")
    flags = next(s for s in note["sections"] if s["kind"] == "red_flags")
    fired = {r.text("clinician") for r in knowledge.rules if r.kind == "red_flag"}
    assert flags["items"] and all(item["text"] in fired for item in flags["items"])
    kinds = [s["kind"] for s in note["sections"]]
    assert kinds.index("red_flag_screen") < kinds.index("red_flags") < kinds.index("considerations")
    text = render_text(screen)
    assert text.index(say("patient", "titles.red_flags")) < text.index(say("patient", "triage.emergency"))
    assert "get emergency care now" in text.lower()
    assert segment_count(render_sms(screen)[0]) <= 3


def test_the_stenosis_note_ranks_stenosis_with_the_users_words(knowledge):
    text = render_text(build(knowledge, "stenosis")["clinician"])
    considerations = text.split("Considerations (ranked):\n", 1)[1]
    assert considerations.startswith("1. Lumbar spinal stenosis")
    assert "for: " in considerations.splitlines()[1] and "relieved by sitting or flexion" in considerations.splitlines()[1]
    findings = text.split("Presenting findings:\n", 1)[1].split("\n\n")[0]
    assert '"leaning on a cart"' in findings and '"LBP"' in findings
    assert findings.count("relieved by sitting or flexion") == 1     # said twice, listed once


def test_the_non_spinal_note_says_so_with_the_denied_findings_for_it(knowledge):
    note = build(knowledge, "non-spinal")["clinician"]
    top = next(s for s in note["sections"] if s["kind"] == "considerations")["items"][0]
    assert top["text"].startswith("Spinal origin unlikely")
    assert "no leg pain" in top["detail"] and "no low back pain" in top["detail"]
    text = render_text(note)
    assert "Absent / denied: leg pain; low back pain" in text
    assert text.index("Considerations (ranked):") < text.index(say("clinician", "advice.pitfall") + ":") \
        < text.index(say("clinician", "summary.exam_title"))


def test_a_caregivers_report_keeps_her_words(knowledge):
    summaries = build(knowledge, "caregiver")
    assert '"foot keeps dragging"' in render_text(summaries["clinician"])
    told = next(s for s in summaries["patient"]["sections"] if s["kind"] == "findings")
    assert told["items"][0]["text"].startswith("Yes: foot drop")
    assert say("patient", "summary.no_warning_signs") in told["items"][1]["text"]


def test_the_red_flag_screen_lines_say_what_was_asked_and_answered(knowledge):
    findings = extract_findings("numb left foot, no bladder problems") + [
        {"concept": "bowel_dysfunction", "status": "absent", "text": "nope, none of those"}]
    answers = summary.screen_answers(findings, screened=["bowel_dysfunction", "saddle_anesthesia"], checked=[],
                                     answered=["bowel_dysfunction"])
    assert [(a["concept"], a["asked"], a["status"], a["words"]) for a in answers] == [
        ("bladder_dysfunction", False, "absent", None),           # denied in free text: no cut-off words
        ("bowel_dysfunction", True, "absent", "nope, none of those"),
        ("saddle_anesthesia", True, None, None),
        ("sudden_onset", False, None, None)]
    note = summary.build_summaries(case_id="x", date=DATE, findings=findings, screen=answers, corrections=[],
                                   knowledge=knowledge)["clinician"]
    lines = render_text(note).split("Red flags screened:\n", 1)[1].split("\n\n")[0].splitlines()
    assert lines == [
        f"- {say('clinician', 'screen.bladder_dysfunction')}: absent",
        f"- {say('clinician', 'screen.bowel_dysfunction')}: absent \"nope, none of those\"",
        f"- {say('clinician', 'screen.saddle_anesthesia')}: {say('clinician', 'summary.not_answered')}",
        f"- {say('clinician', 'screen.sudden_onset')}: {say('clinician', 'summary.not_asked')}"]


def test_corrections_are_noted(knowledge):
    change = {"concept": "numbness", "field": "laterality", "before": "left", "after": "right"}
    note = build(knowledge, "caregiver", corrections=[change])["clinician"]
    notes = next(s for s in note["sections"] if s["kind"] == "notes")
    assert notes["title"] == say("clinician", "conversation.corrected_title")
    assert "now R (was L)" in notes["items"][0]["text"]


@pytest.mark.parametrize("words, kept", [
    ("call me on 07700 900123", "call me on (removed)"),
    ("my number is +1 (555) 010-9999 thanks", "my number is (removed) thanks"),
    ("email jo.bloggs+nhs@example.co.uk", "email (removed)"),
    ("<@U0ABCDEF12> cant heel walk", "(removed) cant heel walk"),
    ("pt seen by W0123ABCDE9 today", "pt seen by (removed) today"),
    ("3 weeks, L4-5, T12/L1, since 2019, 55M", "3 weeks, L4-5, T12/L1, since 2019, 55M"),
])
def test_identifiers_are_taken_out_of_the_users_words(words, kept):
    assert summary.without_identifiers(words) == kept


def test_no_summary_carries_a_phone_number_said_in_an_answer(knowledge):
    findings = extract_findings("my right foot is numb") + [
        {"concept": "foot_drop", "status": "present", "text": "yes it drags, ring me on 07700 900123"}]
    summaries = summary.build_summaries(case_id="abc", date=DATE, findings=findings,
                                        screen=summary.screen_answers(findings, (), (), ()), corrections=[],
                                        knowledge=knowledge)
    for reply in summaries.values():
        text = render_text(reply)
        assert "900123" not in text and "07700" not in text
    assert '"yes it drags, ring me on (removed)"' in render_text(summaries["clinician"])


def test_a_crowded_case_is_trimmed_to_one_screen_keeping_what_to_do(knowledge):
    findings = [{"concept": c, "status": "present", "laterality": "left"} for c in (
        "foot_pain", "numbness", "tingling", "burning_pain", "shooting_pain", "weakness", "leg_pain", "back_pain",
        "buttock_pain", "thigh_pain", "worse_standing_walking", "leg_heaviness_cramping", "difficulty_walking",
        "symptoms_persist_weeks", "muscle_atrophy", "toe_walk_weakness", "heel_walk_weakness", "foot_drop")] + \
        screened_no_to_all([])
    reply = summary.build_summaries(case_id="abc", date=DATE, findings=findings,
                                    screen=summary.screen_answers(findings, RED_FLAG_SCREEN, (), RED_FLAG_SCREEN),
                                    corrections=[], knowledge=knowledge)["patient"]
    text = render_text(reply)
    assert len(text) <= summary.PATIENT_MAX_CHARS
    assert say("patient", "conversation.advice_title") in text and say("patient", f"triage.{reply['triage']}") in text
    assert re.search(r"and \d+ more", text), "the symptoms were not shortened"
    assert [c["n"] for c in reply["citations"]] == list(range(1, len(reply["citations"]) + 1))
    used = {n for s in reply["sections"] for i in s["items"] for n in i["citations"]}
    assert used == {c["n"] for c in reply["citations"]}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_patient_summary_by_sms_fits_three_segments_and_offers_why(knowledge, name):
    texts = render_sms(build(knowledge, name)["patient"])
    assert len(texts) == 1 and segment_count(texts[0]) <= 3
    assert "Radix case c0ffee123456" in texts[0]
    assert texts[0].endswith(say("patient", "sms.why_prompt"))
