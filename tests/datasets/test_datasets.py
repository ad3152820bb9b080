"""The dataset register: DCAT and CKAN imports with per-row rejection, permissions,
search."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from eenoverheid.core.errors import InvalidInput, NotAllowed
from eenoverheid.datasets import services
from eenoverheid.datasets.importer import import_catalog
from eenoverheid.datasets.models import Dataset
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure, policy_domains_sync
from tests.conftest import bearer_client

OWMS = "http://standaarden.overheid.nl/owms/terms/"


@pytest.fixture
def publishers(db):
    policy_domains_sync()
    utrecht = Organization.objects.create(
        code="gm0344",
        name="Gemeente Utrecht",
        kind="municipality",
        layer="municipality",
        tooi_uri="https://identifier.overheid.nl/tooi/id/gemeente/gm0344",
    )
    water = Organization.objects.create(
        code="ws0155",
        name="Hoogheemraadschap De Stichtse Rijnlanden",
        kind="water_board",
        layer="water_board",
    )
    return {"utrecht": utrecht, "water": water}


DCAT = {
    "@context": {"dct": "http://purl.org/dc/terms/", "dcat": "http://www.w3.org/ns/dcat#"},
    "@graph": [
        {
            "@id": "https://data.example/catalog",
            "@type": "dcat:Catalog",
            "dcat:dataset": ["https://data.example/bomen", "https://data.example/peil"],
        },
        {
            "@id": "https://data.example/bomen",
            "@type": "dcat:Dataset",
            "dct:title": [
                {"@value": "Trees", "@language": "en"},
                {"@value": "Bomen", "@language": "nl"},
            ],
            "dct:publisher": {"@id": "https://identifier.overheid.nl/tooi/id/gemeente/gm0344"},
            "dcat:theme": [{"@id": OWMS + "Natuur_en_milieu"}],
            "dcat:keyword": ["bomen", "groen"],
            "dcat:distribution": [
                {
                    "dct:format": {
                        "@id": "http://publications.europa.eu/resource/authority/file-type/CSV"
                    },
                    "dcat:accessURL": {"@id": "https://data.example/bomen.csv"},
                }
            ],
            "dct:modified": "2026-03-01",
        },
        {
            "@id": "https://data.example/peil",
            "@type": "dcat:Dataset",
            "http://purl.org/dc/terms/title": "Peilgebieden",
            "dct:publisher": {"foaf:name": "Hoogheemraadschap De Stichtse Rijnlanden"},
            "dcat:theme": {"@id": OWMS + "Water"},
        },
        {
            "@id": "https://data.example/nameless",
            "@type": "dcat:Dataset",
            "dct:publisher": {"@id": "gm0344"},
        },
        {
            "@id": "https://data.example/unknown",
            "@type": "dcat:Dataset",
            "dct:title": "X",
            "dct:publisher": {"@id": "https://identifier.overheid.nl/tooi/id/gemeente/gm9999"},
        },
    ],
}

CKAN = {
    "success": True,
    "result": {
        "count": 2,
        "results": [
            {
                "id": "ckan-1",
                "name": "jeugdhulp-utrecht",
                "title": "Jeugdhulp Utrecht",
                "notes": "Jeugdhulpgebruik per wijk",
                "organization": {"title": "Gemeente Utrecht", "name": "gemeente-utrecht"},
                "license_id": "cc-zero",
                "tags": [{"name": "jeugd"}],
                "theme": ["Jeugdzorg"],
                "resources": [{"format": "csv", "url": "https://example.org/j.csv"}],
            },
            {"id": "ckan-2", "title": "", "organization": {"title": "Gemeente Utrecht"}},
        ],
    },
}


def test_dcat_import_keeps_the_good_rows_and_says_why_the_others_failed(publishers):
    report = import_catalog(json.dumps(DCAT))
    assert report.format == "dcat"
    assert report.created == 2
    assert [(r.row, r.reason.split(" (")[0]) for r in report.rejected] == [
        (3, "The dataset has no title."),
        (4, "The publisher is not in the organization register"),
    ]
    trees = Dataset.objects.get(identifier="https://data.example/bomen")
    assert trees.title == "Bomen"  # Dutch preferred
    assert trees.publisher == publishers["utrecht"]
    assert trees.formats == ["CSV"]
    assert {d.code for d in trees.policy_domains.all()} == {"7.4", "P.1"}
    assert Dataset.objects.get(title="Peilgebieden").publisher == publishers["water"]


def test_importing_again_updates_instead_of_doubling(publishers):
    import_catalog(DCAT)
    again = import_catalog(DCAT)
    assert (again.created, again.updated) == (0, 2)
    assert Dataset.objects.count() == 2


def test_ckan_export(publishers):
    report = import_catalog(json.dumps(CKAN).encode())
    assert report.format == "ckan"
    assert report.created == 1
    assert report.rejected[0].row == 2
    dataset = Dataset.objects.get(identifier="ckan-1")
    assert dataset.formats == ["CSV"]
    assert {d.code for d in dataset.policy_domains.all()} == {"6.72", "6.82"}


def test_an_unreadable_file_is_a_clear_error(publishers, admin_user):
    with pytest.raises(InvalidInput) as exc:
        services.catalog_import(actor=admin_user, content=b"{not json")
    assert exc.value.invalid_params[0].name == "file"


def test_an_organization_administrator_imports_only_their_own(publishers, user):
    with pytest.raises(NotAllowed):
        services.catalog_import(actor=user, content=json.dumps(DCAT).encode())
    with pytest.raises(NotAllowed):
        services.catalog_import(
            actor=user, content=json.dumps(DCAT).encode(), organization=publishers["utrecht"]
        )
    membership_ensure(user=user, organization=publishers["utrecht"], role=MembershipRole.ADMIN)
    report = services.catalog_import(
        actor=user, content=json.dumps(DCAT).encode(), organization=publishers["utrecht"]
    )
    assert report.created == 1
    assert any("not by Gemeente Utrecht" in r.reason for r in report.rejected)


def test_api_import_and_search(publishers, admin_user, user):
    upload = SimpleUploadedFile("catalogus.json", json.dumps(DCAT).encode(), "application/json")
    forbidden = bearer_client(user).post("/api/v1/datasets/import", {"file": upload})
    assert forbidden.status_code == 403
    upload.seek(0)
    response = bearer_client(admin_user).post("/api/v1/datasets/import", {"file": upload})
    assert response.status_code == 200
    assert response.json()["created"] == 2
    anonymous = Client()
    found = anonymous.get("/api/v1/datasets", {"theme": "Water"}).json()
    assert [d["title"] for d in found["results"]] == ["Peilgebieden"]
    found = anonymous.get("/api/v1/datasets", {"policy_domain": "7"}).json()
    assert [d["title"] for d in found["results"]] == ["Bomen"]
    found = anonymous.get("/api/v1/datasets", {"publisher": "gm0344", "format": "csv"}).json()
    assert found["count"] == 1
    bad = anonymous.get("/api/v1/datasets", {"theme": "nonsense", "publisher": "xx"})
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"theme", "publisher"}
    assert anonymous.get("/datasets/").status_code == 200
    dataset = Dataset.objects.get(title="Bomen")
    assert "Gemeente Utrecht" in anonymous.get(f"/datasets/{dataset.pk}/").content.decode()
    assert anonymous.get("/datasets/999999/").status_code == 404
