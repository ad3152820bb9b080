"""The configured search engine (`SEARCH_BACKEND`: tantivy or postgres)."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _backend(name: str, path: str):
    if name == "tantivy":
        from eenoverheid.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend(path)
    if name == "postgres":
        from django.db import connection

        if connection.vendor != "postgresql":
            raise ImproperlyConfigured("SEARCH_BACKEND=postgres needs DATABASE_URL on PostgreSQL")
        from eenoverheid.search.backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"Unknown SEARCH_BACKEND {name!r}: use tantivy or postgres")


def get_backend():
    return _backend(settings.SEARCH_BACKEND, str(settings.SEARCH_INDEX_DIR))


def reset_backends() -> None:
    _backend.cache_clear()
