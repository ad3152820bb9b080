"""Following communities and threads: notifications for those who may read, and e-mail
digests daily or weekly in the person's language, with a plain-text part."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from eenoverheid.communities import services
from eenoverheid.notifications import services as notifications
from eenoverheid.notifications.models import Notification
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from tests.conftest import bearer_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    org = Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )
    out = {}
    for name in ("owner", "member", "follower", "english"):
        out[name] = UserFactory(name=name.capitalize())
        membership_ensure(user=out[name], organization=org)
    out["english"].preferred_language = "en"
    out["english"].save()
    return out


def test_followers_who_may_read_are_notified(people, django_capture_on_commit_callbacks):
    owner, member, follower = people["owner"], people["member"], people["follower"]
    community = services.community_create(actor=owner, name="Inkoop")
    services.join(community=community, actor=member)
    services.follow(obj=community, actor=follower, following=True)  # not a member
    services.follow(obj=community, actor=member, following=True)
    public = services.thread_start(
        community=community, actor=owner, title="Openbaar", body="x", visibility="signed_in"
    )
    internal = services.thread_start(
        community=community, actor=owner, title="Intern", body="y", visibility="members"
    )

    def texts(user):
        return [n.text for n in Notification.objects.filter(user=user).order_by("id")]

    assert "Openbaar" in texts(follower)[0]
    assert len(texts(follower)) == 1  # not the members-only thread
    assert len(texts(member)) == 2
    assert texts(owner) == []  # not about one's own posts
    # Replying makes one follow the thread; the starter hears about the reply.
    services.reply(thread=public, actor=member, body="Antwoord")
    assert len(texts(owner)) == 1
    # Following the community brings its replies too, but never from members-only threads.
    assert len(texts(follower)) == 2
    services.reply(thread=internal, actor=owner, body="Intern antwoord")
    assert len(texts(follower)) == 2
    assert len(texts(member)) == 3


def test_digests_in_the_persons_language_with_plain_text(
    people, django_capture_on_commit_callbacks
):
    owner, member, english = people["owner"], people["member"], people["english"]
    community = services.community_create(actor=owner, name="Inkoop")
    for person in (member, english):
        services.join(community=community, actor=person)
        services.follow(obj=community, actor=person, following=True)
    notifications.digest_set(user=english, frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_start(community=community, actor=owner, title="Drempels", body="x")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests(frequency="daily") == 1  # the member (default daily)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Drempels" in message.body
    assert message.alternatives[0][1] == "text/html"
    # Nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests(frequency="daily") == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests(frequency="weekly") == 1
    assert "What happened in what you follow" in mail.outbox[-1].subject
    # A week later only what is new is sent.
    later = timezone.now() + dt.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.send_digests(frequency="weekly", now=later) == 0


def test_notification_page_and_api(people):
    owner, member = people["owner"], people["member"]
    community = services.community_create(actor=owner, name="Inkoop")
    services.join(community=community, actor=member)
    api = bearer_client(member)
    assert api.put(f"/api/v1/communities/{community.pk}/follow").json() == {"following": True}
    services.thread_start(community=community, actor=owner, title="Nieuw onderwerp", body="x")
    listed = api.get("/api/v1/me/notifications").json()
    assert listed["count"] == 1
    assert listed["results"][0]["url"].startswith(f"/gemeenschappen/{community.slug}/discussies/")
    assert api.post(
        "/api/v1/me/notifications/read", {}, content_type="application/json"
    ).json() == {"unread": 0}
    assert (
        api.put(
            "/api/v1/me/notification-settings",
            {"digest": "hourly"},
            content_type="application/json",
        ).status_code
        == 400
    )
    page = Client()
    page.force_login(member)
    assert "Nieuw onderwerp" in page.get("/meldingen/").content.decode()
    assert Client().get("/meldingen/").status_code == 302  # sign in first
