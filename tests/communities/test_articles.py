"""Knowledge articles: revisions, history, diff, restore, links between articles,
concurrent edits, visibility; and their weight as evidence."""

import json

import pytest
from django.test import Client

from eenoverheid.communities import selectors, services
from eenoverheid.core.errors import Conflict, NotAllowed
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
    for name in ("owner", "member", "outsider"):
        out[name] = UserFactory(name=name.capitalize())
        membership_ensure(user=out[name], organization=org)
    return out


@pytest.fixture
def community(people):
    community = services.community_create(actor=people["owner"], name="Inkoop")
    services.join(community=community, actor=people["member"])
    return community


def test_revisions_history_diff_and_restore(community, people):
    article = services.article_create(
        community=community,
        actor=people["owner"],
        title="Raamcontracten",
        body="Een raamcontract loopt vier jaar.\nZie ook [[Social return]].",
        visibility="public",
    )
    assert article.slug == "raamcontracten"
    services.article_edit(
        article=article,
        actor=people["member"],
        title="Raamcontracten",
        body="Een raamcontract loopt ten hoogste vier jaar.\nZie ook [[Social return]].",
        note="Precieser",
        base_revision=1,
    )
    article.refresh_from_db()
    assert article.current.number == 2
    # Saving over an edit made in the meantime is refused.
    with pytest.raises(Conflict):
        services.article_edit(
            article=article, actor=people["owner"], title="X", body="Y", base_revision=1
        )
    client = Client()
    diff = client.get(
        f"/gemeenschappen/{community.slug}/kennisbank/raamcontracten/verschil/1/2/"
    ).content.decode()
    assert "<del>Een raamcontract loopt vier jaar.</del>" in diff
    assert "<ins>Een raamcontract loopt ten hoogste vier jaar.</ins>" in diff
    services.article_restore(article=article, actor=people["member"], number=1)
    article.refresh_from_db()
    assert article.current.number == 3
    assert article.current.body.startswith("Een raamcontract loopt vier jaar.")
    history = client.get(
        f"/gemeenschappen/{community.slug}/kennisbank/raamcontracten/geschiedenis/"
    )
    assert history.status_code == 200
    assert "1" in history.content.decode()


def test_links_between_articles_and_backlinks(community, people):
    services.article_create(
        community=community,
        actor=people["owner"],
        title="Raamcontracten",
        body="Zie [[Social return|SROI]].",
        visibility="public",
    )
    page = (
        Client()
        .get(f"/gemeenschappen/{community.slug}/kennisbank/raamcontracten/")
        .content.decode()
    )
    assert f'href="/gemeenschappen/{community.slug}/kennisbank/social-return/"' in page
    assert "nog niet geschreven" in page or "not written yet" in page
    assert (
        Client().get(f"/gemeenschappen/{community.slug}/kennisbank/social-return/").status_code
        == 404
    )
    target = services.article_create(
        community=community,
        actor=people["member"],
        title="Social return",
        body="Vijf procent van de opdrachtwaarde.",
        visibility="public",
    )
    assert [a.title for a in selectors.backlinks(viewer=people["outsider"], article=target)] == [
        "Raamcontracten"
    ]


def test_visibility_and_who_may_edit(community, people):
    article = services.article_create(
        community=community,
        actor=people["owner"],
        title="Intern",
        body="Alleen voor leden.",
        visibility="members",
    )
    assert Client().get(f"/gemeenschappen/{community.slug}/kennisbank/intern/").status_code == 404
    outsider = Client()
    outsider.force_login(people["outsider"])
    assert outsider.get(f"/gemeenschappen/{community.slug}/kennisbank/intern/").status_code == 404
    with pytest.raises(NotAllowed):
        services.article_edit(article=article, actor=people["outsider"], title="X", body="Y")
    api = bearer_client(people["member"])
    listed = api.get(f"/api/v1/communities/{community.pk}/articles").json()
    assert [a["title"] for a in listed["results"]] == ["Intern"]
    assert (
        bearer_client(people["outsider"])
        .get(f"/api/v1/communities/{community.pk}/articles")
        .json()["count"]
        == 0
    )


def test_api_edit_conflict_and_diff(community, people):
    api = bearer_client(people["member"])
    created = api.post(
        f"/api/v1/communities/{community.pk}/articles",
        json.dumps({"title": "Drempels", "body": "a\nb", "visibility": "signed_in"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    article_id = created.json()["id"]
    edited = api.patch(
        f"/api/v1/communities/{community.pk}/articles/{article_id}",
        json.dumps({"title": "Drempels", "body": "a\nc", "base_revision": 1}),
        content_type="application/json",
    )
    assert edited.json()["revision"] == 2
    stale = api.patch(
        f"/api/v1/communities/{community.pk}/articles/{article_id}",
        json.dumps({"title": "Drempels", "body": "a\nd", "base_revision": 1}),
        content_type="application/json",
    )
    assert stale.status_code == 409
    diff = api.get(
        f"/api/v1/communities/{community.pk}/articles/{article_id}/diff", {"from": 1, "to": 2}
    ).json()
    assert {"op": "removed", "text": "b"} in diff
    assert {"op": "added", "text": "c"} in diff
    restored = api.post(
        f"/api/v1/communities/{community.pk}/articles/{article_id}/restore",
        json.dumps({"number": 1}),
        content_type="application/json",
    )
    assert restored.json()["body"] == "a\nb"
    assert (
        api.post(
            f"/api/v1/communities/{community.pk}/articles/{article_id}/restore",
            json.dumps({"number": 99}),
            content_type="application/json",
        ).status_code
        == 404
    )
