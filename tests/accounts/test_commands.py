import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from eenoverheid.accounts.models import User
from eenoverheid.cli import main
from eenoverheid.core.demo import DEMO_ACCOUNTS, demo_password
from eenoverheid.organizations.models import Membership
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def run_token(*args) -> str:
    out = io.StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def test_token_creates_user_and_prints_a_working_token():
    plain = run_token("nieuw@example.org")
    user = User.objects.get(email="nieuw@example.org")
    assert not user.has_usable_password()
    response = Client(headers={"Authorization": f"Bearer {plain}"}).get("/api/v1/me")
    assert response.json()["email"] == "nieuw@example.org"


def test_token_with_organization_and_admin():
    organization = OrganizationFactory(code="gm0344")
    run_token("beheer@example.org", "--organization", "GM0344", "--admin")
    membership = Membership.objects.get(user__email="beheer@example.org")
    assert (membership.organization, membership.role) == (organization, "admin")
    assert not membership.user.is_superuser


def test_token_admin_without_organization_is_platform_admin():
    run_token("platform@example.org", "--admin")
    assert User.objects.get(email="platform@example.org").is_superuser


def test_token_unknown_organization_fails_cleanly():
    with pytest.raises(CommandError, match="No organization"):
        run_token("x@example.org", "--organization", "nope")


def test_cli_accepts_dashed_command_names(capsys):
    main(["token", "cli@example.org", "--scope", "read"])
    assert capsys.readouterr().out.startswith("eo_")


def test_demo_is_idempotent_and_sign_in_works():
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": DEMO_ACCOUNTS[0][0], "password": demo_password()}
    )
    assert response["Location"] == "/dashboard/"
