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


class OrganizationKind(models.TextChoices):
    """What an organization is. The register's types map onto these one to one, except
    that joint bodies that are safety regions or public health services get their own
    kind, and neighbourhood teams are added by organizations themselves."""

    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency")
    INDEPENDENT_BODY = "independent_body", _("Independent administrative body")
    ADVISORY_BOARD = "advisory_board", _("Advisory board")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    HIGH_COUNCIL = "high_council", _("High Council of State")
    JUDICIARY = "judiciary", _("Court or judicial body")
    POLICE = "police", _("Police")
    PROVINCE = "province", _("Province")
    WATER_BOARD = "water_board", _("Water board")
    JOINT_BODY = "joint_body", _("Joint body")
    SAFETY_REGION = "safety_region", _("Safety region")
    HEALTH_REGION = "health_region", _("Public health service (GGD)")
    MUNICIPALITY = "municipality", _("Municipality")
    CARIBBEAN_PUBLIC_BODY = "caribbean_public_body", _("Caribbean public body")
    STATUTORY_ENTITY = "statutory_entity", _("Legal entity with a statutory task")
    DEPARTMENT = "department", _("Department")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Neighbourhood team")
    OTHER = "other", _("Other public organization")


class AreaScope(models.TextChoices):
    NATIONAL = "national", _("The whole country")
    MUNICIPALITIES = "municipalities", _("A set of municipalities")
    NONE = "none", _("No area of its own")


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def municipalities(self):
        return self.filter(kind=OrganizationKind.MUNICIPALITY)


def logo_upload_to(instance, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"organizations/logos/{instance.code}.{suffix}"


class Organization(models.Model):
    """A government organization from the public register (organisaties.overheid.nl).

    `code` is the platform's stable identifier for it: the register's TOOI code where
    there is one (`gm0344` for the municipality of Utrecht), otherwise the register's own
    id. Fields that come from the register are overwritten by `import-organizations`;
    `description`, `logo`, extra e-mail domains, policy-domain overrides and teams are
    the organization's own and survive every import.
    """

    code = models.CharField(_("code"), max_length=200, unique=True)
    source_id = models.CharField(
        _("register id"), max_length=255, unique=True, null=True, blank=True, editable=False
    )
    name = models.CharField(_("name"), max_length=255, db_index=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=32,
        choices=OrganizationKind.choices,
        default=OrganizationKind.OTHER,
        db_index=True,
    )
    layer = models.CharField(
        _("government layer"),
        max_length=16,
        choices=GovernmentLayer.choices,
        default=GovernmentLayer.OTHER,
        db_index=True,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organization"),
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        limit_choices_to={"kind": OrganizationKind.PROVINCE},
    )
    area_scope = models.CharField(
        _("area"), max_length=16, choices=AreaScope.choices, default=AreaScope.NONE, db_index=True
    )
    tooi_uri = models.URLField(_("TOOI identifier"), max_length=255, blank=True)
    cbs_code = models.CharField(_("CBS code"), max_length=16, blank=True, db_index=True)
    oin = models.CharField(_("OIN"), max_length=20, blank=True)
    kvk = models.CharField(_("KvK number"), max_length=8, blank=True)
    roo_id = models.CharField(_("register number"), max_length=16, blank=True)
    wikidata = models.CharField(_("Wikidata id"), max_length=16, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    cooperation_form = models.CharField(_("form of cooperation"), max_length=64, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["is_active", "layer", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_from_register(self) -> bool:
        return bool(self.source_id)


class Coverage(models.Model):
    """One municipality in an organization's area. National organizations have no rows:
    their `area_scope` says they cover every municipality."""

    class Basis(models.TextChoices):
        ITSELF = "itself", _("The municipality itself")
        PROVINCE = "province", _("Municipalities of the province (CBS)")
        PARTICIPANTS = "participants", _("Participants of the joint body")
        SAFETY_REGION = "safety_region", _("Safety-region division")
        WATER_BOARD = "water_board", _("Water-board area (stated, see the data README)")
        MANUAL = "manual", _("Stated by an administrator")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="coverage"
    )
    municipality = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="covered_by"
    )
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)

    class Meta:
        verbose_name = _("covered municipality")
        verbose_name_plural = _("covered municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organization"], name="organizations_coverage_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} covers {self.municipality_id}"


class Participation(models.Model):
    """A participant in a joint body (gemeenschappelijke regeling), as the register of
    joint bodies lists it. Participants outside the register (Belgian municipalities)
    keep their name only."""

    joint_body = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="participations"
    )
    participant = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participates_in",
    )
    participant_name = models.CharField(_("participant"), max_length=255)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["participant_name", "id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.participant_name} in {self.joint_body_id}"


class PolicyDomain(models.Model):
    """A public task (see `taxonomy.py`): a BBV task field or another layer's task."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("policy domain")
        verbose_name_plural = _("policy domains")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "nl").startswith("en") else self.name


class OrganizationDomain(models.Model):
    """An organization's effective policy domains: what the law (its kind) and its name
    give it, plus and minus its administrator's overrides. Kept in step by
    `services.organization_domains_refresh`; queried by the covering selector."""

    class Basis(models.TextChoices):
        LAW = "law", _("By law")
        NAME = "name", _("Derived from its name")
        OVERRIDE = "override", _("Added by the organization")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="domains")
    domain = models.ForeignKey(PolicyDomain, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)

    class Meta:
        verbose_name = _("policy domain of an organization")
        verbose_name_plural = _("policy domains of organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "organization"], name="organizations_domain_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.domain_id} ({self.basis})"


class PolicyDomainOverride(models.Model):
    """An administrator's correction: this organization does (or does not) hold this
    domain, whatever its kind or name says."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="domain_overrides"
    )
    domain = models.ForeignKey(PolicyDomain, on_delete=models.CASCADE, related_name="+")
    included = models.BooleanField(_("holds this domain"))

    class Meta:
        verbose_name = _("policy-domain override")
        verbose_name_plural = _("policy-domain overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "domain"], name="organizations_override_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.domain_id} {'+' if self.included else '-'}"


class Team(models.Model):
    """A team inside an organization, managed by its administrators."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="organizations_team_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EmailDomain(models.Model):
    """An e-mail domain that belongs to an organization. A verified address on it (or on
    one of its subdomains) makes the address's holder a member."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="email_domains"
    )

    class Source(models.TextChoices):
        REGISTER = "register", _("From the register (website)")
        ADMIN = "admin", _("Added by an administrator")

    domain = models.CharField(_("domain"), max_length=253)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ADMIN
    )

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
