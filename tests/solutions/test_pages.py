"""The pages: what each visitor sees and may do, forms that go through the services,
and list pages in a fixed number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eenoverheid.solutions import services
from eenoverheid.solutions.models import Adoption, Commitment, Idea, Solution, Vote
from tests.solutions.test_publiccode import DATA
from tests.solutions.test_services import idea_input, initiative_input, solution_input

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_for_every_visitor(world):
    solution = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input()
    )
    services.adoption_set(actor=world["bea"], solution=solution, organization=world["b"])
    initiative = services.initiative_create(
        actor=world["rik"], lead=world["a"], data=initiative_input()
    )
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    pages = [
        "/oplossingen/",
        f"/oplossingen/{solution.pk}/",
        f"/oplossingen/{solution.pk}/publiccode.yml",
        "/initiatieven/",
        f"/initiatieven/{initiative.pk}/",
        "/ideeen/",
        f"/ideeen/{idea.pk}/",
    ]
    for who in ("alma", "bea", "dirk", "root"):
        client = client_for(world[who])
        for page in pages:
            assert client.get(page).status_code == 200, (who, page)
    anonymous = Client()
    for page in ("/oplossingen/", "/initiatieven/", "/ideeen/", "/ideeen/feed/"):
        assert anonymous.get(page).status_code == 200
    # Signed-in content is not found by anonymous visitors.
    for page in (
        f"/oplossingen/{solution.pk}/",
        f"/initiatieven/{initiative.pk}/",
        f"/ideeen/{idea.pk}/",
    ):
        assert anonymous.get(page).status_code == 404
    # Forms are for the signed-in.
    assert anonymous.get("/oplossingen/nieuw/").status_code == 302


def test_registering_a_solution_on_the_page(world):
    client = client_for(world["rik"])
    answer = client.post(
        "/oplossingen/nieuw/",
        {
            "organization": "gm9301",
            "name": "Afvalwijzer",
            "kind": "application",
            "summary": "Ophaaldagen van afval per adres.",
            "status": "in_use",
            "cost_model": "free",
            "visibility": "public",
            "standards": "WCAG 2.1, NL Design System",
            "source_url": "nee",
        },
    )
    assert answer.status_code == 200  # the bad address stays on the form, with its error
    assert "source_url" in answer.context["form"].errors
    assert not Solution.objects.exists()
    answer = client.post(
        "/oplossingen/nieuw/",
        {
            "organization": "gm9301",
            "name": "Afvalwijzer",
            "kind": "application",
            "summary": "Ophaaldagen van afval per adres.",
            "status": "in_use",
            "cost_model": "free",
            "visibility": "public",
            "standards": "WCAG 2.1, NL Design System",
        },
    )
    made = Solution.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/oplossingen/{made.pk}/"
    assert sorted(s.name for s in made.standards.all()) == ["NL Design System", "WCAG 2.1"]
    # Someone of another organization cannot open its edit page.
    assert client_for(world["bea"]).get(f"/oplossingen/{made.pk}/bewerken/").status_code == 404
    assert client.get(f"/oplossingen/{made.pk}/bewerken/").status_code == 200


def test_importing_on_the_page_lists_each_problem(world):
    client = client_for(world["alma"])
    text = (DATA / "example.publiccode.minimal.yml").read_text()
    broken = client.post(
        "/oplossingen/importeren/",
        {
            "organization": "gm9301",
            "text": text.replace("softwareType", "soort"),
            "visibility": "signed_in",
        },
    )
    assert broken.status_code == 200
    assert [p.name for p in broken.context["problems"]] == ["softwareType"]
    assert b"<code>softwareType</code>" in broken.content
    made = client.post(
        "/oplossingen/importeren/",
        {"organization": "gm9301", "text": text, "visibility": "signed_in"},
    )
    assert made.status_code == 302
    assert Solution.objects.get().name == "Medusa"


def test_adopting_and_committing_on_the_pages(world):
    solution = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input()
    )
    bea = client_for(world["bea"])
    bea.post(f"/oplossingen/{solution.pk}/gebruik/", {"organization": "gm9302", "contact_me": "on"})
    assert Adoption.objects.get().contact == world["bea"]
    initiative = services.initiative_create(
        actor=world["rik"], lead=world["a"], data=initiative_input()
    )
    page = bea.get(f"/initiatieven/{initiative.pk}/")
    assert page.context["commitment_form"] is not None
    bea.post(
        f"/initiatieven/{initiative.pk}/deelnemen/",
        {"organization": "gm9302", "euros": 0, "hours": 10, "points": 100},
    )
    assert Commitment.objects.get().points == 100
    refused = client_for(world["dirk"]).post(
        f"/initiatieven/{initiative.pk}/fase/", {"phase": "forming"}
    )
    assert refused.status_code == 302
    initiative.refresh_from_db()
    assert initiative.phase == "proposed"
    client_for(world["rik"]).post(f"/initiatieven/{initiative.pk}/fase/", {"phase": "forming"})
    initiative.refresh_from_db()
    assert initiative.phase == "forming"


def test_supporting_an_idea_with_htmx(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    bea = client_for(world["bea"])
    answer = bea.post(f"/ideeen/{idea.pk}/steun/", {"support": "1"}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert b'id="vote"' in answer.content
    assert b"<html" not in answer.content  # only the fragment
    assert Vote.objects.filter(idea=idea).count() == 1
    bea.post(f"/ideeen/{idea.pk}/reactie/", {"body": "Mooi plan."})
    assert Idea.objects.get().comment_count == 1


def test_the_feed_holds_only_public_ideas(world):
    services.idea_create(actor=world["dirk"], data=idea_input(title="Alleen voor ambtenaren"))
    services.idea_create(
        actor=world["dirk"], data=idea_input(title="Voor iedereen", visibility="public")
    )
    feed = Client().get("/ideeen/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"Voor iedereen" in feed.content
    assert b"Alleen voor ambtenaren" not in feed.content


@pytest.mark.parametrize("page", ["/oplossingen/", "/initiatieven/", "/ideeen/"])
def test_list_pages_run_a_fixed_number_of_queries(world, page):
    client = client_for(world["alma"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    def add(n):
        s = services.solution_create(
            actor=world["cas"], owner=world["c"], data=solution_input(name=f"Oplossing {n}")
        )
        services.adoption_set(actor=world["bea"], solution=s, organization=world["b"])
        i = services.initiative_create(
            actor=world["bea"], lead=world["b"], data=initiative_input(title=f"Initiatief {n}")
        )
        services.commitment_make(actor=world["cas"], initiative=i, organization=world["c"], hours=5)
        idea = services.idea_create(actor=world["dirk"], data=idea_input(title=f"Idee nummer {n}"))
        services.vote_set(actor=world["bea"], idea=idea, support=True)

    add(0)
    count()
    few = count()
    for n in range(1, 7):
        add(n)
    assert count() == few


def test_detail_pages_run_a_fixed_number_of_queries(world):
    """However many organizations use a solution or commit to an initiative."""
    from eenoverheid.organizations.models import MembershipRole, Organization
    from tests.solutions.conftest import person

    solution = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input()
    )
    initiative = services.initiative_create(
        actor=world["rik"], lead=world["a"], data=initiative_input()
    )
    client = client_for(world["bea"])

    def count(page) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    def grow(n):
        organization = Organization.objects.create(
            code=f"gm97{n:02d}", name=f"Gemeente {n}", kind="municipality", layer="municipality"
        )
        admin = person(f"Beheer{n}", organization, MembershipRole.ADMIN)
        services.adoption_set(actor=admin, solution=solution, organization=organization)
        services.commitment_make(
            actor=admin, initiative=initiative, organization=organization, hours=5
        )

    pages = [f"/oplossingen/{solution.pk}/", f"/initiatieven/{initiative.pk}/"]
    grow(0)
    for page in pages:
        count(page)
    few = [count(page) for page in pages]
    for n in range(1, 6):
        grow(n)
    assert [count(page) for page in pages] == few


def test_an_organizations_page_leads_to_what_it_offers_and_uses(world):
    offered = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input(name="Van A")
    )
    services.adoption_set(actor=world["bea"], solution=offered, organization=world["b"])
    services.initiative_create(actor=world["bea"], lead=world["b"], data=initiative_input())
    client = client_for(world["dirk"])
    page = client.get("/organisaties/gm9302/").content.decode()
    assert "/oplossingen/?gebruikt_door=gm9302" in page
    used = client.get("/oplossingen/?gebruikt_door=gm9302")
    assert [s.name for s in used.context["page"].object_list] == ["Van A"]
    assert client.get("/oplossingen/?eigenaar=gm9302").context["page"].paginator.count == 0
    led = client.get("/initiatieven/?organisatie=gm9302&alle=1")
    assert led.context["page"].paginator.count == 1
