"""Pages of challenges: the list and map, describing a challenge, its suggestions and
team, invitations, related challenges and the team's task list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.challenges import selectors, services, suggestions
from eenoverheid.challenges.forms import ChallengeFilterForm, ChallengeForm, LinkForm, TaskForm
from eenoverheid.challenges.models import AreaKind, Challenge, Task
from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.notifications import services as follows
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import memberships_of

PAGE_SIZE = 20

# A tile map: each province on a grid cell roughly where it lies (row, column, width).
PROVINCE_TILES = {
    "pv21": (1, 3, 1),
    "pv20": (1, 4, 1),
    "pv27": (2, 2, 1),
    "pv24": (2, 3, 1),
    "pv22": (2, 4, 1),
    "pv28": (3, 2, 1),
    "pv26": (3, 3, 1),
    "pv23": (3, 4, 1),
    "pv29": (4, 1, 1),
    "pv30": (4, 2, 1),
    "pv25": (4, 3, 2),
    "pv31": (5, 3, 1),
}

FIELD_ALIASES = {"area_organization": "region", "skills": "skill_1", "user": "title"}


def _challenge_or_404(request, pk: int) -> Challenge:
    try:
        return selectors.challenge_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _int_list(values) -> list[int]:
    out = []
    for value in values:
        if str(value).isdigit() and len(str(value)) < 10:
            out.append(int(value))
    return out[:100]


@require_GET
def challenge_list(request):
    form = ChallengeFilterForm(request.GET or None)
    error = None
    filters = selectors.ChallengeFilters()
    if form.is_valid():
        data = form.cleaned_data
        try:
            filters = selectors.filters_from_params(
                q=data["q"],
                province=data["province"],
                municipality=data["municipality"],
                domain=data["domain"],
                status=data["status"],
            )
        except DomainError as exc:
            error = exc.invalid_params[0].reason if exc.invalid_params else str(exc.detail)
    challenges = selectors.challenge_list(viewer=request.user, filters=filters)
    if error:
        challenges = challenges.none()
    page = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    counts, national = selectors.province_counts(viewer=request.user)
    tiles = [
        {"province": p, "count": n, "tile": PROVINCE_TILES.get(p.code, (6, 1, 1))}
        for p, n in counts
    ]
    context = {
        "form": form,
        "page": page,
        "query": query,
        "error": error,
        "tiles": tiles,
        "national": national,
    }
    if request.htmx:
        return render(request, "challenges/list.html#results", context)
    return render(request, "challenges/list.html", context)


def _memberships(user) -> list[Organization]:
    return sorted(
        (m.organization for m in memberships_of(user=user) if m.organization.is_active),
        key=lambda o: o.name,
    )


def _input_from(form: ChallengeForm) -> services.ChallengeInput:
    data = form.cleaned_data
    kind = data["area_kind"]
    return services.ChallengeInput(
        title=data["title"],
        description=data["description"],
        area_kind=kind,
        municipalities=data["municipalities"] if kind == AreaKind.MUNICIPALITIES else [],
        area_organization=form.area_code(),
        policy_domains=data["policy_domains"],
        skills=form.needs(),
        information_needs=data["information_needs"],
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        team_size=data["team_size"],
        visibility=data["visibility"],
        status=data.get("status") or None,
    )


def _report(form, exc: DomainError) -> None:
    report_domain_error(form, exc, FIELD_ALIASES)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    organizations = _memberships(request.user)
    if not organizations:
        messages.error(
            request,
            _("Only civil servants with a verified organization can start a challenge."),
        )
        return redirect("challenges:list")
    form = ChallengeForm(
        request.POST or None,
        organizations=organizations,
        initial={"area_kind": AreaKind.MUNICIPALITIES, "visibility": "signed_in", "team_size": 6},
    )
    if request.method == "POST" and form.is_valid():
        organization = next(o for o in organizations if o.code == form.cleaned_data["organization"])
        try:
            challenge = services.challenge_create(
                actor=request.user, organization=organization, data=_input_from(form)
            )
        except DomainError as exc:
            _report(form, exc)
        else:
            messages.success(request, _("The challenge is described. Here is what we suggest."))
            return redirect("challenges:detail", challenge.pk)
    return render(request, "challenges/form.html", {"form": form, "challenge": None})


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    if not services.can_manage(user=request.user, challenge=challenge):
        raise PermissionDenied(_("Only the lead and coordinators change a challenge."))
    needs = list(challenge.needs.all())
    initial = {
        "title": challenge.title,
        "description": challenge.description,
        "area_kind": challenge.area_kind,
        "municipalities": list(challenge.municipalities.values_list("code", flat=True))
        if challenge.area_kind == AreaKind.MUNICIPALITIES
        else [],
        "province": challenge.area_organization.code
        if challenge.area_kind == AreaKind.PROVINCE and challenge.area_organization
        else "",
        "region": challenge.area_organization.code
        if challenge.area_kind == AreaKind.REGION and challenge.area_organization
        else "",
        "policy_domains": [d.code for d in challenge.policy_domains.all()],
        "information_needs": challenge.information_needs,
        "starts_on": challenge.starts_on,
        "ends_on": challenge.ends_on,
        "team_size": challenge.team_size,
        "visibility": challenge.visibility,
        "status": challenge.status,
    }
    for i, need in enumerate(needs[:6], start=1):
        initial[f"skill_{i}"] = str(need.skill_id)
        initial[f"people_{i}"] = need.people_needed
    form = ChallengeForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_update(
                challenge=challenge, actor=request.user, data=_input_from(form)
            )
        except DomainError as exc:
            _report(form, exc)
        else:
            messages.success(request, _("The challenge is updated."))
            return redirect("challenges:detail", challenge.pk)
    return render(request, "challenges/form.html", {"form": form, "challenge": challenge})


@require_GET
def challenge_detail(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    team_size = request.GET.get("team_size")
    team_size = int(team_size) if team_size and team_size.isdigit() and len(team_size) < 3 else None
    exclude = _int_list(request.GET.getlist("exclude"))
    pin = _int_list(request.GET.getlist("pin"))
    found = suggestions.suggestions_for(
        challenge, viewer=request.user, team_size=team_size, exclude=exclude, pin=pin
    )
    manager = services.can_manage(user=request.user, challenge=challenge)
    member = services.is_member(user=request.user, challenge=challenge)
    municipalities, municipality_count = selectors.municipalities_of(challenge)
    invitations = selectors.invitations_of(challenge) if manager else []
    invited_users = {i.user_id for i in invitations if i.status == "pending" and i.user_id}
    invited_organizations = {
        i.organization_id for i in invitations if i.status == "pending" and i.organization_id
    }
    team = selectors.team_of(challenge)
    partners = selectors.partners_of(challenge)
    suggested_ids = [m.profile.user_id for m in found.team.members]
    for m in found.team.members:
        others = [k for k in suggested_ids if k != m.profile.user_id]
        m.drop_url = swap_url(
            challenge,
            exclude=[*exclude, m.profile.user_id],
            pin=others,
            team_size=found.team.team_size,
        )
        m.swaps = [
            (
                skill,
                [
                    (
                        person,
                        swap_url(
                            challenge,
                            exclude=[*exclude, m.profile.user_id],
                            pin=[*others, person.user_id],
                            team_size=found.team.team_size,
                        ),
                    )
                    for person in people
                ],
            )
            for skill, people in m.alternatives
        ]
    context = {
        "challenge": challenge,
        "s": found,
        "manager": manager,
        "member": member,
        "team": team,
        "team_ids": {m.user_id for m in team},
        "partners": partners,
        "partner_ids": {p.organization_id for p in partners},
        "invitations": invitations,
        "invited_users": invited_users,
        "invited_organizations": invited_organizations,
        "municipalities": municipalities,
        "municipality_count": municipality_count,
        "related": selectors.related_of(viewer=request.user, challenge=challenge),
        "similar": selectors.similar_to(viewer=request.user, challenge=challenge),
        "following": follows.is_following(user=request.user, obj=challenge),
        "followers": follows.follower_count(challenge),
        "exclude": exclude,
        "pin": pin,
        "team_size": found.team.team_size,
        "link_form": LinkForm(),
        "my_invitation": selectors.invitations_for(user=request.user)
        .filter(challenge=challenge)
        .first()
        if request.user.is_authenticated
        else None,
    }
    return render(request, "challenges/detail.html", context)


def swap_url(challenge: Challenge, *, exclude, pin, team_size) -> str:
    query = urlencode(
        [("team_size", team_size)] + [("exclude", e) for e in exclude] + [("pin", p) for p in pin]
    )
    return reverse("challenges:detail", args=[challenge.pk]) + "?" + query + "#team"


def _back(request, challenge: Challenge, anchor: str = ""):
    return redirect(reverse("challenges:detail", args=[challenge.pk]) + anchor)


@login_required
@require_POST
def invite(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    user_id = request.POST.get("user", "")
    organization_id = request.POST.get("organization", "")
    reason = request.POST.get("reason", "")[:500]
    message = request.POST.get("message", "")[:2000]
    try:
        if user_id.isdigit() and len(user_id) < 10:
            services.invite_person(
                challenge=challenge,
                actor=request.user,
                user_id=int(user_id),
                message=message,
                reason=reason,
            )
        elif organization_id.isdigit() and len(organization_id) < 10:
            services.invite_organization(
                challenge=challenge,
                actor=request.user,
                organization_id=int(organization_id),
                message=message,
                reason=reason,
            )
        else:
            return HttpResponseBadRequest(_("Say whom to invite."))
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The invitation is sent."))
    return _back(request, challenge, "#suggestions")


@login_required
@require_POST
def invitation_withdraw(request, pk: int, invitation_id: int):
    challenge = _challenge_or_404(request, pk)
    try:
        if not challenge.invitations.filter(pk=invitation_id).exists():
            raise NotFound(_("No invitation with this id."))
        services.invitation_withdraw(invitation_id=invitation_id, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return _back(request, challenge, "#team")


@login_required
@require_http_methods(["GET"])
def my_invitations(request):
    invitations = selectors.invitations_for(user=request.user)
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "challenges/invitations.html", {"page": page, "query": ""})


@login_required
@require_POST
def invitation_answer(request, invitation_id: int):
    accept = request.POST.get("answer") == "accept"
    try:
        invitation = services.invitation_answer(
            invitation_id=invitation_id, actor=request.user, accept=accept
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return redirect("challenges:invitations")
    if accept:
        messages.success(request, _("Welcome to the team of this challenge."))
        return redirect("challenges:detail", invitation.challenge_id)
    messages.success(request, _("You declined the invitation."))
    return redirect("challenges:invitations")


@login_required
@require_POST
def member_remove(request, pk: int, user_id: int):
    challenge = _challenge_or_404(request, pk)
    try:
        services.member_remove(challenge=challenge, actor=request.user, user_id=user_id)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
        return _back(request, challenge, "#team")
    if user_id == request.user.pk:
        messages.success(request, _("You left the team."))
    else:
        messages.success(request, _("The member is removed from the team."))
    if challenge.is_visible_to(request.user):
        return _back(request, challenge, "#team")
    return redirect("challenges:list")


@login_required
@require_POST
def member_role(request, pk: int, user_id: int):
    challenge = _challenge_or_404(request, pk)
    try:
        services.member_role_set(
            challenge=challenge,
            actor=request.user,
            user_id=user_id,
            role=request.POST.get("role", ""),
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The role is changed."))
    return _back(request, challenge, "#team")


@login_required
@require_POST
def follow(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    following = request.POST.get("follow") == "1"
    services.follow_set(challenge=challenge, actor=request.user, following=following)
    messages.success(
        request,
        _("You follow this challenge.") if following else _("You no longer follow this challenge."),
    )
    return _back(request, challenge)


@login_required
@require_POST
def link_add(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of a challenge."))
        return _back(request, challenge, "#related")
    try:
        services.link_add(
            challenge=challenge,
            actor=request.user,
            other_id=form.cleaned_data["challenge"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    else:
        messages.success(request, _("The challenges are linked."))
    return _back(request, challenge, "#related")


@login_required
@require_POST
def link_remove(request, pk: int, other_id: int):
    challenge = _challenge_or_404(request, pk)
    try:
        services.link_remove(challenge=challenge, actor=request.user, other_id=other_id)
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return _back(request, challenge, "#related")


@login_required
@require_http_methods(["GET", "POST"])
def tasks(request, pk: int):
    challenge = _challenge_or_404(request, pk)
    if not (
        services.is_member(user=request.user, challenge=challenge)
        or services.can_manage(user=request.user, challenge=challenge)
    ):
        raise PermissionDenied(_("Only the team sees its task list."))
    team = selectors.team_of(challenge)
    form = TaskForm(request.POST or None, members=team)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.task_create(
                challenge=challenge,
                actor=request.user,
                title=form.cleaned_data["title"],
                owner_id=int(owner) if owner else None,
                due_on=form.cleaned_data["due_on"],
            )
        except DomainError as exc:
            _report(form, exc)
        else:
            messages.success(request, _("The task is added."))
            return redirect("challenges:tasks", challenge.pk)
    return render(
        request,
        "challenges/tasks.html",
        {"challenge": challenge, "tasks": selectors.tasks_of(challenge), "form": form},
    )


@login_required
@require_POST
def task_action(request, pk: int, task_id: int):
    challenge = _challenge_or_404(request, pk)
    task = Task.objects.filter(challenge=challenge, pk=task_id).select_related("challenge").first()
    if task is None:
        raise Http404(_("No task with this id."))
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.task_delete(task=task, actor=request.user)
        elif action in {"done", "reopen"}:
            services.task_update(task=task, actor=request.user, done=action == "done")
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc.detail))
    return redirect("challenges:tasks", challenge.pk)
