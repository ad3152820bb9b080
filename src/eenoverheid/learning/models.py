"""The government-wide course catalogue: courses published by training providers (an
organization's learning department or an academy), their sessions with places, and
enrolments that are confirmed while places last and otherwise wait in line.

A session never has more confirmed enrolments than places: enrolment and cancellation
lock the session row and count in the same transaction (`learning.services`). The
waiting list is ordered by when people joined it (`queued_at`, then id); the first in
line moves up when a place frees.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.organizations.models import Organization
from eenoverheid.people.models import Skill, SkillLevel


class Format(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online, live")
    BLENDED = "blended", _("Blended")
    SELF_PACED = "self_paced", _("Self-paced")


class CostKind(models.TextChoices):
    FREE = "free", _("Free for every civil servant")
    OWN_FREE = "own_free", _("Free for our own staff; others pay")
    PAID = "paid", _("Paid by everyone")


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class CourseManager(models.Model):
    """Someone who publishes courses for a provider, appointed by its administrators
    (who may publish themselves)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="course_managers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course manager")
        verbose_name_plural = _("course managers")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="learning_manager_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class Course(models.Model):
    provider = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="courses", verbose_name=_("provider")
    )
    code = models.CharField(
        _("course code"),
        max_length=40,
        help_text=_("The provider's own code; unique per provider. Imports update by it."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    duration = models.CharField(
        _("duration"), max_length=60, help_text=_("For example: two days, or six evenings.")
    )
    study_load_hours = models.PositiveSmallIntegerField(_("study load (hours)"))
    cost_kind = models.CharField(
        _("cost"), max_length=10, choices=CostKind.choices, default=CostKind.FREE
    )
    price_euros = models.PositiveIntegerField(_("price in euros"), default=0)
    price_points = models.PositiveIntegerField(_("price in points"), default=0)
    prerequisites = models.TextField(_("prerequisites"), max_length=2000, blank=True)
    accreditation = models.CharField(_("accreditation"), max_length=200, blank=True)
    url = models.URLField(_("more information"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CourseStatus.choices,
        default=CourseStatus.DRAFT,
        db_index=True,
    )
    skills = models.ManyToManyField(Skill, through="CourseSkill", related_name="courses")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="learning_course_code")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_free(self) -> bool:
        return self.cost_kind == CostKind.FREE


class CourseSkill(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(
        _("level reached"),
        max_length=16,
        choices=SkillLevel.choices,
        default=SkillLevel.PRACTITIONER,
    )

    class Meta:
        verbose_name = _("skill taught")
        verbose_name_plural = _("skills taught")
        constraints = [
            models.UniqueConstraint(fields=["course", "skill"], name="learning_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.skill_id} in {self.course_id}"


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    municipality = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="course_sessions",
        verbose_name=_("municipality"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="learning_session_ends_later"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="learning_session_places"),
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_at:%Y-%m-%d}"


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING)


class Enrolment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, db_index=True
    )
    queued_at = models.DateTimeField(_("enrolled on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed on"), null=True, blank=True)
    skills_added = models.BooleanField(default=False)
    paying_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("paid by"),
    )
    reservation = models.OneToOneField(
        "ledger.Reservation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolment",
    )
    payment = models.OneToOneField(
        "ledger.Transfer", null=True, blank=True, on_delete=models.PROTECT, related_name="enrolment"
    )

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="learning_one_active_enrolment",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.session_id} ({self.status})"


class CourseReview(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_reviews"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.TextField(_("review"), max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("course review")
        verbose_name_plural = _("course reviews")
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="learning_review_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="learning_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5 for {self.course_id}"
