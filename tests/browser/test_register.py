"""The register's pages in a browser: filtering without reloading, and who covers Utrecht."""

import pytest

from eenoverheid.organizations.importer import RegisterImport
from tests.organizations.conftest import TODAY, write_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(tmp_path):
    RegisterImport(write_register(tmp_path / "register"), today=TODAY).run()


def test_typing_filters_the_register_in_place(page, register):
    page.goto("/organisaties/")
    results = page.locator("#register-results")
    assert "Gemeente Zeist" in results.inner_text()
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Zoeken").fill("Stichtse")
    page.wait_for_function(
        "() => !document.querySelector('#register-results').innerText.includes('Gemeente Zeist')"
    )
    assert "Hoogheemraadschap De Stichtse Rijnlanden" in results.inner_text()
    assert page.evaluate("window.notReloaded") is True  # htmx swapped only the results
    assert "q=Stichtse" in page.url  # and the address can be shared


def test_who_covers_utrecht_by_layer(page, register):
    page.goto("/organisaties/wie-dekt/")
    page.get_by_label("Gemeente").select_option("gm0344")
    page.get_by_role("heading", name="Waterschap").wait_for()
    text = page.locator("#covering-results").inner_text()
    for name in [
        "Gemeente Utrecht",
        "Gemeenschappelijke regeling Veiligheidsregio Utrecht",
        "Hoogheemraadschap De Stichtse Rijnlanden",
        "Provincie Utrecht",
        "Ministerie van Volksgezondheid, Welzijn en Sport",
    ]:
        assert name in text
    page.get_by_label("Beleidsterrein").select_option("W.2")
    page.wait_for_function(
        "() => !document.querySelector('#covering-results').innerText.includes('Provincie Utrecht')"
    )
    assert (
        "Hoogheemraadschap De Stichtse Rijnlanden" in page.locator("#covering-results").inner_text()
    )
