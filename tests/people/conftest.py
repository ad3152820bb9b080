import pytest
from django.db import connection

from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people import services
from eenoverheid.people.models import Skill
from eenoverheid.people.skills_import import import_skills
from eenoverheid.search.backends import reset_backends
from tests.factories import UserFactory


@pytest.fixture(params=["tantivy", "postgres"])
def search_backend(request, settings, tmp_path, db):
    """Every search test runs on both engines (PostgreSQL's only on PostgreSQL)."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL search backend needs DATABASE_URL on PostgreSQL")
    settings.SEARCH_BACKEND = request.param
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    reset_backends()
    yield request.param
    reset_backends()


@pytest.fixture
def skills(db):
    import_skills()
    return {s.code: s for s in Skill.objects.filter(code__startswith="eo")}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the index sync), as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def orgs(db):
    province = Organization.objects.create(
        code="pv26", name="Provincie Utrecht", kind="province", layer="province"
    )
    utrecht = Organization.objects.create(
        code="gm0344",
        cbs_code="GM0344",
        name="Gemeente Utrecht",
        short_name="Utrecht",
        kind="municipality",
        layer="municipality",
        province=province,
    )
    zeist = Organization.objects.create(
        code="gm0355",
        cbs_code="GM0355",
        name="Gemeente Zeist",
        short_name="Zeist",
        kind="municipality",
        layer="municipality",
        province=province,
    )
    ministry = Organization.objects.create(
        code="mnre1025", name="Ministerie van VWS", kind="ministry", layer="national"
    )
    return {"utrecht": utrecht, "zeist": zeist, "ministry": ministry, "province": province}


@pytest.fixture
def make_person(committed, skills):
    def make(
        name,
        organization,
        *,
        bio="",
        title="",
        visibility="public",
        skill_levels=(),
        available=False,
        municipality=None,
    ):
        user = UserFactory(name=name)
        committed(membership_ensure, user=user, organization=organization)
        committed(
            services.profile_update,
            user=user,
            actor=user,
            bio=bio,
            job_title=title,
            visibility=visibility,
            available=available,
            work_municipality=municipality.code if municipality else None,
        )
        for code, level in skill_levels:
            committed(services.profile_skill_set, user=user, skill_id=skills[code].pk, level=level)
        return user

    return make
