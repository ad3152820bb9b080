"""The ledger's pages with data, as a platform administrator, pass axe-core."""

import pytest

from eenoverheid.ledger import services
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ledger_pages_pass_axe(page):
    admin = UserFactory(email="platform@example.org", is_staff=True, is_superuser=True)
    one = services.organization_account(OrganizationFactory(name="Gemeente Een"))
    two = services.organization_account(OrganizationFactory(name="Gemeente Twee"))
    services.allocate(actor=admin, account=one, amount=300, idempotency_key="a")
    services.transfer(
        source=one,
        target=two,
        amount=40,
        reason="review",
        idempotency_key="t",
        reference="review:1",
    )
    for account in (one, two):
        account.share_flows = True
        account.save()
    sign_in(page, "platform@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    results = {}
    for path in ["/punten/", f"/punten/{one.pk}/", "/punten/stromen/"]:
        response = page.goto(path)
        assert response.status == 200, path
        results[path] = axe_violations(page)
    assert_clean(results)
