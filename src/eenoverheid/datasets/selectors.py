"""Reads of the dataset register."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from eenoverheid.core.errors import InvalidInput, InvalidParam, NotFound
from eenoverheid.datasets.models import Dataset
from eenoverheid.datasets.themes import THEMES, theme_uri
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import policy_domain_ids


@dataclass
class DatasetFilters:
    q: str = ""
    publisher: Organization | None = None
    theme: str | None = None
    domain: str | None = None
    format: str | None = None


def filters_from_params(*, q=None, publisher=None, theme=None, domain=None, format=None):
    errors = []
    f = DatasetFilters(q=(q or "").strip()[:200], domain=domain or None)
    if publisher:
        f.publisher = Organization.objects.filter(code=str(publisher).strip().lower()).first()
        if f.publisher is None:
            errors.append(InvalidParam("publisher", _("Unknown organization code."), "unknown"))
    if theme:
        f.theme = theme_uri(str(theme))
        if f.theme is None:
            errors.append(InvalidParam("theme", _("Unknown theme."), "unknown"))
    if format:
        f.format = str(format).strip().upper()[:40]
    if domain:
        try:
            policy_domain_ids(domain)
        except NotFound:
            errors.append(InvalidParam("domain", _("Unknown policy domain."), "unknown"))
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return f


def dataset_search(filters: DatasetFilters) -> QuerySet[Dataset]:
    datasets = Dataset.objects.select_related("publisher")
    for term in filters.q.split()[:8]:
        datasets = datasets.filter(
            Q(title__icontains=term)
            | Q(description__icontains=term)
            | Q(publisher__name__icontains=term)
        )
    if filters.publisher is not None:
        datasets = datasets.filter(publisher=filters.publisher)
    if filters.theme:
        # JSON containment differs per database; themes are few, so match the quoted URI.
        datasets = datasets.filter(themes__icontains=f'"{filters.theme}"')
    if filters.domain:
        datasets = datasets.filter(
            pk__in=Dataset.policy_domains.through.objects.filter(
                policydomain_id__in=policy_domain_ids(filters.domain)
            ).values("dataset_id")
        )
    if filters.format:
        datasets = datasets.filter(formats__icontains=f'"{filters.format}"')
    return datasets.order_by("title", "id")


def dataset_get(pk: int) -> Dataset:
    dataset = (
        Dataset.objects.select_related("publisher")
        .prefetch_related("policy_domains")
        .filter(pk=pk)
        .first()
    )
    if dataset is None:
        raise NotFound(_("No dataset with this id."))
    return dataset


def theme_choices(language: str = "nl") -> list[tuple[str, str]]:
    index = 0 if language.startswith("nl") else 1
    return sorted(((uri, labels[index]) for uri, labels in THEMES.items()), key=lambda c: c[1])
