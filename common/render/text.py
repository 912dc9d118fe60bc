"""Plain-text rendering of a structured reply (REST, logs, and any channel without markup)."""
from __future__ import annotations

from typing import Mapping


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
