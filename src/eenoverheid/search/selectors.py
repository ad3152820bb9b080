"""Expertise search: Balog et al.'s document-centric "Model 2".

Every piece of evidence linked to a person is a document; the engine retrieves the
documents that match the query (filtered and visibility-checked inside the index), and a
person's score is the weighted sum of their documents' scores, times a mild activity
prior (people with more evidence on the platform rank slightly higher). The evidence that
made someone rank is returned with them. `fuse` is the seam for a semantic ranking later.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count

from eenoverheid.search import registry
from eenoverheid.search.backends import get_backend
from eenoverheid.search.backends.base import Filters, Hit
from eenoverheid.search.models import SearchDocument

EVIDENCE_DEPTH = 2000  # documents retrieved per query before they are summed per person


@dataclass
class ExpertResult:
    owner_id: int
    score: float
    evidence: list[Hit] = field(default_factory=list)


def activity_prior(owner_ids: list[int]) -> dict[int, float]:
    counts = dict(
        SearchDocument.objects.filter(owner_id__in=owner_ids)
        .values_list("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    return {o: 1.0 + 0.1 * math.log1p(counts.get(o, 0)) for o in owner_ids}


def fuse(lexical: dict[int, float], semantic: dict[int, float] | None = None) -> dict[int, float]:
    """Combine rankings. Today only the lexical one exists; a semantic (embedding)
    ranking would be merged here, e.g. by reciprocal rank fusion."""
    if not semantic:
        return lexical
    ranked = {}
    for ranking in (lexical, semantic):
        for rank, owner in enumerate(sorted(ranking, key=ranking.get, reverse=True)):
            ranked[owner] = ranked.get(owner, 0.0) + 1.0 / (60 + rank)
    return ranked


def evidence_depth(offset: int, limit: int) -> int:
    """How many documents to retrieve to rank people up to offset + limit: a person has
    a few documents, so a few times the people wanted, within EVIDENCE_DEPTH."""
    return min(EVIDENCE_DEPTH, max(100, (offset + limit) * 5))


@dataclass
class ExpertPage:
    experts: list[ExpertResult]  # the requested window, best first
    count: int  # people with matching evidence (all of them, not only those ranked)


def find_experts(
    query: str, filters: Filters, *, offset: int = 0, limit: int = 20, counted: bool = True
) -> ExpertPage:
    """The people whose evidence matches, best first; `counted=False` skips counting
    everyone who matched (the count is then only those ranked)."""
    backend = get_backend()
    if filters.kinds is None:
        filters = replace(filters, kinds=registry.evidence_kinds())
    hits = backend.search(query or "", filters, evidence_depth(offset, limit))
    scores: dict[int, float] = defaultdict(float)
    evidence: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        scores[hit.owner_id] += registry.weight(hit.kind) * hit.score
        evidence[hit.owner_id].append(hit)
    if not scores:
        return ExpertPage(experts=[], count=0)
    if (query or "").strip():
        prior = activity_prior(list(scores))
        scores = {o: s * prior[o] for o, s in scores.items()}
    scores = fuse(scores)
    order = sorted(scores, key=lambda o: (-scores[o], o))[offset : offset + limit]
    window = [ExpertResult(owner_id=o, score=scores[o], evidence=evidence[o]) for o in order]
    count = (
        len(scores)
        if len(hits) < evidence_depth(offset, limit) or not counted
        else backend.count_owners(query or "", filters)
    )
    _attach_snippets(backend, query or "", window)
    return ExpertPage(experts=window, count=max(count, offset + len(window)))


def _attach_snippets(backend, query: str, window: list[ExpertResult]) -> None:
    """Passages for the people shown only: one query for their documents' text."""
    keys = [
        hit.key
        for expert in window
        for hit in expert.evidence[:3]
        if registry.shows_passages(hit.kind)
    ]
    if not keys:
        return
    bodies = dict(SearchDocument.objects.filter(key__in=keys).values_list("key", "body"))
    snippets = backend.snippets(query, [(k, bodies[k]) for k in keys if k in bodies])
    for expert in window:
        for hit in expert.evidence[:3]:
            hit.snippet = snippets.get(hit.key, "")


def find_documents(
    query: str, filters: Filters, *, kind: str, limit: int = 500
) -> dict[str, float]:
    """Content searched for itself (not as evidence): the best `limit` documents of one
    kind that the filters let through, by key, with the engine's score."""
    filters = replace(filters, kinds=[kind])
    return {hit.key: hit.score for hit in get_backend().search(query or "", filters, limit)}
