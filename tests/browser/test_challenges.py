"""A lead's challenge and a community with content, in a real browser: the pages pass
axe-core, and inviting a suggested person works from the challenge page."""

import pytest

from eenoverheid.challenges import services as challenges
from eenoverheid.communities import services as communities
from eenoverheid.organizations.services import membership_ensure
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import assert_clean, axe_violations
from tests.challenges.conftest import person, skills, world  # noqa: F401 (fixtures)
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(world, person, skills):  # noqa: F811
    lead = UserFactory(email="lead@example.org", name="Lea Lead")
    membership_ensure(user=lead, organization=world["m"][1])
    expert = person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    challenge = challenges.challenge_create(
        actor=lead,
        organization=world["m"][1],
        data=challenges.ChallengeInput(
            title="Jeugdhulp in de regio",
            description="Kortere wachttijden.",
            area_kind="municipalities",
            municipalities=["gm0001", "gm0002"],
            policy_domains=["6.72"],
            skills=[(skills["eo-jeugdhulp"].pk, 1)],
            visibility="signed_in",
        ),
    )
    challenges.task_create(challenge=challenge, actor=lead, title="Cijfers verzamelen")
    community = communities.community_create(actor=lead, name="Jeugdprofessionals")
    thread = communities.thread_start(
        community=community,
        actor=lead,
        kind="question",
        title="Wachtlijsten meten?",
        body="Hoe meten jullie **wachttijden**?\n\n> citaat",
        visibility="public",
    )
    communities.reply(thread=thread, actor=lead, body="Met de monitor.")
    article = communities.article_create(
        community=community,
        actor=lead,
        title="Wachttijden meten",
        body="Eerste regel.\nTweede regel.",
        visibility="public",
    )
    communities.article_edit(
        article=article,
        actor=lead,
        title="Wachttijden meten",
        body="Eerste regel.\nTweede regel, aangepast.\nZie [[Monitor jeugdhulp]].",
    )
    import datetime as dt

    from django.utils import timezone

    start = timezone.now() + dt.timedelta(days=3)
    (event,) = communities.event_create(
        community=community,
        actor=lead,
        title="Intervisie",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="Stadskantoor",
        capacity=10,
        visibility="public",
    )
    communities.event_register(event=event, actor=lead)
    workspace_thread = communities.thread_start(
        community=challenge.workspace, actor=lead, title="Agenda", body="Eerste overleg"
    )
    return {
        "lead": lead,
        "expert": expert,
        "challenge": challenge,
        "community": community,
        "thread": thread,
        "workspace_thread": workspace_thread,
        "event": event,
    }


def test_challenge_and_community_pages_pass_axe_and_invite_works(page, scene):
    sign_in(page, "lead@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    challenge, community = scene["challenge"], scene["community"]
    workspace = challenge.workspace.slug
    paths = [
        "/opgaven/",
        "/opgaven/nieuw/",
        f"/opgaven/{challenge.pk}/",
        f"/opgaven/{challenge.pk}/bewerken/",
        f"/opgaven/{challenge.pk}/taken/",
        "/opgaven/uitnodigingen/",
        "/gemeenschappen/",
        "/gemeenschappen/nieuw/",
        f"/gemeenschappen/{community.slug}/",
        f"/gemeenschappen/{community.slug}/leden/",
        f"/gemeenschappen/{community.slug}/discussies/",
        f"/gemeenschappen/{community.slug}/discussies/{scene['thread'].pk}/",
        f"/gemeenschappen/{community.slug}/bestanden/",
        f"/gemeenschappen/{community.slug}/instellingen/",
        f"/gemeenschappen/{community.slug}/moderatie/",
        f"/gemeenschappen/{community.slug}/melden/?soort=thread&id={scene['thread'].pk}",
        "/meldingen/",
        f"/gemeenschappen/{community.slug}/evenementen/",
        f"/gemeenschappen/{community.slug}/evenementen/{scene['event'].pk}/",
        f"/gemeenschappen/{community.slug}/kennisbank/",
        f"/gemeenschappen/{community.slug}/kennisbank/wachttijden-meten/",
        f"/gemeenschappen/{community.slug}/kennisbank/wachttijden-meten/bewerken/",
        f"/gemeenschappen/{community.slug}/kennisbank/wachttijden-meten/geschiedenis/",
        f"/gemeenschappen/{community.slug}/kennisbank/wachttijden-meten/verschil/1/2/",
        f"/gemeenschappen/{workspace}/discussies/{scene['workspace_thread'].pk}/",
        "/datasets/",
    ]
    results = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        results[path] = axe_violations(page)
    assert_clean(results)

    page.goto(f"/opgaven/{challenge.pk}/")
    card = page.locator(".person-list .card", has_text="Yara Jeugd")
    card.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_load_state()
    assert (
        page.locator(".person-list .card", has_text="Yara Jeugd").get_by_text("uitgenodigd").count()
        == 1
    )
