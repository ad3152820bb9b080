"""The expertise finder in a browser: search, filter in place, skill suggestions."""

import pytest

from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import membership_ensure
from eenoverheid.people import services
from eenoverheid.people.models import Skill
from eenoverheid.people.skills_import import import_skills
from eenoverheid.search.backends import reset_backends
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(settings, tmp_path):
    settings.SEARCH_BACKEND = "tantivy"
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    reset_backends()
    import_skills()
    utrecht = Organization.objects.create(
        code="gm0344", name="Gemeente Utrecht", kind="municipality", layer="municipality"
    )
    ministry = Organization.objects.create(
        code="mnre1025", name="Ministerie van VWS", kind="ministry", layer="national"
    )
    for name, organization, bio, skill in [
        ("Eva Inkoop", utrecht, "Ik begeleid Europese aanbestedingen voor jeugdhulp.", "eo-inkoop"),
        (
            "Ruud Rijk",
            ministry,
            "Ik schrijf beleid over aanbestedingen in de zorg.",
            "eo-jeugdhulp",
        ),
    ]:
        user = UserFactory(name=name)
        membership_ensure(user=user, organization=organization)
        services.profile_update(user=user, actor=user, bio=bio, visibility="public")
        services.profile_skill_set(
            user=user, skill_id=Skill.objects.get(code=skill).pk, level="expert"
        )
    yield
    reset_backends()


def test_search_and_filter_in_place(page, people):
    page.goto("/mensen/")
    page.get_by_label("Wat zoekt u?").fill("aanbesteding")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator("#people-results")
    results.get_by_text("2 personen").wait_for()
    assert "Eva Inkoop" in results.inner_text()
    assert "Ruud Rijk" in results.inner_text()
    assert results.locator("b").count() >= 1  # the matched words are marked
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Bestuurslaag").select_option("national")
    results.get_by_text("1 persoon").wait_for()
    assert "Eva Inkoop" not in page.locator("#people-results").inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert "layer=national" in page.url


def test_typing_a_skill_suggests_from_the_taxonomy(page, people):
    page.goto("/mensen/")
    page.get_by_label("Vaardigheid").press_sequentially("omgev", delay=50)
    page.wait_for_function(
        "() => document.querySelectorAll('#skill-suggestions option').length > 0"
    )
    values = page.eval_on_selector_all("#skill-suggestions option", "els => els.map(e => e.value)")
    assert values[0] == "Omgevingswet"
