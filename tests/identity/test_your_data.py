"""A person's own data: one download, and deleting the account in one transaction."""

import io
import json
import zipfile

import pytest
from django.test import Client
from PIL import Image

from eenoverheid.accounts.models import User
from eenoverheid.accounts.services import user_delete
from eenoverheid.core.errors import Conflict
from eenoverheid.core.models import AuditLogEntry
from tests.conftest import bearer_client
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_zip_holds_the_data_and_the_uploaded_photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(email="sanne@example.org", name="Sanne")
    api = bearer_client(user)
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(photo, "JPEG")
    photo.seek(0)
    photo.name = "ik.jpg"
    assert api.post("/api/v1/me/profile/photo", {"photo": photo}).status_code == 200

    browser = Client()
    browser.force_login(user)
    response = browser.get("/mensen/mijn-profiel/export.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "sanne@example.org"
    photo_name = next(n for n in archive.namelist() if n.startswith("attachments/photo/"))
    assert data["attachments"] == [photo_name]
    assert archive.read(photo_name)[:2] == b"\xff\xd8"  # the JPEG itself
    assert Client().get("/mensen/mijn-profiel/export.zip").status_code == 302


def test_deleting_leaves_an_audit_record_without_personal_data():
    user = UserFactory(email="weg@example.org", name="Weg Persoon")
    user_delete(user=user, confirm_email="weg@example.org")
    assert not User.objects.filter(pk=user.pk).exists()
    entry = AuditLogEntry.objects.get(action="user.deleted")
    assert "weg" not in json.dumps(entry.changes).lower()
    assert entry.actor_id is None
    assert "Weg" not in entry.actor_repr


def test_a_challenge_lead_is_asked_to_hand_over_and_nothing_is_deleted():
    from eenoverheid.challenges.models import Challenge

    user = UserFactory(email="trekker@example.org")
    Challenge.objects.create(
        title="Droogte in Brabant",
        description="x",
        organization=OrganizationFactory(),
        lead=user,
        visibility="public",
    )
    with pytest.raises(Conflict, match="Droogte in Brabant"):
        user_delete(user=user, confirm_email=user.email)
    assert User.objects.filter(pk=user.pk).exists()
    assert not AuditLogEntry.objects.filter(action="user.deleted").exists()
