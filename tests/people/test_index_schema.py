import pytest

from eenoverheid.search.backends import get_backend
from eenoverheid.search.services import index_needs_rebuild, rebuild

pytestmark = pytest.mark.django_db


def test_an_empty_index_with_evidence_in_the_database_is_rebuilt(search_backend, orgs, make_person):
    make_person("Eva", orgs["utrecht"], bio="aanbestedingen")
    if search_backend == "postgres":
        assert not index_needs_rebuild()  # the table is the index
        return
    assert not index_needs_rebuild()
    get_backend().clear()
    assert index_needs_rebuild()
    rebuild()
    assert not index_needs_rebuild()
    assert get_backend().document_count() == 1
