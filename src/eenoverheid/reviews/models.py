"""Four-eyes peer review between organizations: a request for a fresh look at a
document, the reviewer who gives it, the review itself (and at most one revision), and
the points that pay for it.

The points offered are reserved on the requesting organization's ledger account when the
request is made, paid to the reviewer's organization when the requester accepts the
review, and released when the request is withdrawn or passes its deadline without a
review. The document and the review are confidential: only the requester, the reviewer
and the people either of them adds see them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.ledger.models import Reservation, Transfer
from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Skill


class Status(models.TextChoices):
    OPEN = "open", _("Looking for a reviewer")
    ASKED = "asked", _("Reviewer asked")
    IN_PROGRESS = "in_progress", _("Being reviewed")
    SUBMITTED = "submitted", _("Review submitted")
    REVISION = "revision", _("Revision asked")
    ACCEPTED = "accepted", _("Accepted and paid")
    EXPIRED = "expired", _("Deadline passed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.OPEN, Status.ASKED, Status.IN_PROGRESS, Status.SUBMITTED, Status.REVISION)
CLOSED_STATUSES = (Status.ACCEPTED, Status.EXPIRED, Status.WITHDRAWN)


class FeedbackKind(models.TextChoices):
    CONTENT = "content", _("Content and reasoning")
    LEGAL = "legal", _("Legal soundness")
    FEASIBILITY = "feasibility", _("Feasibility in practice")
    READABILITY = "readability", _("Readability and clear language")
    DATA = "data", _("Figures and data")
    OTHER = "other", _("Something else")


def document_upload_to(instance, filename: str) -> str:
    # Never a name the uploader chose: a random name in the reviews folder.
    return f"reviews/{uuid.uuid4().hex}"


class ReviewRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_requests",
        verbose_name=_("requester"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="review_requests",
        verbose_name=_("paying organization"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("what it is about"),
        max_length=2000,
        blank=True,
        help_text=_("Shown to possible reviewers; the document itself stays confidential."),
    )
    document = models.FileField(
        _("document"), upload_to=document_upload_to, max_length=300, blank=True
    )
    document_name = models.CharField(max_length=255, blank=True)
    document_type = models.CharField(max_length=120, blank=True)
    document_url = models.URLField(_("link to the document"), max_length=500, blank=True)
    feedback_kind = models.CharField(
        _("kind of feedback"), max_length=16, choices=FeedbackKind.choices
    )
    feedback_wanted = models.TextField(_("feedback wanted"), max_length=2000)
    skills = models.ManyToManyField(Skill, blank=True, related_name="+", verbose_name=_("skills"))
    deadline = models.DateField(_("deadline"))
    points = models.PositiveIntegerField(_("points offered"))
    other_organization_only = models.BooleanField(
        _("reviewer from another organization"), default=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews_given",
        verbose_name=_("reviewer"),
    )
    reviewer_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews_delivered",
        verbose_name=_("reviewer's organization"),
        help_text=_("Receives the points."),
    )
    reservation = models.OneToOneField(
        Reservation, null=True, blank=True, on_delete=models.PROTECT, related_name="review_request"
    )
    payment = models.OneToOneField(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="review_request"
    )
    idempotency_key = models.CharField(max_length=100, editable=False)
    revision_note = models.TextField(_("what to revise"), max_length=2000, blank=True)
    revision_due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "-id"]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reviewer=models.F("requester")), name="reviews_not_own_document"
            ),
            models.UniqueConstraint(
                fields=["requester", "idempotency_key"], name="reviews_request_once_per_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Volunteer(models.Model):
    """Someone who offers to review an open request."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="volunteers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="reviews_volunteer_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.request_id}"


class Submission(models.Model):
    """The review as the reviewer handed it in: round 1, and round 2 after a revision."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="submissions")
    round = models.PositiveSmallIntegerField(_("round"))
    text = models.TextField(_("review"), max_length=20000)
    file = models.FileField(
        _("annotated file"), upload_to=document_upload_to, max_length=300, blank=True
    )
    file_name = models.CharField(max_length=255, blank=True)
    file_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("submitted on"), auto_now_add=True)

    class Meta:
        ordering = ["round"]
        verbose_name = _("submitted review")
        verbose_name_plural = _("submitted reviews")
        constraints = [
            models.UniqueConstraint(fields=["request", "round"], name="reviews_one_per_round")
        ]

    def __str__(self) -> str:
        return f"Review {self.round} of {self.request_id}"


class Reader(models.Model):
    """Someone the requester or the reviewer added: a colleague who may read the document
    and the review too."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="readers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reader")
        verbose_name_plural = _("readers")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="reviews_reader_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} reads {self.request_id}"


class Rating(models.Model):
    """How one side found working with the other, after the review was accepted."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_ratings_given"
    )
    rated = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_ratings"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["request", "rater"], name="reviews_rate_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="reviews_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 by {self.rater_id} for {self.request_id}"
