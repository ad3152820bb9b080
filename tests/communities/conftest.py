# The expertise finder's fixtures, for the tests of community evidence.
from tests.people.conftest import (  # noqa: F401
    committed,
    make_person,
    orgs,
    search_backend,
    skills,
)
