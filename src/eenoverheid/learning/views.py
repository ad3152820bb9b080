"""Pages of the course catalogue: searching, a course with its sessions, enrolling,
one's own courses, and the provider's management (courses, sessions, participants,
import)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error
from eenoverheid.learning import ical, importer, selectors, services
from eenoverheid.learning.forms import (
    CatalogueForm,
    CourseForm,
    ImportForm,
    ReviewForm,
    SessionForm,
)
from eenoverheid.learning.models import (
    Course,
    CourseSkill,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
)
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.selectors import municipalities, provinces
from eenoverheid.people.models import Skill

PAGE_SIZE = 20


def _course_or_404(request, pk: int) -> Course:
    try:
        return selectors.course_get(viewer=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _catalogue_form(request) -> CatalogueForm:
    taught = CourseSkill.objects.filter(course__status=CourseStatus.PUBLISHED).values("skill_id")
    providers = Organization.objects.filter(
        pk__in=Course.objects.filter(status=CourseStatus.PUBLISHED).values("provider_id")
    ).order_by("name")
    return CatalogueForm(
        request.GET or None,
        skills=Skill.objects.filter(pk__in=taught).order_by("name").only("id", "name"),
        provinces=provinces(),
        providers=providers,
    )


@require_GET
def catalogue(request):
    form = _catalogue_form(request)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.CatalogueFilters(
        q=(data.get("q") or "").strip(),
        skill_id=data.get("skill"),
        format=data.get("format") or None,
        province=data.get("province") or None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        cost=data.get("cost") or None,
        provider=data.get("provider") or None,
    )
    courses = selectors.catalogue(viewer=request.user, filters=filters)
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    wanted = selectors.wanted_skill_ids(request.user)
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "form": form,
        "page": page,
        "query": query,
        "wanted": wanted,
        "for_you": selectors.courses_for_skills(wanted, limit=4) if wanted and not query else [],
        "manages": bool(services.managed_provider_ids(request.user)),
    }
    return render(request, "learning/catalogue.html", context)


@require_GET
def course_detail(request, pk: int):
    course = _course_or_404(request, pk)
    user = request.user
    mine = []
    completed = None
    if user.is_authenticated:
        mine = list(
            Enrolment.objects.filter(user=user, session__course=course)
            .exclude(status=EnrolmentStatus.CANCELLED)
            .select_related("session")
        )
        completed = (
            Enrolment.objects.filter(user=user, session__course=course, completed_at__isnull=False)
            .order_by("-completed_at")
            .first()
        )
    selectors.with_positions(mine)
    reviewed = user.is_authenticated and course.reviews.filter(user=user).exists()
    context = {
        "course": course,
        "sessions": selectors.sessions_of(course),
        "mine": {e.session_id: e for e in mine},
        "wanted": selectors.wanted_skill_ids(user),
        "manages": services.may_manage(user=user, provider=course.provider),
        "completed": completed,
        "may_review": bool(completed) and not reviewed,
        "review_form": ReviewForm(),
        "reviews": course.reviews.select_related("user")[:20],
        "now": timezone.now(),
    }
    return render(request, "learning/course.html", context)


@login_required
@require_POST
def enrol(request, session_pk: int):
    try:
        session = selectors.session_get(viewer=request.user, pk=session_pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    try:
        enrolment = services.enrol(actor=request.user, session=session)
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    else:
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            messages.success(
                request, _("You are enrolled. The confirmation is in your notifications.")
            )
        else:
            messages.success(
                request,
                _("The session is full: you are number %(n)d on the waiting list.")
                % {"n": services.waiting_position(enrolment)},
            )
    return redirect("learning:course", session.course_id)


def _own_or_managed_enrolment(request, pk: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("session__course__provider", "user").filter(pk=pk).first()
    )
    if enrolment is None or (
        enrolment.user_id != request.user.pk
        and not services.may_manage(user=request.user, provider=enrolment.session.course.provider)
    ):
        raise Http404(_("No such enrolment."))
    return enrolment


@login_required
@require_POST
def enrolment_action(request, pk: int):
    enrolment = _own_or_managed_enrolment(request, pk)
    action = request.POST.get("action", "")
    back = request.POST.get("next") or ""
    try:
        if action == "cancel":
            services.enrolment_cancel(actor=request.user, enrolment=enrolment)
            messages.success(request, _("Your enrolment is cancelled."))
        elif action == "skills":
            chosen = [int(v) for v in request.POST.getlist("skill") if v.isdigit()]
            added = services.skills_from_completion(
                actor=request.user, enrolment=enrolment, skill_ids=chosen
            )
            messages.success(
                request, _("%(n)d skill(s) added to your profile.") % {"n": len(added)}
            )
        elif action in ("attended", "absent", "completed"):
            if action == "completed":
                services.completion_set(actor=request.user, enrolment=enrolment)
            else:
                services.attendance_set(
                    actor=request.user, enrolment=enrolment, attended=action == "attended"
                )
            messages.success(request, _("Saved."))
        else:
            messages.error(request, _("Unknown action."))
    except DomainError as exc:
        messages.error(request, str(exc.detail or exc.title))
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("learning:course", enrolment.session.course_id)


@login_required
@require_POST
def review(request, pk: int):
    course = _course_or_404(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a score from 1 to 5."))
    else:
        try:
            services.review_create(
                actor=request.user,
                course=course,
                score=form.cleaned_data["score"],
                text=form.cleaned_data["text"],
            )
            messages.success(request, _("Thank you for your review."))
        except DomainError as exc:
            messages.error(request, str(exc.detail or exc.title))
    return redirect("learning:course", course.pk)


@login_required
@require_GET
def my_courses(request):
    upcoming = selectors.enrolments_of(request.user)
    rows = selectors.with_positions(list(upcoming))
    completed = list(
        Enrolment.objects.filter(user=request.user, completed_at__isnull=False)
        .select_related("session__course")
        .prefetch_related("session__course__course_skills__skill")
        .order_by("-completed_at")
    )
    return render(request, "learning/my_courses.html", {"upcoming": rows, "completed": completed})


@login_required
@require_GET
def my_calendar(request):
    body = ical.enrolments_calendar(
        selectors.enrolments_of(request.user, upcoming=False), name=_("My courses")
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-cursussen.ics"'
    return response


@require_GET
def session_calendar(request, session_pk: int):
    try:
        session = selectors.session_get(viewer=request.user, pk=session_pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(
        ical.session_calendar(session), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sessie-{session.pk}.ics"'
    return response


@login_required
@require_GET
def for_challenge(request, challenge_pk: int):
    from eenoverheid.challenges import selectors as challenge_selectors

    try:
        challenge = challenge_selectors.challenge_get(viewer=request.user, pk=challenge_pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    lacking = selectors.lacking_for_challenge(viewer=request.user, challenge=challenge)
    context = {
        "challenge": challenge,
        "lacking": Skill.objects.filter(pk__in=lacking).order_by("name"),
        "courses": selectors.courses_for_skills(lacking),
        "wanted": lacking,
    }
    return render(request, "learning/for_challenge.html", context)


# -- the provider ---------------------------------------------------------------------


def _providers(user):
    from eenoverheid.core.visibility import is_platform_admin

    if is_platform_admin(user):
        ids = set(
            Course.objects.values_list("provider_id", flat=True)
        ) | services.managed_provider_ids(user)
    else:
        ids = services.managed_provider_ids(user)
    return Organization.objects.filter(pk__in=ids, is_active=True).order_by("name")


@login_required
@require_GET
def manage(request):
    courses = selectors.managed_courses(request.user)
    page = Paginator(courses, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/manage.html",
        {"page": page, "providers": _providers(request.user), "query": ""},
    )


def _course_input(form: CourseForm) -> services.CourseInput:
    data = form.cleaned_data
    return services.CourseInput(
        code=data["code"],
        title=data["title"],
        description=data["description"],
        format=data["format"],
        language=data["language"],
        duration=data["duration"],
        study_load_hours=data["study_load_hours"],
        cost_kind=data["cost_kind"],
        price_euros=data["price_euros"],
        price_points=data["price_points"],
        prerequisites=data["prerequisites"],
        accreditation=data["accreditation"],
        url=data["url"],
        skills=form.skills(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request):
    providers = list(_providers(request.user))
    if not providers:
        raise Http404(_("You publish no courses."))
    form = CourseForm(request.POST or None)
    chosen = request.POST.get("provider") or providers[0].code
    if request.method == "POST" and form.is_valid():
        provider = next((p for p in providers if p.code == chosen), None)
        if provider is None:
            form.add_error(None, _("Choose one of your providers."))
        else:
            try:
                course = services.course_create(
                    actor=request.user,
                    provider=provider,
                    data=_course_input(form),
                    publish=form.cleaned_data["publish"],
                )
            except DomainError as exc:
                report_domain_error(form, exc, aliases={"skills": "skill_1"})
            else:
                messages.success(request, _("The course is saved. Add its sessions."))
                return redirect("learning:sessions", course.pk)
    context = {"form": form, "providers": providers, "chosen": chosen, "course": None}
    return render(request, "learning/course_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, pk: int):
    course = _course_or_404(request, pk)
    if not services.may_manage(user=request.user, provider=course.provider):
        raise Http404(_("No such course."))
    initial = {
        name: getattr(course, name)
        for name in (
            "code",
            "title",
            "description",
            "format",
            "language",
            "duration",
            "study_load_hours",
            "cost_kind",
            "price_euros",
            "price_points",
            "prerequisites",
            "accreditation",
            "url",
        )
    }
    initial["publish"] = course.status == CourseStatus.PUBLISHED
    for i, cs in enumerate(course.course_skills.all(), start=1):
        initial[f"skill_{i}"] = cs.skill_id
        initial[f"level_{i}"] = cs.level
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(actor=request.user, course=course, data=_course_input(form))
            wanted = CourseStatus.PUBLISHED if form.cleaned_data["publish"] else CourseStatus.DRAFT
            if course.status != CourseStatus.ARCHIVED or form.cleaned_data["publish"]:
                services.course_status_set(actor=request.user, course=course, status=wanted)
        except DomainError as exc:
            report_domain_error(form, exc, aliases={"skills": "skill_1"})
        else:
            messages.success(request, _("The course is saved."))
            return redirect("learning:course", course.pk)
    context = {
        "form": form,
        "providers": [course.provider],
        "chosen": course.provider.code,
        "course": course,
    }
    return render(request, "learning/course_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request, pk: int):
    course = _course_or_404(request, pk)
    if not services.may_manage(user=request.user, provider=course.provider):
        raise Http404(_("No such course."))
    form = SessionForm(request.POST or None, municipalities=municipalities())
    if request.method == "POST":
        action = request.POST.get("action", "add")
        if action == "archive":
            services.course_status_set(
                actor=request.user, course=course, status=CourseStatus.ARCHIVED
            )
            messages.success(request, _("The course is archived."))
            return redirect("learning:manage")
        if action == "cancel":
            session = course.sessions.filter(pk=request.POST.get("session", "0") or 0).first()
            if session is None:
                raise Http404(_("No such session."))
            count = services.session_cancel(
                actor=request.user, session=session, reason=request.POST.get("reason", "")[:300]
            )
            messages.success(
                request, _("Session cancelled; %(n)d people were told.") % {"n": count}
            )
            return redirect("learning:sessions", course.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.session_create(
                    actor=request.user,
                    course=course,
                    data=services.SessionInput(
                        starts_at=data["starts_at"],
                        ends_at=data["ends_at"],
                        municipality=data["municipality"] or None,
                        place=data["place"],
                        online_url=data["online_url"],
                        capacity=data["capacity"],
                    ),
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                messages.success(request, _("The session is added."))
                return redirect("learning:sessions", course.pk)
    context = {
        "course": course,
        "sessions": selectors.sessions_of(course, include_past=True),
        "form": form,
    }
    return render(request, "learning/sessions.html", context)


@login_required
@require_GET
def participants(request, session_pk: int):
    try:
        session = selectors.session_get(viewer=request.user, pk=session_pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if not services.may_manage(user=request.user, provider=session.course.provider):
        raise Http404(_("No such session."))
    enrolments = selectors.with_positions(selectors.enrolments_in(session))
    return render(
        request,
        "learning/participants.html",
        {"session": session, "enrolments": enrolments},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_catalogue(request):
    providers = list(_providers(request.user))
    if not providers:
        raise Http404(_("You publish no courses."))
    form = ImportForm(request.POST or None, request.FILES or None, providers=providers)
    report = None
    if request.method == "POST" and form.is_valid():
        provider = next(p for p in providers if p.code == form.cleaned_data["provider"])
        try:
            report = importer.import_catalogue(
                actor=request.user, provider=provider, content=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            report_domain_error(form, exc)
    return render(request, "learning/import.html", {"form": form, "report": report})
