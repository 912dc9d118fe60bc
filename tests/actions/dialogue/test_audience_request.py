"""audience_request.py: the audience a plain request names."""
from actions.dialogue import audience_request


def test_requested_audience_reads_plain_requests():
    assert audience_request.requested_audience("I'm a resident") == "clinician"
    assert audience_request.requested_audience("explain it simply please") == "patient"
    assert audience_request.requested_audience("I'm not a doctor") == "patient"
    assert audience_request.requested_audience("switch mode") is None


def test_too_technical_asks_for_plain_words():
    assert audience_request.requested_audience("that is rather technical") == "patient"
    assert audience_request.requested_audience("a bit too medical for me") == "patient"
