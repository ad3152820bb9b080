import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenoverheid.core.errors import NotFound
from eenoverheid.organizations import selectors
from eenoverheid.organizations.models import Coverage, Organization

pytestmark = pytest.mark.django_db


def names_by_layer(groups):
    return {g.layer: [o.code for o in g.organizations] for g in groups}


def test_who_covers_utrecht_lists_every_layer(small_register):
    utrecht = selectors.municipality_get("GM0344")
    groups = selectors.organizations_covering(municipality=utrecht)
    by_layer = names_by_layer(groups)
    assert [g.layer for g in groups] == [
        "municipality",
        "regional",
        "water_board",
        "province",
        "national",
    ]
    assert by_layer["municipality"] == ["gm0344"]
    assert by_layer["regional"] == ["so0001", "so0002"]  # safety region first
    assert by_layer["water_board"] == ["ws0636"]
    assert by_layer["province"] == ["pv26"]
    assert "mnre1025" in by_layer["national"]
    assert "org:onderdeel-dgcz" not in {o.source_id for g in groups for o in g.organizations}


def test_a_participant_that_left_is_not_covered(small_register):
    zeist = selectors.municipality_get("gm0355")
    by_layer = names_by_layer(selectors.organizations_covering(municipality=zeist))
    assert "so0002" not in by_layer["regional"]  # left the youth-care body in 2021
    assert "so0003" not in by_layer["regional"]  # dissolved body
    assert "so0001" in by_layer["regional"]


def test_policy_domain_narrows_to_those_holding_it(small_register):
    utrecht = selectors.municipality_get("GM0344")
    youth = names_by_layer(selectors.organizations_covering(municipality=utrecht, domain="6.72"))
    assert youth == {
        "municipality": ["gm0344"],
        "regional": ["so0002"],  # "Jeugdhulp" in its name
        "national": ["mnre1025"],
    }
    water = names_by_layer(selectors.organizations_covering(municipality=utrecht, domain="W.2"))
    assert water == {"water_board": ["ws0636"]}
    # A main task field includes its task fields.
    safety = names_by_layer(selectors.organizations_covering(municipality=utrecht, domain="1"))
    assert safety["regional"] == ["so0001"]


def test_unknown_domain_and_municipality_are_not_found(small_register):
    with pytest.raises(NotFound):
        selectors.policy_domain_ids("99.9")
    with pytest.raises(NotFound):
        selectors.municipality_get("GM9999")
    with pytest.raises(NotFound):  # in the register, but not current
        selectors.municipality_get("GM0363")


def test_covering_runs_a_fixed_number_of_queries_whatever_the_size(small_register):
    utrecht = selectors.municipality_get("GM0344")
    with CaptureQueriesContext(connection) as small:
        selectors.organizations_covering(municipality=utrecht, domain="6")
    for n in range(30):
        body = Organization.objects.create(
            code=f"so9{n:03d}",
            name=f"Samenwerking {n}",
            kind="joint_body",
            layer="regional",
            area_scope="municipalities",
        )
        Coverage.objects.create(organization=body, municipality=utrecht, basis="manual")
    with CaptureQueriesContext(connection) as large:
        groups = selectors.organizations_covering(municipality=utrecht, domain="6")
    assert len(large.captured_queries) == len(small.captured_queries) <= 2
    assert (
        len(names_by_layer(selectors.organizations_covering(municipality=utrecht))["regional"])
        == 32
    )
    assert groups  # the query ran and returned groups


def test_register_search_filters(small_register):
    province = Organization.objects.get(code="pv26")
    codes = lambda **kw: {o.code for o in selectors.organization_search(**kw)}  # noqa: E731
    assert codes(q="utrecht", layer="municipality") == {"gm0344"}
    assert codes(q="GM0355") == {"gm0355"}
    assert codes(kind="safety_region") == {"so0001"}
    assert "gm0363" not in codes(kind="municipality")
    assert "gm0363" in codes(kind="municipality", include_inactive=True)
    in_province = codes(province=province)
    assert {"gm0344", "gm0355", "pv26", "ws0636", "so0001"} <= in_province
    assert "mnre1025" not in in_province
    assert codes(municipality=selectors.municipality_get("gm0355"), layer="regional") == {"so0001"}
    assert codes(domain="W.4") == {"ws0636"}
