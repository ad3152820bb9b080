import pytest
from django.test import Client

from eenoverheid.organizations.models import EmailDomain, Organization, PolicyDomainOverride, Team
from eenoverheid.organizations.services import membership_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht(small_register):
    return Organization.objects.get(code="gm0344")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(utrecht):
    admin = UserFactory()
    membership_ensure(user=admin, organization=utrecht, role="admin")
    return client_for(admin)


def test_register_page_searches_filters_and_paginates(small_register):
    page = Client().get("/organisaties/", {"q": "utrecht", "layer": "municipality"})
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 1
    assert "Gemeente Utrecht" in page.content.decode()
    empty = Client().get("/organisaties/", {"q": "bestaatniet"})
    assert "Geen organisatie voldoet" in empty.content.decode()
    by_domain = Client().get("/organisaties/", {"domain": "W.4"})
    assert [o.code for o in by_domain.context["page"]] == ["ws0636"]
    covering = Client().get("/organisaties/", {"municipality": "gm0355", "layer": "regional"})
    assert [o.code for o in covering.context["page"]] == ["so0001"]
    bad = Client().get("/organisaties/", {"kind": "kasteel"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["kind"]
    partial = Client().get(
        "/organisaties/", {"q": "zeist"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="register-results"
    )
    assert partial.content.decode().lstrip().startswith('<section id="register-results"')


def test_covering_page_groups_by_layer(small_register):
    page = Client().get("/organisaties/wie-dekt/", {"gemeente": "gm0344"})
    html = page.content.decode()
    for heading in ["Gemeente", "Regionaal samenwerkingsverband", "Waterschap", "Provincie"]:
        assert f">{heading} <span" in html
    assert "Hoogheemraadschap De Stichtse Rijnlanden" in html
    filtered = Client().get("/organisaties/wie-dekt/", {"gemeente": "gm0344", "domein": "W.1"})
    assert [g.layer for g in filtered.context["groups"]] == ["water_board"]
    unknown = Client().get("/organisaties/wie-dekt/", {"gemeente": "gm9999"})
    assert unknown.status_code == 200
    assert unknown.context["form"].errors["gemeente"]
    assert Client().get("/organisaties/wie-dekt/").context["municipality"] is None


def test_organization_page_shows_register_facts(utrecht):
    html = Client().get("/organisaties/gm0344/").content.decode()
    assert "GM0344" in html
    assert "utrecht.nl" in html
    assert "Maatwerkdienstverlening 18-" in html
    assert "Leden op het platform" not in html  # member counts are for signed-in people
    jeugd = Client().get("/organisaties/so0002/").content.decode()
    assert "Deelnemers" in jeugd
    assert "afgeleid van de naam" in jeugd
    assert Client().get("/organisaties/bestaat-niet/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "member", "other_org_admin"])
def test_only_administrators_reach_the_management_page(utrecht, who):
    if who == "anonymous":
        response = Client().get("/organisaties/gm0344/beheer/")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        return
    person = UserFactory()
    if who == "member":
        membership_ensure(user=person, organization=utrecht)
    else:
        membership_ensure(
            user=person, organization=Organization.objects.get(code="gm0355"), role="admin"
        )
    client = client_for(person)
    assert client.get("/organisaties/gm0344/beheer/").status_code == 403
    client.post("/organisaties/gm0344/beheer/", {"action": "profile", "description": "Gekaapt"})
    utrecht.refresh_from_db()
    assert utrecht.description == ""


def test_administrator_manages_the_organization(utrecht, admin_client):
    url = "/organisaties/gm0344/beheer/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"action": "profile", "description": "De stad Utrecht."})
    assert response.status_code == 302
    utrecht.refresh_from_db()
    assert utrecht.description == "De stad Utrecht."

    admin_client.post(url, {"action": "add_domain", "domain": "werk.utrecht.nl"})
    assert EmailDomain.objects.filter(domain="werk.utrecht.nl", organization=utrecht).exists()
    taken = admin_client.post(url, {"action": "add_domain", "domain": "zeist.nl"})
    assert taken.status_code == 200
    assert "Gemeente Zeist" in str(taken.context["domain_form"].errors["domain"])
    invalid = admin_client.post(url, {"action": "add_domain", "domain": "geen domein"})
    assert invalid.context["domain_form"].errors["domain"]

    admin_client.post(
        url, {"action": "domains", "domain-6.72": "no", "domain-W.2": "yes", "domain-0.1": ""}
    )
    assert set(PolicyDomainOverride.objects.values_list("domain__code", "included")) == {
        ("6.72", False),
        ("W.2", True),
    }
    assert not utrecht.domains.filter(domain__code="6.72").exists()
    admin_client.post(url, {"action": "domains", "domain-6.72": ""})
    assert utrecht.domains.filter(domain__code="6.72").exists()

    created = admin_client.post(url, {"action": "add_team", "name": "Team Jeugd"})
    team = Team.objects.get(organization=utrecht)
    assert created["Location"] == f"/organisaties/gm0344/teams/{team.pk}/"
    again = admin_client.post(url, {"action": "add_team", "name": "team jeugd"})
    assert again.context["team_form"].errors


def test_team_page_adds_only_colleagues(utrecht, admin_client):
    team = Team.objects.create(organization=utrecht, name="Team Wonen")
    url = f"/organisaties/gm0344/teams/{team.pk}/"
    colleague = UserFactory(email="collega@utrecht.nl")
    membership_ensure(user=colleague, organization=utrecht)
    outsider = UserFactory(email="iemand@zeist.nl")
    refused = admin_client.post(url, {"action": "add_member", "email": outsider.email})
    assert refused.context["member_form"].errors["email"]
    unknown = admin_client.post(url, {"action": "add_member", "email": "niemand@utrecht.nl"})
    assert unknown.context["member_form"].errors["email"]
    admin_client.post(url, {"action": "add_member", "email": "Collega@Utrecht.nl"})
    assert list(team.members.all()) == [colleague]
    # A colleague may look, not change.
    colleague_client = client_for(colleague)
    assert colleague_client.get(url).status_code == 200
    assert colleague_client.post(url, {"action": "delete"}).status_code == 403
    admin_client.post(url, {"action": "remove_member", "user_id": colleague.pk})
    assert not team.members.exists()
    admin_client.post(url, {"action": "delete"})
    assert not Team.objects.filter(pk=team.pk).exists()
    assert Client().get(url).status_code == 302  # sign in first
