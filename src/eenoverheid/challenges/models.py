"""Societal challenges (opgaven): the area, policy domains, skills and information they
need; the team and partner organizations that take them on; links between challenges
that are the same problem elsewhere."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility, VisibleModel
from eenoverheid.organizations.models import Organization, PolicyDomain
from eenoverheid.people.models import Skill


class AreaKind(models.TextChoices):
    MUNICIPALITIES = "municipalities", _("One or more municipalities")
    PROVINCE = "province", _("A province")
    REGION = "region", _("A region (the area of a regional body)")
    NATIONAL = "national", _("The whole country")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", _("Gathering a team")
    RUNNING = "running", _("Under way")
    CLOSED = "closed", _("Closed")


CHALLENGE_VISIBILITY = [
    (Visibility.PUBLIC, _("Everyone")),
    (Visibility.SIGNED_IN, _("Signed-in civil servants")),
    (Visibility.MEMBERS, _("Only the team")),
]


class Challenge(VisibleModel):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="challenges_led",
        verbose_name=_("lead"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="challenges",
        verbose_name=_("lead organization"),
    )
    area_kind = models.CharField(_("area"), max_length=16, choices=AreaKind.choices)
    area_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province or region"),
    )
    municipalities = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="challenges_here",
        verbose_name=_("municipalities of the area"),
        help_text=_("The area resolved to municipalities; empty for the whole country."),
    )
    policy_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="+", verbose_name=_("policy domains")
    )
    information_needs = models.TextField(_("information needed"), blank=True, max_length=4000)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    team_size = models.PositiveSmallIntegerField(_("team size"), default=6)
    workspace = models.OneToOneField(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge",
        verbose_name=_("workspace"),
        help_text=_("The team's discussions and files: a members-only community."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="challenge_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(team_size__gte=1) & Q(team_size__lte=25), name="challenge_team_size"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def members_q(cls, user) -> Q:
        """The team, and whoever is invited: a person, or an administrator of an invited
        organization, sees what they are invited to."""
        from eenoverheid.organizations.models import Membership, MembershipRole

        administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
            "organization_id"
        )
        pending = Invitation.objects.filter(status=InvitationStatus.PENDING)
        return (
            Q(pk__in=ChallengeMember.objects.filter(user=user).values("challenge_id"))
            | Q(pk__in=pending.filter(user=user).values("challenge_id"))
            | Q(pk__in=pending.filter(organization__in=administered).values("challenge_id"))
        )

    @classmethod
    def owner_q(cls, user) -> Q:
        return Q(lead=user)


class ChallengeSkill(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="needs")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    people_needed = models.PositiveSmallIntegerField(_("people needed"), default=1)

    class Meta:
        verbose_name = _("needed skill")
        verbose_name_plural = _("needed skills")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "skill"], name="challenge_skill_once"),
            models.CheckConstraint(
                condition=Q(people_needed__gte=1) & Q(people_needed__lte=10),
                name="challenge_skill_people_needed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} x{self.people_needed}"


class MemberRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class ChallengeMember(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="challenge_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.challenge}"


class ChallengePartner(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="challenge_partnerships"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "organization"], name="challenge_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} in {self.challenge}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    """An invitation to a person (to join the team) or to an organization (to take part
    as a partner; its administrators answer)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenge_invitations",
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenge_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    reason = models.CharField(_("why suggested"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(organization__isnull=True))
                | (Q(user__isnull=True) & Q(organization__isnull=False)),
                name="invitation_person_or_organization",
            ),
            models.UniqueConstraint(
                fields=["challenge", "user"],
                condition=Q(status="pending", user__isnull=False),
                name="invitation_one_pending_per_person",
            ),
            models.UniqueConstraint(
                fields=["challenge", "organization"],
                condition=Q(status="pending", organization__isnull=False),
                name="invitation_one_pending_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.organization} -> {self.challenge}"


class ChallengeLink(models.Model):
    """Two challenges that are the same problem elsewhere. Stored once per pair, the
    lower id first."""

    first = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("related challenge")
        verbose_name_plural = _("related challenges")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="challenge_link_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="challenge_link_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} <-> {self.second_id}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")


class Task(models.Model):
    """A task on the team's list."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenge_tasks",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.title
