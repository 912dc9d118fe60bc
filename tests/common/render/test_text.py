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
