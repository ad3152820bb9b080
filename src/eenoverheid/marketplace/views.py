"""Pages of the marketplace: finding opportunities (with why they fit), "for me", one
opportunity (with its JobPosting), applying, one's applications, and the publisher's
side: the form, applications, people who fit, and the organization's settings."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.marketplace import jsonld, selectors, services
from eenoverheid.marketplace.forms import ApplyForm, InterestsForm, OpportunityForm, SearchForm
from eenoverheid.marketplace.models import (
    ACTIVE_STATUSES,
    Application,
    ApplicationStatus,
    Opportunity,
    OpportunitySkill,
    SavedSearch,
    Status,
)
from eenoverheid.organizations.models import Membership, MembershipRole, Organization
from eenoverheid.organizations.selectors import municipalities, provinces
from eenoverheid.people.models import Profile, Skill

PAGE_SIZE = 20


def _opportunity_or_404(request, pk: int) -> Opportunity:
    try:
        return selectors.opportunity_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _search_form(request) -> SearchForm:
    open_ones = Opportunity.objects.filter(status=Status.OPEN)
    return SearchForm(
        request.GET or None,
        skills=Skill.objects.filter(
            pk__in=OpportunitySkill.objects.filter(opportunity__in=open_ones).values("skill_id")
        )
        .order_by("name")
        .only("id", "name"),
        organizations=Organization.objects.filter(
            pk__in=open_ones.values("organization_id")
        ).order_by("name"),
        provinces=provinces(),
    )


def _filters(form: SearchForm) -> selectors.OpportunityFilters:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    try:
        return selectors.filters_from_params(
            q=data.get("q"),
            kind=data.get("kind") or None,
            skill=data.get("skill"),
            organization=data.get("organization") or None,
            layer=data.get("layer") or None,
            province=data.get("province") or None,
            hours_max=data.get("hours_max"),
            work_mode=data.get("work_mode") or None,
        )
    except DomainError:
        return selectors.OpportunityFilters()


def _may_publish_somewhere(user) -> bool:
    return selectors.publishing_organizations(user).exists()


@require_GET
def search(request):
    form = _search_form(request)
    filters = _filters(form)
    results = selectors.search(viewer=request.user, filters=filters)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    for_you = []
    if request.user.is_authenticated and not request.GET:
        for_you = list(selectors.for_me(viewer=request.user)[:3])
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(
        request,
        "marketplace/search.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "for_you": for_you,
            "publishes": _may_publish_somewhere(request.user),
            "filters": filters.as_params(),
        },
    )


@login_required
@require_GET
def for_me(request):
    results = selectors.for_me(viewer=request.user)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    profile = Profile.objects.filter(user=request.user).first()
    return render(
        request,
        "marketplace/for_me.html",
        {"page": page, "query": "", "has_skills": bool(profile and profile.skills.exists())},
    )


@require_GET
def detail(request, pk: int):
    opportunity = _opportunity_or_404(request, pk)
    selectors.attach_fit(request.user, [opportunity])
    mine = None
    organizations = []
    if request.user.is_authenticated:
        mine = (
            Application.objects.filter(opportunity=opportunity, applicant=request.user)
            .prefetch_related("events")
            .first()
        )
        organizations = [
            m.organization
            for m in Membership.objects.filter(user=request.user).select_related("organization")
        ]
    manages = selectors.may_manage(user=request.user, opportunity=opportunity)
    courses = []
    if opportunity.fit and opportunity.fit.missing and not manages:
        from eenoverheid.learning.selectors import courses_for_skills

        courses = courses_for_skills(
            {need.skill_id for need, _s in opportunity.fit.missing}, limit=5
        )
    return render(
        request,
        "marketplace/detail.html",
        {
            "o": opportunity,
            "courses": courses,
            "mine": mine,
            "manages": manages,
            "apply_form": ApplyForm(organizations=organizations),
            "jsonld": jsonld.script_tag(opportunity, request)
            if opportunity.visibility == "public" and opportunity.status == Status.OPEN
            else None,
            "is_open": Opportunity.objects.filter(selectors.open_q(), pk=pk).exists(),
        },
    )


@login_required
@require_POST
def apply(request, pk: int):
    opportunity = _opportunity_or_404(request, pk)
    organizations = [
        m.organization
        for m in Membership.objects.filter(user=request.user).select_related("organization")
    ]
    form = ApplyForm(request.POST, organizations=organizations)
    if form.is_valid():
        try:
            application = services.apply(
                actor=request.user,
                opportunity=opportunity,
                motivation=form.cleaned_data["motivation"],
                organization=form.cleaned_data.get("organization") or None,
            )
            messages.success(request, _("Your application has been sent."))
            return redirect("marketplace:application", application.pk)
        except DomainError as exc:
            messages.error(request, str(exc.detail or exc.title))
    else:
        messages.error(request, _("Write a motivation of at least ten characters."))
    return redirect("marketplace:detail", pk)


def _opportunity_input(form: OpportunityForm) -> services.OpportunityInput:
    d = form.cleaned_data
    return services.OpportunityInput(
        kind=d["kind"],
        title=d["title"],
        description=d["description"],
        team_id=d.get("team"),
        skills=form.skills(),
        hours_per_week=d.get("hours_per_week"),
        start_date=d.get("start_date"),
        end_date=d.get("end_date"),
        duration_weeks=d.get("duration_weeks"),
        work_mode=d["work_mode"],
        municipality=d.get("municipality") or None,
        location=d.get("location") or "",
        salary_scale_min=d.get("salary_scale_min"),
        salary_scale_max=d.get("salary_scale_max"),
        closing_date=d.get("closing_date"),
        points=d.get("points") or 0,
        budget_euros=d.get("budget_euros") or 0,
        places=d.get("places") or 1,
        visibility=d["visibility"],
    )


ALIASES = {"team": "team", "skills": "skill_1"}


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    organizations = list(selectors.publishing_organizations(request.user))
    if not organizations:
        messages.error(request, _("Only administrators and recruiters of an organization publish."))
        return redirect("marketplace:search")
    chosen = request.POST.get("organization") or request.GET.get("organisatie")
    organization = next((o for o in organizations if o.code == chosen), organizations[0])
    form = OpportunityForm(
        request.POST or None, teams=organization.teams.all(), municipalities=municipalities()
    )
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                actor=request.user,
                organization=organization,
                data=_opportunity_input(form),
                publish=form.cleaned_data["publish"],
            )
            messages.success(request, _("Saved."))
            return redirect("marketplace:detail", opportunity.pk)
        except DomainError as exc:
            report_domain_error(form, exc, ALIASES)
    return render(
        request,
        "marketplace/form.html",
        {"form": form, "organizations": organizations, "organization": organization},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    opportunity = _opportunity_or_404(request, pk)
    if not selectors.may_manage(user=request.user, opportunity=opportunity):
        raise Http404(_("Only those who publish for this organization can change it."))
    initial = {
        "kind": opportunity.kind,
        "title": opportunity.title,
        "description": opportunity.description,
        "team": opportunity.team_id,
        "hours_per_week": opportunity.hours_per_week,
        "start_date": opportunity.start_date,
        "end_date": opportunity.end_date,
        "duration_weeks": opportunity.duration_weeks,
        "work_mode": opportunity.work_mode,
        "municipality": opportunity.municipality.code if opportunity.municipality_id else "",
        "location": opportunity.location,
        "salary_scale_min": opportunity.salary_scale_min,
        "salary_scale_max": opportunity.salary_scale_max,
        "closing_date": opportunity.closing_date,
        "points": opportunity.points,
        "budget_euros": opportunity.budget_euros,
        "places": opportunity.places,
        "visibility": opportunity.visibility,
    }
    for i, s in enumerate(opportunity.skills.all(), start=1):
        initial.update(
            {
                f"skill_{i}": s.skill_id,
                f"level_{i}": s.level,
                f"required_{i}": "1" if s.required else "0",
            }
        )
    form = OpportunityForm(
        request.POST or None,
        initial=initial,
        teams=opportunity.organization.teams.all(),
        municipalities=municipalities(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_update(
                actor=request.user, opportunity=opportunity, data=_opportunity_input(form)
            )
            if form.cleaned_data["publish"] and opportunity.status == Status.DRAFT:
                services.opportunity_publish(actor=request.user, opportunity=opportunity)
            messages.success(request, _("Saved."))
            return redirect("marketplace:detail", opportunity.pk)
        except DomainError as exc:
            report_domain_error(form, exc, ALIASES)
    return render(
        request,
        "marketplace/form.html",
        {"form": form, "opportunity": opportunity, "organization": opportunity.organization},
    )


@login_required
@require_POST
def status(request, pk: int):
    opportunity = _opportunity_or_404(request, pk)
    action = request.POST.get("action", "")
    actions = {
        "publish": (services.opportunity_publish, _("Published.")),
        "close": (services.opportunity_close, _("Closed: no new applications.")),
        "reopen": (services.opportunity_reopen, _("Open again.")),
        "fill": (services.opportunity_fill, _("Marked as filled.")),
    }
    try:
        if action == "delete":
            services.opportunity_delete(actor=request.user, opportunity=opportunity)
            messages.success(request, _("The draft is deleted."))
            return redirect("marketplace:manage")
        if action not in actions:
            messages.error(request, _("Unknown action."))
        else:
            handler, done = actions[action]
            handler(actor=request.user, opportunity=opportunity)
            messages.success(request, done)
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    return redirect("marketplace:detail", pk)


@login_required
@require_GET
def manage(request):
    rows = Paginator(selectors.managed(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    admin_of = Organization.objects.filter(
        pk__in=Membership.objects.filter(user=request.user, role=MembershipRole.ADMIN).values(
            "organization_id"
        )
    ).order_by("name")
    return render(
        request,
        "marketplace/manage.html",
        {
            "page": rows,
            "query": "",
            "organizations": selectors.publishing_organizations(request.user),
            "admin_of": admin_of,
            "releases": list(selectors.releases_for(request.user)[:50]),
        },
    )


def _managed_or_404(request, pk: int) -> Opportunity:
    opportunity = _opportunity_or_404(request, pk)
    if not selectors.may_manage(user=request.user, opportunity=opportunity):
        raise Http404(_("Only those who publish for this organization see this."))
    return opportunity


@login_required
@require_GET
def applications(request, pk: int):
    opportunity = _managed_or_404(request, pk)
    rows = list(selectors.applications_of(opportunity))
    return render(
        request,
        "marketplace/applications.html",
        {
            "o": opportunity,
            "active": [a for a in rows if a.status in ACTIVE_STATUSES],
            "working": [
                a
                for a in rows
                if a.status in (ApplicationStatus.ACCEPTED, ApplicationStatus.COMPLETED)
            ],
            "closed": [
                a
                for a in rows
                if a.status
                in (
                    ApplicationStatus.REJECTED,
                    ApplicationStatus.DECLINED,
                    ApplicationStatus.WITHDRAWN,
                )
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidates(request, pk: int):
    opportunity = _managed_or_404(request, pk)
    if request.method == "POST":
        profile = (
            Profile.objects.visible_to(request.user)
            .filter(
                pk=request.POST.get("person")
                if str(request.POST.get("person", "")).isdigit()
                else 0
            )
            .first()
        )
        try:
            if profile is None:
                raise NotFound(_("No such person, or their profile is not visible to you."))
            services.invite(
                actor=request.user,
                opportunity=opportunity,
                user=profile.user,
                message=request.POST.get("message", ""),
            )
            messages.success(
                request, _("%(name)s is invited to apply.") % {"name": profile.user.name}
            )
        except DomainError as exc:
            messages.error(request, str(exc.detail or exc.title))
        return redirect("marketplace:candidates", pk)
    asked = request.GET.get("page", "")
    page_number = min(int(asked), 20) if asked.isdigit() and int(asked) > 0 else 1
    window, count = selectors.people_who_fit(
        viewer=request.user,
        opportunity=opportunity,
        limit=PAGE_SIZE,
        offset=(page_number - 1) * PAGE_SIZE,
    )
    return render(
        request,
        "marketplace/candidates.html",
        {
            "o": opportunity,
            "candidates": window,
            "count": count,
            "page_number": page_number,
            "has_next": page_number * PAGE_SIZE < count,
        },
    )


def _application_or_404(request, pk: int) -> Application:
    try:
        return selectors.application_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_GET
def application(request, pk: int):
    a = _application_or_404(request, pk)
    opportunity = a.opportunity
    manages = selectors.may_manage(user=request.user, opportunity=opportunity)
    is_applicant = a.applicant_id == request.user.pk
    given = {f.author_id for f in a.feedback.all()}
    return render(
        request,
        "marketplace/application.html",
        {
            "a": a,
            "o": opportunity,
            "manages": manages,
            "is_applicant": is_applicant,
            "may_release": services.may_release(request.user, a),
            "release_required": services.release_required(a.applicant_organization),
            "gave_feedback": request.user.pk in given,
            "asked_skills": [s.skill for s in opportunity.skills.select_related("skill")],
            "endorsed": {e.skill_id for e in a.endorsements.all()},
        },
    )


@login_required
@require_POST
def application_action(request, pk: int):
    a = _application_or_404(request, pk)
    action = request.POST.get("action", "")
    text = request.POST.get("text", "")
    try:
        if action == "shortlist":
            services.shortlist(actor=request.user, application=a)
        elif action == "offer":
            services.make_offer(actor=request.user, application=a, message=text)
        elif action == "reject":
            services.reject(actor=request.user, application=a, message=text)
        elif action == "accept":
            services.offer_accept(
                actor=request.user,
                application=a,
                manager_email=request.POST.get("manager_email", ""),
            )
        elif action == "decline":
            services.decline(actor=request.user, application=a, reason=text)
        elif action == "withdraw":
            services.withdraw(actor=request.user, application=a, reason=text)
        elif action in ("release", "refuse"):
            services.release_decide(
                actor=request.user, application=a, release=action == "release", reason=text
            )
        elif action == "complete":
            services.complete_confirm(actor=request.user, application=a)
        elif action == "feedback":
            rating = request.POST.get("rating", "")
            services.feedback_give(
                actor=request.user,
                application=a,
                rating=int(rating) if rating.isdigit() else 0,
                text=text,
            )
        elif action == "endorse":
            services.endorse(
                actor=request.user,
                application=a,
                skill_ids=[int(v) for v in request.POST.getlist("skill") if v.isdigit()],
            )
        else:
            messages.error(request, _("Unknown action."))
            return redirect("marketplace:application", pk)
        messages.success(request, _("Saved."))
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    return redirect("marketplace:application", pk)


@login_required
@require_http_methods(["GET", "POST"])
def mine(request):
    interests = selectors.interests_of(request.user)
    form = InterestsForm(
        request.POST or None, initial={"seek": interests["seek"], "offer": interests["offer"]}
    )
    if request.method == "POST" and form.is_valid():
        services.interests_set(
            user=request.user, seek=form.cleaned_data["seek"], offer=form.cleaned_data["offer"]
        )
        messages.success(request, _("Saved. Your profile shows what you seek and offer."))
        return redirect("marketplace:mine")
    return render(
        request,
        "marketplace/mine.html",
        {
            "applications": list(selectors.applications_by(request.user)[:100]),
            "form": form,
            "saved": list(selectors.saved_searches(request.user)),
            "releases": list(selectors.releases_for(request.user)[:50]),
        },
    )


@login_required
@require_POST
def save_search(request):
    filters = _filters(SearchForm(request.POST, **_form_choices()))
    try:
        services.saved_search_create(
            user=request.user,
            name=request.POST.get("name", ""),
            filters=filters,
            notify=True,
        )
        messages.success(request, _("Search saved: you hear about new opportunities that match."))
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    return redirect("marketplace:mine")


def _form_choices() -> dict:
    """Every choice a saved search may carry (the form validates against them)."""
    return {
        "skills": Skill.objects.only("id", "name"),
        "organizations": Organization.objects.filter(
            pk__in=Opportunity.objects.values("organization_id")
        ),
        "provinces": provinces(),
    }


@login_required
@require_POST
def saved_search_action(request, pk: int):
    saved = SavedSearch.objects.filter(pk=pk, user=request.user).first()
    if saved is None:
        raise Http404(_("No such saved search."))
    if request.POST.get("action") == "delete":
        services.saved_search_delete(user=request.user, search=saved)
        messages.success(request, _("Saved search deleted."))
    else:
        services.saved_search_update(user=request.user, search=saved, notify=not saved.notify)
        messages.success(request, _("Saved."))
    return redirect("marketplace:mine")


@login_required
@require_http_methods(["GET", "POST"])
def organization_settings(request, code: str):
    organization = Organization.objects.filter(code=code.lower()).first()
    if organization is None:
        raise Http404(_("No such organization."))
    try:
        services.require_admin(request.user, organization)
    except DomainError as exc:
        raise Http404(str(exc)) from exc
    if request.method == "POST":
        from django.contrib.auth import get_user_model

        action = request.POST.get("action")
        try:
            if action == "policy":
                services.release_policy_set(
                    actor=request.user,
                    organization=organization,
                    required=request.POST.get("required") == "on",
                )
            elif action in ("add", "remove"):
                email = request.POST.get("email", "").strip()
                user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
                if user is None:
                    messages.error(request, _("Nobody with that e-mail address."))
                    return redirect("marketplace:organization", organization.code)
                handler = services.recruiter_add if action == "add" else services.recruiter_remove
                handler(actor=request.user, organization=organization, user=user)
            messages.success(request, _("Saved."))
        except DomainError as exc:
            messages.error(request, str(exc.detail or exc.title))
        return redirect("marketplace:organization", organization.code)
    return render(
        request,
        "marketplace/organization.html",
        {
            "organization": organization,
            "required": services.release_required(organization),
            "recruiters": organization.recruiters.select_related("user").order_by("user__name"),
        },
    )
