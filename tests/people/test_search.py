"""The expertise finder, on both search engines."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eenoverheid.accounts.services import user_delete
from eenoverheid.people import selectors
from eenoverheid.people.models import Profile

pytestmark = pytest.mark.django_db


def names(viewer, **params):
    filters = selectors.filters_from_params(**params)
    page = selectors.people_search(viewer=viewer, filters=filters)
    return [r.profile.user.name for r in page.results]


def test_dutch_stemming_finds_inflections(search_backend, orgs, make_person):
    make_person(
        "Eva Inkoop", orgs["utrecht"], bio="Ik begeleid Europese aanbestedingen voor de regio."
    )
    make_person("Piet Anders", orgs["zeist"], bio="Ik werk aan groenbeheer en parken.")
    assert names(None, q="aanbesteding") == ["Eva Inkoop"]


def test_compounds_match_their_parts(search_backend, orgs, make_person):
    make_person("Jan Jeugd", orgs["utrecht"], bio="Specialist jeugdzorg en wijkteams.")
    make_person("Karin Groen", orgs["zeist"], bio="Beheer van openbaar groen.")
    assert names(None, q="jeugdzorgregio")[0] == "Jan Jeugd"


def test_evidence_from_several_documents_adds_up(search_backend, orgs, make_person):
    """Model 2: the person whose profile and skills both speak of the topic outranks
    the one who mentions it once."""
    make_person("Once", orgs["zeist"], bio="Ik heb ooit iets met de Omgevingswet gedaan.")
    make_person(
        "Twice",
        orgs["utrecht"],
        bio="Projectleider Omgevingswet, omgevingsplan en omgevingsvisie.",
        title="Adviseur Omgevingswet",
        skill_levels=[("eo-omgevingswet", "expert")],
    )
    assert names(None, q="omgevingswet") == ["Twice", "Once"]


def test_visibility_is_enforced_inside_the_search(search_backend, orgs, make_person):
    make_person("Publiek", orgs["utrecht"], bio="inkoop", visibility="public")
    make_person("Ingelogd", orgs["utrecht"], bio="inkoop", visibility="signed_in")
    colleague_only = make_person("Collega", orgs["utrecht"], bio="inkoop", visibility="members")
    viewer_same_org = make_person("Kijker", orgs["utrecht"], bio="tuinieren")
    viewer_other_org = make_person("Buiten", orgs["zeist"], bio="tuinieren")
    assert names(None, q="inkoop") == ["Publiek"]
    assert set(names(viewer_other_org, q="inkoop")) == {"Publiek", "Ingelogd"}
    assert set(names(viewer_same_org, q="inkoop")) == {"Publiek", "Ingelogd", "Collega"}
    assert "Collega" in names(colleague_only, q="inkoop")  # one always finds oneself


def test_filters_narrow_inside_the_engine(search_backend, orgs, make_person, skills):
    make_person(
        "Utrechter",
        orgs["utrecht"],
        bio="data-analyse",
        skill_levels=[("eo-data", "expert")],
        available=True,
    )
    make_person(
        "Zeistenaar", orgs["zeist"], bio="data-analyse", skill_levels=[("eo-avg", "expert")]
    )
    make_person("Rijks", orgs["ministry"], bio="data-analyse", municipality=orgs["zeist"])
    assert names(None, q="data", skill="eo-data") == ["Utrechter"]
    assert names(
        None, q="data", skill="Publieke taken en wetgeving"
    )  # a broader skill includes its children
    assert set(names(None, q="data", skill="eo")) == {"Utrechter", "Zeistenaar"}
    assert names(None, q="data", organization="gm0355") == ["Zeistenaar"]
    assert names(None, q="data", layer="national") == ["Rijks"]
    assert set(names(None, q="data", municipality="GM0355")) == {"Zeistenaar", "Rijks"}
    assert set(names(None, q="data", province="pv26")) == {"Utrechter", "Zeistenaar", "Rijks"}
    assert names(None, q="data", available=True) == ["Utrechter"]
    assert names(None, q="", organization_kind="ministry") == ["Rijks"]


def test_results_show_matched_skills_and_escaped_passages(search_backend, orgs, make_person):
    make_person(
        "Eva",
        orgs["utrecht"],
        bio="Inkoop van jeugdhulp <script>alert(1)</script> in de regio.",
        skill_levels=[("eo-jeugdhulp", "expert"), ("eo-sport", "interested")],
    )
    result = selectors.people_search(
        viewer=None, filters=selectors.filters_from_params(q="jeugdhulp")
    ).results[0]
    assert [ps.skill.code for ps in result.matched_skills] == ["eo-jeugdhulp"]
    snippets = " ".join(snippet for _label, snippet in result.evidence)
    assert "<b>" in snippets.lower()
    assert "<script>" not in snippets


def test_deleting_an_account_removes_the_person_from_search_at_once(
    search_backend, orgs, make_person, committed
):
    leaver = make_person("Vertrekker", orgs["utrecht"], bio="Specialist Woo-verzoeken")
    assert names(None, q="Woo") == ["Vertrekker"]
    committed(user_delete, user=leaver, confirm_email=leaver.email)
    assert names(None, q="Woo") == []
    assert not Profile.objects.filter(user_id=leaver.pk).exists()


def test_changes_are_searchable_after_commit(search_backend, orgs, make_person, committed):
    person = make_person("Wisselaar", orgs["utrecht"], bio="riolering")
    from eenoverheid.people import services

    committed(
        services.profile_update, user=person, actor=person, bio="klimaatadaptatie en hittestress"
    )
    assert names(None, q="hittestress") == ["Wisselaar"]
    assert names(None, q="riolering") == []


def test_search_api_runs_a_fixed_number_of_queries(search_backend, orgs, make_person):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = Client().get("/api/v1/people", {"q": "omgevingswet"})
        assert response.status_code == 200
        return len(queries.captured_queries), response.json()["count"]

    # Enough matches that PostgreSQL's compound fallback (an extra query below ten
    # matching documents) is not asked in either case.
    for i in range(6):
        make_person(
            f"Persoon {i}",
            orgs["utrecht"],
            bio="omgevingswet",
            skill_levels=[("eo-omgevingswet", "expert")],
        )
    small, small_count = count()
    for i in range(6, 25):
        make_person(
            f"Persoon {i}", orgs["zeist"], bio="omgevingswet", skill_levels=[("eo-wonen", "expert")]
        )
    large, large_count = count()
    assert (small_count, large_count) == (6, 25)
    assert small == large


def test_people_like_this_excludes_the_person(search_backend, orgs, make_person):
    eva = make_person(
        "Eva",
        orgs["utrecht"],
        skill_levels=[("eo-jeugdhulp", "expert")],
        title="adviseur jeugdhulp",
    )
    make_person("Lookalike", orgs["zeist"], skill_levels=[("eo-jeugdhulp", "practitioner")])
    make_person("Other", orgs["zeist"], skill_levels=[("eo-sport", "expert")])
    similar = selectors.people_like(viewer=None, profile=eva.profile)
    assert [r.profile.user.name for r in similar] == ["Lookalike"]


def test_search_page_runs_a_fixed_number_of_queries(search_backend, orgs, make_person):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = Client().get("/mensen/", {"q": "omgevingswet"})
        assert response.status_code == 200
        return len(queries.captured_queries)

    for i in range(6):
        make_person(
            f"Persoon {i}",
            orgs["utrecht"],
            bio="omgevingswet",
            skill_levels=[("eo-omgevingswet", "expert")],
        )
    small = count()
    for i in range(6, 26):
        make_person(
            f"Persoon {i}", orgs["zeist"], bio="omgevingswet", skill_levels=[("eo-wonen", "expert")]
        )
    assert count() == small


def test_a_search_can_be_kept_to_some_people_and_some_kinds(search_backend, orgs, make_person):
    """What the marketplace asks of the engine: rank only its candidates' evidence, or
    only one kind of document."""
    from eenoverheid.people.selectors import viewer_filters
    from eenoverheid.search.selectors import find_experts

    eva = make_person("Eva Inkoop", orgs["utrecht"], bio="Europese aanbestedingen.")
    piet = make_person("Piet Inkoop", orgs["zeist"], bio="Aanbestedingen en contracten.")
    filters = viewer_filters(None)
    everyone = {e.owner_id for e in find_experts("aanbesteding", filters).experts}
    assert everyone == {eva.pk, piet.pk}
    filters.owners = [piet.pk]
    assert [e.owner_id for e in find_experts("aanbesteding", filters).experts] == [piet.pk]
    filters.owners = []
    assert find_experts("aanbesteding", filters).experts == []
    filters.owners, filters.kinds = None, ["skills"]  # nobody listed skills
    assert find_experts("aanbesteding", filters).experts == []
