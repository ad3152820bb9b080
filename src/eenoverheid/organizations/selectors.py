"""Reads of the organization register that other apps use."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from eenoverheid.core.errors import NotFound
from eenoverheid.organizations.models import (
    AreaScope,
    Coverage,
    EmailDomain,
    GovernmentLayer,
    Membership,
    Organization,
    OrganizationDomain,
    OrganizationKind,
    Participation,
    PolicyDomain,
)

# "Who covers" lists the nearest layer first: the municipality, the regional bodies it
# takes part in, its water boards, its province, the national government.
LAYER_ORDER = [
    GovernmentLayer.MUNICIPALITY,
    GovernmentLayer.REGIONAL,
    GovernmentLayer.WATER_BOARD,
    GovernmentLayer.PROVINCE,
    GovernmentLayer.NATIONAL,
    GovernmentLayer.OTHER,
]
KIND_ORDER = [
    OrganizationKind.MUNICIPALITY,
    OrganizationKind.SAFETY_REGION,
    OrganizationKind.HEALTH_REGION,
    OrganizationKind.JOINT_BODY,
    OrganizationKind.WATER_BOARD,
    OrganizationKind.PROVINCE,
    OrganizationKind.MINISTRY,
    OrganizationKind.AGENCY,
    OrganizationKind.INSPECTORATE,
    OrganizationKind.INDEPENDENT_BODY,
    OrganizationKind.POLICE,
    OrganizationKind.JUDICIARY,
    OrganizationKind.HIGH_COUNCIL,
    OrganizationKind.ADVISORY_BOARD,
]


def email_domain_candidates(email: str) -> list[str]:
    """`a@x.utrecht.nl` -> ["x.utrecht.nl", "utrecht.nl"]: the domain and its parents,
    down to two labels."""
    domain = email.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))]


def organization_for_email(*, email: str) -> Organization | None:
    """The active organization whose e-mail domain matches `email` most specifically."""
    candidates = email_domain_candidates(email)
    matches = {
        d.domain.lower(): d.organization
        for d in EmailDomain.objects.filter(
            domain__in=candidates, organization__is_active=True
        ).select_related("organization")
    }
    return next((matches[c] for c in candidates if c in matches), None)


def memberships_of(*, user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("organization"))


# -- the register ------------------------------------------------------------------------


def organization_ids_of(user) -> list[int]:
    """The active organizations a person works for, oldest membership first."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    return list(
        Membership.objects.filter(user=user, organization__is_active=True)
        .order_by("id")
        .values_list("organization_id", flat=True)
    )


def policy_domains() -> list[PolicyDomain]:
    return list(PolicyDomain.objects.select_related("parent"))


def policy_domain_ids(code: str) -> list[int]:
    """The domain with this code and, for a main task field, the task fields under it."""
    ids = list(
        PolicyDomain.objects.filter(Q(code=code) | Q(parent__code=code)).values_list(
            "id", flat=True
        )
    )
    if not ids:
        raise NotFound(_("Unknown policy domain: %(code)s") % {"code": code})
    return ids


def municipality_get(code: str) -> Organization:
    """A current municipality by its CBS code (GM0344) or register code (gm0344)."""
    municipality = (
        Organization.objects.active()
        .municipalities()
        .filter(Q(code=code.strip().lower()) | Q(cbs_code=code.strip().upper()))
        .select_related("province")
        .first()
    )
    if municipality is None:
        raise NotFound(_("No current municipality has the code %(code)s.") % {"code": code})
    return municipality


def municipalities() -> QuerySet[Organization]:
    return Organization.objects.active().municipalities().order_by("name")


def provinces() -> QuerySet[Organization]:
    return Organization.objects.active().filter(kind=OrganizationKind.PROVINCE).order_by("name")


def _covering_q(municipality: Organization) -> Q:
    return Q(area_scope=AreaScope.NATIONAL) | Q(
        pk__in=Coverage.objects.filter(municipality=municipality).values("organization_id")
    )


def organization_search(
    *,
    q: str | None = None,
    kind: str | None = None,
    layer: str | None = None,
    province: Organization | None = None,
    municipality: Organization | None = None,
    domain: str | None = None,
    include_inactive: bool = False,
) -> QuerySet[Organization]:
    """The register, filtered. Province means: located in the province, or covering
    municipalities in it (national bodies excepted). Municipality means: its area
    includes that municipality, national bodies included."""
    organizations = Organization.objects.select_related("province", "parent")
    if not include_inactive:
        organizations = organizations.filter(is_active=True)
    if q and q.strip():
        for term in q.split()[:8]:
            organizations = organizations.filter(
                Q(name__icontains=term)
                | Q(short_name__iexact=term)
                | Q(code__iexact=term)
                | Q(cbs_code__iexact=term)
            )
    if kind:
        organizations = organizations.filter(kind=kind)
    if layer:
        organizations = organizations.filter(layer=layer)
    if province is not None:
        organizations = organizations.filter(
            Q(province=province)
            | Q(
                pk__in=Coverage.objects.filter(municipality__province=province).values(
                    "organization_id"
                )
            )
        )
    if municipality is not None:
        organizations = organizations.filter(_covering_q(municipality))
    if domain:
        organizations = organizations.filter(
            pk__in=OrganizationDomain.objects.filter(
                domain_id__in=policy_domain_ids(domain)
            ).values("organization_id")
        )
    return organizations.order_by("name", "id")


@dataclass
class LayerGroup:
    layer: str
    label: str
    organizations: list[Organization]

    @property
    def count(self) -> int:
        return len(self.organizations)


def organizations_covering(
    *, municipality: Organization, domain: str | None = None, layer: str | None = None
) -> list[LayerGroup]:
    """Every current organization whose area includes `municipality`, grouped by
    government layer, nearest layer first; optionally only those holding a policy
    domain. One query for the organizations (plus one to resolve the domain code),
    whatever the register's size: the area and domain tables are indexed on
    (municipality, organization) and (domain, organization)."""
    organizations = (
        Organization.objects.active()
        .filter(_covering_q(municipality))
        .exclude(kind=OrganizationKind.DEPARTMENT)
        .select_related("province")
    )
    if layer:
        organizations = organizations.filter(layer=layer)
    if domain:
        organizations = organizations.filter(
            pk__in=OrganizationDomain.objects.filter(
                domain_id__in=policy_domain_ids(domain)
            ).values("organization_id")
        )
    kind_rank = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
    grouped: dict[str, list[Organization]] = {}
    for organization in organizations:
        grouped.setdefault(organization.layer, []).append(organization)
    labels = dict(GovernmentLayer.choices)
    return [
        LayerGroup(
            layer=layer_key,
            label=str(labels[layer_key]),
            organizations=sorted(
                grouped[layer_key],
                key=lambda o: (kind_rank.get(o.kind, len(kind_rank)), o.name.lower()),
            ),
        )
        for layer_key in LAYER_ORDER
        if layer_key in grouped
    ]


def organization_get(*, pk: int | None = None, code: str | None = None) -> Organization:
    organizations = Organization.objects.select_related("province", "parent")
    organization = (
        organizations.filter(pk=pk).first()
        if pk is not None
        else organizations.filter(code=code).first()
    )
    if organization is None:
        raise NotFound(_("No organization with this identifier."))
    return organization


@dataclass
class OrganizationDetail:
    organization: Organization
    area_count: int
    area: list[Organization]
    participants: list[Participation]
    domains: list[OrganizationDomain]
    email_domains: list[EmailDomain]
    children: list[Organization]
    children_count: int
    member_count: int
    teams: list


AREA_LIMIT = 400
CHILDREN_LIMIT = 50


def organization_detail(organization: Organization) -> OrganizationDetail:
    """Everything the organization page and the API show, in a fixed number of queries."""
    if organization.area_scope == AreaScope.MUNICIPALITIES:
        area_qs = Organization.objects.filter(
            pk__in=Coverage.objects.filter(organization=organization).values("municipality_id")
        ).order_by("name")
        area = list(area_qs[:AREA_LIMIT])
        area_count = len(area) if len(area) < AREA_LIMIT else area_qs.count()
    else:
        area, area_count = [], 0
    children_qs = organization.children.filter(is_active=True).order_by("name")
    children = list(children_qs[:CHILDREN_LIMIT])
    return OrganizationDetail(
        organization=organization,
        area_count=area_count,
        area=area,
        participants=list(
            organization.participations.filter(
                Q(left_on__isnull=True) | Q(left_on__gt=_today())
            ).select_related("participant")
        ),
        domains=list(
            organization.domains.select_related("domain", "domain__parent").order_by(
                "domain__position"
            )
        ),
        email_domains=list(organization.email_domains.order_by("domain")),
        children=children,
        children_count=len(children) if len(children) < CHILDREN_LIMIT else children_qs.count(),
        member_count=organization.memberships.count(),
        teams=list(teams_of(organization)),
    )


def _today():
    from django.utils import timezone

    return timezone.localdate()


def teams_of(organization: Organization):
    from eenoverheid.organizations.models import Team

    return (
        Team.objects.filter(organization=organization)
        .annotate(member_count=Count("members"))
        .order_by("name", "id")
    )
