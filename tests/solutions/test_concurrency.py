"""Points and votes under requests that arrive at the same moment, through a real running
server (`tests.live_server`), on SQLite and PostgreSQL:

- organizations commit points at once, one of them twice: every commitment reserves
  exactly once, the double one is refused, no account goes below its limit;
- the lead moves the funded initiative to running from two tabs at once: one request
  wins, the points are paid once, and the ledger's check finds every balance right;
- people support an idea at once, one of them from five tabs: one vote each.
"""

import threading

import pytest

from eenoverheid.accounts import services as account_services
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Reservation
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.solutions import services
from eenoverheid.solutions.models import Commitment, CommitmentStatus, Idea, Vote
from tests.live_server import call
from tests.solutions.conftest import person
from tests.solutions.test_services import idea_input, initiative_input

pytestmark = pytest.mark.django_db(transaction=True)

ORGANIZATIONS = 10
POINTS = 60


def token(user) -> str:
    return account_services.api_token_create(user=user, name="t", scope="write")[1]


def at_once(jobs) -> list:
    """Run the callables in threads released together; their answers in order."""
    barrier = threading.Barrier(len(jobs))
    answers = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        answers[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_commitments_and_the_start_pay_once(world, threaded_server):
    initiative = services.initiative_create(
        actor=world["rik"],
        lead=world["a"],
        data=initiative_input(euros_needed=0, hours_needed=0, points_needed=ORGANIZATIONS * POINTS),
    )
    admins = []
    for n in range(ORGANIZATIONS):
        organization = Organization.objects.create(
            code=f"gm98{n:02d}", name=f"Gemeente {n}", kind="municipality", layer="municipality"
        )
        admin = person(f"Beheerder{n}", organization, MembershipRole.ADMIN)
        ledger.allocate(
            actor=world["root"],
            account=ledger.organization_account(organization),
            amount=100,
            idempotency_key=f"c-{n}",
        )
        admins.append((admin, organization))
    url = f"{threaded_server.url}/api/v1/initiatives/{initiative.pk}/commitments"
    tokens = {admin.pk: token(admin) for admin, _o in admins}
    jobs = [
        (
            lambda a=admin, o=organization: call(
                "POST", url, tokens[a.pk], {"organization": o.code, "points": POINTS}
            )
        )
        for admin, organization in admins
    ]
    # The first organization's administrator commits twice at the same moment.
    first_admin, first = admins[0]
    jobs.append(
        lambda: call(
            "POST", url, tokens[first_admin.pk], {"organization": first.code, "points": POINTS}
        )
    )
    answers = at_once(jobs)
    statuses = sorted(status for status, _body in answers)
    assert statuses == [201] * ORGANIZATIONS + [409], answers
    assert Commitment.objects.filter(initiative=initiative).count() == ORGANIZATIONS
    assert Reservation.objects.filter(reason="initiative", status="held").count() == ORGANIZATIONS
    for _admin, organization in admins:
        account = ledger.organization_account(organization)
        account.refresh_from_db()
        assert (account.balance, account.reserved) == (100, POINTS)

    services.phase_set(actor=world["rik"], initiative=initiative, phase="forming")
    services.phase_set(actor=world["rik"], initiative=initiative, phase="funded")
    lead_token = token(world["alma"])
    phase_url = f"{threaded_server.url}/api/v1/initiatives/{initiative.pk}/phase"
    answers = at_once([lambda: call("POST", phase_url, lead_token, {"phase": "running"})] * 2)
    assert sorted(status for status, _b in answers) == [200, 409], answers
    lead = ledger.organization_account(world["a"])
    lead.refresh_from_db()
    assert lead.balance == ORGANIZATIONS * POINTS
    assert (
        Commitment.objects.filter(status=CommitmentStatus.PAID, transfer__isnull=False).count()
        == ORGANIZATIONS
    )
    mismatches, total = ledger.recompute()
    assert mismatches == []
    assert total == 0


def test_one_vote_each_when_everyone_clicks_at_once(world, threaded_server):
    idea = services.idea_create(actor=world["dirk"], data=idea_input(visibility="public"))
    people = [person(f"Steun{n}") for n in range(12)]
    tokens = {p.pk: token(p) for p in people}
    url = f"{threaded_server.url}/api/v1/ideas/{idea.pk}/vote"
    jobs = [(lambda p=p: call("PUT", url, tokens[p.pk])) for p in people]
    jobs += [(lambda: call("PUT", url, tokens[people[0].pk]))] * 4
    answers = at_once(jobs)
    assert {status for status, _b in answers} == {200}, answers
    idea.refresh_from_db()
    assert idea.vote_count == 12 == Vote.objects.filter(idea=idea).count()
    assert Idea.objects.get(pk=idea.pk).vote_count == 12
