"""Who may see and do what with a challenge: anonymous, a member, a non-member, someone
of another organization, an administrator; and bad input."""

import json

import pytest
from django.test import Client

from eenoverheid.challenges import services
from eenoverheid.challenges.models import ChallengeMember, ChallengePartner, Invitation
from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eenoverheid.organizations.models import MembershipRole
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client


@pytest.fixture
def challenge(world, lead):
    return services.challenge_create(
        actor=lead,
        organization=world["m"][1],
        data=services.ChallengeInput(
            title="Jeugdhulp M1",
            description="Wachttijden",
            area_kind="municipalities",
            municipalities=["gm0001"],
            policy_domains=["6.72"],
            visibility="members",
        ),
    )


def test_creating_names_each_bad_field(world, lead):
    client = bearer_client(lead)
    response = client.post(
        "/api/v1/challenges",
        json.dumps(
            {
                "title": "T",
                "description": "D",
                "organization": "gm0001",
                "area_kind": "municipalities",
                "municipalities": ["GM9999"],
                "policy_domains": ["9.99"],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"municipalities", "policy_domains"}
    assert not lead.challenges_led.exists()


def test_only_an_organization_of_ones_own(world, lead):
    with pytest.raises(InvalidInput) as exc:
        services.challenge_create(
            actor=lead,
            organization=world["w"],
            data=services.ChallengeInput(title="T", description="D", area_kind="national"),
        )
    assert exc.value.invalid_params[0].name == "organization"


def test_end_before_start_is_refused(world, lead):
    import datetime as dt

    with pytest.raises(InvalidInput) as exc:
        services.challenge_create(
            actor=lead,
            organization=world["m"][1],
            data=services.ChallengeInput(
                title="T",
                description="D",
                area_kind="national",
                starts_on=dt.date(2027, 1, 1),
                ends_on=dt.date(2026, 1, 1),
            ),
        )
    assert exc.value.invalid_params[0].name == "ends_on"


def test_a_team_only_challenge_is_invisible_to_others_everywhere(
    world, challenge, person, admin_user
):
    outsider = person("Buiten Staander", world["m"][2])
    anonymous = Client()
    assert anonymous.get(f"/api/v1/challenges/{challenge.pk}").status_code == 404
    assert anonymous.get(f"/opgaven/{challenge.pk}/").status_code == 404
    assert bearer_client(outsider).get(f"/api/v1/challenges/{challenge.pk}").status_code == 404
    assert bearer_client(outsider).get("/api/v1/challenges").json()["count"] == 0
    assert (
        bearer_client(outsider).get(f"/api/v1/challenges/{challenge.pk}/suggestions").status_code
        == 404
    )
    assert bearer_client(admin_user).get(f"/api/v1/challenges/{challenge.pk}").status_code == 200
    # The map does not count it for outsiders either.
    counts = bearer_client(outsider).get("/api/v1/challenges/map").json()
    assert all(p["challenges"] == 0 for p in counts["provinces"])


def test_invitation_lets_the_invitee_see_and_join(world, challenge, lead, person):
    invitee = person("Ina Vitee", world["r"], [("eo-jeugdhulp", "expert")])
    client = bearer_client(lead)
    response = client.post(
        f"/api/v1/challenges/{challenge.pk}/invitations",
        json.dumps({"user_id": invitee.pk, "reason": "expert"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    invitation_id = response.json()["id"]
    # Inviting twice is a conflict.
    again = client.post(
        f"/api/v1/challenges/{challenge.pk}/invitations",
        json.dumps({"user_id": invitee.pk}),
        content_type="application/json",
    )
    assert again.status_code == 409
    mine = bearer_client(invitee)
    assert mine.get(f"/api/v1/challenges/{challenge.pk}").status_code == 200
    assert mine.get("/api/v1/me/challenge-invitations").json()["count"] == 1
    # Someone else cannot answer it.
    other = person("Andere Persoon", world["m"][2])
    answer = bearer_client(other).post(
        f"/api/v1/challenge-invitations/{invitation_id}/answer",
        json.dumps({"accept": True}),
        content_type="application/json",
    )
    assert answer.status_code == 404
    answer = mine.post(
        f"/api/v1/challenge-invitations/{invitation_id}/answer",
        json.dumps({"accept": True}),
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert ChallengeMember.objects.filter(challenge=challenge, user=invitee).exists()
    twice = mine.post(
        f"/api/v1/challenge-invitations/{invitation_id}/answer",
        json.dumps({"accept": False}),
        content_type="application/json",
    )
    assert twice.status_code == 409


def test_an_organization_invitation_is_answered_by_its_administrator(
    world, challenge, lead, person
):
    invitation = services.invite_organization(
        challenge=challenge, actor=lead, organization_id=world["r"].pk
    )
    employee = person("Gewone Medewerker", world["r"])
    with pytest.raises(NotFound):
        services.invitation_answer(invitation_id=invitation.pk, actor=employee, accept=True)
    admin = person("Beheer Der", world["r"])
    membership_ensure(user=admin, organization=world["r"], role=MembershipRole.ADMIN)
    assert challenge.is_visible_to(admin)
    services.invitation_answer(invitation_id=invitation.pk, actor=admin, accept=True)
    assert ChallengePartner.objects.filter(challenge=challenge, organization=world["r"]).exists()


def test_only_managers_change_invite_and_withdraw(world, challenge, lead, person):
    member = person("Mem Ber", world["m"][1])
    ChallengeMember.objects.create(challenge=challenge, user=member)
    with pytest.raises(NotAllowed):
        services.challenge_update(
            challenge=challenge, actor=member, data=services.ChallengeInput(title="Nieuw")
        )
    with pytest.raises(NotAllowed):
        services.invite_person(challenge=challenge, actor=member, user_id=lead.pk)
    response = bearer_client(member).patch(
        f"/api/v1/challenges/{challenge.pk}",
        json.dumps({"title": "Nieuw"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    # The lead can change it; the member can leave; the lead cannot.
    services.challenge_update(
        challenge=challenge, actor=lead, data=services.ChallengeInput(title="Nieuw")
    )
    challenge.refresh_from_db()
    assert challenge.title == "Nieuw"
    with pytest.raises(Conflict):
        services.member_remove(challenge=challenge, actor=lead, user_id=lead.pk)
    services.member_remove(challenge=challenge, actor=member, user_id=member.pk)
    assert not ChallengeMember.objects.filter(challenge=challenge, user=member).exists()


def test_tasks_are_for_the_team(world, challenge, lead, person):
    outsider = person("Buiten Staander", world["m"][2])
    client = bearer_client(lead)
    response = client.post(
        f"/api/v1/challenges/{challenge.pk}/tasks",
        json.dumps({"title": "Cijfers verzamelen", "owner_id": lead.pk}),
        content_type="application/json",
    )
    assert response.status_code == 201
    task_id = response.json()["id"]
    bad_owner = client.post(
        f"/api/v1/challenges/{challenge.pk}/tasks",
        json.dumps({"title": "X", "owner_id": outsider.pk}),
        content_type="application/json",
    )
    assert bad_owner.status_code == 400
    assert bad_owner.json()["invalidParams"][0]["name"] == "owner"
    done = client.patch(
        f"/api/v1/challenges/{challenge.pk}/tasks/{task_id}",
        json.dumps({"done": True}),
        content_type="application/json",
    )
    assert done.json()["status"] == "done"
    # An outsider does not even learn that the challenge exists.
    assert (
        bearer_client(outsider).get(f"/api/v1/challenges/{challenge.pk}/tasks").status_code == 404
    )
    page = Client()
    page.force_login(lead)
    assert "Cijfers verzamelen" in page.get(f"/opgaven/{challenge.pk}/taken/").content.decode()


def test_related_challenges_link_once_and_respect_visibility(world, challenge, lead, person):
    other_lead = person("Ander Lead", world["m"][2])
    public = services.challenge_create(
        actor=other_lead,
        organization=world["m"][2],
        data=services.ChallengeInput(
            title="Jeugdhulp M2",
            description="D",
            area_kind="municipalities",
            municipalities=["gm0002"],
            policy_domains=["6.72"],
            visibility="public",
        ),
    )
    hidden = services.challenge_create(
        actor=other_lead,
        organization=world["m"][2],
        data=services.ChallengeInput(
            title="Geheim", description="D", area_kind="national", visibility="members"
        ),
    )
    from eenoverheid.challenges import selectors

    assert public in selectors.similar_to(viewer=lead, challenge=challenge)
    services.link_add(challenge=challenge, actor=lead, other_id=public.pk)
    with pytest.raises(Conflict):
        services.link_add(challenge=challenge, actor=lead, other_id=public.pk)
    with pytest.raises(InvalidInput):  # the other lead cannot see the team-only one
        services.link_add(challenge=public, actor=other_lead, other_id=challenge.pk)
    with pytest.raises(InvalidInput):
        services.link_add(challenge=challenge, actor=lead, other_id=hidden.pk)
    related = bearer_client(lead).get(f"/api/v1/challenges/{challenge.pk}/related").json()
    assert [r["id"] for r in related if r["linked"]] == [public.pk]
    # The other lead sees the link from their side, but not the team-only challenge.
    related = bearer_client(other_lead).get(f"/api/v1/challenges/{public.pk}/related").json()
    assert related == []


def test_following_is_idempotent(world, challenge, lead):
    client = bearer_client(lead)
    assert client.put(f"/api/v1/challenges/{challenge.pk}/follow").json() == {
        "following": True,
        "followers": 1,
    }
    assert client.put(f"/api/v1/challenges/{challenge.pk}/follow").json() == {
        "following": True,
        "followers": 1,
    }
    assert client.delete(f"/api/v1/challenges/{challenge.pk}/follow").json() == {
        "following": False,
        "followers": 0,
    }


def test_pages_render_for_the_lead_with_suggestions(
    world, challenge, lead, person, django_assert_max_num_queries
):
    person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    client = Client()
    client.force_login(lead)
    with django_assert_max_num_queries(80):
        page = client.get(f"/opgaven/{challenge.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Jeugdregio R" in body
    assert client.get("/opgaven/").status_code == 200
    assert client.get("/opgaven/nieuw/").status_code == 200
    assert client.get(f"/opgaven/{challenge.pk}/bewerken/").status_code == 200
    assert client.get("/opgaven/uitnodigingen/").status_code == 200


def test_creating_through_the_page(world, lead, skills):
    client = Client()
    client.force_login(lead)
    response = client.post(
        "/opgaven/nieuw/",
        {
            "organization": "gm0001",
            "title": "Hittestress",
            "description": "Te warm",
            "area_kind": "province",
            "province": "pv26",
            "policy_domains": ["7.4"],
            "team_size": 4,
            "visibility": "public",
            "skill_1": str(skills["eo-klimaatadaptatie"].pk),
            "people_1": 2,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    challenge = lead.challenges_led.get()
    assert challenge.municipalities.count() == 5
    assert challenge.needs.get().people_needed == 2
    assert Invitation.objects.count() == 0


def test_handing_over_the_lead_moves_the_workspace_ownership(world, challenge, lead, person):
    from eenoverheid.communities import services as communities

    member = person("Nieuwe Trekker", world["m"][1])
    invitation = services.invite_person(challenge=challenge, actor=lead, user_id=member.pk)
    services.invitation_answer(invitation_id=invitation.pk, actor=member, accept=True)
    client = bearer_client(member)
    forbidden = client.patch(
        f"/api/v1/challenges/{challenge.pk}/members/{lead.pk}",
        json.dumps({"role": "member"}),
        content_type="application/json",
    )
    assert forbidden.status_code == 403
    response = bearer_client(lead).patch(
        f"/api/v1/challenges/{challenge.pk}/members/{member.pk}",
        json.dumps({"role": "lead"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    challenge.refresh_from_db()
    assert challenge.lead == member
    assert ChallengeMember.objects.get(challenge=challenge, user=lead).role == "coordinator"
    workspace = challenge.workspace
    assert communities.membership_of(user=member, community=workspace).role == "owner"
    assert communities.membership_of(user=lead, community=workspace).role == "manager"
