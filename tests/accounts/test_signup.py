import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from eenoverheid.accounts.models import User
from eenoverheid.organizations.models import Membership
from tests.factories import EmailDomainFactory

pytestmark = pytest.mark.django_db


def sign_up(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": email,
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
            },
        )
    assert response.status_code == 302, response.content
    return response


def confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_sends_verification_mail_through_the_task_queue(django_capture_on_commit_callbacks):
    sign_up(Client(), "nieuw@example.org", django_capture_on_commit_callbacks)
    assert User.objects.filter(email="nieuw@example.org").exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_verified_address_on_an_organization_domain_makes_a_member(
    django_capture_on_commit_callbacks,
):
    domain = EmailDomainFactory(domain="utrecht.nl")
    client = Client()
    sign_up(client, "Jan.Jansen@Utrecht.nl", django_capture_on_commit_callbacks)
    user = User.objects.get(email="jan.jansen@utrecht.nl")
    assert not Membership.objects.filter(user=user).exists(), "unverified must not be a member"

    link = confirm_link(mail.outbox[0])
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    membership = Membership.objects.get(user=user)
    assert membership.organization == domain.organization
    assert membership.source == "email_domain"
    # Signed in after confirmation, the dashboard shows the organization.
    assert domain.organization.name in client.get("/dashboard/").content.decode()


def test_subdomain_counts_and_foreign_domain_does_not(django_capture_on_commit_callbacks):
    domain = EmailDomainFactory(domain="rijksoverheid.nl")
    EmailDomainFactory(domain="example.nl")
    for email in ("a@minbzk.rijksoverheid.nl", "b@notrijksoverheid.nl"):
        client = Client()
        sign_up(client, email, django_capture_on_commit_callbacks)
        client.post(confirm_link(mail.outbox[-1]))
    assert Membership.objects.get().user.email == "a@minbzk.rijksoverheid.nl"
    assert Membership.objects.get().organization == domain.organization


def test_inactive_organization_grants_nothing(django_capture_on_commit_callbacks):
    domain = EmailDomainFactory(domain="opgeheven.nl")
    domain.organization.is_active = False
    domain.organization.save()
    client = Client()
    sign_up(client, "x@opgeheven.nl", django_capture_on_commit_callbacks)
    client.post(confirm_link(mail.outbox[0]))
    assert not Membership.objects.exists()


def test_duplicate_signup_creates_nobody_and_reveals_nothing(
    user, django_capture_on_commit_callbacks
):
    # allauth's enumeration protection: the form looks successful, the owner is mailed.
    sign_up(Client(), user.email.upper(), django_capture_on_commit_callbacks)
    assert User.objects.filter(email__iexact=user.email).count() == 1
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/confirm-email/" not in mail.outbox[0].body


def test_sign_in_and_out(user):
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/dashboard/").status_code == 302


def test_wrong_password_is_refused(user):
    response = Client().post("/accounts/login/", {"login": user.email, "password": "fout"})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_password_reset_mail(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox[0].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_errors_are_in_dutch():
    response = Client().post(
        "/accounts/signup/",
        {"email": "kort@example.org", "password1": "kort", "password2": "kort"},
    )
    html = response.content.decode()
    assert "Het moet ten minste 8 tekens bevatten." in html
    assert "too short" not in html
    assert not User.objects.filter(email="kort@example.org").exists()
