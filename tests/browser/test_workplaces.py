"""Workplaces in a real browser: every page passes axe-core, and a civil servant books a
desk in two clicks from the search results."""

import pytest

from eenoverheid.workplaces import services
from eenoverheid.workplaces.models import Booking
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.workplaces.conftest import person, workday, world  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_workplace_pages_pass_axe_and_booking_takes_two_clicks(page, world):  # noqa: F811
    day = workday(1)
    booking = services.booking_create(
        actor=world["manager"], unit=world["room"], date=day, part="morning", attendees=4
    )
    services.day_block(
        actor=world["manager"], location=world["town_hall"], date=workday(5), reason="Onderhoud"
    )
    sign_in(page, "facilitair@m1.nl", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    town_hall = world["town_hall"]
    paths = [
        "/werkplekken/",
        f"/werkplekken/?municipality=gm0001&date={day}&part=day&capacity=1&near=on",
        f"/werkplekken/{town_hall.pk}/",
        "/werkplekken/mijn-boekingen/",
        f"/werkplekken/boekingen/{booking.pk}/",
        f"/werkplekken/plek/{world['desks'].pk}/",
        f"/werkplekken/plek/{world['desks'].pk}/inchecken/{world['desks'].check_in_code}/",
        "/werkplekken/beheer/",
        "/werkplekken/beheer/nieuw/",
        f"/werkplekken/{town_hall.pk}/beheer/",
    ]
    results = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        results[path] = axe_violations(page)
    assert_clean(results)

    # Two clicks: find, then book.
    booker = person(world["m"][2], email="boeker@m2.nl")
    page.context.clear_cookies()
    sign_in(page, booker.email, "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    page.goto(f"/werkplekken/?municipality=gm0001&date={day}&part=day&capacity=1&near=on")
    page.get_by_role("button", name="Boek Flexzone in Stadhuis M1").click()
    page.wait_for_url("**/werkplekken/boekingen/**")
    assert Booking.objects.filter(user=booker, unit=world["desks"], date=day).count() == 1
    assert page.get_by_role("heading", level=1).inner_text().startswith("Flexzone")
    results = {page.url: axe_violations(page)}
    assert_clean(results)
