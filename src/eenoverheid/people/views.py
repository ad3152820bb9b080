"""Pages: the expertise finder, a person, one's own profile, the skills taxonomy."""

from __future__ import annotations

import json
import mimetypes

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from eenoverheid.accounts import services as account_services
from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.people import selectors, services
from eenoverheid.people.forms import (
    AccountDeleteForm,
    PeopleSearchForm,
    ProfileForm,
    SkillAddForm,
    SkillProposalForm,
)
from eenoverheid.people.models import Profile, Skill, SkillStatus

PAGE_SIZE = 20


class _Window:
    """What Django's paginator needs from a result list we only hold one page of."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        return []


@require_GET
def search(request):
    form = PeopleSearchForm(request.GET or None)
    page = results = None
    if form.is_bound and form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        try:
            filters = selectors.filters_from_params(
                q=data["q"],
                skill=data["skill"],
                organization=data["organization"],
                organization_kind=data["organization_kind"],
                layer=data["layer"],
                province=data["province"],
                municipality=data["municipality"],
                available=True if data["available"] else None,
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            number = Paginator(_Window(10**9), PAGE_SIZE).validate_number(
                request.GET.get("page") or 1
            )
            results = selectors.people_search(
                viewer=request.user,
                filters=filters,
                offset=(number - 1) * PAGE_SIZE,
                limit=PAGE_SIZE,
            )
            page = Paginator(_Window(results.count), PAGE_SIZE).get_page(number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "results": results, "page": page, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "people-results":
        return render(request, "people/search.html#results", context)
    return render(request, "people/search.html", context)


@require_GET
def detail(request, profile_id: int):
    try:
        profile = selectors.person_get(viewer=request.user, profile_id=profile_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "people/detail.html",
        {
            "profile": profile,
            "memberships": list(profile.user.memberships.all()),
            "similar": selectors.people_like(viewer=request.user, profile=profile),
            "is_me": request.user.is_authenticated and request.user.pk == profile.user_id,
            "sections": _sections(request.user, profile),
        },
    )


def _sections(viewer, profile) -> list[dict]:
    """What other capabilities show on a profile (settings.PROFILE_SECTIONS)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    return [
        import_string(path)(viewer=viewer, profile=profile)
        for path in getattr(settings, "PROFILE_SECTIONS", {}).values()
    ]


@require_GET
def photo(request, profile_id: int):
    try:
        profile = selectors.person_get(viewer=request.user, profile_id=profile_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not profile.photo:
        raise Http404(_("No photo."))
    content_type = mimetypes.guess_type(profile.photo.name)[0] or "application/octet-stream"
    response = FileResponse(profile.photo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _skill_by_name(name: str) -> Skill | None:
    return (
        Skill.objects.filter(name__iexact=(name or "").strip(), status=SkillStatus.ACTIVE)
        .order_by("id")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_profile(request):
    profile = services.profile_for(request.user)
    initial = {
        "job_title": profile.job_title,
        "bio": profile.bio,
        "keywords": profile.keywords,
        "work_municipality": profile.work_municipality.code if profile.work_municipality else "",
        "languages": profile.languages,
        "available": profile.available,
        "hours_per_week": profile.hours_per_week,
        "phone": profile.phone,
        "visibility": profile.visibility,
    }
    form, skill_form, proposal_form = (
        ProfileForm(initial=initial),
        SkillAddForm(),
        SkillProposalForm(),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "profile":
                form = ProfileForm(request.POST, request.FILES)
                if form.is_valid():
                    data = form.cleaned_data
                    photo, remove = data.pop("photo"), data.pop("remove_photo")
                    services.profile_update(user=request.user, actor=request.user, **data)
                    if photo or remove:
                        services.profile_photo_set(user=request.user, photo=photo or None)
                    messages.success(request, _("Your profile has been saved."))
                    return redirect("people:my_profile")
            elif action == "add_skill":
                skill_form = SkillAddForm(request.POST)
                if skill_form.is_valid():
                    skill = _skill_by_name(skill_form.cleaned_data["skill"])
                    if skill is None:
                        skill_form.add_error(
                            "skill", _("Choose a skill from the list, or propose a new one below.")
                        )
                    else:
                        services.profile_skill_set(
                            user=request.user,
                            skill_id=skill.pk,
                            level=skill_form.cleaned_data["level"],
                        )
                        messages.success(
                            request, _("%(skill)s is on your profile.") % {"skill": skill.name}
                        )
                        return redirect("people:my_profile")
            elif action == "remove_skill":
                services.profile_skill_remove(
                    user=request.user, skill_id=int(request.POST.get("skill_id") or 0)
                )
                messages.success(request, _("The skill has been removed."))
                return redirect("people:my_profile")
            elif action == "propose":
                proposal_form = SkillProposalForm(request.POST)
                if proposal_form.is_valid():
                    services.skill_propose(user=request.user, **proposal_form.cleaned_data)
                    messages.success(
                        request, _("Thank you: your skill is on your profile and awaits review.")
                    )
                    return redirect("people:my_profile")
        except DomainError as exc:
            target = {"profile": form, "add_skill": skill_form, "propose": proposal_form}.get(
                action
            )
            if target is not None and target.is_bound:
                report_domain_error(target, exc)
            else:
                messages.error(request, str(exc.detail or exc.title))
    return render(
        request,
        "people/my_profile.html",
        {
            "profile": profile,
            "form": form,
            "skill_form": skill_form,
            "proposal_form": proposal_form,
            "skills": profile.skills.select_related("skill"),
        },
    )


@login_required
@require_GET
def my_export(request):
    response = HttpResponse(
        json.dumps(services.profile_export(request.user), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-profiel.json"'
    return response


@login_required
@require_GET
def my_export_archive(request):
    response = HttpResponse(services.export_archive(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.zip"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.user_delete(
                user=request.user, confirm_email=form.cleaned_data["confirm_email"]
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            logout(request)
            messages.success(request, _("Your account and profile have been deleted."))
            return redirect("core:home")
    return render(request, "people/delete_account.html", {"form": form})


@require_GET
def skills(request):
    q = (request.GET.get("q") or "").strip()[:120]
    items = selectors.skills_search(q=q) if q else selectors.skill_roots()
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request, "people/skills.html", {"page": page, "q": q, "query": f"q={q}" if q else ""}
    )


@require_GET
def skill_detail(request, skill_id: int):
    try:
        skill = selectors.skill_get(skill_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    children = Paginator(selectors.skills_search(parent=skill), 100).get_page(
        request.GET.get("page")
    )
    holders = Profile.objects.visible_to(request.user).filter(skills__skill=skill).count()
    return render(
        request,
        "people/skill.html",
        {
            "skill": skill,
            "path": selectors.skill_path(skill),
            "children": children,
            "holders": holders,
        },
    )


@require_GET
def skill_suggestions(request):
    """<option>s for the skill field's datalist, while typing (htmx)."""
    return render(
        request,
        "people/_skill_options.html",
        {"skills": selectors.skill_suggest(request.GET.get("skill") or request.GET.get("q") or "")},
    )
