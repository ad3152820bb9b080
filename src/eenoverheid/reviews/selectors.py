"""Reading peer review: the open requests anyone may volunteer for, a person's own
requests and reviews, one request (its description, or all of it for those who may read
it), and suggested reviewers from the people and their skills."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from eenoverheid.core.errors import NotFound
from eenoverheid.organizations.models import Organization
from eenoverheid.people import selectors as people_selectors
from eenoverheid.people.models import Skill
from eenoverheid.reviews import services
from eenoverheid.reviews.models import Reader, ReviewRequest, Status, Volunteer

SCOPES = ("open", "mine", "reviewing", "shared")


def _base(viewer) -> QuerySet[ReviewRequest]:
    """With `viewer_reads` (whether the viewer was added as a reader), so that lists
    decide what each row may show without a query per row."""
    user_id = viewer.pk if viewer and viewer.is_authenticated else None
    return (
        ReviewRequest.objects.annotate(
            viewer_reads=Exists(Reader.objects.filter(request=OuterRef("pk"), user_id=user_id))
        )
        .select_related("requester", "organization", "reviewer", "reviewer_organization")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.only("id", "name", "code")))
    )


def requests_list(
    *,
    viewer,
    scope: str = "open",
    q: str = "",
    skill_id: int | None = None,
    status: str | None = None,
) -> QuerySet[ReviewRequest]:
    """`open`: requests looking for a reviewer (everyone signed in); `mine`: asked by the
    viewer; `reviewing`: given to the viewer; `shared`: where the viewer was added."""
    requests = _base(viewer)
    if scope == "mine":
        requests = requests.filter(requester=viewer)
    elif scope == "reviewing":
        requests = requests.filter(reviewer=viewer)
    elif scope == "shared":
        requests = requests.filter(pk__in=Reader.objects.filter(user=viewer).values("request_id"))
    else:
        requests = requests.filter(status=Status.OPEN, deadline__gte=services.today())
    if status:
        requests = requests.filter(status=status)
    if q:
        requests = requests.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(feedback_wanted__icontains=q)
        )
    if skill_id:
        requests = requests.filter(skills=skill_id)
    order = ["deadline", "-id"] if scope == "open" else ["-created_at", "-id"]
    return requests.order_by(*order)


def request_get(*, viewer, pk: int) -> ReviewRequest:
    """A request the viewer may see (its description at least), or NotFound: a request
    someone may not see does not exist for them."""
    request = _base(viewer).filter(pk=pk).first()
    if request is None or not services.may_see(viewer, request):
        raise NotFound(_("No such review request."))
    return request


def volunteers(request: ReviewRequest) -> list[Volunteer]:
    return list(
        Volunteer.objects.filter(request=request).select_related("user").order_by("created_at")
    )


def readers(request: ReviewRequest) -> list[Reader]:
    return list(Reader.objects.filter(request=request).select_related("user"))


@dataclass
class Suggestion:
    user_id: int
    name: str
    organization: str
    skills: list[str] = field(default_factory=list)
    experts: int = 0
    rating: float | None = None
    ratings: int = 0
    reviews_done: int = 0
    volunteered: bool = False


def suggestions(*, viewer, request: ReviewRequest, limit: int = 8) -> list[Suggestion]:
    """People who bring the skills asked for, are available, and may review (another
    organization unless the request allows its own): those who cover most skills first,
    then experts, then those with better ratings. A bounded number of queries."""
    skill_ids = [s.pk for s in request.skills.all()]
    if not skill_ids:
        return []
    holders = people_selectors.skill_holders(
        viewer=viewer,
        skill_ids=skill_ids,
        per_skill=30,
        exclude_users=[request.requester_id],
    )
    by_user: dict[int, list] = {}
    for holder in holders:
        if request.other_organization_only and (
            not holder.organization_ids or set(holder.organization_ids) <= {request.organization_id}
        ):
            continue
        if not holder.organization_ids:
            continue
        by_user.setdefault(holder.user_id, []).append(holder)
    if not by_user:
        return []
    names = dict(Skill.objects.filter(pk__in=skill_ids).values_list("id", "name"))
    profiles = people_selectors.profiles_for(viewer=viewer, user_ids=list(by_user))
    organization_names = dict(
        Organization.objects.filter(
            pk__in={o for hs in by_user.values() for h in hs for o in h.organization_ids}
        ).values_list("id", "name")
    )
    ratings = services.rating_summary(by_user)
    done = services.reviews_done(by_user)
    offered = set(Volunteer.objects.filter(request=request).values_list("user_id", flat=True))
    out = []
    for user_id, held in by_user.items():
        profile = profiles.get(user_id)
        if profile is None:
            continue
        own = [o for o in held[0].organization_ids if o != request.organization_id]
        average, count = ratings.get(user_id, (None, 0))
        out.append(
            Suggestion(
                user_id=user_id,
                name=str(profile.user),
                organization=organization_names.get((own or held[0].organization_ids)[0], ""),
                skills=sorted(names[h.skill_id] for h in held),
                experts=sum(1 for h in held if h.level == "expert"),
                rating=average,
                ratings=count,
                reviews_done=done.get(user_id, 0),
                volunteered=user_id in offered,
            )
        )
    out.sort(key=lambda s: (-len(s.skills), -s.experts, -(s.rating or 0), s.name))
    return out[:limit]
