from django.contrib import admin

from eenoverheid.core.admin_audit import AuditedModelAdmin
from eenoverheid.organizations.models import EmailDomain, Membership, Organization


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "layer", "code", "is_active"]
    list_filter = ["layer", "kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    inlines = [EmailDomainInline]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "organization", "role", "source", "created_at"]
    list_filter = ["role", "source"]
    search_fields = ["user__email", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]
