"""The one pagination style of every API list: page numbers with links.

`?page=2&page_size=50` answers `{count, page, page_size, pages, next, previous, results}`.
It runs two queries whatever the size of the data: one count, one page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class Pagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
        page_size: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_PER_PAGE_SIZE,
            description="Items per page.",
        )

    class Output(Schema):
        count: int
        page: int
        page_size: int
        pages: int
        next: str | None
        previous: str | None
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        count = self._items_count(queryset)
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        pages = max(1, math.ceil(count / size))
        return {
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "pages": pages,
            "next": _page_url(request, pagination.page + 1) if pagination.page < pages else None,
            "previous": _page_url(request, pagination.page - 1)
            if 1 < pagination.page <= pages
            else None,
            "results": queryset[offset : offset + size],
        }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class Lazy(Sequence):
    """A ranked or ordered list that loads only the slice a page shows (for Django's
    Paginator and the API's pagination alike)."""

    def __init__(self, count: Callable[[], int], load: Callable[[slice], list]):
        self._count, self._load, self._len = count, load, None

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._count()
        return self._len

    def count(self, *_args) -> int:  # Paginator asks for count()
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(index)
        return self._load(slice(index, index + 1))[0]
