from django.contrib import admin

from eenoverheid.core.admin_audit import AuditedModelAdmin
from eenoverheid.organizations.models import (
    Coverage,
    EmailDomain,
    Membership,
    Organization,
    Participation,
    PolicyDomain,
    PolicyDomainOverride,
    Team,
)
from eenoverheid.organizations.services import organization_domains_refresh


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0


class PolicyDomainOverrideInline(admin.TabularInline):
    model = PolicyDomainOverride
    extra = 0


class CoverageInline(admin.TabularInline):
    """Areas stated by hand; the import keeps them (basis `manual`)."""

    model = Coverage
    fk_name = "organization"
    extra = 0
    raw_id_fields = ["municipality"]
    verbose_name_plural = "Area (municipalities)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality")


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "layer", "code", "province", "is_active"]
    list_filter = ["layer", "kind", "is_active", "area_scope"]
    search_fields = ["name", "short_name", "code", "cbs_code", "oin"]
    list_select_related = ["province"]
    raw_id_fields = ["parent", "province"]
    readonly_fields = ["source_id", "updated_at"]
    inlines = [EmailDomainInline, PolicyDomainOverrideInline, CoverageInline]
    list_per_page = 50

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        organization_domains_refresh([form.instance.pk])


@admin.register(Participation)
class ParticipationAdmin(AuditedModelAdmin):
    list_display = ["participant_name", "joint_body", "joined_on", "left_on"]
    search_fields = ["participant_name", "joint_body__name"]
    raw_id_fields = ["joint_body", "participant"]
    list_select_related = ["joint_body"]


@admin.register(PolicyDomain)
class PolicyDomainAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "name_en", "parent"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["parent"]


@admin.register(Team)
class TeamAdmin(AuditedModelAdmin):
    list_display = ["name", "organization", "created_at"]
    search_fields = ["name", "organization__name"]
    raw_id_fields = ["organization", "members"]
    list_select_related = ["organization"]


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "organization", "role", "source", "created_at"]
    list_filter = ["role", "source"]
    search_fields = ["user__email", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]
