from common.render.text import render_text

REPLY = {
    "type": "assessment", "audience": "clinician", "triage": "emergency", "title": "Assessment",
    "sections": [
        {"kind": "red_flags", "title": "Red flags: act now",
         "items": [{"text": "Bladder control loss.", "detail": None, "citations": [1]}]},
        {"kind": "considerations", "title": "Considerations (ranked)",
         "items": [{"text": "T12/L1: LMN picture.", "detail": "score 6", "citations": [2, 1]},
                   {"text": "L1/L2: thigh pain.", "detail": None, "citations": [3]}]},
    ],
    "citations": [
        {"n": 1, "article_id": "a", "title": "Article A", "quote": "q1", "passage_id": "a:p1"},
        {"n": 2, "article_id": "b", "title": "Article B", "quote": "q2", "passage_id": "b:p1"},
        {"n": 3, "article_id": "a", "title": "Article A", "quote": "q3", "passage_id": "a:p2"},
    ],
    "buttons": [], "reasoning": [], "footer": "Not a diagnosis.",
}


def test_sections_in_order_with_citation_marks_and_sources_by_title():
    text = render_text(REPLY)
    assert text.index("Red flags") < text.index("Considerations")
    assert "Bladder control loss. [1]" in text
    assert "- T12/L1: LMN picture. [2][1]\n   (score 6)" in text
    assert "[1][3] Article A" in text and "[2] Article B" in text
    assert text.rstrip().endswith("Not a diagnosis.")


def test_quotes_are_not_repeated_in_the_plain_assessment():
    assert "q1" not in render_text(REPLY)


SUMMARY = {
    "type": "summary", "audience": "clinician", "triage": "urgent", "title": "Radix case note", "case_id": "abc123",
    "sections": [
        {"kind": "case", "title": None, "items": [{"text": "Case abc123", "detail": None, "citations": []},
                                                  {"text": "Triage: urgent.", "detail": None, "citations": []}]},
        {"kind": "findings", "title": "Presenting findings",
         "items": [{"text": "Present: foot drop (R)", "detail": None, "citations": []}]},
        {"kind": "considerations", "title": "Considerations (ranked)",
         "items": [{"text": "L4/L5 root", "detail": "for: foot drop", "citations": [1]},
                   {"text": "Radiculopathy", "detail": None, "citations": [2, 1]}]},
        {"kind": "next_steps", "title": "Imaging and next steps",
         "items": [{"text": "MRI.", "detail": None, "citations": [2]}, {"text": "Refer.", "detail": None, "citations": []}]},
    ],
    "citations": [
        {"n": 1, "article_id": "a", "title": "Article A", "quote": "q one", "passage_id": "a:p1"},
        {"n": 2, "article_id": "b", "title": "Article B", "quote": "q two", "passage_id": "b:p1"},
    ],
    "buttons": [], "reasoning": [], "footer": "Not a diagnosis.",
}


def test_a_summary_is_a_plain_note_with_numbered_considerations_and_quoted_sources_last():
    text = render_text(SUMMARY)
    assert text.splitlines()[:3] == ["RADIX CASE NOTE", "Case abc123", "Triage: urgent."]
    assert "Considerations (ranked):\n1. L4/L5 root [1]\n   for: foot drop\n2. Radiculopathy [2][1]" in text
    assert "Imaging and next steps:\n- MRI. [2]\n- Refer." in text
    assert text.index("Imaging and next steps:") < text.index('Sources:\n[1] Article A: "q one"\n[2] Article B: "q two"')
    assert text.endswith("\n\nNot a diagnosis.")


def test_a_patients_summary_lists_sources_by_title_only():
    text = render_text({**SUMMARY, "audience": "patient"})
    assert "q one" not in text and "[1] Article A\n[2] Article B" in text
