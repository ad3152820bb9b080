"""Communities: who sees and does what (anonymous, member, non-member, someone of
another organization, administrator), bad input, and query counts that stay bounded."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from eenoverheid.communities import selectors, services
from eenoverheid.communities.models import CommunityMembership, Post, Thread
from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import UserFactory


@pytest.fixture
def org(db):
    return Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )


@pytest.fixture
def civil_servant(org):
    def make(name="Ambtenaar"):
        user = UserFactory(name=name)
        membership_ensure(user=user, organization=org)
        return user

    return make


@pytest.fixture
def owner(civil_servant):
    return civil_servant("Olga Owner")


@pytest.fixture
def open_community(owner):
    return services.community_create(actor=owner, name="Inkoop en aanbesteden", join_policy="open")


@pytest.fixture
def secret(owner):
    return services.community_create(
        actor=owner, name="Integriteitsonderzoek", join_policy="secret"
    )


def test_only_verified_civil_servants_start_a_community(db, settings, civil_servant):
    stranger = UserFactory()
    with pytest.raises(NotAllowed):
        services.community_create(actor=stranger, name="X")
    settings.COMMUNITY_CREATION_RESTRICTED = True
    with pytest.raises(NotAllowed):
        services.community_create(actor=civil_servant(), name="X")


def test_a_secret_community_leaks_nothing(secret, owner, civil_servant, admin_user):
    services.thread_start(
        community=secret, actor=owner, title="Casus", body="Vertrouwelijk", visibility="public"
    )
    outsider = civil_servant("Buiten")
    # Not in the catalogue, its count, the API or the pages.
    assert secret not in selectors.community_list(viewer=outsider)
    assert bearer_client(outsider).get("/api/v1/communities").json()["count"] == 0
    assert bearer_client(outsider).get(f"/api/v1/communities/{secret.pk}").status_code == 404
    assert (
        bearer_client(outsider).get(f"/api/v1/communities/{secret.pk}/threads").status_code == 404
    )
    assert Client().get(f"/gemeenschappen/{secret.slug}/").status_code == 404
    with pytest.raises(NotFound):
        services.join(community=secret, actor=outsider)
    # Content in a secret community is for members only, whatever was asked for.
    assert Thread.objects.get(community=secret).visibility == "members"
    assert bearer_client(owner).get(f"/api/v1/communities/{secret.pk}/threads").json()["count"] == 1
    assert bearer_client(admin_user).get(f"/api/v1/communities/{secret.pk}").status_code == 200


def test_invitation_to_a_secret_community(secret, owner, civil_servant):
    invitee = civil_servant("Ina")
    services.invite(community=secret, actor=owner, email=invitee.email.upper())
    assert services.can_see(user=invitee, community=secret)
    assert not services.is_member(user=invitee, community=secret)
    services.join(community=secret, actor=invitee)
    assert services.is_member(user=invitee, community=secret)
    with pytest.raises(InvalidInput):
        services.invite(community=secret, actor=owner, email="niemand@example.org")


def test_closed_communities_need_a_managers_approval(owner, civil_servant):
    closed = services.community_create(actor=owner, name="Handhaving", join_policy="closed")
    applicant = civil_servant("Aanvrager")
    membership = services.join(community=closed, actor=applicant)
    assert membership.status == "requested"
    with pytest.raises(NotAllowed):
        services.thread_start(community=closed, actor=applicant, title="T", body="B")
    with pytest.raises(NotAllowed):
        services.request_answer(
            community=closed, actor=applicant, user_id=applicant.pk, approve=True
        )
    services.request_answer(community=closed, actor=owner, user_id=applicant.pk, approve=True)
    assert services.is_member(user=applicant, community=closed)


def test_required_profile_fields_are_checked_on_joining(owner, civil_servant):
    community = services.community_create(
        actor=owner, name="Jeugd", required_profile_fields=["job_title"]
    )
    newcomer = civil_servant("Nieuw")
    with pytest.raises(InvalidInput) as exc:
        services.join(community=community, actor=newcomer)
    assert exc.value.invalid_params[0].name == "job_title"
    from eenoverheid.people import services as people_services

    people_services.profile_update(user=newcomer, actor=newcomer, job_title="Jeugdconsulent")
    assert services.join(community=community, actor=newcomer).status == "active"


def test_a_working_group_is_for_members_of_its_parent(open_community, owner, civil_servant):
    group = services.community_create(
        actor=owner, name="Werkgroep categoriemanagement", parent=open_community
    )
    member = civil_servant("Lid")
    with pytest.raises(NotAllowed):
        services.join(community=group, actor=member)
    services.join(community=open_community, actor=member)
    assert services.join(community=group, actor=member).status == "active"
    with pytest.raises(NotAllowed):  # only the parent's managers start working groups
        services.community_create(actor=member, name="Eigen groep", parent=open_community)


def test_discussion_replies_quotes_edits_and_reactions(open_community, owner, civil_servant):
    member = civil_servant("Lid")
    services.join(community=open_community, actor=member)
    thread = services.thread_start(
        community=open_community,
        actor=owner,
        title="Raamcontracten",
        body="Hoe doen jullie dit?",
        visibility="public",
    )
    opening = thread.posts.get()
    answer = services.reply(
        thread=thread, actor=member, body="Wij **bundelen**.", quote_of_id=opening.pk
    )
    thread.refresh_from_db()
    assert thread.reply_count == 1
    with pytest.raises(NotAllowed):
        services.post_edit(post=opening, actor=member, body="Gekaapt")
    services.post_edit(post=answer, actor=member, body="Wij bundelen landelijk.")
    answer.refresh_from_db()
    assert answer.edited_at is not None
    assert services.react(post=answer, actor=owner, kind="thanks") == 1
    assert services.react(post=answer, actor=owner, kind="thanks") == 1  # once per person
    # Anonymous visitors read a public thread; the page shows the edit mark and counts.
    page = (
        Client()
        .get(f"/gemeenschappen/{open_community.slug}/discussies/{thread.pk}/")
        .content.decode()
    )
    assert "Wij bundelen landelijk." in page
    assert "bewerkt" in page or "edited" in page
    services.thread_moderate(thread=thread, actor=owner, closed=True)
    with pytest.raises(Conflict):
        services.reply(thread=thread, actor=member, body="Nog iets")
    with pytest.raises(NotAllowed):
        services.thread_moderate(thread=thread, actor=member, pinned=True)


def test_markdown_is_rendered_without_scripts(open_community, owner):
    thread = services.thread_start(
        community=open_community,
        actor=owner,
        title="XSS",
        body="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        visibility="public",
    )
    response = Client().get(f"/api/v1/communities/{open_community.pk}/threads/{thread.pk}")
    html = response.json()["posts"][0]["html"]
    assert "<script" not in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert "<img" not in html


def test_questions_have_an_accepted_answer_and_an_unanswered_list(
    open_community, owner, civil_servant
):
    member = civil_servant("Lid")
    services.join(community=open_community, actor=member)
    question = services.thread_start(
        community=open_community,
        actor=member,
        kind="question",
        title="Drempelbedragen 2026?",
        body="Weet iemand het?",
    )
    assert list(selectors.thread_list(viewer=owner, community=open_community, unanswered=True)) == [
        question
    ]
    answer = services.reply(thread=question, actor=owner, body="Zie de nieuwe richtlijn.")
    other = civil_servant("Ander")
    services.join(community=open_community, actor=other)
    with pytest.raises(NotAllowed):
        services.answer_accept(thread=question, actor=other, post_id=answer.pk)
    with pytest.raises(InvalidInput):  # the question itself is no answer
        services.answer_accept(
            thread=question, actor=member, post_id=question.posts.order_by("id").first().pk
        )
    services.answer_accept(thread=question, actor=member, post_id=answer.pk)
    assert (
        list(selectors.thread_list(viewer=owner, community=open_community, unanswered=True)) == []
    )


def test_visibility_of_threads_in_an_open_community(open_community, owner, civil_servant):
    services.thread_start(
        community=open_community, actor=owner, title="Openbaar", body="a", visibility="public"
    )
    services.thread_start(
        community=open_community, actor=owner, title="Ambtenaren", body="b", visibility="signed_in"
    )
    services.thread_start(
        community=open_community, actor=owner, title="Leden", body="c", visibility="members"
    )

    def titles(viewer):
        return {t.title for t in selectors.thread_list(viewer=viewer, community=open_community)}

    from django.contrib.auth.models import AnonymousUser

    assert titles(AnonymousUser()) == {"Openbaar"}
    assert titles(civil_servant("Niet-lid")) == {"Openbaar", "Ambtenaren"}
    assert titles(owner) == {"Openbaar", "Ambtenaren", "Leden"}


def test_a_long_thread_pages_in_a_fixed_number_of_queries(
    open_community, owner, django_assert_max_num_queries
):
    thread = services.thread_start(
        community=open_community, actor=owner, title="Lang", body="start", visibility="public"
    )
    Post.objects.bulk_create(
        [Post(thread=thread, author=owner, body=f"reactie {i}") for i in range(240)]
    )
    client = Client()
    client.force_login(owner)
    url = f"/gemeenschappen/{open_community.slug}/discussies/{thread.pk}/"
    with django_assert_max_num_queries(25) as first:
        response = client.get(url, {"page": 2})
    assert response.status_code == 200
    assert "reactie 98" in response.content.decode()
    assert "reactie 150" not in response.content.decode()
    Post.objects.bulk_create(
        [Post(thread=thread, author=owner, body=f"meer {i}") for i in range(500)]
    )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url, {"page": 5})


def test_files_with_type_and_size_limits_versions_and_downloads(
    open_community, owner, civil_servant, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.COMMUNITY_FILE_MAX_BYTES = 1024
    pdf = SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4 test", "application/pdf")
    document = services.document_upload(
        community=open_community, actor=owner, title="Model", upload=pdf, visibility="members"
    )
    version = document.versions.get()
    assert version.original_name == "passwd.pdf"
    assert ".." not in version.file.name
    assert "passwd" not in version.file.name
    with pytest.raises(InvalidInput):
        services.document_upload(
            community=open_community,
            actor=owner,
            title="x",
            upload=SimpleUploadedFile("x.exe", b"MZ", "application/octet-stream"),
        )
    with pytest.raises(InvalidInput):
        services.document_upload(
            community=open_community,
            actor=owner,
            title="x",
            upload=SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf"),
        )
    with pytest.raises(InvalidInput):
        services.document_upload(
            community=open_community,
            actor=owner,
            title="x",
            upload=SimpleUploadedFile("x.txt", b"a" * 2048, "text/plain"),
        )
    second = services.document_new_version(
        document=document,
        actor=owner,
        note="Nieuwe bedragen",
        upload=SimpleUploadedFile("model-v2.pdf", b"%PDF-1.5 v2"),
    )
    assert second.number == 2
    url = f"/gemeenschappen/{open_community.slug}/bestanden/{document.pk}/download/2/"
    assert Client().get(url).status_code == 404  # members only
    outsider = Client()
    outsider.force_login(civil_servant("Niet-lid"))
    assert outsider.get(url).status_code == 404
    client = Client()
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.5 v2"
    assert 'filename="model-v2.pdf"' in response["Content-Disposition"]
    document.refresh_from_db()
    assert document.download_count == 1


def test_api_thread_flow_and_bad_input(open_community, owner, civil_servant):
    member = civil_servant("Lid")
    client = bearer_client(member)
    assert client.post(f"/api/v1/communities/{open_community.pk}/join").json()["status"] == "active"
    response = client.post(
        f"/api/v1/communities/{open_community.pk}/threads",
        json.dumps({"title": "", "body": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "title"
    response = client.post(
        f"/api/v1/communities/{open_community.pk}/threads",
        json.dumps({"title": "Vraag", "body": "Wie weet?", "kind": "question"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    thread_id = response.json()["id"]
    reply = bearer_client(owner).post(
        f"/api/v1/communities/{open_community.pk}/threads/{thread_id}/posts",
        json.dumps({"body": "Ik!"}),
        content_type="application/json",
    )
    assert reply.status_code == 201
    accepted = client.patch(
        f"/api/v1/communities/{open_community.pk}/threads/{thread_id}",
        json.dumps({"accepted_post": reply.json()["id"]}),
        content_type="application/json",
    )
    assert accepted.json()["answered"] is True
    pin = client.patch(
        f"/api/v1/communities/{open_community.pk}/threads/{thread_id}",
        json.dumps({"pinned": True}),
        content_type="application/json",
    )
    assert pin.status_code == 403
    assert CommunityMembership.objects.filter(community=open_community).count() == 2


def test_atom_feed_holds_only_public_posts_of_open_communities(open_community, secret, owner):
    services.thread_start(
        community=open_community,
        actor=owner,
        title="Openbaar onderwerp",
        body="Voor **iedereen**",
        visibility="public",
    )
    services.thread_start(
        community=open_community,
        actor=owner,
        title="Intern onderwerp",
        body="Voor ambtenaren",
        visibility="signed_in",
    )
    response = Client().get(f"/gemeenschappen/{open_community.slug}/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Openbaar onderwerp" in body
    assert "Intern onderwerp" not in body
    assert Client().get(f"/gemeenschappen/{secret.slug}/feed.atom").status_code == 404


def test_the_thread_list_costs_the_same_queries_for_30_or_600_threads(
    open_community, owner, django_assert_max_num_queries
):
    def make(n, offset):
        Thread.objects.bulk_create(
            [
                Thread(
                    community=open_community,
                    title=f"Onderwerp {offset + i}",
                    author=owner,
                    visibility="signed_in",
                )
                for i in range(n)
            ]
        )

    client = Client()
    client.force_login(owner)
    url = f"/gemeenschappen/{open_community.slug}/discussies/"
    make(30, 0)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    make(570, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"page": 10})
    assert "Onderwerp" in response.content.decode()
