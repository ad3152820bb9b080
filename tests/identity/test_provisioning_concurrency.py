"""A directory that retries, or two of its workers at once: the same person sent eight
times at the same moment is provisioned once; the others hear 409."""

import threading

import pytest

from eenoverheid.accounts import provisioning
from eenoverheid.accounts.models import ScimUser, User
from eenoverheid.organizations.models import Membership
from eenoverheid.organizations.services import membership_ensure
from tests.factories import OrganizationFactory, UserFactory
from tests.live_server import call

ATTEMPTS = 8


def at_once(jobs) -> list:
    barrier = threading.Barrier(len(jobs))
    answers = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        answers[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_the_same_person_sent_at_once_is_provisioned_once(threaded_server):
    organization = OrganizationFactory()
    admin = UserFactory()
    membership_ensure(user=admin, organization=organization, role="admin")
    _token, plain = provisioning.scim_token_create(
        organization=organization, actor=admin, name="Entra ID"
    )
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "sanne@utrecht.nl",
        "emails": [{"value": "sanne@utrecht.nl", "primary": True}],
    }
    url = f"{threaded_server.url}/scim/v2/Users"
    answers = at_once([lambda: call("POST", url, plain, body) for _ in range(ATTEMPTS)])
    statuses = sorted(status for status, _body in answers)
    assert statuses == [201] + [409] * (ATTEMPTS - 1), answers
    assert User.objects.filter(email="sanne@utrecht.nl").count() == 1
    assert ScimUser.objects.filter(organization=organization).count() == 1
    user = User.objects.get(email="sanne@utrecht.nl")
    assert Membership.objects.filter(user=user, organization=organization).count() == 1
