"""Pages of the dataset register: search, one dataset, and importing a catalogue."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.datasets import selectors, services
from eenoverheid.datasets.forms import DatasetFilterForm, DatasetImportForm
from eenoverheid.organizations.models import Membership, MembershipRole

PAGE_SIZE = 25


@require_GET
def dataset_list(request):
    form = DatasetFilterForm(request.GET or None)
    error = None
    datasets = selectors.dataset_search(selectors.DatasetFilters())
    if form.is_valid():
        data = form.cleaned_data
        try:
            f = selectors.filters_from_params(
                q=data["q"],
                publisher=data["publisher"],
                theme=data["theme"],
                domain=data["domain"],
                format=data["format"],
            )
            datasets = selectors.dataset_search(f)
        except DomainError as exc:
            error = exc.invalid_params[0].reason if exc.invalid_params else str(exc.detail)
            datasets = datasets.none()
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {"form": form, "page": page, "query": query, "error": error}
    if request.htmx:
        return render(request, "datasets/list.html#results", context)
    return render(request, "datasets/list.html", context)


@require_GET
def dataset_detail(request, pk: int):
    try:
        dataset = selectors.dataset_get(pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(request, "datasets/detail.html", {"dataset": dataset})


@login_required
@require_http_methods(["GET", "POST"])
def dataset_import(request):
    administered = [
        m.organization
        for m in Membership.objects.filter(user=request.user, role=MembershipRole.ADMIN)
        .select_related("organization")
        .order_by("organization__name")
    ]
    allow_all = is_platform_admin(request.user)
    if not administered and not allow_all:
        raise PermissionDenied(_("Only organization and platform administrators import datasets."))
    form = DatasetImportForm(
        request.POST or None, request.FILES or None, organizations=administered, allow_all=allow_all
    )
    report = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["organization"]
        organization = next((o for o in administered if o.code == code), None)
        if code and organization is None and allow_all:
            from eenoverheid.organizations.models import Organization

            organization = Organization.objects.filter(code=code).first()
        upload = form.cleaned_data["file"]
        try:
            report = services.catalog_import(
                actor=request.user,
                content=upload.read(services.MAX_BYTES + 1),
                organization=organization,
                catalog=upload.name,
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("%(created)d datasets added, %(updated)d updated, %(rejected)d rejected.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "rejected": len(report.rejected),
                },
            )
    return render(request, "datasets/import.html", {"form": form, "report": report})
