"""Pages of peer review: the open requests and one's own, asking for a review, and one
request with what each side can do next."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.core.errors import DomainError, InvalidInput, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.core.uploads import private_download
from eenoverheid.organizations.models import Organization
from eenoverheid.reviews import selectors, services
from eenoverheid.reviews.forms import (
    RatingForm,
    ReaderForm,
    RequestForm,
    RevisionForm,
    SubmissionForm,
    VolunteerForm,
)
from eenoverheid.reviews.models import Rating, Status

PAGE_SIZE = 20
SCOPES = {"open": "open", "mijn": "mine", "toetsen": "reviewing", "gedeeld": "shared"}


def _get_or_404(request, pk: int):
    try:
        return selectors.request_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_GET
def request_list(request):
    tab = request.GET.get("toon", "open")
    scope = SCOPES.get(tab, "open")
    q = request.GET.get("q", "").strip()[:200]
    requests = selectors.requests_list(viewer=request.user, scope=scope, q=q)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {"page": page, "query": query, "tab": tab, "q": q, "tabs": SCOPES}
    return render(request, "reviews/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    organizations = Organization.objects.filter(pk__in=services.organization_ids(request.user))
    form = RequestForm(request.POST or None, request.FILES or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = services.RequestInput(
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            document_url=form.cleaned_data["document_url"],
            feedback_kind=form.cleaned_data["feedback_kind"],
            feedback_wanted=form.cleaned_data["feedback_wanted"],
            skill_ids=form.skill_ids(),
            deadline=form.cleaned_data["deadline"],
            points=form.cleaned_data["points"],
            other_organization_only=form.cleaned_data["other_organization_only"],
            organization_id=form.cleaned_data["organization"],
        )
        try:
            made, _new = services.request_create(
                actor=request.user,
                data=data,
                document=form.cleaned_data["document"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as exc:
            report_domain_error(form, exc, aliases={"skills": "skill_1"})
        else:
            messages.success(
                request,
                _("Your request is out; %(points)d points are reserved for it.")
                % {"points": made.points},
            )
            return redirect("reviews:detail", made.pk)
    context = {"form": form, "has_organization": bool(organizations)}
    return render(request, "reviews/request_form.html", context)


@login_required
@require_GET
def request_detail(request, pk: int):
    item = _get_or_404(request, pk)
    user = request.user
    is_requester = user.pk == item.requester_id
    is_reviewer = user.pk == item.reviewer_id
    readable = services.may_read(user, item)
    rated = set(Rating.objects.filter(request=item).values_list("rater_id", flat=True))
    context = {
        "item": item,
        "is_requester": is_requester,
        "is_reviewer": is_reviewer,
        "readable": readable,
        "submissions": list(item.submissions.all()) if readable else [],
        "readers": selectors.readers(item) if readable else [],
        "volunteers": selectors.volunteers(item) if is_requester else [],
        "suggestions": (
            selectors.suggestions(viewer=user, request=item)
            if is_requester and item.status == Status.OPEN
            else []
        ),
        "why_not": (
            services.why_not_reviewer(item, user)
            if item.status == Status.OPEN and not is_requester
            else None
        ),
        "offer_panel": item.status == Status.OPEN and not is_requester,
        "volunteered": item.volunteers.filter(user=user).exists(),
        "may_rate": item.status == Status.ACCEPTED
        and (is_requester or is_reviewer)
        and user.pk not in rated,
        "ratings": list(item.ratings.select_related("rater")) if readable else [],
        "submission_form": SubmissionForm(),
        "revision_form": RevisionForm(),
        "rating_form": RatingForm(),
        "volunteer_form": VolunteerForm(),
        "reader_form": ReaderForm(),
        "revision_possible": item.revision_due is None,
    }
    return render(request, "reviews/detail.html", context)


def _person_by_email(email: str):
    person = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise InvalidInput.for_field("email", _("Nobody on the platform has this address."))
    return person


def _person_by_id(value: str):
    person = (
        get_user_model().objects.filter(pk=int(value), is_active=True).first()
        if value.isdigit()
        else None
    )
    if person is None:
        raise InvalidInput.for_field("user", _("No such person."))
    return person


def _invalid(form) -> DomainError:
    first = next(iter(form.errors.values()))[0]
    return InvalidInput(first)


@login_required
@require_POST
def request_action(request, pk: int):
    item = _get_or_404(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    done = None
    try:
        if action == "volunteer":
            form = VolunteerForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            services.volunteer(actor=user, request=item, message=form.cleaned_data["message"])
            done = _("Thank you; the requester hears that you offered to review.")
        elif action == "unvolunteer":
            services.volunteer_withdraw(actor=user, request=item)
            done = _("Your offer is withdrawn.")
        elif action == "pick":
            person = _person_by_id(request.POST.get("user", ""))
            services.reviewer_pick(actor=user, request=item, user=person)
            done = _("%(name)s is asked to review.") % {"name": person}
        elif action == "accept_assignment":
            services.assignment_accept(actor=user, request=item)
            done = _("You review this request. The requester has been told.")
        elif action == "decline":
            services.assignment_decline(
                actor=user, request=item, reason=request.POST.get("reason", "")[:300]
            )
            done = _("You declined; the requester looks for someone else.")
            messages.success(request, done)
            return redirect("reviews:list")
        elif action == "submit":
            form = SubmissionForm(request.POST, request.FILES)
            if not form.is_valid():
                raise _invalid(form)
            services.review_submit(
                actor=user,
                request=item,
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
            )
            done = _("Your review is submitted.")
        elif action == "accept_review":
            services.review_accept(actor=user, request=item)
            done = _("Review accepted; the points went to the reviewer's organization.")
        elif action == "revision":
            form = RevisionForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            services.revision_ask(actor=user, request=item, note=form.cleaned_data["note"])
            done = _("The reviewer is asked for a revision.")
        elif action == "withdraw":
            services.request_withdraw(actor=user, request=item)
            done = _("The request is withdrawn; the reserved points returned.")
        elif action == "rate":
            form = RatingForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            services.rate(
                actor=user,
                request=item,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
            done = _("Thank you for your rating.")
        elif action == "reader_add":
            form = ReaderForm(request.POST)
            if not form.is_valid():
                raise _invalid(form)
            person = _person_by_email(form.cleaned_data["email"])
            services.reader_add(actor=user, request=item, user=person)
            done = _("%(name)s may now read along.") % {"name": person}
        elif action == "reader_remove":
            person = _person_by_id(request.POST.get("user", ""))
            services.reader_remove(actor=user, request=item, user=person)
            done = _("%(name)s no longer reads along.") % {"name": person}
            if person.pk == user.pk:
                messages.success(request, done)
                return redirect("reviews:list")
        else:
            messages.error(request, _("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    if done:
        messages.success(request, done)
    return redirect("reviews:detail", item.pk)


@login_required
@require_GET
def document(request, pk: int):
    item = _get_or_404(request, pk)
    if not services.may_read(request.user, item) or not item.document:
        raise Http404(_("No such document."))
    return private_download(item.document, item.document_name, item.document_type)


@login_required
@require_GET
def submission_file(request, pk: int, round: int):
    item = _get_or_404(request, pk)
    submission = item.submissions.filter(round=round).first()
    if not services.may_read(request.user, item) or submission is None or not submission.file:
        raise Http404(_("No such file."))
    return private_download(submission.file, submission.file_name, submission.file_type)
