from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class GovernmentLayer(models.TextChoices):
    NATIONAL = "national", _("National government")
    PROVINCE = "province", _("Province")
    WATER_BOARD = "water_board", _("Water board")
    REGIONAL = "regional", _("Regional or joint body")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", _("Other public organization")


class Organization(models.Model):
    """A government organization from the public register (organisaties.overheid.nl).

    `code` is the platform's stable identifier for it: the register's TOOI code where
    there is one (e.g. `gm0344` for the municipality of Utrecht).
    """

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255, db_index=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    layer = models.CharField(
        _("government layer"),
        max_length=16,
        choices=GovernmentLayer.choices,
        default=GovernmentLayer.OTHER,
        db_index=True,
    )
    is_active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class EmailDomain(models.Model):
    """An e-mail domain that belongs to an organization. A verified address on it (or on
    one of its subdomains) makes the address's holder a member."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(_("domain"), max_length=253)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("e-mail domain")
        verbose_name_plural = _("e-mail domains")
        constraints = [
            models.UniqueConstraint(Lower("domain"), name="organizations_domain_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.domain


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    ADMIN = "admin", _("Administrator")


class MembershipSource(models.TextChoices):
    EMAIL_DOMAIN = "email_domain", _("Verified e-mail address")
    MANUAL = "manual", _("Added by an administrator")
    PROVISIONED = "provisioned", _("Provisioned by the organization")


class Membership(models.Model):
    """A person working for an organization, with their role there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=MembershipSource.choices,
        default=MembershipSource.EMAIL_DOMAIN,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="organizations_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"
