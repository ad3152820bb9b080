"""Gigs and vacancies across government: opportunities that an organization publishes,
the skills they ask for, the people who apply or are invited, and what happens after
(offers, release by one's manager, completion paid in points, feedback, endorsements).

An opportunity has `places` (usually one). Accepting an offer takes a place; the offer
is accepted under a lock of the opportunity row and the accepted applications are
counted in the same transaction, so two people never take the last place
(`marketplace.services.offer_accept`). A gig's points are reserved on the publishing
organization's account when the offer is made and paid to the worker's organization
when both sides have confirmed completion.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility, VisibleModel
from eenoverheid.organizations.models import Organization, Team
from eenoverheid.people.models import Skill, SkillLevel


class Kind(models.TextChoices):
    """The kinds of Canada's public-service career marketplace, which Dutch government
    mobility programmes also use."""

    VACANCY = "vacancy", _("Vacancy")
    GIG = "gig", _("Gig")
    JOB_SWAP = "job_swap", _("Job swap")
    JOB_SHARING = "job_sharing", _("Job sharing")
    SHADOWING = "shadowing", _("Job shadowing")
    MENTORING = "mentoring", _("Mentoring")
    PEER_COACHING = "peer_coaching", _("Peer coaching")
    SKILL_SHARING = "skill_sharing", _("Skill sharing")
    DEPLOYMENT = "deployment", _("Deployment (secondment)")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")


class WorkMode(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Partly remote")
    REMOTE = "remote", _("Remote")


OPPORTUNITY_VISIBILITY = [
    (Visibility.PUBLIC, _("Everyone (also job search engines)")),
    (Visibility.SIGNED_IN, _("Signed-in civil servants")),
    (Visibility.MEMBERS, _("Only our own organization")),
]


class Recruiter(models.Model):
    """Someone who publishes opportunities for an organization, appointed by its
    administrators (who may publish themselves)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="recruiters"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recruiter_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recruiter")
        verbose_name_plural = _("recruiters")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="marketplace_recruiter_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class ReleasePolicy(models.Model):
    """Whether an organization's people need their manager's release before they take on
    an opportunity elsewhere."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="release_policy"
    )
    required = models.BooleanField(_("manager's release required"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("release policy")
        verbose_name_plural = _("release policies")

    def __str__(self) -> str:
        return f"{self.organization}: {self.required}"


class Opportunity(VisibleModel):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("organization"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("team"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities_published",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(520)],
    )
    work_mode = models.CharField(
        _("where"), max_length=16, choices=WorkMode.choices, default=WorkMode.HYBRID
    )
    municipality = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    location = models.CharField(_("building or address"), max_length=200, blank=True)
    salary_scale_min = models.PositiveSmallIntegerField(
        _("salary scale from"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
    )
    salary_scale_max = models.PositiveSmallIntegerField(
        _("salary scale to"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
    )
    closing_date = models.DateField(_("closing date"), null=True, blank=True, db_index=True)
    points = models.PositiveIntegerField(_("points offered"), default=0)
    budget_euros = models.PositiveIntegerField(_("budget in euros"), default=0)
    places = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["status", "kind", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_scale_min__isnull=True)
                | Q(salary_scale_max__isnull=True)
                | Q(salary_scale_min__lte=models.F("salary_scale_max")),
                name="marketplace_scale_order",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="marketplace_date_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def members_q(cls, user) -> Q:
        from eenoverheid.organizations.models import Membership

        return Q(organization__in=Membership.objects.filter(user=user).values("organization"))

    @classmethod
    def owner_q(cls, user) -> Q:
        return Q(created_by=user)

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class OpportunitySkill(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(
        _("level"), max_length=16, choices=SkillLevel.choices, default=SkillLevel.PRACTITIONER
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["-required", "skill__name"]
        verbose_name = _("skill asked for")
        verbose_name_plural = _("skills asked for")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "skill"], name="marketplace_skill_once")
        ]
        indexes = [models.Index(fields=["skill", "opportunity"])]

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.skill_id}"


class Direction(models.TextChoices):
    SEEK = "seek", _("I am looking for")
    OFFER = "offer", _("I offer")


class Interest(models.Model):
    """What a person says on their profile: seeking a gig, offering mentoring, ..."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_interests"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)

    class Meta:
        ordering = ["direction", "kind"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "direction"], name="marketplace_interest_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "direction", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.direction} {self.kind}"


class ApplicationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    OFFERED = "offered", _("Offered")
    RELEASE_PENDING = "release_pending", _("Waiting for the manager's release")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Not selected")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Applications still in play, and those that hold a place.
ACTIVE_STATUSES = [
    ApplicationStatus.INVITED,
    ApplicationStatus.APPLIED,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.OFFERED,
    ApplicationStatus.RELEASE_PENDING,
]
PLACE_STATUSES = [
    ApplicationStatus.RELEASE_PENDING,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.COMPLETED,
]


class Application(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    applicant_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, db_index=True
    )
    motivation = models.TextField(_("motivation"), max_length=3000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(
        _("last message"), max_length=2000, blank=True, help_text=_("With an offer or a refusal.")
    )
    reason = models.TextField(
        _("reason"), max_length=2000, blank=True, help_text=_("Why it was declined or withdrawn.")
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases_to_give",
        verbose_name=_("manager"),
    )
    reservation = models.OneToOneField(
        "ledger.Reservation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payment = models.OneToOneField(
        "ledger.Transfer", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publisher_confirmed_at = models.DateTimeField(null=True, blank=True)
    applicant_confirmed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "applicant"], name="marketplace_apply_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.opportunity}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ApplicationEvent(models.Model):
    """Every step of an application, with who took it and what they said: the applicant
    sees the whole history, and a refusal or withdrawal keeps its reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices)
    note = models.TextField(_("message"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("step of an application")
        verbose_name_plural = _("steps of applications")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status}"


class Feedback(models.Model):
    """After a completed gig both sides say how it went."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("feedback"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "author"], name="marketplace_feedback_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.rating}"


class Endorsement(models.Model):
    """A skill someone showed in a gig, endorsed by the publishing organization; it
    appears on their profile."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="endorsements"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["skill__name"]
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "skill"], name="marketplace_endorse_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.skill_id}"


class SavedSearch(models.Model):
    """Filters a person keeps; new opportunities that match are notified to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    params = models.JSONField(_("filters"), default=dict)
    notify = models.BooleanField(_("tell me about new opportunities"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
