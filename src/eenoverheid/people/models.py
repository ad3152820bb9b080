from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.visibility import Visibility, VisibleModel, is_platform_admin


class SkillSource(models.TextChoices):
    ESCO = "esco", _("ESCO")
    PLATFORM = "platform", _("Public-sector topics of the platform")
    PROPOSED = "proposed", _("Proposed by a user")


class SkillStatus(models.TextChoices):
    ACTIVE = "active", _("In use")
    PROPOSED = "proposed", _("Proposed, awaiting review")
    REJECTED = "rejected", _("Rejected")


class Skill(models.Model):
    """A node of the skills taxonomy: ESCO's skills hierarchy with its Dutch terms, the
    platform's public-sector topics, and skills people proposed."""

    code = models.CharField(_("code"), max_length=120, unique=True)
    uri = models.URLField(_("ESCO URI"), max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=255, db_index=True)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    synonyms = models.TextField(_("synonyms"), blank=True, help_text=_("One per line."))
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader skill"),
    )
    source = models.CharField(
        _("source"), max_length=16, choices=SkillSource.choices, default=SkillSource.PLATFORM
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SkillStatus.choices,
        default=SkillStatus.ACTIVE,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name_en and (get_language() or "nl").startswith("en"):
            return self.name_en
        return self.name

    @property
    def description_lang(self) -> str:
        """ESCO's hierarchy describes its nodes in English; its collections in Dutch."""
        return "en" if self.source == SkillSource.ESCO and "-" not in self.code else "nl"

    @property
    def synonym_list(self) -> list[str]:
        return [s.strip() for s in self.synonyms.splitlines() if s.strip()]


class SkillLevel(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    PRACTITIONER = "practitioner", _("Practitioner")
    EXPERT = "expert", _("Expert")


LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("fy", _("Frisian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pap", _("Papiamentu")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ngt", _("Sign Language of the Netherlands")),
]
LANGUAGE_CODES = [code for code, _label in LANGUAGES]

PROFILE_VISIBILITY = [
    (Visibility.PUBLIC, _("Everyone")),
    (Visibility.SIGNED_IN, _("Signed-in civil servants")),
    (Visibility.MEMBERS, _("Only my own organization")),
]


class Profile(VisibleModel):
    """A civil servant's profile. Who sees it is the owner's choice (everyone, signed-in
    civil servants, or only colleagues of their own organizations); contact details are
    shown to signed-in viewers only, never publicly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Topics in your own words, separated by commas."),
    )
    photo = models.ImageField(_("photo"), upload_to="people/photos/", blank=True)
    work_municipality = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality where I work"),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    available = models.BooleanField(_("available for gigs and reviews"), default=False)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.user.name or self.user.email

    @staticmethod
    def colleagues_of(user):
        """User ids of everyone in an organization `user` belongs to (a subquery)."""
        from eenoverheid.organizations.models import Membership

        return Membership.objects.filter(
            organization__in=Membership.objects.filter(user=user).values("organization")
        ).values("user")

    @classmethod
    def members_q(cls, user) -> Q:
        return Q(user__in=cls.colleagues_of(user))

    @classmethod
    def visible_through(cls, user, prefix: str) -> Q:
        """`visible_to` as a condition on a related profile (`prefix` like "profile__"),
        so that a query over another table filters on its join instead of on a subquery
        of every visible profile."""
        if is_platform_admin(user):
            return Q()
        condition = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
        if user is not None and user.is_authenticated and user.is_active:
            condition |= Q(**{f"{prefix}visibility": Visibility.SIGNED_IN})
            condition |= Q(**{f"{prefix}visibility": Visibility.MEMBERS}) & Q(
                **{f"{prefix}user_id__in": cls.colleagues_of(user)}
            )
            condition |= Q(**{f"{prefix}user_id": user.pk})
        return condition

    @classmethod
    def owner_q(cls, user) -> Q:
        return Q(user=user)


class ProfileSkill(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(
        _("level"), max_length=16, choices=SkillLevel.choices, default=SkillLevel.PRACTITIONER
    )

    class Meta:
        ordering = ["skill__name"]
        verbose_name = _("skill of a person")
        verbose_name_plural = _("skills of people")
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="people_skill_unique"),
        ]
        # Who holds a skill at a level, in a stable order that LIMIT can stop in.
        indexes = [models.Index(fields=["skill", "level", "profile"])]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.skill_id} ({self.level})"
