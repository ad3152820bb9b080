"""Evidence providers: who contributes what to the expertise search, and how much it
weighs (Balog et al.'s Model 2: a person's score is the weighted sum of the scores of
the documents linked to them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceKind:
    kind: str
    label: str  # shown beside the evidence that made someone rank
    weight: float
    # owner ids -> the documents (unsaved SearchDocuments) for those owners
    build: Callable[[Iterable[int]], list]
    passages: bool = True  # show a passage of it in results (False: it has its own display)
    # False for content that is searched for itself (opportunities), not as evidence of
    # what its owner knows: the expertise search leaves it out.
    evidence: bool = True


_KINDS: dict[str, EvidenceKind] = {}


def register(kind: EvidenceKind) -> None:
    _KINDS[kind.kind] = kind


def kinds() -> dict[str, EvidenceKind]:
    return dict(_KINDS)


def evidence_kinds() -> list[str] | None:
    """The kinds the expertise search reads, or None when every kind is evidence."""
    if all(k.evidence for k in _KINDS.values()):
        return None
    return sorted(k.kind for k in _KINDS.values() if k.evidence)


def shows_passages(kind: str) -> bool:
    return _KINDS[kind].passages if kind in _KINDS else True


def weight(kind: str) -> float:
    return _KINDS[kind].weight if kind in _KINDS else 1.0
