"""The core's public contract: the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from eenoverheid.core.middleware import current_client_ip
from eenoverheid.core.models import AuditLogEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditLogEntry:
    """Record that `actor` did `action` to `obj`. Runs inside the caller's transaction,
    so the entry exists exactly when the change does."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditLogEntry.objects.create(
        actor=actor if is_user else None,
        actor_repr=str(actor) if is_user else "",
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=changes or {},
        ip_address=current_client_ip(),
    )


def audit_forget_actor(*, user: Any) -> int:
    """Remove a person's name from the entries they made (GDPR), keeping the acts."""
    return AuditLogEntry.objects.filter(actor=user).update(actor=None, actor_repr="")
