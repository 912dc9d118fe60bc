"""The web widget's HTML rendering of a structured reply."""
from __future__ import annotations

from html.parser import HTMLParser

from actions.dialogue.replies import question_reply
from common.render.web import render_html

CITATIONS = [
    {"n": 1, "article_id": "a", "title": "Article A", "quote": "q one", "passage_id": "a:p1"},
    {"n": 2, "article_id": "b", "title": "Article <B>", "quote": "q two", "passage_id": "b:p1"},
]


def _reply(**changes):
    reply = {
        "type": "assessment", "audience": "patient", "triage": "emergency", "title": "Assessment",
        "sections": [
            {"kind": "triage", "title": None,
             "items": [{"text": "How urgent: EMERGENCY", "detail": None, "citations": []}]},
            {"kind": "considerations", "title": "What this may be linked to",
             "items": [{"text": "L5 nerve root", "detail": "Because you mentioned: heel walk",
                        "citations": [2, 1]}]},
            # Listed last on purpose: the renderer must still put it first.
            {"kind": "red_flags", "title": "Urgent: get medical help now",
             "items": [{"text": "Loss of bladder control", "detail": None, "citations": [1]}]},
        ],
        "citations": CITATIONS, "buttons": [], "reasoning": [], "footer": "Not a diagnosis.",
    }
    reply.update(changes)
    return reply


class _Tags(HTMLParser):
    """Start tags with their attributes, and whether every opened tag was closed."""

    VOID = {"br", "img", "input"}

    def __init__(self):
        super().__init__()
        self.tags, self.open = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert parser.open == [], parser.open
    return parser


def test_red_flag_banner_comes_first_then_title_order_kept_for_the_rest():
    html = render_html(_reply())
    assert html.index('class="banner red-flags"') < html.index("How urgent")
    assert html.index("How urgent") < html.index("L5 nerve root")
    assert html.index('class="reply-title"') < html.index("red-flags")
    assert 'role="alert"' in html
    assert 'class="triage triage-emergency"' in html


def test_citation_markers_are_buttons_naming_the_article():
    tags = _parse(render_html(_reply())).tags
    markers = [attrs for tag, attrs in tags if attrs.get("class") == "cite"]
    assert [m["data-cite"] for m in markers] == ["1", "2", "1"]  # banner first, then [2][1]
    assert all(tag == "button" for tag, attrs in tags if attrs.get("class") == "cite")
    assert markers[1]["aria-label"] == "Source 2: Article <B>"


def test_sources_list_titles_and_quotes_stay_in_the_popover_data():
    html = render_html(_reply())
    assert "<li>[1] Article A</li>" in html and "<li>[2] Article &lt;B&gt;</li>" in html
    assert "q one" not in html


def test_every_text_is_escaped():
    hostile = '<img src=x onerror="alert(1)">'
    reply = _reply(title=hostile, footer=hostile, sections=[
        {"kind": "x\"><script>", "title": hostile,
         "items": [{"text": hostile, "detail": hostile, "citations": [1]}]},
    ], buttons=[{"title": hostile, "payload": '/deny"><b>'}])
    html = render_html(reply)
    parsed = _parse(html)
    assert not any(tag in ("img", "script", "b") for tag, _ in parsed.tags)
    assert "onerror" not in [k for _, attrs in parsed.tags for k in attrs]
    button = [a for t, a in parsed.tags if a.get("class") == "quick-reply"][0]
    assert button["data-payload"] == '/deny"><b>'


def test_question_has_no_heading_and_yes_no_buttons():
    html = render_html(question_reply("Can you walk on your heels?", "patient", 2))
    tags = _parse(html).tags
    assert not any(tag in ("h2", "h3") for tag, _ in tags)
    assert '<span class="question-number">Question 2</span>' in html
    payloads = [a["data-payload"] for t, a in tags if a.get("class") == "quick-reply"]
    assert payloads == ["/affirm", "/deny", "/unsure"]
    assert html.index("Can you walk") < html.index("quick-replies")


def test_unknown_triage_value_does_not_reach_the_class_attribute():
    html = render_html(_reply(triage="x y"))
    assert 'class="triage triage-unknown"' in html


def test_explanation_lists_no_sources_block():
    reply = _reply(type="explanation", sections=[
        {"kind": "quotes", "title": "Sources (exact words)",
         "items": [{"text": "\u201cq one\u201d", "detail": "Article A", "citations": [1]}]},
    ])
    html = render_html(reply)
    assert 'class="sources"' not in html
    assert 'class="section section-quotes"' in html


def test_a_summary_has_copy_and_download_over_its_plain_text():
    import html
    import re

    from common.render.text import render_summary_text
    from common.render.web import summary_file_name

    reply = _reply(type="summary", case_id="ab12cd34ef56", title="Your summary <for> your doctor")
    page = render_html(reply)
    buttons = {attrs.get("class"): attrs for tag, attrs in _parse(page).tags if tag == "button"}
    assert buttons["download-summary"]["data-filename"] == "radix-summary-ab12cd34ef56.txt"
    assert buttons["copy-summary"]["data-copied"] == "Copied"
    note = re.search(r'<pre class="summary-text" hidden>(.*)</pre>', page, re.DOTALL).group(1)
    assert html.unescape(note) == render_summary_text(reply)     # what the browser copies and saves
    assert "<for>" not in page
    assert summary_file_name({"case_id": "../../etc<script>"}) == "radix-summary-etcscript.txt"
    assert summary_file_name({"case_id": None}) == "radix-summary.txt"
