"""The demo registers workplaces at the real addresses of the buildings whose
organizations are in the register, with bookings that respect every unit's places."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from eenoverheid.organizations.importer import RegisterImport
from eenoverheid.workplaces.models import Booking, Location
from tests.organizations.conftest import TODAY, write_register


@pytest.mark.django_db
def test_demo_workplaces_use_real_addresses_and_never_overbook(tmp_path):
    RegisterImport(write_register(tmp_path / "register"), today=TODAY).run()
    call_command("demo", "--people", "60", "--seed", "3")
    location = Location.objects.get(organization__code="gm0344")
    assert (location.street_address, location.postal_code) == ("Stadsplateau 1", "3521 AZ")
    assert location.municipality.code == "gm0344"
    assert location.units.exists()
    per_half = (
        Booking.objects.filter(status="confirmed")
        .values("unit_id", "unit__capacity", "unit__kind", "date")
        .annotate(m=Count("id", filter=Q(morning=True)), a=Count("id", filter=Q(afternoon=True)))
    )
    for row in per_half:
        places = row["unit__capacity"] if row["unit__kind"] == "desks" else 1
        assert max(row["m"], row["a"]) <= places
    call_command("demo")  # idempotent
    assert Location.objects.count() == 1


@pytest.mark.django_db
def test_demo_allocates_start_points_once_to_organizations_with_people(tmp_path):
    from eenoverheid.ledger.models import Account, Transfer
    from eenoverheid.ledger.services import recompute

    RegisterImport(write_register(tmp_path / "register"), today=TODAY).run()
    call_command("demo", "--people", "20", "--seed", "3")
    utrecht = Account.objects.get(organization__code="gm0344")
    assert utrecht.balance == 1000
    allocations = Transfer.objects.count()
    call_command("demo")
    assert Transfer.objects.count() == allocations
    assert recompute() == ([], 0)
