import pytest

from tests.browser.conftest import sign_in
from tests.factories import EmailDomainFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_reaches_the_dashboard(page):
    domain = EmailDomainFactory(domain="utrecht.nl", organization__name="Gemeente Utrecht")
    user = UserFactory(email="sanne@utrecht.nl", name="Sanne de Vries")
    from eenoverheid.organizations.services import membership_ensure

    membership_ensure(user=user, organization=domain.organization)

    sign_in(page, "sanne@utrecht.nl", "geheim-wachtwoord-123")

    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fijn dat u er bent, Sanne"
    assert page.get_by_text("Gemeente Utrecht").is_visible()


def test_wrong_password_shows_an_error_and_stays(page):
    UserFactory(email="piet@example.org")
    sign_in(page, "piet@example.org", "fout-wachtwoord")
    assert page.url.endswith("/accounts/login/")
    assert page.locator(".errorlist, [role=alert]").first.is_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
