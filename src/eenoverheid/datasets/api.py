"""`/api/v1/datasets`: the register of datasets per publishing organization."""

from datetime import date

from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import Problem
from eenoverheid.core.errors import NotFound
from eenoverheid.datasets import selectors, services
from eenoverheid.datasets.models import Dataset
from eenoverheid.organizations.models import Organization

router = Router(tags=["datasets"])


class PublisherOut(Schema):
    id: int
    code: str
    name: str


class ThemeOut(Schema):
    uri: str
    label: str


class DatasetOut(Schema):
    id: int
    identifier: str
    title: str
    description: str
    publisher: PublisherOut
    themes: list[ThemeOut]
    policy_domains: list[str] = Field(
        description="Codes of the policy domains its themes stand for."
    )
    keywords: list[str]
    licence: str
    formats: list[str]
    landing_page: str
    access_url: str
    modified: date | None
    url: str = Field(description="The dataset's page on the platform.")

    @staticmethod
    def resolve_themes(obj: Dataset) -> list[dict]:
        return [
            {"uri": u, "label": label}
            for u, label in zip(obj.themes, obj.theme_labels, strict=True)
        ]

    @staticmethod
    def resolve_policy_domains(obj: Dataset) -> list[str]:
        return [d.code for d in obj.policy_domains.all()]

    @staticmethod
    def resolve_url(obj: Dataset) -> str:
        return reverse("datasets:detail", args=[obj.pk])


class DatasetFilters(Schema):
    q: str | None = Field(
        None, max_length=200, description="Words in title, description or publisher."
    )
    publisher: str | None = Field(None, max_length=200, description="Organization code (TOOI).")
    theme: str | None = Field(None, max_length=300, description="Theme URI or its last segment.")
    policy_domain: str | None = Field(None, max_length=8, description="Policy-domain code.")
    format: str | None = Field(None, max_length=40, description="File format, e.g. CSV.")


class RejectedOut(Schema):
    row: int
    identifier: str
    reason: str


class ImportOut(Schema):
    format: str
    created: int
    updated: int
    rejected: list[RejectedOut]


@router.get(
    "/datasets",
    response={200: list[DatasetOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Search the register of datasets",
)
@paginate
def dataset_list(request, filters: Query[DatasetFilters]):
    f = selectors.filters_from_params(
        q=filters.q,
        publisher=filters.publisher,
        theme=filters.theme,
        domain=filters.policy_domain,
        format=filters.format,
    )
    return selectors.dataset_search(f).prefetch_related("policy_domains")


class ImportForm(Schema):
    organization: str = Field(
        "",
        max_length=200,
        description="Code of your organization; empty for platform administrators.",
    )


@router.post(
    "/datasets/import",
    response={200: ImportOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Import a DCAT (JSON-LD) or CKAN (JSON) export; rejected rows come back with reasons",
)
def dataset_import(
    request,
    file: File[UploadedFile],
    form: Form[ImportForm],
):
    publisher = None
    if form.organization.strip():
        publisher = Organization.objects.filter(code=form.organization.strip().lower()).first()
        if publisher is None:
            raise NotFound("No organization with this code.")
    report = services.catalog_import(
        actor=request.user,
        content=file.read(services.MAX_BYTES + 1),
        organization=publisher,
        catalog=file.name or "",
    )
    return {
        "format": report.format,
        "created": report.created,
        "updated": report.updated,
        "rejected": [r.__dict__ for r in report.rejected],
    }


@router.get(
    "/datasets/{dataset_id}",
    response={200: DatasetOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One dataset",
)
def dataset_read(request, dataset_id: int):
    return selectors.dataset_get(dataset_id)
