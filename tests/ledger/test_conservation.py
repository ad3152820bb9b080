"""Conservation of points under load, through a real running server: 20 clients at once
make at least 1,000 random ledger operations over the API (reservations by asking for
reviews, payments by accepting them, often twice at once, releases by withdrawal,
allocations with repeated keys, and reversals of anything paid), on SQLite and on
PostgreSQL. Afterwards:

- no request failed with anything but a refusal the rules allow (409);
- every stored balance and reservation total equals what the transfers and the held
  reservations say, and all balances together sum to zero (the issuance account holds
  the negative of everything allocated);
- what organizations hold together changed only by allocations (less reversed ones);
- no account is below its limit; no reservation was paid twice; every accepted review has
  one payment, and every stopped request's reservation was released.
"""

import datetime as dt
import random
import threading
import urllib.error
import urllib.request
import uuid
from collections import Counter

import pytest
from django.db.models import Sum

from eenoverheid.accounts import services as account_services
from eenoverheid.ledger import services as ledger
from eenoverheid.ledger.models import Account, Reservation, ReservationStatus, Transfer
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.reviews.models import ReviewRequest, Status
from tests.factories import UserFactory
from tests.live_server import call

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 20
OPERATIONS_PER_CLIENT = 52  # counted ledger operations: 20 x 52 = 1,040
START = 400


def _token(user) -> str:
    return account_services.api_token_create(user=user, name="load", scope="write")[1]


@pytest.fixture
def population(transactional_db):
    platform = UserFactory(is_staff=True, is_superuser=True)
    people = []
    for i in range(CLIENTS):
        organization = Organization.objects.create(
            code=f"gm8{i:03d}", name=f"Gemeente Last {i}", kind="municipality", layer="municipality"
        )
        person = UserFactory()
        membership_ensure(user=person, organization=organization)
        account = ledger.organization_account(organization)
        ledger.allocate(actor=platform, account=account, amount=START, idempotency_key=f"s{i}")
        people.append({"user": person, "token": _token(person), "account": account.pk})
    return {"platform": _token(platform), "people": people}


class Client:
    """One client's random walk over the operations; records what it saw."""

    def __init__(self, index: int, url: str, population: dict, log: list):
        self.rng = random.Random(2026 + index)
        self.me = population["people"][index]
        self.people = population["people"]
        self.platform = population["platform"]
        self.url = url
        self.log = log
        self.asked: list[int] = []  # requests this client asked, by id
        self.counted = Counter()
        self.statuses = Counter()
        self.transfers: list[int] = []
        self.keys: list[tuple[str, int, int]] = []

    def _call(self, method, path, token, body=None):
        status, data = call(method, self.url + path, token, body)
        self.statuses[status] += 1
        if status >= 500 or status in (400, 401, 403, 404):
            self.log.append((method, path, status, data))
        return status, data

    def ask(self) -> None:
        other = self.rng.choice([p for p in self.people if p is not self.me])
        body = {
            "title": "Nota onder last",
            "document_url": "https://docs.example.org/nota.pdf",
            "feedback_wanted": "Alles",
            "deadline": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "points": self.rng.randint(1, 150),
            "invite": other["user"].pk,
            "idempotency_key": uuid.uuid4().hex,
        }
        status, data = self._call("POST", "/api/v1/reviews", self.me["token"], body)
        if status == 201:
            self.asked.append((data["id"], other))
            if self.rng.random() < 0.2:  # the same request again: the same request back
                again, repeat = self._call("POST", "/api/v1/reviews", self.me["token"], body)
                assert (again, repeat["id"]) == (201, data["id"])
        self.counted["reserve"] += 1

    def progress(self) -> bool:
        """The asked reviewer accepts and submits one of this client's requests."""
        for pk, other in self.asked:
            status, _data = self._call("POST", f"/api/v1/reviews/{pk}/assignment", other["token"])
            if status == 200:
                self._submit(pk, other)
                return True
        return False

    def _submit(self, pk: int, other: dict) -> None:
        """The review as a multipart form, as the API takes it."""
        boundary = "----load" + uuid.uuid4().hex
        text = "Een review van voldoende lengte om te tellen."
        payload = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n{text}\r\n'
            f"--{boundary}--\r\n"
        ).encode()
        request = urllib.request.Request(
            f"{self.url}/api/v1/reviews/{pk}/submissions",
            data=payload,
            headers={
                "Authorization": f"Bearer {other['token']}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                self.statuses[response.status] += 1
        except urllib.error.HTTPError as error:
            self.statuses[error.code] += 1
            self.log.append(("POST", request.full_url, error.code, error.read()[:300]))

    def pay(self) -> bool:
        """Accept a submitted review; half of the time with two clicks at once."""
        _status, data = self._call(
            "GET", "/api/v1/reviews?scope=mine&status=submitted&page_size=100", self.me["token"]
        )
        submitted = [r["id"] for r in data["results"]]
        if not submitted:
            return False
        pk = self.rng.choice(submitted)
        path = f"/api/v1/reviews/{pk}/acceptance"
        clicks = 2 if self.rng.random() < 0.5 else 1
        results: list = []

        def click():
            results.append(self._call("POST", path, self.me["token"]))

        threads = [threading.Thread(target=click) for _ in range(clicks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        paid = {data["payment"] for status, data in results if status == 200}
        assert len(paid) <= 1, results  # both clicks see the same payment
        self.transfers.extend(p for p in paid if p)
        self.asked = [(p, o) for p, o in self.asked if p != pk]
        self.counted["pay"] += 1
        return True

    def withdraw(self) -> bool:
        if not self.asked:
            return False
        pk, _other = self.asked.pop(self.rng.randrange(len(self.asked)))
        self._call("POST", f"/api/v1/reviews/{pk}/withdrawal", self.me["token"])
        self.counted["release"] += 1
        return True

    def allocate(self) -> None:
        account = self.rng.choice(self.people)["account"]
        if self.keys and self.rng.random() < 0.3:
            key, account, amount = self.rng.choice(self.keys)  # a retry: pays once
        else:
            key, amount = uuid.uuid4().hex, self.rng.randint(1, 80)
            self.keys.append((key, account, amount))
        status, data = self._call(
            "POST",
            f"/api/v1/ledger/accounts/{account}/allocations",
            self.platform,
            {"amount": amount, "idempotency_key": key},
        )
        assert status == 201, data
        self.transfers.append(data["id"])
        self.counted["allocate"] += 1

    def reverse(self) -> bool:
        if not self.transfers:
            return False
        original = self.rng.choice(self.transfers)
        self._call(
            "POST",
            f"/api/v1/ledger/transfers/{original}/reversal",
            self.platform,
            {"idempotency_key": uuid.uuid4().hex},
        )
        self.counted["reverse"] += 1
        return True

    def run(self) -> None:
        while sum(self.counted.values()) < OPERATIONS_PER_CLIENT:
            roll = self.rng.random()
            if roll < 0.30:
                self.ask()
            elif roll < 0.55:
                if not self.progress():
                    self.ask()
            elif roll < 0.75:
                if not self.pay():
                    self.ask()
            elif roll < 0.82:
                if not self.withdraw():
                    self.ask()
            elif roll < 0.92 or not self.reverse():
                self.allocate()


def test_points_are_conserved_under_twenty_concurrent_clients(population, threaded_server):
    log: list = []
    clients = [Client(i, threaded_server.url, population, log) for i in range(CLIENTS)]
    errors: list = []

    def run(client):
        try:
            client.run()
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    assert errors == []
    assert log == []  # only successes and refusals the rules allow (409)
    counted = sum((c.counted for c in clients), Counter())
    assert sum(counted.values()) >= 1000
    assert all(counted[kind] > 20 for kind in ("reserve", "pay", "release", "allocate", "reverse"))
    statuses = sum((c.statuses for c in clients), Counter())
    assert set(statuses) <= {200, 201, 409}

    mismatches, total = ledger.recompute()
    assert mismatches == []
    assert total == 0
    organizations = Account.objects.filter(kind="organization").aggregate(s=Sum("balance"))["s"]
    allocated = Transfer.objects.filter(reason="allocation").aggregate(s=Sum("amount"))["s"]
    taken_back = (
        Transfer.objects.filter(reason="reversal", reverses__reason="allocation").aggregate(
            s=Sum("amount")
        )["s"]
        or 0
    )
    assert organizations == allocated - taken_back
    for account in Account.objects.exclude(unlimited=True):
        assert account.balance - account.reserved >= -account.credit_limit
    captured = Reservation.objects.filter(status=ReservationStatus.CAPTURED)
    payments = Transfer.objects.filter(idempotency_key__startswith="reservation:")
    assert payments.count() == captured.count()
    for reservation in captured.select_related("transfer"):
        assert reservation.transfer.idempotency_key == f"reservation:{reservation.pk}"
        assert reservation.transfer.amount == reservation.amount
    per_request = Counter(
        Transfer.objects.filter(reason="review").values_list("reference", flat=True)
    )
    assert set(per_request.values()) == {1}  # no review was paid twice
    accepted = ReviewRequest.objects.filter(status=Status.ACCEPTED)
    assert accepted.count() == captured.count() > 0
    assert not accepted.filter(payment__isnull=True).exists()
    for request in accepted.select_related("payment", "reservation"):
        assert request.payment.amount == request.points == request.reservation.amount
    stopped = ReviewRequest.objects.filter(status__in=[Status.WITHDRAWN, Status.EXPIRED])
    assert not stopped.exclude(reservation__status=ReservationStatus.RELEASED).exists()
    running = ReviewRequest.objects.exclude(
        status__in=[Status.ACCEPTED, Status.WITHDRAWN, Status.EXPIRED]
    )
    assert not running.exclude(reservation__status=ReservationStatus.HELD).exists()
    assert Transfer.objects.filter(reason="reversal").values("reverses").distinct().count() == (
        Transfer.objects.filter(reason="reversal").count()
    )
