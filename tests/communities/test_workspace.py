"""A challenge's workspace is a members-only community whose membership follows the team."""

import pytest
from django.test import Client

from eenoverheid.challenges import services as challenges
from eenoverheid.communities import services
from eenoverheid.core.errors import NotFound
from tests.challenges.conftest import person, skills, world  # noqa: F401 (fixtures)


@pytest.fixture
def lead(world, person):  # noqa: F811
    return person("Lea Lead", world["m"][1])


def test_the_workspace_follows_the_team(world, lead, person):  # noqa: F811
    challenge = challenges.challenge_create(
        actor=lead,
        organization=world["m"][1],
        data=challenges.ChallengeInput(
            title="Jeugd", description="D", area_kind="national", visibility="public"
        ),
    )
    workspace = challenge.workspace
    assert workspace.join_policy == "secret"
    assert services.can_moderate(user=lead, community=workspace)
    invitee = person("Ina", world["r"])
    invitation = challenges.invite_person(challenge=challenge, actor=lead, user_id=invitee.pk)
    # Invited is not yet in: the workspace stays invisible.
    assert not services.can_see(user=invitee, community=workspace)
    challenges.invitation_answer(invitation_id=invitation.pk, actor=invitee, accept=True)
    assert services.is_member(user=invitee, community=workspace)
    thread = services.thread_start(
        community=workspace, actor=invitee, title="Agenda", body="Punten", visibility="public"
    )
    assert thread.visibility == "members"  # a workspace is for the team only
    outsider = person("Buiten", world["m"][2])
    client = Client()
    client.force_login(outsider)
    assert (
        client.get(f"/gemeenschappen/{workspace.slug}/discussies/{thread.pk}/").status_code == 404
    )
    with pytest.raises(NotFound):  # it does not exist for outsiders
        services.join(community=workspace, actor=outsider)
    challenges.member_remove(challenge=challenge, actor=invitee, user_id=invitee.pk)
    assert not services.can_see(user=invitee, community=workspace)
    # The lead's page links to the team's discussion and documents.
    client.force_login(lead)
    page = client.get(f"/opgaven/{challenge.pk}/").content.decode()
    assert f"/gemeenschappen/{workspace.slug}/discussies/" in page
    assert f"/gemeenschappen/{workspace.slug}/bestanden/" in page
