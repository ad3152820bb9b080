"""Wiki text: `[[Title]]` links between articles of one community, and diffs between
revisions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eenoverheid.communities.markdown import render

LINK = re.compile(r"\[\[([^\[\]|]{1,120})(?:\|([^\[\]]{1,120}))?\]\]")


def link_slugs(body: str) -> set[str]:
    return {slugify(m.group(1))[:120] for m in LINK.finditer(body or "") if slugify(m.group(1))}


def render_article(body: str, *, community_slug: str, existing: set[str]) -> SafeString:
    """Markdown with `[[Title]]` or `[[Title|text]]` turned into links to the community's
    articles; a link to an article that does not exist yet is marked as such."""

    def replace(match: re.Match) -> str:
        slug = slugify(match.group(1))[:120]
        text = (match.group(2) or match.group(1)).strip()
        if not slug:
            return match.group(0)
        url = reverse("communities:article", args=[community_slug, slug])
        if slug in existing:
            return f"[{text}]({url})"
        missing = _("not written yet")
        return f"[{text} ({missing})]({url})"

    return render(LINK.sub(replace, body or ""))


@dataclass
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str


def diff(old: str, new: str) -> list[DiffLine]:
    lines = []
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        lines.append(DiffLine({"  ": "same", "+ ": "added", "- ": "removed"}[code], text))
    return lines


def diff_html(lines: list[DiffLine]) -> SafeString:
    """The diff as a list with <ins> and <del>, which screen readers announce."""
    out = []
    for line in lines:
        text = escape(line.text) or "&nbsp;"
        if line.op == "added":
            out.append(f'<li class="diff__added"><ins>{text}</ins></li>')
        elif line.op == "removed":
            out.append(f'<li class="diff__removed"><del>{text}</del></li>')
        else:
            out.append(f'<li class="diff__same">{text}</li>')
    return mark_safe('<ol class="diff">' + "".join(out) + "</ol>")  # escaped above
