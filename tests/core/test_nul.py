import pytest
from django.test import Client

from tests.conftest import bearer_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/api/v1/skills/suggest", "/api/v1/people", "/api/v1/organizations", "/mensen/"]
)
def test_nul_in_a_query_string_is_a_400_with_the_parameter_named(path):
    response = Client().get(path, {"q": "jeugd\x00zorg"})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "q"


def test_nul_in_a_json_body_is_a_400_with_the_field_named(user):
    response = bearer_client(user).patch(
        "/api/v1/me/profile", {"bio": "a\x00b"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "bio"
