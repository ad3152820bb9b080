import pytest

from eenoverheid.accounts import services as account_services
from eenoverheid.core.models import AuditLogEntry
from eenoverheid.core.services import audit_forget_actor, audit_record

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_names_and_changes(user):
    entry = audit_record(actor=user, action="user.updated", obj=user, changes={"name": ["a", "b"]})
    entry.refresh_from_db()
    assert entry.actor == user
    assert entry.actor_repr == str(user)
    assert entry.object_id == str(user.pk)
    assert entry.changes == {"name": ["a", "b"]}


def test_services_write_the_audit_log(user):
    account_services.user_update(user=user, name="Nieuwe Naam")
    entry = AuditLogEntry.objects.get(action="user.updated")
    assert entry.changes == {"name": [entry.changes["name"][0], "Nieuwe Naam"]}


def test_no_change_writes_no_entry(user):
    account_services.user_update(user=user, name=user.name)
    assert not AuditLogEntry.objects.filter(action="user.updated").exists()


def test_forgetting_an_actor_keeps_the_act(user):
    audit_record(actor=user, action="something.done")
    assert audit_forget_actor(user=user) == 1
    entry = AuditLogEntry.objects.get(action="something.done")
    assert entry.actor is None
    assert entry.actor_repr == ""


def test_request_address_is_recorded(user_client):
    user_client.patch(
        "/api/v1/me", {"name": "Via API"}, content_type="application/json", REMOTE_ADDR="192.0.2.7"
    )
    assert AuditLogEntry.objects.get(action="user.updated").ip_address == "192.0.2.7"
