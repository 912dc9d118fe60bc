"""Plain-text rendering of a structured reply (REST, logs, and any channel without markup).

A case summary renders as a note that pastes cleanly into a record: plain lines, "- " bullets,
numbered considerations, no markup of any kind, and (for clinicians) the numbered sources with their
verbatim quotes at the end.
"""
from __future__ import annotations

from typing import Mapping

from common.wording import say


def citation_marks(numbers) -> str:
    return "".join(f"[{n}]" for n in numbers)


def render_item(item: Mapping) -> str:
    line = item["text"]
    if item.get("citations"):
        line += " " + citation_marks(item["citations"])
    if item.get("detail"):
        line += f"\n   ({item['detail']})"
    return line


def render_sources(citations) -> list[str]:
    """Numbered short references: article titles (the quotes come with 'why?')."""
    titles: dict[str, list[int]] = {}
    for citation in citations:
        titles.setdefault(citation["title"], []).append(citation["n"])
    return [f"{citation_marks(numbers)} {title}" for title, numbers in titles.items()]


def render_text(reply: Mapping) -> str:
    if reply["type"] == "summary":
        return render_summary_text(reply)
    blocks = []
    if reply.get("title") and reply["type"] not in ("question", "message"):
        blocks.append(reply["title"].upper())
    for section in reply["sections"]:
        lines = []
        if section.get("title"):
            marker = "!! " if section["kind"] == "red_flags" else ""
            lines.append(f"{marker}{section['title']}:")
        bullet = "- " if section.get("title") and len(section["items"]) > 1 else ""
        lines += [bullet + render_item(item) for item in section["items"]]
        blocks.append("\n".join(lines))
    if reply.get("citations") and reply["type"] != "explanation":
        blocks.append("Sources:\n" + "\n".join(render_sources(reply["citations"])))
    if reply.get("footer"):
        blocks.append(reply["footer"])
    return "\n\n".join(blocks)


def summary_sources(reply: Mapping) -> list[str]:
    """A clinician note's sources: '[1] Article title: "the exact words"'; a patient's: the titles."""
    if reply["audience"] != "clinician":
        return render_sources(reply["citations"])
    return [f'[{c["n"]}] {c["title"]}: "{c["quote"]}"' for c in reply["citations"]]


def summary_blocks(reply: Mapping) -> list[tuple[str | None, list[str]]]:
    """(heading or None, lines) of a case summary in reading order: the title with the case line
    under it, each section, the sources, the footer."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [reply["title"].upper()])]
    for section in reply["sections"]:
        numbered = section["kind"] == "considerations"
        lines = []
        for index, item in enumerate(section["items"], start=1):
            line = item["text"] + (" " + citation_marks(item["citations"]) if item.get("citations") else "")
            if numbered:
                line = f"{index}. {line}"
            elif section.get("title") and len(section["items"]) > 1:
                line = f"- {line}"
            lines.append(line)
            if item.get("detail"):
                lines.append(f"   {item['detail']}")
        if section["kind"] == "case" and len(blocks) == 1:
            blocks[0][1].extend(lines)      # the case line belongs under the title
        else:
            blocks.append((section.get("title"), lines))
    if reply.get("citations"):
        blocks.append((say(reply["audience"], "summary.sources_title"), summary_sources(reply)))
    if reply.get("footer"):
        blocks.append((None, [reply["footer"]]))
    return blocks


def render_summary_text(reply: Mapping) -> str:
    """The summary as plain text: the same text the web download, the Slack copy and
    `radix case show` give."""
    return "\n\n".join("\n".join(([f"{heading}:"] if heading else []) + lines)
                       for heading, lines in summary_blocks(reply))
