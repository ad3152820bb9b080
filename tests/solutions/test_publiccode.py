"""publiccode.yml: the standard's own examples import; broken files are refused with
every problem named by its field; what the catalogue writes reads back as valid."""

from pathlib import Path

import pytest
import yaml

import eenoverheid.solutions
from eenoverheid.core.errors import InvalidInput
from eenoverheid.solutions import publiccode, services
from eenoverheid.solutions.models import Adoption, Solution
from tests.solutions.test_services import solution_input

DATA = Path(eenoverheid.solutions.__file__).parent / "data"


@pytest.mark.parametrize("name", ["example.publiccode.yml", "example.publiccode.minimal.yml"])
def test_the_standards_own_examples_are_valid(name):
    parsed, errors = publiccode.parse((DATA / name).read_text())
    assert errors == []
    assert parsed.name == "Medusa"
    assert parsed.licence == "AGPL-3.0-or-later"
    assert parsed.status == "development"
    assert parsed.source_url == "https://example.com/italia/medusa.git"
    assert len(parsed.summary) <= 150


def test_every_problem_is_named_by_its_field():
    data = yaml.safe_load((DATA / "example.publiccode.yml").read_text())
    del data["name"]
    data["developmentStatus"] = "almost-done"
    data["url"] = "not a url"
    data["description"]["en"]["shortDescription"] = "x" * 151
    data["description"]["en"]["longDescription"] = "te kort"
    data["maintenance"] = {"type": "community"}
    data["localisation"]["localisationReady"] = "yes"
    data["releaseDate"] = "15-04-2017"
    _parsed, errors = publiccode.parse(yaml.safe_dump(data))
    assert sorted(e.name for e in errors) == sorted(
        [
            "name",
            "developmentStatus",
            "url",
            "description.en.shortDescription",
            "description.en.longDescription",
            "maintenance.contacts",
            "localisation.localisationReady",
            "releaseDate",
        ]
    )
    assert {e.code for e in errors if e.name == "name"} == {"required"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [("name: [unclosed", "YAML"), ("- a\n- b\n", "mapping"), ("", "mapping")],
)
def test_what_is_not_a_publiccode_file(text, reason):
    _parsed, errors = publiccode.parse(text)
    assert [e.name for e in errors] == ["publiccode"]
    assert reason in errors[0].reason


def test_import_records_the_register_organizations_it_names(world):
    text = (
        (DATA / "example.publiccode.yml")
        .read_text()
        .replace("  - Comune di Firenze", "  - Gemeente B\n  - Waterschap C")
    )
    made, users = services.solution_import(actor=world["alma"], owner=world["a"], text=text)
    assert made.name == "Medusa"
    assert made.publiccode == text
    assert sorted(o.code for o in users) == ["gm9302", "ws0901"]
    assert made.adopter_count == 2
    assert made.documentation_url == "https://read.the.documentation/medusa/v1.0"


def test_a_broken_file_imports_nothing(world):
    with pytest.raises(InvalidInput) as caught:
        services.solution_import(
            actor=world["alma"], owner=world["a"], text="name: Alleen een naam\n"
        )
    names = {p.name for p in caught.value.invalid_params}
    assert {"url", "platforms", "legal", "maintenance", "description"} <= names
    assert not Solution.objects.exists()
    assert not Adoption.objects.exists()


def test_the_export_is_a_valid_file_that_imports_again(world):
    made = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    services.adoption_set(actor=world["bea"], solution=made, organization=world["b"])
    text = publiccode.export(made, used_by=["Gemeente B"], page_url="https://example.org/x")
    parsed, errors = publiccode.parse(text)
    assert errors == []
    assert parsed.name == "Formulierenbouwer"
    assert parsed.licence == "EUPL-1.2"
    again, users = services.solution_import(actor=world["cas"], owner=world["c"], text=text)
    assert [o.code for o in users] == ["gm9302"]
    assert again.status == "in_use"
