"""`/api/v1/solutions`, `/api/v1/initiatives` and `/api/v1/ideas`: status codes,
problem+json with the field named, visibility, and lists in a fixed number of queries."""

import pytest
import yaml
from django.test import Client

from eenoverheid.solutions import services
from eenoverheid.solutions.models import Commitment, Solution
from tests.conftest import bearer_client
from tests.solutions.test_publiccode import DATA
from tests.solutions.test_services import idea_input, initiative_input, solution_input

pytestmark = pytest.mark.django_db

SOLUTION = {
    "organization": "gm9301",
    "name": "Afsprakenmodule",
    "kind": "application",
    "summary": "Burgers maken zelf een afspraak bij de balie.",
    "licence": "EUPL-1.2",
    "policy_domains": ["0.2"],
    "standards": ["NL API Design Rules"],
    "visibility": "public",
}


def test_register_read_change_and_remove(world):
    alma = bearer_client(world["alma"])
    made = alma.post("/api/v1/solutions", SOLUTION, content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["owner"]["code"] == "gm9301"
    assert body["standards"] == ["NL API Design Rules"]
    pk = body["id"]
    assert Client().get(f"/api/v1/solutions/{pk}").status_code == 200  # public
    changed = alma.patch(
        f"/api/v1/solutions/{pk}", {"status": "retired"}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["status"] == "retired"
    assert changed.json()["standards"] == ["NL API Design Rules"]  # left as it was
    bea = bearer_client(world["bea"])
    refused = bea.patch(
        f"/api/v1/solutions/{pk}", {"name": "Van ons"}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert bea.delete(f"/api/v1/solutions/{pk}").status_code == 403
    assert alma.delete(f"/api/v1/solutions/{pk}").status_code == 204
    assert not Solution.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organization": "gm0000"}, "organization"),
        ({"kind": "robot"}, "kind"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"policy_domains": ["nope"]}, "policy_domains"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(world, change, field):
    answer = bearer_client(world["alma"]).post(
        "/api/v1/solutions", {**SOLUTION, **change}, content_type="application/json"
    )
    assert answer.status_code == 400
    assert field in [p["name"] for p in answer.json()["invalidParams"]]
    assert not Solution.objects.exists()


def test_only_the_owners_people_register(world):
    answer = bearer_client(world["dirk"]).post(
        "/api/v1/solutions", SOLUTION, content_type="application/json"
    )
    assert answer.status_code == 403
    assert (
        Client().post("/api/v1/solutions", SOLUTION, content_type="application/json").status_code
        == 401
    )


def test_an_invisible_solution_is_not_found(world):
    inside = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    assert Client().get(f"/api/v1/solutions/{inside.pk}").status_code == 404
    assert Client().get(f"/api/v1/solutions/{inside.pk}/publiccode.yml").status_code == 404
    assert bearer_client(world["dirk"]).get(f"/api/v1/solutions/{inside.pk}").status_code == 200
    assert Client().get("/api/v1/solutions").json()["count"] == 0


def test_import_and_check_publiccode(world):
    alma = bearer_client(world["alma"])
    text = (DATA / "example.publiccode.minimal.yml").read_text()
    checked = alma.post(
        "/api/v1/solutions/publiccode-check", {"publiccode": text}, content_type="application/json"
    )
    assert checked.status_code == 200
    assert checked.json()["name"] == "Medusa"
    broken = alma.post(
        "/api/v1/solutions/import",
        {
            "organization": "gm9301",
            "publiccode": text.replace("developmentStatus: development", "developmentStatus: soon"),
        },
        content_type="application/json",
    )
    assert broken.status_code == 400
    assert [p["name"] for p in broken.json()["invalidParams"]] == ["developmentStatus"]
    made = alma.post(
        "/api/v1/solutions/import",
        {"organization": "gm9301", "publiccode": text},
        content_type="application/json",
    )
    assert made.status_code == 201
    assert made.json()["solution"]["imported_from_publiccode"]
    pk = made.json()["solution"]["id"]
    exported = alma.get(f"/api/v1/solutions/{pk}/publiccode.yml")
    assert exported["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(exported.content)["name"] == "Medusa"


def test_adoptions_through_the_api(world):
    made = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input(visibility="public")
    )
    bea = bearer_client(world["bea"])
    url = f"/api/v1/solutions/{made.pk}/adoptions"
    first = bea.put(
        url,
        {"organization": "gm9302", "since": "2025-01-01", "contact": world["bea"].pk},
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    again = bea.put(
        url, {"organization": "gm9302", "note": "Voor de balie"}, content_type="application/json"
    )
    assert again.status_code == 200
    assert again.json()["note"] == "Voor de balie"
    bad = bea.put(
        url, {"organization": "gm9302", "since": "morgen"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "since"
    listed = Client().get(url).json()
    assert listed["count"] == 1
    assert listed["results"][0]["province"] == "Provincie P"
    assert bearer_client(world["cas"]).delete(f"{url}/gm9302").status_code == 403
    assert bea.delete(f"{url}/gm9302").status_code == 204
    assert bea.delete(f"{url}/gm9302").status_code == 404


def test_like_my_organization(world):
    used = services.solution_create(
        actor=world["cas"], owner=world["c"], data=solution_input(name="Zaaksysteem")
    )
    services.adoption_set(actor=world["bea"], solution=used, organization=world["b"])
    answer = bearer_client(world["alma"]).get("/api/v1/solutions/like-my-organization")
    assert [s["name"] for s in answer.json()] == ["Zaaksysteem"]
    wrong = bearer_client(world["alma"]).get(
        "/api/v1/solutions/like-my-organization?organization=gm9302"
    )
    assert wrong.status_code == 400
    assert bearer_client(world["dirk"]).get("/api/v1/solutions/like-my-organization").json() == []


def test_the_catalogue_list_runs_a_fixed_number_of_queries(world):
    client = bearer_client(world["dirk"])

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/solutions?sort=used&layer=municipality").status_code == 200
        return len(queries)

    made = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    services.adoption_set(actor=world["bea"], solution=made, organization=world["b"])
    count()  # the first request marks the token as used
    few = count()
    for i in range(8):
        s = services.solution_create(
            actor=world["alma"],
            owner=world["a"],
            data=solution_input(name=f"Oplossing {i}", standards=[f"Standaard {i}"]),
        )
        services.adoption_set(actor=world["bea"], solution=s, organization=world["b"])
    assert count() == few


def test_initiatives_through_the_api(world):
    rik = bearer_client(world["rik"])
    made = rik.post(
        "/api/v1/initiatives",
        {
            "lead": "gm9301",
            "title": "Samen één chatbot",
            "goal": "Eén chatbot voor alle gemeentelijke vragen in de regio.",
            "points_needed": 300,
            "policy_domains": ["0.2"],
            "visibility": "public",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["province"] == "pv95"
    assert made.json()["progress"]["covered"] is False
    bea = bearer_client(world["bea"])
    url = f"/api/v1/initiatives/{pk}/commitments"
    assert (
        bearer_client(world["rik"])
        .post(url, {"organization": "gm9302", "points": 10}, content_type="application/json")
        .status_code
        == 403
    )
    too_much = bea.post(
        url, {"organization": "gm9302", "points": 5000}, content_type="application/json"
    )
    assert too_much.status_code == 409
    joined = bea.post(
        url, {"organization": "gm9302", "points": 300}, content_type="application/json"
    )
    assert joined.status_code == 201
    assert joined.json()["reservation"]
    assert Client().get(url).json()["count"] == 1
    for phase in ("forming", "funded", "running"):
        moved = rik.post(
            f"/api/v1/initiatives/{pk}/phase", {"phase": phase}, content_type="application/json"
        )
        assert moved.status_code == 200, moved.content
    assert moved.json()["progress"]["points"] == 300
    assert Commitment.objects.get().transfer_id
    again = rik.post(
        f"/api/v1/initiatives/{pk}/phase", {"phase": "running"}, content_type="application/json"
    )
    assert again.status_code == 409
    assert bea.delete(f"{url}/gm9302").status_code == 404  # paid: no standing pledge to withdraw
    suggested = bearer_client(world["alma"]).get("/api/v1/initiatives/suggested")
    assert suggested.status_code == 200
    listed = Client().get("/api/v1/initiatives?active=true&organization=gm9302").json()
    assert [i["id"] for i in listed["results"]] == [pk]


def test_initiative_list_runs_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = bearer_client(world["dirk"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/initiatives").status_code == 200
        return len(queries)

    first = services.initiative_create(actor=world["rik"], lead=world["a"], data=initiative_input())
    services.commitment_make(
        actor=world["bea"], initiative=first, organization=world["b"], points=10
    )
    count()  # the first request marks the token as used
    few = count()
    for i in range(6):
        more = services.initiative_create(
            actor=world["rik"],
            lead=world["a"],
            data=initiative_input(title=f"Initiatief nummer {i}"),
        )
        services.commitment_make(
            actor=world["cas"], initiative=more, organization=world["c"], hours=5
        )
    assert count() == few


def test_ideas_through_the_api(world):
    dirk = bearer_client(world["dirk"])
    made = dirk.post(
        "/api/v1/ideas",
        {
            "title": "Eén landelijke subsidiebalie",
            "body": "Alle subsidies van alle overheden op één plek aanvragen.",
            "visibility": "public",
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    bea = bearer_client(world["bea"])
    assert bea.put(f"/api/v1/ideas/{pk}/vote").json() == {
        "idea": pk,
        "supported": True,
        "vote_count": 1,
    }
    assert bea.put(f"/api/v1/ideas/{pk}/vote").json()["vote_count"] == 1
    assert Client().put(f"/api/v1/ideas/{pk}/vote").status_code == 401
    comment = bea.post(
        f"/api/v1/ideas/{pk}/comments", {"body": "Graag!"}, content_type="application/json"
    )
    assert comment.status_code == 201
    assert Client().get(f"/api/v1/ideas/{pk}/comments").json()["count"] == 1
    assert (
        bea.post(
            f"/api/v1/ideas/{pk}/status", {"status": "considering"}, content_type="application/json"
        ).status_code
        == 403
    )
    mo = bearer_client(world["mo"])
    declined = mo.post(
        f"/api/v1/ideas/{pk}/status", {"status": "declined"}, content_type="application/json"
    )
    assert declined.status_code == 400
    assert declined.json()["invalidParams"][0]["name"] == "reason"
    other = services.idea_create(actor=world["rik"], data=idea_input(visibility="public"))
    merged = mo.post(
        f"/api/v1/ideas/{other.pk}/merge", {"into": pk}, content_type="application/json"
    )
    assert merged.status_code == 200
    assert merged.json()["id"] == pk
    assert (
        mo.post(
            f"/api/v1/ideas/{pk}/merge", {"into": 999999}, content_type="application/json"
        ).status_code
        == 400
    )
    turned = bearer_client(world["rik"]).post(
        f"/api/v1/ideas/{pk}/initiative",
        {"lead": "gm9301", "hours_needed": 80},
        content_type="application/json",
    )
    assert turned.status_code == 201
    assert turned.json()["idea"] == pk
    assert Client().get(f"/api/v1/ideas/{pk}").json()["initiative"] == turned.json()["id"]
    assert [i["id"] for i in Client().get("/api/v1/ideas?sort=trending").json()["results"]] == [pk]


def test_a_signed_in_idea_is_not_for_anonymous_callers(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    assert Client().get(f"/api/v1/ideas/{idea.pk}").status_code == 404
    assert Client().get(f"/api/v1/ideas/{idea.pk}/comments").status_code == 404
    assert bearer_client(world["bea"]).get(f"/api/v1/ideas/{idea.pk}").status_code == 200
