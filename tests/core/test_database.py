"""The database settings that keep concurrent writers safe."""

import threading

import pytest
from django.db import close_old_connections, connection

from eenoverheid.organizations.models import Membership
from eenoverheid.organizations.services import membership_ensure
from tests.factories import OrganizationFactory, UserFactory


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_membership_grants_make_exactly_one():
    user = UserFactory()
    organization = OrganizationFactory()
    errors = []
    barrier = threading.Barrier(8)

    def grant():
        try:
            barrier.wait()
            membership_ensure(user=user, organization=organization)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=grant) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Membership.objects.filter(user=user, organization=organization).count() == 1
