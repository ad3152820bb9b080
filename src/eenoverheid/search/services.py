"""Keeping the evidence and the engine in step with the data."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from eenoverheid.search import registry
from eenoverheid.search.backends import get_backend
from eenoverheid.search.models import SearchDocument

logger = logging.getLogger(__name__)

FIELDS = ["kind", "owner_id", "title", "body", "organizations", "layers", "organization_kinds",
          "places", "skills", "available", "visibility"]  # fmt: skip


def documents_refresh(owner_ids: Iterable[int]) -> tuple[list[str], list[str]]:
    """Rebuild the evidence of these people from every provider, write the difference to
    the SearchDocument table, and after commit bring the engine in step (through the task
    queue). Returns (changed keys, deleted keys)."""
    owner_ids = list(set(owner_ids))
    if not owner_ids:
        return [], []
    wanted = {}
    for kind in registry.kinds().values():
        for doc in kind.build(owner_ids):
            wanted[doc.key] = doc
    existing = {d.key: d for d in SearchDocument.objects.filter(owner_id__in=owner_ids)}
    deleted = [key for key in existing if key not in wanted]
    to_create, to_update = [], []
    for key, doc in wanted.items():
        current = existing.get(key)
        if current is None:
            to_create.append(doc)
        elif any(getattr(current, f) != getattr(doc, f) for f in FIELDS):
            for f in FIELDS:
                setattr(current, f, getattr(doc, f))
            to_update.append(current)
    with transaction.atomic():
        SearchDocument.objects.filter(key__in=deleted).delete()
        SearchDocument.objects.bulk_create(to_create, batch_size=2000)
        SearchDocument.objects.bulk_update(to_update, FIELDS, batch_size=2000)
    changed = [d.key for d in to_create + to_update]
    if changed or deleted:
        _after_commit_sync(changed, deleted)
    return changed, deleted


def documents_forget_owner(owner_id: int, keys: list[str]) -> None:
    """A person left: their documents go from the engine as soon as the change commits.
    (Rows cascade with the user; results are also checked against the database, so
    nothing of theirs shows even before the engine has caught up.)"""
    _after_commit_sync([], keys)


def _after_commit_sync(changed: list[str], deleted: list[str]) -> None:
    from eenoverheid.search.tasks import sync_index

    transaction.on_commit(lambda: sync_index.enqueue(changed, deleted))


def sync_engine(*, upsert_keys: list[str], delete_keys: list[str]) -> int:
    backend = get_backend()
    documents = list(SearchDocument.objects.filter(key__in=upsert_keys))
    present = {d.key for d in documents}
    backend.delete(
        [k for k in delete_keys if k not in present] + [k for k in upsert_keys if k not in present]
    )
    backend.upsert(documents)
    return len(documents)


def rebuild(*, batch: int = 5000, stdout=None) -> int:
    """Recreate every SearchDocument from the providers and re-index the engine."""
    from django.contrib.auth import get_user_model

    owner_ids = list(get_user_model().objects.values_list("id", flat=True).order_by("id"))
    backend = get_backend()
    backend.clear()
    total = 0
    writer = backend.bulk_writer() if hasattr(backend, "bulk_writer") else None
    for start in range(0, len(owner_ids), batch):
        chunk = owner_ids[start : start + batch]
        docs = [d for kind in registry.kinds().values() for d in kind.build(chunk)]
        with transaction.atomic():
            SearchDocument.objects.filter(owner_id__in=chunk).delete()
            SearchDocument.objects.bulk_create(docs, batch_size=2000)
        if writer is not None:
            backend.upsert(docs, writer=writer)
        total += len(docs)
        if stdout:
            stdout.write(
                f"  {min(start + batch, len(owner_ids))}/{len(owner_ids)} people, {total} documents"
            )
    if writer is not None:
        writer.commit()
        writer.wait_merging_threads()
        backend.index.reload()
    return total


def index_needs_rebuild() -> bool:
    """True when the engine keeps its own index and it is empty while there is evidence
    (a new install restored from a database dump, or a new index schema)."""
    backend = get_backend()
    if not hasattr(backend, "document_count"):
        return False
    return backend.document_count() == 0 and SearchDocument.objects.exists()
