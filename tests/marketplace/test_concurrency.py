"""The last place goes to one person only, and every offer's points are accounted for,
when everyone with an offer accepts at the same moment through a real running server
(`tests.live_server`), on SQLite and PostgreSQL."""

import threading

import pytest

from eenoverheid.accounts import services as account_services
from eenoverheid.ledger import services as ledger
from eenoverheid.marketplace import services
from eenoverheid.marketplace.models import Application, ApplicationStatus, Opportunity
from tests.live_server import call
from tests.marketplace.conftest import gig_input, person

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 12
PLACES = 2


def test_offers_accepted_at_once_never_overfill(world, threaded_server):
    gig = services.opportunity_create(
        actor=world["rik"],
        organization=world["a"],
        data=gig_input(world, places=PLACES, points=50),
        publish=True,
    )
    people = [person(f"Kandidaat{i}", world["b"]) for i in range(PEOPLE)]
    applications = []
    for someone in people:
        application = services.apply(
            actor=someone, opportunity=gig, motivation="Ik doe graag mee hieraan."
        )
        services.make_offer(actor=world["rik"], application=application)
        applications.append(application)
    account = ledger.organization_account(world["a"])
    account.refresh_from_db()
    assert account.reserved == PEOPLE * 50
    tokens = {
        p.pk: account_services.api_token_create(user=p, name="t", scope="write")[1] for p in people
    }
    barrier = threading.Barrier(PEOPLE)
    answers = []

    def accept(application) -> None:
        barrier.wait()
        url = f"{threaded_server.url}/api/v1/opportunities/applications/{application.pk}/acceptance"
        answers.append(call("POST", url, tokens[application.applicant_id], {}))

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    statuses = sorted(status for status, _b in answers)
    assert statuses == [200] * PLACES + [409] * (PEOPLE - PLACES), answers
    taken = Application.objects.filter(opportunity=gig, status=ApplicationStatus.ACCEPTED)
    assert taken.count() == PLACES
    assert Opportunity.objects.get(pk=gig.pk).status == "filled"
    account.refresh_from_db()
    assert account.reserved == PLACES * 50  # the others' points went back
    assert account.balance == 1000
