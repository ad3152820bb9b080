"""A small world where the right answers are known.

Province P covers m1..m5. A youth-care region R covers m1..m3 and holds youth care; a
health service G covers m1..m5 and holds youth health care; a water board W covers
m1..m5; the ministry of VWS works nationwide and holds youth care. m6 lies in another
province Q, outside R."""

import pytest

from eenoverheid.organizations.models import Coverage, Organization, OrganizationDomain
from eenoverheid.organizations.services import membership_ensure, policy_domains_sync
from eenoverheid.people import services as people_services
from eenoverheid.people.models import Skill
from eenoverheid.people.skills_import import import_skills
from tests.factories import UserFactory


def _org(code, name, kind, layer, **extra):
    return Organization.objects.create(code=code, name=name, kind=kind, layer=layer, **extra)


@pytest.fixture
def world(db):
    policy_domains_sync()
    from eenoverheid.organizations.models import PolicyDomain

    domains = {d.code: d for d in PolicyDomain.objects.all()}
    p = _org("pv26", "Provincie P", "province", "province", area_scope="municipalities")
    q = _org("pv27", "Provincie Q", "province", "province", area_scope="municipalities")
    m = {}
    for i in range(1, 7):
        m[i] = _org(
            f"gm000{i}",
            f"Gemeente M{i}",
            "municipality",
            "municipality",
            cbs_code=f"GM000{i}",
            province=p if i <= 5 else q,
            area_scope="municipalities",
        )
    r = _org("gr-jeugd", "Jeugdregio R", "joint_body", "regional", area_scope="municipalities")
    g = _org("gr-ggd", "GGD G", "health_region", "regional", area_scope="municipalities")
    w = _org("ws0001", "Waterschap W", "water_board", "water_board", area_scope="municipalities")
    vws = _org("mnre1025", "Ministerie van VWS", "ministry", "national", area_scope="national")
    coverage = []
    for i, municipality in m.items():
        coverage.append(
            Coverage(organization=municipality, municipality=municipality, basis="itself")
        )
        coverage.append(
            Coverage(organization=p if i <= 5 else q, municipality=municipality, basis="province")
        )
        if i <= 5:
            coverage.append(
                Coverage(organization=g, municipality=municipality, basis="participants")
            )
            coverage.append(
                Coverage(organization=w, municipality=municipality, basis="water_board")
            )
        if i <= 3:
            coverage.append(
                Coverage(organization=r, municipality=municipality, basis="participants")
            )
    Coverage.objects.bulk_create(coverage)
    holds = {
        r: ["6.72"],
        g: ["G.2", "7.1"],
        w: ["W.2"],
        vws: ["6.72", "G.2"],
        p: ["P.3"],
        q: ["P.3"],
        **{municipality: ["6.72", "7.4"] for municipality in m.values()},
    }
    OrganizationDomain.objects.bulk_create(
        [
            OrganizationDomain(organization=o, domain=domains[code], basis="law")
            for o, codes in holds.items()
            for code in codes
        ]
    )
    return {"m": m, "p": p, "q": q, "r": r, "g": g, "w": w, "vws": vws}


@pytest.fixture
def skills(db):
    import_skills()
    return {s.code: s for s in Skill.objects.filter(code__startswith="eo")}


@pytest.fixture
def person(skills):
    """A civil servant of `organization` with skills (code, level); available unless
    said otherwise."""

    def make(
        name,
        organization,
        skill_levels=(),
        *,
        available=True,
        visibility="signed_in",
        municipality=None,
    ):
        user = UserFactory(name=name)
        membership_ensure(user=user, organization=organization)
        people_services.profile_update(
            user=user,
            actor=user,
            visibility=visibility,
            available=available,
            work_municipality=municipality.code if municipality else None,
        )
        for code, level in skill_levels:
            people_services.profile_skill_set(user=user, skill_id=skills[code].pk, level=level)
        return user

    return make


@pytest.fixture
def lead(world, person):
    return person("Lea Lead", world["m"][1])
