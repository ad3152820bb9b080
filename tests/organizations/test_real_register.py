"""The real register, as shipped in `organizations/data/`: counts per kind against the
source file, and the question the issue asks of it."""

import pytest

from eenoverheid.organizations import selectors
from eenoverheid.organizations.importer import RegisterImport, kinds_in_source
from eenoverheid.organizations.models import Organization
from tests.organizations.conftest import TODAY


@pytest.fixture
def real_register(db):  # about 5 s: two tests use it
    return RegisterImport(today=TODAY).run()


def test_every_source_record_is_imported_and_the_core_is_current(real_register):
    source = kinds_in_source()
    assert sum(source.values()) == 7208
    assert sum(c.source for c in real_register.kinds.values()) == 7208
    assert real_register.rejected == []
    active = Organization.objects.filter(is_active=True)
    assert active.filter(kind="municipality").count() == 342
    assert active.filter(kind="province").count() == 12
    assert active.filter(kind="water_board").count() == 21
    assert active.filter(kind="ministry").count() == 12
    # Joint bodies: all of them, whatever kind the platform gives them.
    joint = real_register.kinds
    assert (
        joint["joint_body"].source + joint["safety_region"].source + joint["health_region"].source
        == source["gemeenschappelijke-regeling"]
    )
    # Every current municipality has at least one water board in its area.
    for municipality in selectors.municipalities():
        assert municipality.covered_by.filter(organization__kind="water_board").exists(), (
            municipality
        )
    # And running it again changes nothing.
    assert not RegisterImport(today=TODAY).run().changed


def test_who_covers_utrecht_in_the_real_register(real_register):
    utrecht = selectors.municipality_get("GM0344")
    groups = {
        g.layer: {o.name for o in g.organizations}
        for g in selectors.organizations_covering(municipality=utrecht)
    }
    assert groups["municipality"] == {"Gemeente Utrecht"}
    assert "Provincie Utrecht" in groups["province"]
    assert "Hoogheemraadschap De Stichtse Rijnlanden" in groups["water_board"]
    assert "Gemeenschappelijke regeling Veiligheidsregio Utrecht" in groups["regional"]
    assert any("Gezondheidsdienst Regio Utrecht" in name for name in groups["regional"])
    assert "Ministerie van Volksgezondheid, Welzijn en Sport" in groups["national"]
    assert len(groups["national"]) > 300


def test_safety_regions_agree_with_the_ministry_of_health_list():
    """The derived division and the VWS dashboard's list are independent sources."""
    import csv

    from eenoverheid.organizations.importer import DATA_DIR

    vws = {
        row["GemeentecodeGM"]: row["Veiligheidsregio"]
        for row in csv.DictReader((DATA_DIR / "veiligheidsregios-vws-2024.csv").open())
    }
    ours = {
        row["gemeente_code"]: row["veiligheidsregio"]
        for row in csv.DictReader((DATA_DIR / "derived_gemeente_veiligheidsregio.csv").open())
    }
    groups = {}
    for code, region in ours.items():
        groups.setdefault(region, set()).add(vws.get(code))
    # Each of our 25 regions maps onto exactly one region of the other list.
    assert len(groups) == 25
    assert all(len(regions) == 1 for regions in groups.values())
