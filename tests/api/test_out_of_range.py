import pytest

from tests.conftest import bearer_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/me/profile/skills/9999999999999999999",
        "/api/v1/organizations/9999999999999999999",
        "/api/v1/people/9999999999999999999",
    ],
)
def test_ids_beyond_the_database_range_are_not_found(user, path):
    client = bearer_client(user)
    response = client.delete(path) if "skills" in path else client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
