"""The catalogue in the browser: search, enrol in a full session (the waiting list),
and the catalogue, course, own-courses and management pages pass axe-core."""

import pytest

from eenoverheid.learning import services
from eenoverheid.learning.models import EnrolmentStatus
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Skill
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.factories import UserFactory
from tests.learning.conftest import course_input, in_days

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrolling_and_the_catalogue_pages_pass_axe(page):
    academy = Organization.objects.create(
        code="gm9401", cbs_code="GM9401", name="Gemeente Academie", kind="municipality"
    )
    skill = Skill.objects.create(code="t-data", name="Data-analyse")
    admin = UserFactory(email="academie@example.org", name="Alma Academie")
    membership_ensure(user=admin, organization=academy, role=MembershipRole.ADMIN)
    course = services.course_create(
        actor=admin,
        provider=academy,
        data=course_input(skills=[(skill.pk, "practitioner")]),
        publish=True,
    )
    session = services.session_create(
        actor=admin,
        course=course,
        data=services.SessionInput(
            starts_at=in_days(10), ends_at=in_days(10, 17), municipality="gm9401", capacity=1
        ),
    )
    services.enrol(actor=UserFactory(), session=session)  # the only place is taken
    UserFactory(email="bea@example.org", name="Bea Leerling")

    results = {}
    page.goto("/leren/?q=data")
    results["catalogue"] = axe_violations(page)
    sign_in(page, "bea@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    page.goto(f"/leren/{course.pk}/")
    results["course"] = axe_violations(page)
    page.get_by_role("button", name="Op de wachtlijst").click()
    page.wait_for_url(f"**/leren/{course.pk}/")
    assert "nummer 1 op de wachtlijst" in page.content()
    assert session.enrolments.filter(status=EnrolmentStatus.WAITING).count() == 1
    page.goto("/leren/mijn/")
    results["mine"] = axe_violations(page)
    assert_clean(results)


def test_the_providers_pages_pass_axe(page):
    academy = Organization.objects.create(
        code="gm9402", cbs_code="GM9402", name="Gemeente Opleiding", kind="municipality"
    )
    admin = UserFactory(email="beheer@example.org")
    membership_ensure(user=admin, organization=academy, role=MembershipRole.ADMIN)
    course = services.course_create(
        actor=admin, provider=academy, data=course_input(), publish=True
    )
    session = services.session_create(
        actor=admin,
        course=course,
        data=services.SessionInput(
            starts_at=in_days(10), ends_at=in_days(10, 17), municipality="gm9402", capacity=5
        ),
    )
    services.enrol(actor=UserFactory(), session=session)
    sign_in(page, "beheer@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    results = {}
    for path in (
        "/leren/beheer/",
        "/leren/beheer/nieuw/",
        "/leren/beheer/import/",
        f"/leren/{course.pk}/sessies/",
        f"/leren/sessie/{session.pk}/deelnemers/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        results[path] = axe_violations(page)
    assert_clean(results)
