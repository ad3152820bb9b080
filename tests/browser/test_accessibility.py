"""Every page reachable from the navigation passes axe-core's WCAG 2.1 A/AA rules.

The crawl starts at the home page and follows same-site links in the header, navigation,
main content and footer, once as an anonymous visitor and once signed in, so that each
capability's pages are checked as soon as they are linked, without changing this test.
"""

from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest

from eenoverheid.organizations.importer import RegisterImport
from eenoverheid.organizations.models import Organization, Team
from eenoverheid.organizations.services import membership_ensure
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.organizations.conftest import TODAY, write_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not ours to fix, or not a page: Django's admin, the third-party Swagger UI (its own
# accessibility is outside this platform), static files, and what signs you out.
EXCLUDED_PREFIXES = (
    "/beheer/",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/static/",
    "/media/",
    "/accounts/logout/",
    "/i18n/",
    "/mensen/mijn-profiel/export/",  # a JSON download, not a page
    "/accounts/2fa/recovery-codes/download/",  # a text file of recovery codes
)
# Links to downloads (calendars, spreadsheets) are files, not pages.
DOWNLOAD_SUFFIXES = (".ics", ".csv", ".json", ".yml", ".zip")
MAX_PAGES = 60
EXTRA_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/pagina-die-niet-bestaat/",
]


def axe_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, which the page's CSP does not govern (an
    # injected <script> element would be refused: the CSP allows no inline script).
    page.evaluate(AXE_JS)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def crawl(page, start_paths) -> dict[str, list[str]]:
    queue, seen, found = list(start_paths), set(), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(EXCLUDED_PREFIXES) or path.endswith(DOWNLOAD_SUFFIXES):
            continue
        seen.add(path)
        response = page.goto(path)
        if response is not None and "text/html" not in response.headers.get("content-type", ""):
            continue  # a feed or another file for programs, not a page
        found[path] = axe_violations(page)
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.netloc == urlsplit(page.url).netloc and parts.path not in seen:
                queue.append(parts.path)
    return found


def assert_clean(results):
    failures = {path: v for path, v in results.items() if v}
    assert not failures, "\n".join(f"{p}: {v}" for p, v in failures.items())


@pytest.fixture
def register(tmp_path):
    """A small register, so that the register's pages have content to check."""
    RegisterImport(write_register(tmp_path / "register"), today=TODAY).run()


FILTERED_PAGES = [
    "/organisaties/?q=utrecht&layer=municipality",
    "/organisaties/?q=onvindbaar",
    "/organisaties/wie-dekt/?gemeente=gm0344",
    "/organisaties/wie-dekt/?gemeente=gm0344&domein=W.4",
]


def test_anonymous_pages_pass_axe(page, register):
    results = crawl(page, ["/", *EXTRA_PAGES, *FILTERED_PAGES])
    assert "/accounts/login/" in results
    assert "/organisaties/gm0344/" in results
    assert_clean(results)


def test_signed_in_pages_pass_axe(page, register):
    user = UserFactory(email="toets@example.org")
    utrecht = Organization.objects.get(code="gm0344")
    membership_ensure(user=user, organization=utrecht, role="admin")
    team = Team.objects.create(organization=utrecht, name="Team Jeugd")
    team.members.add(user)
    sign_in(page, "toets@example.org", "geheim-wachtwoord-123")
    page.wait_for_url("**/dashboard/")
    results = crawl(page, ["/dashboard/", "/", "/organisaties/gm0344/beheer/"])
    assert "/dashboard/" in results
    assert f"/organisaties/gm0344/teams/{team.pk}/" in results
    assert_clean(results)


def test_english_pages_pass_axe(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert_clean(crawl(page, ["/", "/accounts/login/"]))
