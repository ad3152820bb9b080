"""Peer review in the browser: the requester asks for a review with an upload, and the
pages each side sees (the form, the request with suggestions, the lists) pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone

from eenoverheid.ledger import services as ledger
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from eenoverheid.reviews.models import ReviewRequest
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_asking_for_a_review_and_its_pages_pass_axe(page, tmp_path):
    ours = Organization.objects.create(code="gm9101", name="Gemeente Een", kind="municipality")
    theirs = Organization.objects.create(code="gm9102", name="Gemeente Twee", kind="municipality")
    policy = Skill.objects.create(code="t-policy", name="Beleidsanalyse")
    platform = UserFactory(is_staff=True, is_superuser=True)
    ledger.allocate(
        actor=platform, account=ledger.organization_account(ours), amount=500, idempotency_key="a"
    )
    anna = UserFactory(email="anna@example.org", name="Anna Aanvrager")
    membership_ensure(user=anna, organization=ours)
    bram = UserFactory(email="bram@example.org", name="Bram Beoordelaar")
    membership_ensure(user=bram, organization=theirs)
    profile, _made = Profile.objects.get_or_create(user=bram)
    profile.available = True
    profile.visibility = "signed_in"
    profile.save()
    ProfileSkill.objects.create(profile=profile, skill=policy, level="expert")
    paper = tmp_path / "nota.pdf"
    paper.write_bytes(b"%PDF-1.4 een nota")

    sign_in(page, "anna@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    results = {}
    page.goto("/collegiale-toetsing/nieuw/")
    results["form"] = axe_violations(page)
    page.get_by_label("Titel").fill("Nota warmtetransitie")
    page.locator("#id_document").set_input_files(str(paper))
    page.get_by_label("Gevraagde feedback").fill("Klopt de redenering over de kosten?")
    deadline = timezone.localdate() + dt.timedelta(days=10)
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_label("Geboden punten").fill("75")
    page.get_by_label("Gevraagde vaardigheid 1").select_option(label="Beleidsanalyse")
    page.get_by_role("button", name="Vragen en de punten reserveren").click()
    page.wait_for_url("**/collegiale-toetsing/*/")
    assert "75 punten" in page.content()
    assert page.get_by_role("button", name="Vraag Bram Beoordelaar").is_visible()
    results["request"] = axe_violations(page)
    request = ReviewRequest.objects.get()
    assert request.reservation.amount == 75
    for tab in ("open", "mijn"):
        page.goto(f"/collegiale-toetsing/?toon={tab}")
        results[tab] = axe_violations(page)
    assert_clean(results)
