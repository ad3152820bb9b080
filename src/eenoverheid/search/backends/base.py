"""The interface every search engine implements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Filters:
    """Who is asking and what they narrowed to. Visibility is always applied: anonymous
    callers see public evidence; signed-in callers also what is for signed-in civil
    servants, evidence of their own organizations' members, and their own."""

    viewer_id: int | None = None
    viewer_organizations: list[int] = field(default_factory=list)
    see_everything: bool = False  # platform administrators
    organization: int | None = None
    layer: str | None = None
    organization_kind: str | None = None
    place: str | None = None  # "m<id>" or "p<id>"
    skill: int | None = None
    available: bool | None = None
    kinds: list[str] | None = None
    exclude_owner: int | None = None
    owners: list[int] | None = None  # only these people's documents


@dataclass
class Hit:
    key: str
    kind: str
    owner_id: int
    score: float
    title: str
    snippet: str  # HTML with <b> around matched words, already escaped


class SearchBackend:
    name = "base"

    def upsert(self, documents) -> None:
        """Make the engine hold these SearchDocuments (replacing older versions)."""

    def delete(self, keys: list[str]) -> None:
        """Forget these documents."""

    def clear(self) -> None:
        """Forget everything (before a rebuild)."""

    def search(self, query: str, filters: Filters, limit: int) -> list[Hit]:
        """The best `limit` documents, without snippets (`snippet` is empty)."""
        raise NotImplementedError

    def count_owners(self, query: str, filters: Filters) -> int:
        """How many distinct people have a matching document (may be approximate for
        very large sets)."""
        raise NotImplementedError

    def snippets(self, query: str, documents: list[tuple[str, str]]) -> dict[str, str]:
        """Passages of (key, body) documents with the query's words in <b>, escaped."""
        raise NotImplementedError

    def raw_search(self, query: str, limit: int = 10) -> int:
        """The engine alone, without filters, owners or snippets: for the benchmark's
        overhead ratio. Returns the number of hits."""
        raise NotImplementedError


def words(text: str) -> list[str]:
    return WORD.findall(text or "")[:32]
