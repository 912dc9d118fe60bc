"""HTML rendering of a structured reply for the web widget (bot/web/).

Every piece of reply text is escaped here, so the widget can insert the HTML as is; it only
wires up the citation markers (which open the quote) and the answer buttons.
Red-flag sections always come first, as a banner, whatever order the reply lists them in.
A case summary also gets "Copy summary" and "Download" buttons over its plain-text note.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Mapping

from common.contract import TRIAGE_LEVELS
from common.render.text import citation_marks, render_sources, render_summary_text
from common.wording import say

# Titles are headings in these replies; a question or a short message reads better without one.
_UNTITLED_TYPES = ("question", "message")


def _marker(n: int, titles: Mapping[int, str]) -> str:
    label = f"Source {n}: {titles[n]}" if n in titles else f"Source {n}"
    return (
        f'<button type="button" class="cite" data-cite="{int(n)}" aria-haspopup="dialog" '
        f'aria-label="{escape(label)}">{escape(citation_marks([int(n)]))}</button>'
    )


def _item(item: Mapping, titles: Mapping[int, str]) -> str:
    html = f'<span class="item-text">{escape(item["text"])}</span>'
    numbers = item.get("citations") or []
    if numbers:
        html += ' <span class="marks">' + "".join(_marker(n, titles) for n in numbers) + "</span>"
    if item.get("detail"):
        html += f'<span class="detail">{escape(item["detail"])}</span>'
    return html


def _items(items: Iterable[Mapping], titles: Mapping[int, str]) -> str:
    return "<ul>" + "".join(f"<li>{_item(i, titles)}</li>" for i in items) + "</ul>"


def _section(section: Mapping, reply: Mapping, titles: Mapping[int, str]) -> str:
    kind = section["kind"]
    title = section.get("title")
    items = section["items"]
    if kind == "red_flags":
        heading = escape(title or "Urgent")
        return (f'<section class="banner red-flags" role="alert"><h3>{heading}</h3>'
                f"{_items(items, titles)}</section>")
    if kind == "triage":
        level = reply.get("triage") if reply.get("triage") in TRIAGE_LEVELS else "unknown"
        return "".join(f'<p class="triage triage-{level}">{_item(i, titles)}</p>' for i in items)
    if kind == "question":
        label = f'<span class="question-number">{escape(title)}</span> ' if title else ""
        return "".join(f'<p class="question">{label}{_item(i, titles)}</p>' for i in items)
    css_kind = "".join(c if c.isalnum() or c == "_" else "-" for c in kind)
    heading = f"<h3>{escape(title)}</h3>" if title else ""
    if not title and len(items) == 1:
        body = f"<p>{_item(items[0], titles)}</p>"
    else:
        body = _items(items, titles)
    return f'<section class="section section-{css_kind}">{heading}{body}</section>'


def render_buttons(buttons: Iterable[Mapping]) -> str:
    buttons = list(buttons)
    if not buttons:
        return ""
    return '<div class="quick-replies" role="group" aria-label="Answer">' + "".join(
        f'<button type="button" class="quick-reply" data-payload="{escape(b["payload"])}">'
        f'{escape(b["title"])}</button>'
        for b in buttons
    ) + "</div>"


def summary_file_name(reply: Mapping) -> str:
    """radix-summary-<case id>.txt (letters and digits of the id only)."""
    case = "".join(c for c in str(reply.get("case_id") or "") if c.isascii() and c.isalnum())
    return f"radix-summary-{case}.txt" if case else "radix-summary.txt"


def render_summary_tools(reply: Mapping) -> str:
    """Under a case summary: "Copy summary" and "Download", and the plain text they copy and save
    (the same text as `radix case show`; the widget reads it from the hidden pre)."""
    audience = reply["audience"]
    return (
        f'<div class="summary-tools" role="group" aria-label="{escape(reply.get("title") or "")}">'
        f'<button type="button" class="copy-summary" data-copied="{escape(say(audience, "summary.copied"))}">'
        f'{escape(say(audience, "summary.copy_button"))}</button>'
        f'<button type="button" class="download-summary" data-filename="{escape(summary_file_name(reply))}">'
        f'{escape(say(audience, "summary.download_button"))}</button>'
        '<span class="copy-status" role="status" aria-live="polite"></span></div>'
        f'<pre class="summary-text" hidden>{escape(render_summary_text(reply))}</pre>'
    )


def render_html(reply: Mapping) -> str:
    """One reply as an HTML fragment: title, red-flag banner, sections, sources, buttons, footer."""
    titles = {c["n"]: c["title"] for c in reply.get("citations") or []}
    parts = []
    if reply.get("title") and reply["type"] not in _UNTITLED_TYPES:
        parts.append(f'<h2 class="reply-title">{escape(reply["title"])}</h2>')
    sections = sorted(reply["sections"], key=lambda s: s["kind"] != "red_flags")  # stable
    parts += [_section(s, reply, titles) for s in sections]
    if reply.get("citations") and reply["type"] != "explanation":
        lines = "".join(f"<li>{escape(line)}</li>" for line in render_sources(reply["citations"]))
        parts.append(f'<section class="sources"><h3>Sources</h3><ul>{lines}</ul></section>')
    parts.append(render_buttons(reply.get("buttons") or []))
    if reply.get("footer"):
        parts.append(f'<p class="footer">{escape(reply["footer"])}</p>')
    if reply["type"] == "summary":
        parts.append(render_summary_tools(reply))
    return "".join(parts)
