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
from dataclasses import dataclass, field

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


def find_experts(query: str, filters: Filters) -> list[ExpertResult]:
    """All people (up to the evidence depth) whose evidence matches, best first."""
    hits = get_backend().search(query or "", filters, EVIDENCE_DEPTH)
    scores: dict[int, float] = defaultdict(float)
    evidence: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        scores[hit.owner_id] += registry.weight(hit.kind) * hit.score
        evidence[hit.owner_id].append(hit)
    if not scores:
        return []
    if query.strip():
        prior = activity_prior(list(scores))
        scores = {o: s * prior[o] for o, s in scores.items()}
    scores = fuse(scores)
    order = sorted(scores, key=lambda o: (-scores[o], o))
    return [ExpertResult(owner_id=o, score=scores[o], evidence=evidence[o]) for o in order]
