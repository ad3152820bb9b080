"""`/api/v1/reviews`: the path through the API, who sees what (anonymous, outsider,
requester, reviewer, reader, platform administrator), uploads, and bad input."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from eenoverheid.ledger.models import Transfer
from tests.conftest import bearer_client
from tests.reviews.conftest import available

pytestmark = pytest.mark.django_db


def _body(world, **extra):
    return {
        "title": "Nota warmtetransitie",
        "document_url": "https://docs.example.org/nota.pdf",
        "feedback_wanted": "Klopt de redenering?",
        "skills": [world["policy"].pk],
        "deadline": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        "points": 80,
        "idempotency_key": "api-1",
        **extra,
    }


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_the_path_through_the_api(world):
    anna, bram = bearer_client(world["anna"]), bearer_client(world["bram"])
    made = _post(anna, "/api/v1/reviews", _body(world))
    assert made.status_code == 201, made.content
    review = made.json()
    assert (review["status"], review["points"], review["confidential_access"]) == ("open", 80, True)
    again = _post(anna, "/api/v1/reviews", _body(world))
    assert again.json()["id"] == review["id"]
    assert available(world["a"]) == 920
    url = f"/api/v1/reviews/{review['id']}"

    listed = bram.get("/api/v1/reviews").json()
    assert [r["id"] for r in listed["results"]] == [review["id"]]
    seen = bram.get(url).json()
    assert (seen["confidential_access"], seen["document_url"]) == (False, None)
    assert _post(bram, f"{url}/volunteers", {"message": "Graag"}).status_code == 201
    suggestions = anna.get(f"{url}/suggestions").json()
    assert suggestions[0]["name"] == "Bram"
    assert suggestions[0]["volunteered"] is True
    assert bram.get(f"{url}/suggestions").status_code == 403
    assert [v["user"]["name"] for v in anna.get(f"{url}/volunteers").json()] == ["Bram"]

    assert _post(anna, f"{url}/reviewer", {"user": world["bram"].pk}).json()["status"] == "asked"
    assert bram.get(url).json()["document_url"] == "https://docs.example.org/nota.pdf"
    accepted = _post(bram, f"{url}/assignment")
    assert accepted.json()["reviewer_organization"] == "gm9002"
    sent = bram.post(
        f"{url}/submissions",
        {
            "text": "De kostenparagraaf mist de btw.",
            "file": SimpleUploadedFile("opmerkingen.txt", b"regel 3", content_type="text/plain"),
        },
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["file_url"] == f"{url}/submissions/1/file"
    assert b"regel 3" in b"".join(anna.get(sent.json()["file_url"]).streaming_content)
    assert _post(bram, f"{url}/acceptance").status_code == 403
    paid = _post(anna, f"{url}/acceptance")
    assert paid.json()["status"] == "accepted"
    assert _post(anna, f"{url}/acceptance").json()["payment"] == paid.json()["payment"]
    assert Transfer.objects.filter(reason="review").count() == 1
    assert available(world["b"]) == 80
    rating = _post(anna, f"{url}/ratings", {"score": 5, "comment": "Top"})
    assert rating.status_code == 201
    assert _post(anna, f"{url}/ratings", {"score": 4}).status_code == 409


def test_who_sees_what(world):
    anna = bearer_client(world["anna"])
    review = _post(anna, "/api/v1/reviews", _body(world, invite=world["bram"].pk)).json()
    url = f"/api/v1/reviews/{review['id']}"
    assert review["status"] == "asked"
    assert Client().get(url).status_code == 401
    for outsider in ("carla", "britt", "arend", "platform"):
        client = bearer_client(world[outsider])
        assert client.get(url).status_code == 404, outsider
        assert client.get(f"{url}/submissions").status_code == 404
        assert client.get("/api/v1/reviews").json()["count"] == 0
    assert _post(anna, f"{url}/readers", {"user": world["arend"].pk}).status_code == 201
    arend = bearer_client(world["arend"])
    assert arend.get(url).json()["confidential_access"] is True
    assert [r["id"] for r in arend.get("/api/v1/reviews?scope=shared").json()["results"]] == [
        review["id"]
    ]
    assert _post(arend, f"{url}/readers", {"user": world["carla"].pk}).status_code == 403
    assert arend.delete(f"{url}/readers/{world['arend'].pk}").status_code == 204
    assert arend.get(url).status_code == 404
    assert bearer_client(world["bram"]).get("/api/v1/reviews?scope=reviewing").json()["count"] == 1


def test_an_uploaded_document_is_only_for_those_who_may_read_it(world):
    anna = bearer_client(world["anna"])
    form = {
        "title": "Concept verordening",
        "feedback_kind": "legal",
        "feedback_wanted": "Juridische houdbaarheid",
        "skills": [world["legal"].pk],
        "deadline": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        "points": "40",
        "idempotency_key": "upload-1",
        "document": SimpleUploadedFile("verordening.pdf", b"%PDF-1.4 concept", "application/pdf"),
    }
    made = anna.post("/api/v1/reviews/uploads", form)
    assert made.status_code == 201, made.content
    review = made.json()
    assert review["skills"] == [{"id": world["legal"].pk, "name": "Juridisch advies"}]
    document = anna.get(review["document_url"])
    assert document.status_code == 200
    assert document["Cache-Control"] == "private, no-store"
    assert bearer_client(world["carla"]).get(review["document_url"]).status_code == 404
    form["document"] = SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream")
    form["idempotency_key"] = "upload-2"
    refused = anna.post("/api/v1/reviews/uploads", form)
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["name"] == "document"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"deadline": "2020-01-01"}, "deadline"),
        ({"points": 5000}, "points"),
        ({"title": ""}, "title"),
        ({"document_url": "javascript:alert(1)"}, "document_url"),
        ({"organization": 999999}, "organization"),
        ({"invite": 999999}, "invite"),
        ({"skills": [1, 2, 3, 4, 5, 6]}, "skills"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(world, change, field):
    response = _post(bearer_client(world["anna"]), "/api/v1/reviews", _body(world, **change))
    assert response.status_code in (400, 409), response.content
    if response.status_code == 400:
        assert field in {p["name"].split(".")[-1] for p in response.json()["invalidParams"]}
    assert available(world["a"]) == 1000


def test_too_many_points_is_a_conflict_that_reserves_nothing(world):
    response = _post(bearer_client(world["anna"]), "/api/v1/reviews", _body(world, points=1500))
    assert response.status_code == 409
    assert "1500" in response.json()["detail"]
    assert available(world["a"]) == 1000


def test_lists_run_a_bounded_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reviews.conftest import ask

    carla = bearer_client(world["carla"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert carla.get("/api/v1/reviews").status_code == 200
        return len(queries)

    ask(world, points=1)
    count()  # the first call also notes when the token was last used
    few = count()
    for _ in range(12):
        ask(world, points=1, skill_ids=[world["policy"].pk, world["legal"].pk])
    assert count() == few
