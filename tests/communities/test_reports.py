"""Reporting a problem: any signed-in reader reports; managers hide or dismiss; the
reporter hears the outcome; hidden content can be shown again."""

import json

import pytest
from django.test import Client

from eenoverheid.communities import services
from eenoverheid.communities.models import Post
from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eenoverheid.notifications.models import Notification
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import UserFactory


@pytest.fixture
def people(db):
    org = Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )
    out = {}
    for name in ("owner", "member", "reader"):
        out[name] = UserFactory(name=name.capitalize())
        membership_ensure(user=out[name], organization=org)
    return out


def test_report_hide_outcome_and_restore(people):
    owner, member, reader = people["owner"], people["member"], people["reader"]
    community = services.community_create(actor=owner, name="Inkoop")
    services.join(community=community, actor=member)
    thread = services.thread_start(
        community=community, actor=owner, title="Onderwerp", body="Start", visibility="signed_in"
    )
    bad = services.reply(
        thread=thread, actor=member, body="Bel mij op 06-12345678, adres Dorpsstraat 1"
    )
    report = services.report_create(
        actor=reader, kind="post", content_id=bad.pk, reason="Persoonsgegevens"
    )
    with pytest.raises(Conflict):
        services.report_create(actor=reader, kind="post", content_id=bad.pk, reason="Nog eens")
    with pytest.raises(NotAllowed):
        services.report_resolve(report=report, actor=member, hide=True)
    services.report_resolve(
        report=report, actor=owner, hide=True, note="Telefoonnummer verwijderd."
    )
    assert Post.objects.get(pk=bad.pk).hidden
    outcome = Notification.objects.get(user=reader)
    assert "Telefoonnummer verwijderd." in outcome.text
    with pytest.raises(Conflict):
        services.report_resolve(report=report, actor=owner, hide=False)
    # Readers no longer see it; the manager does, and can show it again.
    page = Client()
    page.force_login(reader)
    assert (
        "06-12345678"
        not in page.get(
            f"/gemeenschappen/{community.slug}/discussies/{thread.pk}/"
        ).content.decode()
    )
    services.report_restore(report=report, actor=owner)
    assert not Post.objects.get(pk=bad.pk).hidden


def test_nobody_reports_what_they_cannot_read(people):
    owner, reader = people["owner"], people["reader"]
    secret = services.community_create(actor=owner, name="Geheim", join_policy="secret")
    thread = services.thread_start(community=secret, actor=owner, title="Vertrouwelijk", body="x")
    with pytest.raises(NotFound):
        services.report_create(actor=reader, kind="thread", content_id=thread.pk, reason="?")
    with pytest.raises(InvalidInput):
        services.report_create(actor=reader, kind="user", content_id=1, reason="?")


def test_reports_through_the_api_and_the_moderation_page(people):
    owner, member, reader = people["owner"], people["member"], people["reader"]
    community = services.community_create(actor=owner, name="Inkoop")
    article = services.article_create(
        community=community, actor=owner, title="Spam", body="Koop nu!", visibility="public"
    )
    created = bearer_client(reader).post(
        f"/api/v1/communities/{community.pk}/reports",
        json.dumps({"kind": "article", "id": article.pk, "reason": "Reclame"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    assert (
        bearer_client(member).get(f"/api/v1/communities/{community.pk}/reports").status_code == 403
    )
    queue = bearer_client(owner).get(f"/api/v1/communities/{community.pk}/reports").json()
    assert [r["reason"] for r in queue["results"]] == ["Reclame"]
    page = Client()
    page.force_login(owner)
    assert "Reclame" in page.get(f"/gemeenschappen/{community.slug}/moderatie/").content.decode()
    resolved = bearer_client(owner).post(
        f"/api/v1/communities/{community.pk}/reports/{created.json()['id']}/resolve",
        json.dumps({"hide": False}),
        content_type="application/json",
    )
    assert resolved.json()["status"] == "dismissed"
    assert Notification.objects.filter(user=reader, kind="communities.report_outcome").count() == 1


def test_managers_change_settings_and_invite_by_name(people):
    owner, member = people["owner"], people["member"]
    community = services.community_create(actor=owner, name="Inkoop")
    page = Client()
    page.force_login(owner)
    response = page.post(
        f"/gemeenschappen/{community.slug}/instellingen/",
        {
            "name": "Inkoop en aanbesteden",
            "description": "",
            "join_policy": "closed",
            "blocks": ["discussions", "files"],
            "required_profile_fields": [],
        },
    )
    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.name, community.join_policy, community.blocks) == (
        "Inkoop en aanbesteden",
        "closed",
        ["discussions", "files"],
    )
    services.invite(community=community, actor=owner, email="Member")
    assert services.membership_of(user=member, community=community).status == "invited"
    outsider = Client()
    outsider.force_login(member)
    assert outsider.get(f"/gemeenschappen/{community.slug}/instellingen/").status_code == 403


def test_the_report_page(people):
    owner, reader = people["owner"], people["reader"]
    community = services.community_create(actor=owner, name="Inkoop")
    thread = services.thread_start(
        community=community, actor=owner, title="Onderwerp", body="x", visibility="signed_in"
    )
    page = Client()
    page.force_login(reader)
    url = f"/gemeenschappen/{community.slug}/melden/"
    assert page.get(url, {"soort": "thread", "id": thread.pk}).status_code == 200
    assert page.get(url, {"soort": "thread", "id": 999999}).status_code == 404
    assert page.get(url, {"soort": "user", "id": reader.pk}).status_code == 404
    response = page.post(url, {"soort": "thread", "id": thread.pk, "reason": "Niet over inkoop"})
    assert response.status_code == 302
    assert community.reports.get().reason == "Niet over inkoop"
