"""The marketplace in the browser: find a gig, apply for it, follow the application;
the publisher's pages; every page passes axe-core."""

import pytest

from eenoverheid.marketplace import services
from eenoverheid.marketplace.models import Application
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applying_and_the_marketplace_pages_pass_axe(page):
    home = Organization.objects.create(
        code="gm9501", cbs_code="GM9501", name="Gemeente Klus", kind="municipality"
    )
    elsewhere = Organization.objects.create(
        code="gm9502", cbs_code="GM9502", name="Gemeente Elders", kind="municipality"
    )
    data = Skill.objects.create(code="t-data", name="Data-analyse")
    sql = Skill.objects.create(code="t-sql", name="SQL", parent=data)
    rik = UserFactory(email="rik@example.org", name="Rik Werver")
    membership_ensure(user=rik, organization=home, role=MembershipRole.ADMIN)
    bea = UserFactory(email="bea@example.org", name="Bea Zoeker")
    membership_ensure(user=bea, organization=elsewhere)
    profile, _made = Profile.objects.get_or_create(user=bea)
    profile.available = True
    profile.save()
    ProfileSkill.objects.create(profile=profile, skill=sql, level="expert")
    gig = services.opportunity_create(
        actor=rik,
        organization=home,
        publish=True,
        data=services.OpportunityInput(
            kind="gig",
            title="Dashboard jeugdzorgkosten",
            description="Bouw een dashboard.",
            skills=[(data.pk, "practitioner", True)],
            hours_per_week=8,
            work_mode="remote",
        ),
    )

    results = {}
    sign_in(page, "bea@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    page.goto("/kansen/?q=dashboard")
    results["search"] = axe_violations(page)
    assert "Dashboard jeugdzorgkosten" in page.content()
    page.goto(f"/kansen/{gig.pk}/")
    results["detail"] = axe_violations(page)
    page.locator("#id_motivation").fill("Ik bouw graag dashboards met SQL.")
    page.get_by_role("button", name="Sollicitatie versturen").click()
    page.wait_for_url("**/kansen/sollicitatie/*/")
    results["application"] = axe_violations(page)
    assert Application.objects.filter(applicant=bea, opportunity=gig).exists()
    for name, path in (("for me", "/kansen/voor-mij/"), ("mine", "/kansen/mijn/")):
        page.goto(path)
        results[name] = axe_violations(page)

    page.context.clear_cookies()
    sign_in(page, "rik@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    for name, path in (
        ("manage", "/kansen/beheer/"),
        ("new", "/kansen/beheer/nieuw/"),
        ("applications", f"/kansen/{gig.pk}/sollicitaties/"),
        ("candidates", f"/kansen/{gig.pk}/kandidaten/"),
        ("settings", "/kansen/beheer/organisatie/gm9501/"),
        ("publisher's application", f"/kansen/sollicitatie/{gig.applications.get().pk}/"),
    ):
        page.goto(path)
        results[name] = axe_violations(page)
    assert_clean(results)
