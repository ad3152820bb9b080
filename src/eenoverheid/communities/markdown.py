"""Markdown as people write it, rendered safely.

markdown-it-py renders CommonMark (with tables and strikethrough) with raw HTML switched
off; nh3 (the Rust `ammonia` sanitizer) then keeps only a fixed set of tags and
attributes, so no script, no event handler and no `javascript:` link survives, whatever
the input. Links get `rel="noopener noreferrer nofollow"`.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

TAGS = {
    "p", "br", "hr", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render(text: str) -> SafeString:
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # sanitized by nh3 above


def quote(author: str, text: str, limit: int = 600) -> str:
    """Markdown that quotes another post: its first lines, each prefixed with `> `."""
    excerpt = (text or "").strip()
    if len(excerpt) > limit:
        excerpt = excerpt[:limit].rsplit(" ", 1)[0] + " …"
    lines = [f"> **{author}:**", *[f"> {line}" for line in excerpt.splitlines()]]
    return "\n".join(lines) + "\n\n"
