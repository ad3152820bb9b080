"""Pages of shared solutions, joint initiatives and ideas."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.organizations.models import GovernmentLayer, Organization
from eenoverheid.organizations.selectors import policy_domains, provinces
from eenoverheid.solutions import publiccode, selectors, services
from eenoverheid.solutions.forms import (
    AdoptionForm,
    CommentForm,
    CommitmentForm,
    IdeaForm,
    IdeaToInitiativeForm,
    InitiativeForm,
    ModerateForm,
    PhaseForm,
    PubliccodeForm,
    SolutionForm,
)
from eenoverheid.solutions.models import (
    Adoption,
    Commitment,
    CommitmentStatus,
    IdeaStatus,
    Phase,
    SolutionKind,
    SolutionStatus,
)
from eenoverheid.solutions.services.initiatives import STANDING

PAGE_SIZE = 20


def _page(request, items):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return page, query


def _or_404(load, **kwargs):
    try:
        return load(**kwargs)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _mine(request) -> list[Organization]:
    return selectors.viewer_organizations(request.user)


def _clean(value: str | None, allowed) -> str | None:
    return value if value in allowed else None


# -- solutions -------------------------------------------------------------------------


@require_GET
def solution_list(request):
    g = request.GET
    filters = selectors.SolutionFilters(
        q=g.get("q", "").strip()[:200],
        kind=_clean(g.get("soort"), SolutionKind.values),
        status=_clean(g.get("status"), SolutionStatus.values),
        domain=g.get("domein", "")[:8] or None,
        layer=_clean(g.get("laag"), GovernmentLayer.values),
        province=g.get("provincie", "")[:200] or None,
        used_by=g.get("gebruikt_door", "")[:200] or None,
        owner=g.get("eigenaar", "")[:200] or None,
        sort=_clean(g.get("sorteer"), ["name", "used", "recent"]) or "name",
    )
    page, query = _page(request, selectors.solutions_list(viewer=request.user, filters=filters))
    mine = _mine(request)
    context = {
        "page": page,
        "query": query,
        "filters": filters,
        "kinds": SolutionKind.choices,
        "statuses": SolutionStatus.choices,
        "layers": GovernmentLayer.choices,
        "domains": policy_domains(),
        "provinces": provinces(),
        "like_yours": selectors.like_yours(viewer=request.user, organization=mine[0])
        if mine
        else [],
        "my_organization": mine[0] if mine else None,
        "can_register": bool(mine),
    }
    return render(request, "solutions/list.html", context)


def _solution_input(form: SolutionForm) -> services.SolutionInput:
    d = form.cleaned_data
    return services.SolutionInput(
        name=d["name"],
        kind=d["kind"],
        summary=d["summary"],
        description=d["description"],
        status=d["status"],
        licence=d["licence"],
        source_url=d["source_url"],
        documentation_url=d["documentation_url"],
        website_url=d["website_url"],
        contact_name=d["contact_name"],
        contact_email=d["contact_email"],
        cost_model=d["cost_model"],
        cost_note=d["cost_note"],
        visibility=d["visibility"],
        policy_domain_codes=d["policy_domains"],
        standards=form.standard_names(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def solution_create(request):
    mine = _mine(request)
    form = SolutionForm(request.POST or None, organizations=mine)
    if request.method == "POST" and form.is_valid():
        owner = next(o for o in mine if o.code == form.cleaned_data["organization"])
        try:
            made = services.solution_create(
                actor=request.user, owner=owner, data=_solution_input(form)
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("The solution is in the catalogue."))
            return redirect("solutions:detail", made.pk)
    return render(
        request, "solutions/solution_form.html", {"form": form, "has_organization": bool(mine)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def solution_import(request):
    mine = _mine(request)
    form = PubliccodeForm(request.POST or None, request.FILES or None, organizations=mine)
    problems = []
    if request.method == "POST" and form.is_valid():
        owner = next(o for o in mine if o.code == form.cleaned_data["organization"])
        try:
            made, users = services.solution_import(
                actor=request.user,
                owner=owner,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
                visibility=form.cleaned_data["visibility"],
                policy_domain_codes=form.cleaned_data["policy_domains"],
            )
        except DomainError as exc:
            problems = exc.invalid_params
            form.add_error(None, exc.detail)
        else:
            text = _("Imported from publiccode.yml.")
            if users:
                text += " " + _("Recorded as users: %(names)s.") % {
                    "names": ", ".join(o.name for o in users)
                }
            messages.success(request, text)
            return redirect("solutions:detail", made.pk)
    context = {"form": form, "problems": problems, "has_organization": bool(mine)}
    return render(request, "solutions/import.html", context)


@require_GET
def solution_detail(request, pk: int):
    solution = _or_404(selectors.solution_get, viewer=request.user, pk=pk)
    adoptions = selectors.adoptions_of(solution)
    mine = _mine(request)
    adoptable, endable = services.adoption_actions(
        request.user, solution=solution, adoptions=adoptions, organizations=mine
    )
    context = {
        "solution": solution,
        "adoptions": adoptions,
        "by_layer": selectors.users_by_layer(solution, adoptions),
        "by_region": selectors.users_by_region(adoptions),
        "may_change": services.may_change(request.user, solution),
        "adoptable": adoptable,
        "my_adoptions": endable,
        "adoption_form": AdoptionForm(organizations=[o for o in mine if o.pk != solution.owner_id]),
        "initiatives": list(solution.initiatives.visible_to(request.user)[:5]),
    }
    return render(request, "solutions/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def solution_edit(request, pk: int):
    solution = _or_404(selectors.solution_get, viewer=request.user, pk=pk)
    if not services.may_change(request.user, solution):
        raise Http404(_("No solution with this number."))
    initial = {
        **{
            f: getattr(solution, f)
            for f in SolutionForm.base_fields
            if hasattr(solution, f) and f not in ("policy_domains", "standards")
        },
        "organization": solution.owner.code,
        "policy_domains": [d.code for d in solution.policy_domains.all()],
        "standards": ", ".join(s.name for s in solution.standards.all()),
    }
    form = SolutionForm(request.POST or None, initial=initial, organizations=[solution.owner])
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_update(
                actor=request.user, solution=solution, data=_solution_input(form)
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("solutions:detail", solution.pk)
    return render(
        request,
        "solutions/solution_form.html",
        {"form": form, "solution": solution, "has_organization": True},
    )


@login_required
@require_POST
def solution_delete(request, pk: int):
    solution = _or_404(selectors.solution_get, viewer=request.user, pk=pk)
    try:
        services.solution_delete(actor=request.user, solution=solution)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("solutions:detail", pk)
    messages.success(request, _("The solution was removed from the catalogue."))
    return redirect("solutions:list")


@login_required
@require_POST
def adoption(request, pk: int):
    """Declare that one's organization uses the solution, or (with `end`) stop."""
    solution = _or_404(selectors.solution_get, viewer=request.user, pk=pk)
    try:
        if request.POST.get("end"):
            found = Adoption.objects.filter(
                solution=solution, organization__code=request.POST["end"]
            ).first()
            if found is None:
                raise Http404(_("This organization does not use this solution."))
            services.adoption_end(actor=request.user, adoption=found)
            messages.success(request, _("Your organization no longer says it uses this."))
        else:
            form = AdoptionForm(request.POST, organizations=_mine(request))
            if not form.is_valid():
                messages.error(request, _("Choose your organization and a date in the past."))
                return redirect("solutions:detail", pk)
            organization = Organization.objects.get(code=form.cleaned_data["organization"])
            services.adoption_set(
                actor=request.user,
                solution=solution,
                organization=organization,
                since=form.cleaned_data["since"],
                contact=request.user if form.cleaned_data["contact_me"] else None,
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, _("%(name)s is listed as a user.") % {"name": organization.name}
            )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return redirect("solutions:detail", pk)


@require_GET
def solution_publiccode(request, pk: int):
    solution = _or_404(selectors.solution_get, viewer=request.user, pk=pk)
    used_by = [a.organization.name for a in selectors.adoptions_of(solution)]
    page = request.build_absolute_uri(reverse("solutions:detail", args=[pk]))
    response = HttpResponse(
        publiccode.export(solution, used_by=used_by, page_url=page),
        content_type="application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="publiccode.yml"'
    return response


# -- initiatives -----------------------------------------------------------------------


@require_GET
def initiative_list(request):
    g = request.GET
    filters = selectors.InitiativeFilters(
        q=g.get("q", "").strip()[:200],
        phase=_clean(g.get("fase"), Phase.values),
        active=not g.get("fase") and g.get("alle") != "1",
        domain=g.get("domein", "")[:8] or None,
        layer=_clean(g.get("laag"), GovernmentLayer.values),
        province=g.get("provincie", "")[:200] or None,
        organization=g.get("organisatie", "")[:200] or None,
    )
    found = selectors.initiatives_with_progress(viewer=request.user, filters=filters)
    page, query = _page(request, found)
    mine = _mine(request)
    context = {
        "page": page,
        "query": query,
        "filters": filters,
        "phases": Phase.choices,
        "layers": GovernmentLayer.choices,
        "domains": policy_domains(),
        "provinces": provinces(),
        "suggested": selectors.suggested_initiatives(viewer=request.user, organization=mine[0])
        if mine
        else [],
        "my_organization": mine[0] if mine else None,
        "can_propose": bool(mine),
    }
    return render(request, "solutions/initiatives.html", context)


def _initiative_input(d: dict, province) -> services.InitiativeInput:
    return services.InitiativeInput(
        title=d["title"],
        goal=d["goal"],
        plan=d["plan"],
        euros_needed=d["euros_needed"],
        hours_needed=d["hours_needed"],
        points_needed=d["points_needed"],
        province=province,
        visibility=d["visibility"],
        policy_domain_codes=d["policy_domains"],
    )


def _province(code: str):
    return Organization.objects.filter(code=code, kind="province").first() if code else None


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    mine = _mine(request)
    form = InitiativeForm(request.POST or None, organizations=mine)
    if request.method == "POST" and form.is_valid():
        lead = next(o for o in mine if o.code == form.cleaned_data["organization"])
        try:
            made = services.initiative_create(
                actor=request.user,
                lead=lead,
                data=_initiative_input(form.cleaned_data, _province(form.cleaned_data["province"])),
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(
                request, _("Your initiative is proposed. Invite other organizations to join.")
            )
            return redirect("solutions:initiative", made.pk)
    return render(
        request, "solutions/initiative_form.html", {"form": form, "has_organization": bool(mine)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    initiative = _or_404(selectors.initiative_get, viewer=request.user, pk=pk)
    if not services.is_lead(request.user, initiative):
        raise Http404(_("No initiative with this number."))
    initial = {
        "organization": initiative.lead.code,
        "title": initiative.title,
        "goal": initiative.goal,
        "plan": initiative.plan,
        "euros_needed": initiative.euros_needed,
        "hours_needed": initiative.hours_needed,
        "points_needed": initiative.points_needed,
        "province": initiative.province.code if initiative.province_id else "",
        "visibility": initiative.visibility,
        "policy_domains": [d.code for d in initiative.policy_domains.all()],
    }
    form = InitiativeForm(request.POST or None, initial=initial, organizations=[initiative.lead])
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user,
                initiative=initiative,
                data=_initiative_input(form.cleaned_data, _province(form.cleaned_data["province"])),
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("solutions:initiative", pk)
    return render(
        request,
        "solutions/initiative_form.html",
        {"form": form, "initiative": initiative, "has_organization": True},
    )


@require_GET
def initiative_detail(request, pk: int):
    initiative = _or_404(selectors.initiative_get, viewer=request.user, pk=pk)
    selectors.attach_progress([initiative])
    commitments = selectors.commitments_of(initiative)
    standing = [c for c in commitments if c.status in STANDING]
    actions = services.actions_for(
        request.user, initiative=initiative, commitments=commitments, organizations=_mine(request)
    )
    context = {
        "initiative": initiative,
        "commitments": standing,
        "ended": [c for c in commitments if c not in standing],
        "by_layer": selectors.participants_by_layer(initiative, commitments),
        "is_lead": actions.is_lead,
        "next_phases": [(p, Phase(p).label) for p in actions.next_phases],
        "commitment_form": CommitmentForm(organizations=actions.commit_for)
        if actions.commit_for
        else None,
        "withdrawable": actions.withdrawable,
        "joinable": actions.joinable,
    }
    return render(request, "solutions/initiative.html", context)


@login_required
@require_POST
def initiative_phase(request, pk: int):
    initiative = _or_404(selectors.initiative_get, viewer=request.user, pk=pk)
    form = PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the next phase."))
        return redirect("solutions:initiative", pk)
    try:
        services.phase_set(
            actor=request.user,
            initiative=initiative,
            phase=form.cleaned_data["phase"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail) or str(exc.title))
    else:
        messages.success(
            request,
            _("The initiative is now: %(phase)s.")
            % {"phase": Phase(form.cleaned_data["phase"]).label},
        )
    return redirect("solutions:initiative", pk)


@login_required
@require_POST
def commitment(request, pk: int):
    """Commit one's organization, or (with `withdraw`) withdraw its commitment."""
    initiative = _or_404(selectors.initiative_get, viewer=request.user, pk=pk)
    try:
        if request.POST.get("withdraw"):
            found = (
                Commitment.objects.filter(
                    initiative=initiative,
                    organization__code=request.POST["withdraw"],
                    status=CommitmentStatus.PLEDGED,
                )
                .select_related("organization", "reservation")
                .first()
            )
            if found is None:
                raise Http404(_("This organization has no standing commitment here."))
            services.commitment_withdraw(actor=request.user, commitment=found)
            messages.success(request, _("The commitment is withdrawn; reserved points are back."))
        else:
            form = CommitmentForm(request.POST, organizations=_mine(request))
            if not form.is_valid():
                messages.error(request, _("Fill in whole numbers of euros, hours or points."))
                return redirect("solutions:initiative", pk)
            organization = Organization.objects.get(code=form.cleaned_data["organization"])
            services.commitment_make(
                actor=request.user,
                initiative=initiative,
                organization=organization,
                euros=form.cleaned_data["euros"],
                hours=form.cleaned_data["hours"],
                points=form.cleaned_data["points"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, _("%(name)s has joined the initiative.") % {"name": organization.name}
            )
    except DomainError as exc:
        messages.error(request, str(exc.detail) or str(exc.title))
    return redirect("solutions:initiative", pk)


# -- ideas -----------------------------------------------------------------------------


@require_GET
def idea_list(request):
    g = request.GET
    filters = selectors.IdeaFilters(
        q=g.get("q", "").strip()[:200],
        sort=_clean(g.get("sorteer"), ["support", "recent", "trending"]) or "support",
        status=_clean(g.get("status"), IdeaStatus.values),
        domain=g.get("domein", "")[:8] or None,
    )
    page, query = _page(request, selectors.ideas_list(viewer=request.user, filters=filters))
    context = {
        "page": page,
        "query": query,
        "filters": filters,
        "statuses": IdeaStatus.choices,
        "domains": policy_domains(),
        "supported": selectors.supported_ids(request.user, [i.pk for i in page.object_list]),
    }
    return render(request, "solutions/ideas.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def idea_create(request):
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            made = services.idea_create(
                actor=request.user,
                data=services.IdeaInput(
                    title=d["title"],
                    body=d["body"],
                    visibility=d["visibility"],
                    policy_domain_codes=d["policy_domains"],
                ),
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("Your idea is posted."))
            return redirect("solutions:idea", made.pk)
    return render(request, "solutions/idea_form.html", {"form": form})


@require_GET
def idea_detail(request, pk: int):
    idea = _or_404(selectors.idea_get, viewer=request.user, pk=pk)
    mine = _mine(request)
    initiative = selectors.initiative_of(idea)
    context = {
        "idea": idea,
        "initiative": initiative,
        "comments": list(selectors.comments_of(idea)),
        "supported": idea.pk in selectors.supported_ids(request.user, [idea.pk]),
        "comment_form": CommentForm(),
        "is_moderator": services.is_moderator(request.user),
        "moderate_form": ModerateForm(initial={"status": idea.status}),
        "merged": list(idea.merged_ideas.visible_to(request.user)[:20]),
        "to_initiative_form": IdeaToInitiativeForm(organizations=mine)
        if mine and initiative is None and idea.status != IdeaStatus.MERGED
        else None,
    }
    return render(request, "solutions/idea.html", context)


@login_required
@require_POST
def idea_vote(request, pk: int):
    idea = _or_404(selectors.idea_get, viewer=request.user, pk=pk)
    try:
        idea, _changed = services.vote_set(
            actor=request.user, idea=idea, support=request.POST.get("support") == "1"
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    if request.htmx:
        supported = idea.pk in selectors.supported_ids(request.user, [idea.pk])
        return render(request, "solutions/idea.html#vote", {"idea": idea, "supported": supported})
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/ideeen/")
        else reverse("solutions:idea", args=[pk])
    )


@login_required
@require_POST
def idea_comment(request, pk: int):
    idea = _or_404(selectors.idea_get, viewer=request.user, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reaction of at most 5,000 characters."))
        return redirect("solutions:idea", pk)
    try:
        made = services.comment_add(actor=request.user, idea=idea, body=form.cleaned_data["body"])
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("solutions:idea", pk)
    return redirect(reverse("solutions:idea", args=[pk]) + f"#reactie-{made.pk}")


@login_required
@require_POST
def idea_moderate(request, pk: int):
    idea = _or_404(selectors.idea_get, viewer=request.user, pk=pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the status and the number of the idea."))
        return redirect("solutions:idea", pk)
    d = form.cleaned_data
    try:
        if d["action"] == "merge":
            if not d["into"]:
                messages.error(request, _("Give the number of the idea it duplicates."))
                return redirect("solutions:idea", pk)
            into = _or_404(selectors.idea_get, viewer=request.user, pk=d["into"])
            services.merge(actor=request.user, duplicate=idea, into=into)
            messages.success(
                request, _("Merged; the support moved to “%(title)s”.") % {"title": into.title}
            )
            return redirect("solutions:idea", into.pk)
        services.status_set(actor=request.user, idea=idea, status=d["status"], reason=d["reason"])
        messages.success(request, _("The status is saved."))
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return redirect("solutions:idea", pk)


@login_required
@require_POST
def idea_to_initiative(request, pk: int):
    idea = _or_404(selectors.idea_get, viewer=request.user, pk=pk)
    mine = _mine(request)
    form = IdeaToInitiativeForm(request.POST, organizations=mine)
    if not form.is_valid():
        messages.error(request, _("Choose your organization and whole numbers."))
        return redirect("solutions:idea", pk)
    d = form.cleaned_data
    lead = next(o for o in mine if o.code == d["organization"])
    try:
        made = services.to_initiative(
            actor=request.user,
            idea=idea,
            lead=lead,
            data=services.InitiativeInput(
                title=idea.title,
                goal=idea.body[:5000],
                euros_needed=d["euros_needed"],
                hours_needed=d["hours_needed"],
                points_needed=d["points_needed"],
                visibility=idea.visibility,
            ),
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("solutions:idea", pk)
    messages.success(request, _("The idea is now a joint initiative; add its plan."))
    return redirect("solutions:initiative", made.pk)
