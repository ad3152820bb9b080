import json
import subprocess
import sys
from pathlib import Path

import pytest

from eenoverheid.accounts import identity_providers
from eenoverheid.organizations.services import email_domain_add, membership_ensure
from tests.factories import OrganizationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
CLIENT_SECRET = "s3cret-of-the-platform"
PEOPLE = [
    {"email": "sanne@utrecht.nl", "sub": "utr-0001", "name": "Sanne de Vries"},
    {"email": "bram@utrecht.nl", "sub": "utr-0002", "name": "Bram Jansen"},
    {"email": "indringer@elders.nl", "sub": "els-0001", "name": "Iemand Anders"},
]


@pytest.fixture(scope="session")
def oidc_issuer(tmp_path_factory):
    """A real OpenID Connect provider process on loopback (tests/oidc_provider.py)."""
    config = {
        "clients": [
            {
                "client_id": client_id,
                "client_secret": CLIENT_SECRET,
                "fault": fault,
                "redirect_prefix": "http://testserver/accounts/oidc/",
            }
            for client_id, fault in [
                ("platform", ""),
                ("wrong-issuer", "issuer"),
                ("expired", "expired"),
            ]
        ],
        "users": PEOPLE,
    }
    path = tmp_path_factory.mktemp("oidc") / "provider.json"
    path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "oidc_provider.py"), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    issuer = process.stdout.readline().strip()
    assert issuer.startswith("http://127.0.0.1:"), issuer
    yield issuer
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def utrecht(db):
    organization = OrganizationFactory(name="Gemeente Utrecht", code="gm0344")
    admin = UserFactory(email="beheer@utrecht.nl", name="Beheerder Utrecht")
    membership_ensure(user=admin, organization=organization, role="admin")
    email_domain_add(organization=organization, actor=admin, domain="utrecht.nl")
    organization.admin = admin
    return organization


def make_provider(organization, issuer, client_id="platform", **extra):
    return identity_providers.identity_provider_create(
        organization=organization,
        actor=organization.admin,
        name="Utrecht Entra ID",
        issuer=issuer,
        client_id=client_id,
        client_secret=CLIENT_SECRET,
        domains=extra.pop("domains", ["utrecht.nl"]),
        **extra,
    )
