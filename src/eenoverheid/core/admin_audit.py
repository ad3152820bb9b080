"""Changes made in the management pages go into the platform's audit log too."""

from __future__ import annotations

from django.contrib import admin

from eenoverheid.core.services import audit_record


def _changed_fields(message) -> list[str]:
    """The field labels in Django's change message (a list of dicts, or a string)."""
    if not isinstance(message, list):
        return []
    return [f for item in message for f in item.get("changed", {}).get("fields", [])]


class AuditedModelAdmin(admin.ModelAdmin):
    def log_addition(self, request, obj, message):
        audit_record(actor=request.user, action="admin.added", obj=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            actor=request.user,
            action="admin.changed",
            obj=obj,
            changes={"fields": _changed_fields(message)},
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action="admin.deleted", obj=obj)
        return super().log_deletions(request, queryset)
