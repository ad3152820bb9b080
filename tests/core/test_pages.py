import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_home_is_public_and_in_dutch_by_default():
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Naar de inhoud" in html  # the skip link, translated
    assert 'href="#main"' in html


def test_language_switch_to_english():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html


def test_dashboard_requires_sign_in():
    response = Client().get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboard_empty_state_without_organization(user_client):
    html = user_client.get("/dashboard/").content.decode()
    assert 'class="empty-state"' in html


def test_navigation_marks_the_current_page(user_client):
    html = user_client.get("/dashboard/").content.decode()
    assert 'href="/dashboard/" aria-current="page"' in html


def test_404_uses_the_layout():
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert 'class="page-header"' in response.content.decode()


def test_403_uses_the_layout(user_client):
    response = user_client.get("/beheer/")  # not staff: the admin redirects to its login
    assert response.status_code == 302
    from eenoverheid.core.views import permission_denied

    rendered = permission_denied(response.wsgi_request)
    assert rendered.status_code == 403
    assert 'class="page-header"' in rendered.content.decode()


@override_settings(DEBUG=False)
def test_500_uses_the_layout(monkeypatch):
    def boom(request):
        raise RuntimeError("kapot")

    monkeypatch.setattr("eenoverheid.core.views.render", boom)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    assert 'class="page-header"' in response.content.decode()


def test_health():
    assert Client().get("/health/").json() == {"status": "ok"}


def test_admin_is_reachable_by_platform_admin(admin_user):
    client = Client()
    client.force_login(admin_user)
    assert client.get("/beheer/core/auditlogentry/").status_code == 200
    assert client.get("/beheer/accounts/user/").status_code == 200


def test_every_navigation_entry_is_shown_to_a_signed_in_user(user_client, settings):
    html = user_client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    assert nav.count("<li>") == len(settings.NAVIGATION)
    assert 'href="/api/v1/docs"' in nav


def test_anonymous_navigation_hides_signed_in_entries():
    html = Client().get("/").content.decode()
    nav = html[html.index('class="main-nav"') : html.index("</nav>")]
    assert 'href="/dashboard/"' not in nav


def test_admin_changes_are_in_the_audit_log(admin_user, user):
    from eenoverheid.core.models import AuditLogEntry

    client = Client()
    client.force_login(admin_user)
    response = client.post(
        f"/beheer/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "name": "Door beheer gewijzigd",
            "preferred_language": "nl",
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditLogEntry.objects.get(action="admin.changed")
    assert entry.actor == admin_user
    assert entry.object_id == str(user.pk)
    assert "Name" in entry.changes["fields"]
