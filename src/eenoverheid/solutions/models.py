"""Build once, use in many organizations.

- A **Solution** is something an organization built or uses (an application, a website
  template, a service, a policy template, a process) that others may reuse; an
  **Adoption** says that another organization uses it, since when, and whom to ask.
- A **JointInitiative** is a plan to build or buy something together: what it needs
  (euros, hours, points), the lead organization, and the **Commitments** of the
  organizations that join. Points committed are reserved on the committing
  organization's ledger account and paid to the lead's account when the initiative
  starts running; withdrawal or a stop releases them.
- An **Idea** for a government-wide facility gathers support (one **Vote** a person) and
  **IdeaComments**; a moderator merges duplicates and marks its status, and an idea can
  become a joint initiative.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility, VisibleModel
from eenoverheid.ledger.models import Reservation, Transfer
from eenoverheid.organizations.models import Organization, PolicyDomain

# Shared solutions and ideas are either for everyone or for signed-in civil servants.
OPEN_VISIBILITY = [
    (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
    (Visibility.SIGNED_IN.value, Visibility.SIGNED_IN.label),
]


class SolutionKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    WEBSITE_TEMPLATE = "website_template", _("Website template")
    SERVICE = "service", _("Service")
    POLICY_TEMPLATE = "policy_template", _("Policy template")
    PROCESS = "process", _("Process")


class SolutionStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    DEVELOPMENT = "development", _("In development")
    IN_USE = "in_use", _("In use")
    RETIRED = "retired", _("Retired")


class CostModel(models.TextChoices):
    FREE = "free", _("Free to use")
    SHARED_COSTS = "shared_costs", _("Costs shared by the users")
    ONE_OFF = "one_off", _("One-off price")
    SUBSCRIPTION = "subscription", _("Subscription")
    ON_REQUEST = "on_request", _("Price on request")


class Standard(models.Model):
    """An open standard that solutions implement (e.g. the ones on the "comply or
    explain" list of the Dutch Standardisation Forum). Made on first mention by name."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return self.name


class Solution(VisibleModel):
    """Something an organization built or uses that other organizations may reuse."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SolutionKind.choices)
    summary = models.CharField(_("in one sentence"), max_length=300)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="solutions",
        verbose_name=_("owner organization"),
    )
    policy_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="+", verbose_name=_("policy domains")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SolutionStatus.choices, default=SolutionStatus.IN_USE
    )
    licence = models.CharField(
        _("licence"), max_length=100, blank=True, help_text=_("An SPDX identifier, e.g. EUPL-1.2.")
    )
    source_url = models.URLField(_("source repository"), max_length=500, blank=True)
    documentation_url = models.URLField(_("documentation"), max_length=500, blank=True)
    website_url = models.URLField(_("website"), max_length=500, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    cost_model = models.CharField(
        _("cost model"), max_length=16, choices=CostModel.choices, default=CostModel.FREE
    )
    cost_note = models.CharField(_("about the costs"), max_length=300, blank=True)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="solutions", verbose_name=_("standards")
    )
    publiccode = models.TextField(
        _("publiccode.yml"), blank=True, help_text=_("The publiccode.yml it was imported from.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    adopter_count = models.PositiveIntegerField(_("organizations that use it"), default=0)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        indexes = [models.Index(fields=["-adopter_count", "name"], name="solutions_by_adopters")]

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """An organization uses a solution (its owner's use is implied)."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="adoptions")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="adoptions"
    )
    since = models.DateField(_("in use since"), null=True, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
    )
    note = models.CharField(_("how we use it"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "organization"], name="solutions_one_adoption_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.solution}"


class Phase(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    FORMING = "forming", _("Forming")
    FUNDED = "funded", _("Funded")
    RUNNING = "running", _("Running")
    DELIVERED = "delivered", _("Delivered")
    STOPPED = "stopped", _("Stopped")


JOINABLE_PHASES = (Phase.PROPOSED, Phase.FORMING, Phase.FUNDED)
ACTIVE_PHASES = (Phase.PROPOSED, Phase.FORMING, Phase.FUNDED, Phase.RUNNING)


class JointInitiative(VisibleModel):
    """A plan of several organizations to build or buy something together."""

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), max_length=5000)
    plan = models.TextField(_("plan"), max_length=20000, blank=True)
    lead = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="led_initiatives",
        verbose_name=_("lead organization"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    policy_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="+", verbose_name=_("policy domains")
    )
    province = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "province"},
        verbose_name=_("region (province)"),
        help_text=_("Empty for an initiative for the whole country."),
    )
    euros_needed = models.PositiveBigIntegerField(_("euros needed"), default=0)
    hours_needed = models.PositiveIntegerField(_("hours needed"), default=0)
    points_needed = models.PositiveBigIntegerField(_("points needed"), default=0)
    phase = models.CharField(
        _("phase"), max_length=16, choices=Phase.choices, default=Phase.PROPOSED, db_index=True
    )
    phase_note = models.CharField(_("why the phase changed"), max_length=500, blank=True)
    phase_changed_at = models.DateTimeField(null=True, blank=True)
    idea = models.OneToOneField(
        "Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
        verbose_name=_("from the idea"),
    )
    solution = models.ForeignKey(
        Solution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
        verbose_name=_("what it delivered"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("joint initiative")
        verbose_name_plural = _("joint initiatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(euros_needed__gt=0) | Q(hours_needed__gt=0) | Q(points_needed__gt=0),
                name="solutions_initiative_needs_something",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CommitmentStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    PAID = "paid", _("Points paid")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    RELEASED = "released", _("Released (initiative stopped)")


class Commitment(models.Model):
    """What one organization puts into a joint initiative."""

    initiative = models.ForeignKey(
        JointInitiative, on_delete=models.CASCADE, related_name="commitments"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="initiative_commitments"
    )
    euros = models.PositiveBigIntegerField(_("euros"), default=0)
    hours = models.PositiveIntegerField(_("hours"), default=0)
    points = models.PositiveBigIntegerField(_("points"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLEDGED,
        db_index=True,
    )
    reservation = models.OneToOneField(
        Reservation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("committed"), auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            # One standing commitment per organization; a withdrawn one may be renewed.
            models.UniqueConstraint(
                fields=["initiative", "organization"],
                condition=Q(status__in=["pledged", "paid"]),
                name="solutions_one_commitment_each",
            ),
            models.CheckConstraint(
                condition=Q(euros__gt=0) | Q(hours__gt=0) | Q(points__gt=0),
                name="solutions_commitment_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.initiative}"


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    CONSIDERING = "considering", _("Under consideration")
    INITIATIVE = "initiative", _("Became an initiative")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another idea")


class Idea(VisibleModel):
    """An idea for a government-wide facility or initiative."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("the idea"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("author"),
    )
    policy_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="+", verbose_name=_("policy domains")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW
    )
    status_reason = models.CharField(_("reason"), max_length=1000, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    vote_count = models.PositiveIntegerField(_("support"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        permissions = [("moderate_idea", _("Can moderate ideas: status, merging"))]
        indexes = [models.Index(fields=["-vote_count", "-id"], name="solutions_idea_support")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def owner_q(cls, user) -> Q:
        return Q(author=user)


class Vote(models.Model):
    """One person's support for an idea; at most one each (the database says so)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        # "Trending" counts the last week's votes per idea from this index alone.
        indexes = [models.Index(fields=["created_at", "idea"], name="solutions_vote_recent")]
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="solutions_one_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.idea_id}"


class IdeaComment(models.Model):
    """A reaction to an idea; stays, as by "former member", when its author leaves."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.idea_id}: {self.body[:40]}"
