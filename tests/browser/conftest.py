"""Browser tests: Playwright for Python driving Debian's Chromium, no browser download."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still plain synchronous code, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """Browser tests run one after another on one worker (`--dist loadgroup`): two
    Chromiums on two cores slow each other into timeouts."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every browser test doubles as a check of the Content Security Policy: whatever the
    # pages do, the browser must not have refused any of it.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not refused, refused


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    return f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}"


def sign_in(page, email, password):
    """Sign in as a person does: the address first, then the password. An administrator
    without a second factor is made to set up TOTP on the spot (confirming the password,
    reading the secret off the page, typing the code); one with TOTP types the code."""
    page.goto("/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.locator("main").get_by_role("button", name="Doorgaan").click()
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        from allauth.mfa.adapter import get_adapter
        from allauth.mfa.models import Authenticator

        totp = Authenticator.objects.get(user__email=email, type="totp")
        page.locator("input[name=code]").fill(totp_code(get_adapter().decrypt(totp.data["secret"])))
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/dashboard/")
    elif "/accounts/reauthenticate/" in page.url:
        page.locator("input[name=password]").fill(password)
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/accounts/2fa/totp/activate/**")
        secret = page.locator("#authenticator_secret").input_value()
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        page.goto("/dashboard/")
