import pytest
from django.core.management import call_command

from eenoverheid.organizations.importer import RegisterImport
from eenoverheid.people import selectors
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from eenoverheid.people.skills_import import import_skills
from eenoverheid.search.backends import get_backend
from eenoverheid.search.models import SearchDocument
from tests.organizations.conftest import TODAY, write_register

pytestmark = pytest.mark.django_db


def test_skills_import_is_idempotent_and_keeps_esco_structure(db):
    first = import_skills()
    assert first["created"] == 763 + 1 + 37  # ESCO, the topics root, the topics
    assert import_skills() == {"created": 0, "updated": 0, "unchanged": first["created"]}
    negotiating = Skill.objects.get(code="S1.1")
    assert negotiating.parent.code == "S1"
    assert Skill.objects.get(code="eo-omgevingswet").parent.code == "eo"
    assert Skill.objects.filter(source="esco", parent__isnull=True).count() >= 1
    # transversal skills hang under the hierarchy
    roots = Skill.objects.filter(source="esco", parent__isnull=True)
    assert set(roots.values_list("code", flat=True)) == {"S", "K", "L", "A"}


@pytest.fixture
def register(tmp_path, db):
    RegisterImport(write_register(tmp_path / "register"), today=TODAY).run()
    import_skills()


def test_generated_people_are_realistic_and_searchable(search_backend, register):
    call_command("demo", "--people", "120", "--seed", "7")
    demo_accounts = ["ambtenaar@utrecht.nl", "beheer@eenoverheid.nl"]
    profiles = Profile.objects.exclude(user__email__in=demo_accounts)
    assert profiles.count() == 120
    assert ProfileSkill.objects.filter(profile__in=profiles).count() >= 120
    assert all(p.user.memberships.exists() for p in profiles.select_related("user")[:20])
    assert SearchDocument.objects.filter(kind="profile").count() == Profile.objects.count()
    page = selectors.people_search(viewer=None, filters=selectors.filters_from_params(q="beleid"))
    assert page.count > 0
    # Generating more continues the numbering instead of colliding.
    call_command("demo", "--people", "10", "--seed", "8")
    assert Profile.objects.count() == 120 + 10 + 1


def test_rebuild_recreates_the_index_from_the_data(search_backend, register):
    call_command("demo", "--people", "30")
    backend = get_backend()
    backend.clear()

    def found():
        filters = selectors.filters_from_params(q="beleid")
        return selectors.people_search(viewer=None, filters=filters).count

    if search_backend == "tantivy":  # PostgreSQL searches the table itself
        assert found() == 0
    call_command("rebuild_search_index")
    assert found() > 0
