"""The SCIM endpoint passes scim2-tester's compliance checks for what it declares."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from scim2_client.engines.wsgi import WSGISCIMClient
from scim2_tester import Status, check_server

from eenoverheid.accounts import provisioning
from eenoverheid.organizations.services import membership_ensure
from tests.factories import OrganizationFactory, UserFactory


@pytest.fixture
def scim_token(db):
    organization = OrganizationFactory()
    admin = UserFactory()
    membership_ensure(user=admin, organization=organization, role="admin")
    _token, plain = provisioning.scim_token_create(
        organization=organization, actor=admin, name="Entra ID"
    )
    return plain


@pytest.mark.django_db(transaction=True)
def test_scim2_tester_passes_every_check(scim_token):
    client = WSGISCIMClient(
        WSGIHandler(),
        base_url="http://testserver/scim/v2",
        headers={"Authorization": f"Bearer {scim_token}"},
    )
    results = check_server(client, raise_exceptions=False)
    failures = [
        f"{r.title} [{r.resource_type}] {r.status.name}: {r.reason}"
        for r in results
        if r.status in (Status.DEVIATION, Status.ERROR, Status.CRITICAL)
    ]
    assert results
    assert not failures, "\n".join(failures)
