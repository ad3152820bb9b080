import pytest
from django.test import Client

from eenoverheid.accounts import services as account_services
from tests.factories import UserFactory
from tests.live_server import threaded_server  # noqa: F401 (a fixture for every test)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def user_client(user):
    client = Client()
    client.force_login(user)
    return client


def bearer_client(user, scope="write"):
    _token, plain = account_services.api_token_create(user=user, name="test", scope=scope)
    return Client(headers={"Authorization": f"Bearer {plain}"})


@pytest.fixture
def api_client(user):
    return bearer_client(user)


@pytest.fixture(autouse=True)
def _mail_goes_through_the_task_queue(settings):
    """Django's test set-up swaps EMAIL_BACKEND for locmem; put the platform's own back,
    so that every test sends mail the way production does (queued, then delivered to
    EMAIL_DELIVERY_BACKEND, which is locmem in tests)."""
    settings.EMAIL_BACKEND = "eenoverheid.core.mail.TaskEmailBackend"
