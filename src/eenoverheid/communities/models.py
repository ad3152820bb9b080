"""Professional communities and the building blocks they (and a challenge's workspace)
are made of: membership with roles, discussions and questions, files with versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility, VisibleModel, is_platform_admin


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone joins")
    CLOSED = "closed", _("Closed: join on request, a manager approves")
    SECRET = "secret", _("Secret: by invitation only, invisible to others")


class CommunityKind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    WORKSPACE = "workspace", _("Workspace of a challenge")


class Block(models.TextChoices):
    DISCUSSIONS = "discussions", _("Discussions")
    QUESTIONS = "questions", _("Questions")
    ARTICLES = "articles", _("Knowledge articles")
    EVENTS = "events", _("Events")
    FILES = "files", _("Files")


def all_blocks() -> list[str]:
    return list(Block.values)


class CommunityQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommunityQuerySet:
        """Open and closed communities are visible to everyone; a secret one only to its
        members (and platform administrators): not in lists, counts or search."""
        if is_platform_admin(user):
            return self
        condition = ~Q(join_policy=JoinPolicy.SECRET)
        if user is not None and user.is_authenticated:
            condition |= Q(
                pk__in=CommunityMembership.objects.filter(
                    user=user, status=MembershipStatus.ACTIVE
                ).values("community_id")
            )
        return self.filter(condition)


class Community(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CommunityKind.choices, default=CommunityKind.COMMUNITY
    )
    join_policy = models.CharField(
        _("who can join"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    topics = models.ManyToManyField(
        "people.Skill", blank=True, related_name="+", verbose_name=_("topics")
    )
    blocks = models.JSONField(_("building blocks"), default=all_blocks)
    required_profile_fields = models.JSONField(
        _("profile fields members must fill in"), default=list, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def has_block(self, block: str) -> bool:
        return block in (self.blocks or [])


class CommunityRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")


class CommunityMembership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=CommunityRole.choices, default=CommunityRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_once")
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"


def _community_members(user):
    return CommunityMembership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values(
        "community_id"
    )


class CommunityContent(VisibleModel):
    """Content of a community: its members are the community's active members, and its
    owner (who always sees it while a member) is named by `owner_field`."""

    owner_field = "created_by"

    class Meta:
        abstract = True

    @classmethod
    def members_q(cls, user) -> Q:
        return Q(community__in=_community_members(user))

    @classmethod
    def owner_q(cls, user) -> Q:
        return Q(**{cls.owner_field: user}) & Q(community__in=_community_members(user))


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


CONTENT_VISIBILITY = [
    (Visibility.PUBLIC, _("Everyone")),
    (Visibility.SIGNED_IN, _("Signed-in civil servants")),
    (Visibility.MEMBERS, _("Members only")),
]


class Thread(CommunityContent):
    """A discussion or a question, with its posts. Its visibility is capped by the
    community's: in a secret community everything is for members only."""

    owner_field = "author"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(
        _("kind"), max_length=16, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    accepted_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["community", "-pinned", "-last_activity_at", "-id"]),
            models.Index(fields=["community", "kind", "accepted_post"]),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """One post in a thread; the first is the opening post."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("text"), max_length=20_000)
    quote_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "id"])]

    def __str__(self) -> str:
        return f"{self.thread}: {self.body[:40]}"


class ReactionKind(models.TextChoices):
    THANKS = "thanks", _("Thanks")
    AGREE = "agree", _("Agree")
    INSIGHTFUL = "insightful", _("Insightful")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=16, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


def document_upload_to(instance: DocumentVersion, filename: str) -> str:
    # Never a path the uploader chose: a random name under the community's folder.
    return f"communities/{instance.document.community_id}/{uuid.uuid4().hex}"


class Document(CommunityContent):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Article(CommunityContent):
    """A knowledge article: a wiki page whose text lives in its revisions."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120)
    current = models.ForeignKey(
        "ArticleRevision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["community", "slug"], name="article_slug_once")
        ]

    def __str__(self) -> str:
        return self.title


class ArticleRevision(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=100_000)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.article} r{self.number}"


class ArticleLink(models.Model):
    """`[[Another article]]` in an article's current text: what links where."""

    source = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links_out")
    target_slug = models.SlugField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target_slug"], name="article_link_once")
        ]
        indexes = [models.Index(fields=["target_slug"])]

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.target_slug}"


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every four weeks")


class EventSeries(models.Model):
    """A recurring event: its occurrences are ordinary events that share the series."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    recurrence = models.CharField(_("repeats"), max_length=16, choices=Recurrence.choices)
    occurrences = models.PositiveSmallIntegerField(_("occurrences"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return f"{self.get_recurrence_display()} x{self.occurrences}"


class Event(CommunityContent):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000, blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    series = models.ForeignKey(
        EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    # Order on the waiting list: who registered first moves up first.
    position = models.PositiveIntegerField(_("position"), default=0)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once")]
        indexes = [models.Index(fields=["event", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.user} {self.status} {self.event}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    HIDDEN = "hidden", _("Content hidden")
    DISMISSED = "dismissed", _("No action needed")


class Report(models.Model):
    """Someone reported a problem with a post, thread, article, file or event."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content_kind = models.CharField(_("kind of content"), max_length=16)
    content_id = models.PositiveBigIntegerField()
    excerpt = models.CharField(_("what was reported"), max_length=300)
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    note = models.CharField(_("note to the reporter"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_kind", "content_id"],
                condition=Q(status="open"),
                name="report_once_while_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_kind} {self.content_id}: {self.reason[:40]}"
