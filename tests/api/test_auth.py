import pytest
from django.contrib.auth.models import AnonymousUser

from eenoverheid.accounts.auth import allow_anonymous


def test_optional_auth_lets_an_anonymous_caller_through(rf):
    request = rf.get("/api/v1/anything")
    request.user = AnonymousUser()
    result = allow_anonymous(request)
    assert result  # Ninja needs a truthy value to proceed
    assert not result.is_authenticated


@pytest.mark.django_db
def test_optional_auth_passes_a_signed_in_user_on(rf, user):
    request = rf.get("/api/v1/anything")
    request.user = user
    assert allow_anonymous(request) == user


def test_optional_auth_does_not_turn_a_bad_header_into_anonymous(rf):
    request = rf.get("/api/v1/anything", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    request.user = AnonymousUser()
    assert allow_anonymous(request) is None
