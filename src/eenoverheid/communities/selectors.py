"""Reads of communities with a bounded number of queries: the catalogue, one community,
thread lists and pages of posts, files."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from eenoverheid.communities.models import (
    Article,
    ArticleLink,
    Community,
    CommunityKind,
    CommunityMembership,
    Document,
    DocumentVersion,
    MembershipStatus,
    Post,
    Reaction,
    ReactionKind,
    Thread,
    ThreadKind,
)
from eenoverheid.communities.services import can_moderate, can_see
from eenoverheid.core.errors import NotFound

POSTS_PER_PAGE = 50


def community_list(
    *,
    viewer,
    q: str = "",
    topic: int | None = None,
    parent: Community | None = None,
    mine: bool = False,
) -> QuerySet[Community]:
    """The catalogue: communities the viewer may see (secret ones only for members),
    with their member counts; workspaces of challenges are not in it."""
    communities = Community.objects.visible_to(viewer).filter(kind=CommunityKind.COMMUNITY)
    for term in (q or "").split()[:8]:
        communities = communities.filter(
            Q(name__icontains=term)
            | Q(description__icontains=term)
            | Q(topics__name__icontains=term)
        )
    if topic is not None:
        communities = communities.filter(topics__id=topic)
    communities = communities.filter(parent=parent) if parent is not None else communities
    if mine and viewer.is_authenticated:
        communities = communities.filter(
            memberships__user=viewer, memberships__status=MembershipStatus.ACTIVE
        )
    return (
        communities.annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True
            )
        )
        .select_related("parent")
        .order_by("-last_activity_at", "name", "id")
        .distinct()
    )


def community_get(*, viewer, slug: str) -> Community:
    community = Community.objects.select_related("parent").filter(slug=slug).first()
    if community is None or not can_see(user=viewer, community=community):
        # Secret and missing look the same.
        raise NotFound(_("No community with this address."))
    return community


def children_of(*, viewer, community: Community) -> list[Community]:
    return list(
        Community.objects.visible_to(viewer)
        .filter(parent=community)
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True
            )
        )
        .order_by("name")
    )


def members_of(community: Community, *, status: str = MembershipStatus.ACTIVE) -> QuerySet:
    return (
        CommunityMembership.objects.filter(community=community, status=status)
        .select_related("user")
        .order_by("role", "user__name", "id")
    )


def member_count(community: Community) -> int:
    return CommunityMembership.objects.filter(
        community=community, status=MembershipStatus.ACTIVE
    ).count()


def thread_list(
    *, viewer, community: Community, kind: str | None = None, unanswered: bool = False, q: str = ""
) -> QuerySet[Thread]:
    """Threads the viewer may see, pinned first, then by last activity. Two queries per
    page (count and page) whatever the number of threads."""
    threads = Thread.objects.visible_to(viewer).filter(community=community)
    if not can_moderate(user=viewer, community=community):
        threads = threads.filter(hidden=False)
    if kind:
        threads = threads.filter(kind=kind)
    if unanswered:
        threads = threads.filter(kind=ThreadKind.QUESTION, accepted_post__isnull=True)
    for term in (q or "").split()[:8]:
        threads = threads.filter(title__icontains=term)
    return threads.select_related("author").order_by("-pinned", "-last_activity_at", "-id")


def thread_get(*, viewer, community: Community, pk: int) -> Thread:
    thread = (
        Thread.objects.visible_to(viewer)
        .filter(community=community, pk=pk)
        .select_related("author", "community")
        .first()
    )
    if thread is None or (thread.hidden and not can_moderate(user=viewer, community=community)):
        raise NotFound(_("No thread with this id, or it is not visible to you."))
    return thread


@dataclass
class PostPage:
    posts: list[Post]
    page: object  # django Paginator page


def posts_page(*, viewer, thread: Thread, page_number) -> PostPage:
    """One page of posts with their authors, quoted posts and reaction counts, and which
    reactions the viewer gave: four queries per page, whatever the thread's length."""
    posts = thread.posts.select_related("author", "quote_of", "quote_of__author").order_by("id")
    if not can_moderate(user=viewer, community=thread.community):
        posts = posts.filter(hidden=False)
    counts = {
        f"{kind}_count": Count("reactions", filter=Q(reactions__kind=kind))
        for kind in ReactionKind.values
    }
    posts = posts.annotate(**counts)
    if viewer.is_authenticated:
        posts = posts.annotate(
            **{
                f"mine_{kind}": Exists(
                    Reaction.objects.filter(post=OuterRef("pk"), user=viewer, kind=kind)
                )
                for kind in ReactionKind.values
            }
        )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(page_number)
    return PostPage(posts=list(page.object_list), page=page)


def documents_of(*, viewer, community: Community) -> QuerySet[Document]:
    documents = Document.objects.visible_to(viewer).filter(community=community)
    if not can_moderate(user=viewer, community=community):
        documents = documents.filter(hidden=False)
    return (
        documents.select_related("created_by")
        .annotate(version_count=Count("versions"))
        .order_by("-updated_at", "-id")
    )


def document_get(*, viewer, community: Community, pk: int) -> Document:
    document = Document.objects.visible_to(viewer).filter(community=community, pk=pk).first()
    if document is None or (document.hidden and not can_moderate(user=viewer, community=community)):
        raise NotFound(_("No file with this id, or it is not visible to you."))
    return document


def version_get(document: Document, number: int | None = None) -> DocumentVersion:
    versions = document.versions.all()
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise NotFound(_("No such version of this file."))
    return version


def article_list(*, viewer, community: Community, q: str = "") -> QuerySet[Article]:
    articles = Article.objects.visible_to(viewer).filter(community=community)
    if not can_moderate(user=viewer, community=community):
        articles = articles.filter(hidden=False)
    for term in (q or "").split()[:8]:
        articles = articles.filter(Q(title__icontains=term) | Q(current__body__icontains=term))
    return articles.select_related("current", "current__author").order_by("title", "id")


def article_get(*, viewer, community: Community, slug: str) -> Article:
    article = (
        Article.objects.visible_to(viewer)
        .filter(community=community, slug=slug)
        .select_related("current", "current__author", "community")
        .first()
    )
    if article is None or (article.hidden and not can_moderate(user=viewer, community=community)):
        raise NotFound(_("No article with this address, or it is not visible to you."))
    return article


def article_slugs(community: Community) -> set[str]:
    return set(
        Article.objects.filter(community=community, hidden=False).values_list("slug", flat=True)
    )


def backlinks(*, viewer, article: Article) -> list[Article]:
    """Readable articles of the community that link to this one."""
    return list(
        Article.objects.visible_to(viewer)
        .filter(
            community=article.community,
            hidden=False,
            pk__in=ArticleLink.objects.filter(target_slug=article.slug).values("source_id"),
        )
        .exclude(pk=article.pk)
        .order_by("title")
    )


def event_list(*, viewer, community: Community, past: bool = False) -> QuerySet:
    from django.utils import timezone

    from eenoverheid.communities.models import Event, Registration, RegistrationStatus

    events = Event.objects.visible_to(viewer).filter(community=community)
    now = timezone.now()
    events = (
        events.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else events.filter(ends_at__gte=now).order_by("starts_at", "id")
    )
    return events.annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).prefetch_related(
        Prefetch(
            "registrations",
            queryset=Registration.objects.filter(user_id=getattr(viewer, "pk", None)),
            to_attr="mine",
        )
    )


def event_get(*, viewer, community: Community, pk: int):
    from eenoverheid.communities.models import Event

    event = Event.objects.visible_to(viewer).filter(community=community, pk=pk).first()
    if event is None:
        raise NotFound(_("No event with this id, or it is not visible to you."))
    return event


def registrations_of(event) -> dict[str, list]:
    from eenoverheid.communities.models import RegistrationStatus

    out = {s: [] for s in RegistrationStatus.values}
    for registration in event.registrations.select_related("user").order_by("position", "id"):
        out[registration.status].append(registration)
    return out
