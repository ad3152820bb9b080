"""Pages of the organization register: browse and search, one organization, who covers
a municipality, and the administrator's pages for what organizations say about
themselves."""

from __future__ import annotations

import mimetypes
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.organizations import selectors, services
from eenoverheid.organizations.forms import (
    CoveringForm,
    EmailDomainForm,
    OrganizationProfileForm,
    RegisterFilterForm,
    TeamForm,
    TeamMemberForm,
)
from eenoverheid.organizations.models import (
    GovernmentLayer,
    Organization,
    PolicyDomainOverride,
    Team,
)

PAGE_SIZE = 25
GROUP_PREVIEW = 20


def _organization_or_404(code: str) -> Organization:
    try:
        return selectors.organization_get(code=code)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


FIELD_ALIASES = {"user": "email"}  # the service names the person, the form their address


def _report(form, exc: DomainError) -> None:
    report_domain_error(form, exc, FIELD_ALIASES)


@require_GET
def register(request):
    form = RegisterFilterForm(request.GET or None)
    organizations = Organization.objects.none()
    error = None
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if request.GET else {}
        province = None
        if data.get("province"):
            province = selectors.provinces().filter(code=data["province"]).first()
        try:
            organizations = selectors.organization_search(
                q=data.get("q"),
                kind=data.get("kind") or None,
                layer=data.get("layer") or None,
                province=province,
                municipality=(
                    selectors.municipality_get(data["municipality"])
                    if data.get("municipality")
                    else None
                ),
                domain=data.get("domain") or None,
                include_inactive=bool(data.get("include_inactive")),
            )
        except NotFound as exc:
            error = str(exc.detail)
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "error": error}
    if request.htmx and request.htmx.target == "register-results":
        return render(request, "organizations/register.html#results", context)
    return render(request, "organizations/register.html", context)


@require_GET
def covering(request):
    form = CoveringForm(request.GET or None)
    municipality, groups, domain_code = None, [], None
    if request.GET and form.is_valid():
        municipality = selectors.municipality_get(form.cleaned_data["gemeente"])
        domain_code = form.cleaned_data.get("domein") or None
        groups = selectors.organizations_covering(municipality=municipality, domain=domain_code)
    for group in groups:
        group.preview = group.organizations[:GROUP_PREVIEW]
        group.register_url = (
            reverse("organizations:register")
            + "?"
            + urlencode(
                {
                    "layer": group.layer,
                    "municipality": municipality.code,
                    "domain": domain_code or "",
                }
            )
        )
    context = {
        "form": form,
        "municipality": municipality,
        "groups": groups,
        "domain_code": domain_code,
        "national": GovernmentLayer.NATIONAL,
    }
    if request.htmx and request.htmx.target == "covering-results":
        return render(request, "organizations/covering.html#results", context)
    return render(request, "organizations/covering.html", context)


@require_GET
def detail(request, code: str):
    organization = _organization_or_404(code)
    info = selectors.organization_detail(organization)
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "info": info,
            "can_edit": services.can_administer(user=request.user, organization=organization),
        },
    )


@require_GET
def logo(request, code: str):
    organization = _organization_or_404(code)
    if not organization.logo:
        raise Http404(_("This organization has no logo."))
    content_type = mimetypes.guess_type(organization.logo.name)[0] or "application/octet-stream"
    response = FileResponse(organization.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def require_admin(request, organization):
    if not services.can_administer(user=request.user, organization=organization):
        raise PermissionDenied(_("Only the organization's administrators may change this."))


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, code: str):
    organization = _organization_or_404(code)
    require_admin(request, organization)
    profile_form = OrganizationProfileForm(initial={"description": organization.description})
    domain_form = EmailDomainForm()
    team_form = TeamForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "profile":
                profile_form = OrganizationProfileForm(request.POST, request.FILES)
                if profile_form.is_valid():
                    services.organization_update(
                        organization=organization,
                        actor=request.user,
                        description=profile_form.cleaned_data["description"],
                        logo=profile_form.cleaned_data["logo"] or None,
                        remove_logo=profile_form.cleaned_data["remove_logo"],
                    )
                    messages.success(request, _("The organization's page has been saved."))
                    return redirect("organizations:manage", code=organization.code)
            elif action == "add_domain":
                domain_form = EmailDomainForm(request.POST)
                if domain_form.is_valid():
                    services.email_domain_add(
                        organization=organization,
                        actor=request.user,
                        domain=domain_form.cleaned_data["domain"],
                    )
                    messages.success(request, _("The e-mail domain has been added."))
                    return redirect("organizations:manage", code=organization.code)
            elif action == "remove_domain":
                services.email_domain_remove(
                    organization=organization,
                    actor=request.user,
                    domain_id=int(request.POST.get("domain_id") or 0),
                )
                messages.success(request, _("The e-mail domain has been removed."))
                return redirect("organizations:manage", code=organization.code)
            elif action == "domains":
                _save_overrides(request, organization)
                messages.success(request, _("The policy domains have been saved."))
                return redirect("organizations:manage", code=organization.code)
            elif action == "add_team":
                team_form = TeamForm(request.POST)
                if team_form.is_valid():
                    team = services.team_create(
                        organization=organization, actor=request.user, **team_form.cleaned_data
                    )
                    messages.success(request, _("The team has been created."))
                    return redirect("organizations:team", code=organization.code, team_id=team.pk)
            else:
                messages.error(request, _("Unknown action."))
        except DomainError as exc:
            target = {
                "profile": profile_form,
                "add_domain": domain_form,
                "add_team": team_form,
            }.get(action)
            if target is not None and target.is_bound:
                _report(target, exc)
            else:
                messages.error(request, str(exc.detail or exc.title))
    info = selectors.organization_detail(organization)
    overrides = {
        o.domain_id: o.included
        for o in PolicyDomainOverride.objects.filter(organization=organization)
    }
    held = {d.domain_id: d.basis for d in info.domains}
    domain_rows = [
        {
            "domain": d,
            "override": {True: "yes", False: "no"}.get(overrides.get(d.pk), ""),
            "held": d.pk in held,
            "basis": held.get(d.pk),
        }
        for d in selectors.policy_domains()
    ]
    return render(
        request,
        "organizations/manage.html",
        {
            "organization": organization,
            "info": info,
            "profile_form": profile_form,
            "domain_form": domain_form,
            "team_form": team_form,
            "domain_rows": domain_rows,
        },
    )


def _save_overrides(request, organization):
    """Only the domains whose choice changed go through the service."""
    current = {
        o.domain_id: o.included
        for o in PolicyDomainOverride.objects.filter(organization=organization)
    }
    for domain in selectors.policy_domains():
        value = request.POST.get(f"domain-{domain.code}")
        if value is None:
            continue
        wanted = {"yes": True, "no": False, "": None}.get(value)
        if current.get(domain.pk) != wanted:
            services.policy_domain_override_set(
                organization=organization,
                actor=request.user,
                domain_code=domain.code,
                included=wanted,
            )


@login_required
@require_http_methods(["GET", "POST"])
def team(request, code: str, team_id: int):
    organization = _organization_or_404(code)
    team_obj = get_object_or_404(Team, organization=organization, pk=team_id)
    can_edit = services.can_administer(user=request.user, organization=organization)
    edit_form = TeamForm(initial={"name": team_obj.name, "description": team_obj.description})
    member_form = TeamMemberForm()
    if request.method == "POST":
        require_admin(request, organization)
        action = request.POST.get("action")
        try:
            if action == "update":
                edit_form = TeamForm(request.POST)
                if edit_form.is_valid():
                    services.team_update(
                        team=team_obj, actor=request.user, **edit_form.cleaned_data
                    )
                    messages.success(request, _("The team has been saved."))
                    return redirect("organizations:team", code=code, team_id=team_obj.pk)
            elif action == "add_member":
                member_form = TeamMemberForm(request.POST)
                if member_form.is_valid():
                    user = (
                        get_user_model()
                        .objects.filter(
                            email__iexact=member_form.cleaned_data["email"], is_active=True
                        )
                        .first()
                    )
                    if user is None:
                        member_form.add_error(
                            "email", _("Nobody with this e-mail address is on the platform.")
                        )
                    else:
                        services.team_member_add(team=team_obj, actor=request.user, user=user)
                        messages.success(request, _("%(name)s has been added.") % {"name": user})
                        return redirect("organizations:team", code=code, team_id=team_obj.pk)
            elif action == "remove_member":
                user = team_obj.members.filter(pk=int(request.POST.get("user_id") or 0)).first()
                if user is not None:
                    services.team_member_remove(team=team_obj, actor=request.user, user=user)
                    messages.success(request, _("%(name)s has been removed.") % {"name": user})
                return redirect("organizations:team", code=code, team_id=team_obj.pk)
            elif action == "delete":
                services.team_delete(team=team_obj, actor=request.user)
                messages.success(request, _("The team has been deleted."))
                return redirect("organizations:manage", code=code)
        except DomainError as exc:
            form = {"update": edit_form, "add_member": member_form}.get(action)
            if form is not None and form.is_bound:
                _report(form, exc)
            else:
                messages.error(request, str(exc.detail or exc.title))
    return render(
        request,
        "organizations/team.html",
        {
            "organization": organization,
            "team": team_obj,
            "members": Paginator(team_obj.members.order_by("name", "id"), 50).get_page(
                request.GET.get("page")
            ),
            "can_edit": can_edit,
            "edit_form": edit_form,
            "member_form": member_form,
        },
    )
