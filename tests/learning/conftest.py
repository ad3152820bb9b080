"""A small world for the catalogue.

Provider A (an academy, municipality code gm9301 in Provincie P) publishes; Alma is its
administrator, Ada a course manager she appointed. Bea, Bob, Cas and Dirk are civil
servants of Gemeente B. The published course "Datagedreven werken" teaches data
analysis (practitioner) and has one classroom session in two weeks with two places.
"""

import datetime as dt

import pytest
from django.utils import timezone, translation

from eenoverheid.learning import services
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Skill
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def person(name, organization, role=MembershipRole.MEMBER):
    user = UserFactory(name=name, email=f"{name.lower()}@example.org")
    membership_ensure(user=user, organization=organization, role=role)
    return user


def course_input(**extra) -> services.CourseInput:
    data = {
        "code": "DGW-1",
        "title": "Datagedreven werken",
        "description": "Werken met data in beleid.",
        "format": "classroom",
        "duration": "twee dagen",
        "study_load_hours": 16,
        "skills": [],
        **extra,
    }
    return services.CourseInput(**data)


def in_days(days: int, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def world(db):
    p = Organization.objects.create(
        code="pv95", name="Provincie P", kind="province", layer="province"
    )
    q = Organization.objects.create(
        code="pv96", name="Provincie Q", kind="province", layer="province"
    )
    a = Organization.objects.create(
        code="gm9301",
        cbs_code="GM9301",
        name="Gemeente A",
        kind="municipality",
        layer="municipality",
        province=p,
    )
    elsewhere = Organization.objects.create(
        code="gm9303",
        cbs_code="GM9303",
        name="Gemeente C",
        kind="municipality",
        layer="municipality",
        province=q,
    )
    b = Organization.objects.create(
        code="gm9302", name="Gemeente B", kind="municipality", layer="municipality"
    )
    data = Skill.objects.create(code="t-data", name="Data-analyse")
    sql = Skill.objects.create(code="t-sql", name="SQL", parent=data)
    law = Skill.objects.create(code="t-law", name="Omgevingsrecht")
    alma = person("Alma", a, MembershipRole.ADMIN)
    ada = person("Ada", b)
    services.manager_add(actor=alma, organization=a, user=ada)
    course = services.course_create(
        actor=alma,
        provider=a,
        data=course_input(skills=[(data.pk, "practitioner")]),
        publish=True,
    )
    session = services.session_create(
        actor=alma,
        course=course,
        data=services.SessionInput(
            starts_at=in_days(14),
            ends_at=in_days(14, 17),
            municipality="gm9301",
            place="Stadhuis",
            capacity=2,
        ),
    )
    return {
        "a": a,
        "b": b,
        "p": p,
        "q": q,
        "elsewhere": elsewhere,
        "data": data,
        "sql": sql,
        "law": law,
        "alma": alma,
        "ada": ada,
        "bea": person("Bea", b),
        "bob": person("Bob", b),
        "cas": person("Cas", b),
        "dirk": person("Dirk", b),
        "course": course,
        "session": session,
    }
