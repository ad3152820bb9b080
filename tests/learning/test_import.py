"""Importing a provider's catalogue: CSV and JSON, rejected courses with their line
numbers and reason, nothing half-imported, and updates by course code."""

import json

import pytest

from eenoverheid.core.errors import InvalidInput, NotAllowed
from eenoverheid.learning.importer import import_catalogue
from eenoverheid.learning.models import Course, Session

pytestmark = pytest.mark.django_db

CSV = """code,title,description,format,duration,study_load_hours,cost_kind,price_euros,skills,starts_at,ends_at,capacity,municipality,place,online_url
AVG-1,AVG in de praktijk,Privacy bij gemeenten,classroom,1 dag,8,free,0,t-data:practitioner,2099-03-01T09:00,2099-03-01T17:00,20,gm9301,Stadhuis,
AVG-1,,,,,,,,,2099-04-01T09:00,2099-04-01T17:00,20,gm9301,Stadhuis,
BAD-1,Zonder duur,Iets,classroom,,8,free,0,,,,,,,
BAD-2,Onbekende vaardigheid,Iets,online,2 uur,2,free,0,t-nope:expert,,,,,,
BAD-3,Sessie eindigt eerder,Iets,online,2 uur,2,free,0,,2099-05-01T12:00,2099-05-01T10:00,10,,,https://x.example.org
ONL-1,Online starten,Zelf beginnen,self_paced,4 uur,4,paid,50,,,,,,,
"""  # noqa: E501


def test_csv_imports_the_good_courses_and_reports_the_rest(world):
    report = import_catalogue(actor=world["ada"], provider=world["a"], content=CSV.encode())
    assert (report.format, report.created, report.updated, report.sessions) == ("csv", 2, 0, 2)
    rejected = {r.code: (r.lines, r.reason) for r in report.rejected}
    assert set(rejected) == {"BAD-1", "BAD-2", "BAD-3"}
    assert rejected["BAD-1"][0] == "4"
    assert "duration" in rejected["BAD-1"][1]
    assert "t-nope" in rejected["BAD-2"][1]
    assert rejected["BAD-3"][1].startswith("session ends_at")
    avg = Course.objects.get(provider=world["a"], code="AVG-1")
    assert avg.sessions.count() == 2
    assert [cs.skill.code for cs in avg.course_skills.all()] == ["t-data"]
    assert not Course.objects.filter(code__startswith="BAD").exists()
    # The same file again updates and adds nothing twice.
    again = import_catalogue(actor=world["ada"], provider=world["a"], content=CSV.encode())
    assert (again.created, again.updated) == (0, 2)
    assert Session.objects.filter(course=avg).count() == 2


def test_json_and_its_errors(world):
    data = [
        {
            "code": "GEO-1",
            "title": "Kaarten maken",
            "description": "GIS",
            "format": "online",
            "duration": "3 middagen",
            "study_load_hours": 9,
            "skills": [{"skill": "t-sql", "level": "interested"}],
            "sessions": [
                {
                    "starts_at": "2099-06-01T13:00:00+02:00",
                    "ends_at": "2099-06-01T17:00:00+02:00",
                    "capacity": 12,
                    "online_url": "https://meet.example.org/geo",
                }
            ],
        },
        {"code": "GEO-1", "title": "Dubbel"},
        "geen cursus",
    ]
    report = import_catalogue(
        actor=world["alma"], provider=world["a"], content=json.dumps(data).encode()
    )
    assert (report.format, report.created, report.sessions) == ("json", 1, 1)
    assert [r.lines for r in report.rejected] == ["2", "3"]
    with pytest.raises(InvalidInput, match="JSON"):
        import_catalogue(actor=world["alma"], provider=world["a"], content=b"[{oops")


def test_only_the_providers_managers_import(world):
    with pytest.raises(NotAllowed):
        import_catalogue(actor=world["bea"], provider=world["a"], content=CSV.encode())
    assert not Course.objects.filter(code="AVG-1").exists()
