from django.contrib import admin

from eenoverheid.core.admin_audit import AuditedModelAdmin
from eenoverheid.solutions.models import (
    Adoption,
    Commitment,
    Idea,
    IdeaComment,
    JointInitiative,
    Solution,
    Standard,
)


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0
    autocomplete_fields = ["organization"]
    raw_id_fields = ["contact", "created_by"]


@admin.register(Solution)
class SolutionAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "owner", "status", "adopter_count", "visibility", "updated_at"]
    list_filter = ["kind", "status", "cost_model", "visibility"]
    search_fields = ["name", "summary", "owner__name"]
    autocomplete_fields = ["owner"]
    raw_id_fields = ["contact", "created_by"]
    filter_horizontal = ["policy_domains", "standards"]
    readonly_fields = ["adopter_count", "created_at", "updated_at"]
    inlines = [AdoptionInline]


@admin.register(Standard)
class StandardAdmin(AuditedModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    # Points move only through the services (reserve, pay, release): read-only here.
    readonly_fields = [
        "organization",
        "euros",
        "hours",
        "points",
        "status",
        "reservation",
        "transfer",
        "created_by",
        "created_at",
        "ended_at",
    ]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(JointInitiative)
class JointInitiativeAdmin(AuditedModelAdmin):
    list_display = [
        "title",
        "lead",
        "phase",
        "euros_needed",
        "hours_needed",
        "points_needed",
        "created_at",
    ]
    list_filter = ["phase", "visibility"]
    search_fields = ["title", "goal", "lead__name"]
    autocomplete_fields = ["lead"]
    raw_id_fields = ["proposed_by", "idea", "solution", "province"]
    filter_horizontal = ["policy_domains"]
    # The phase moves through the services, which pay and release points with it.
    readonly_fields = ["phase", "phase_note", "phase_changed_at", "created_at", "updated_at"]
    inlines = [CommitmentInline]


class IdeaCommentInline(admin.TabularInline):
    model = IdeaComment
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Idea)
class IdeaAdmin(AuditedModelAdmin):
    list_display = ["title", "status", "vote_count", "comment_count", "visibility", "created_at"]
    list_filter = ["status", "visibility"]
    search_fields = ["title", "body"]
    raw_id_fields = ["author", "merged_into"]
    filter_horizontal = ["policy_domains"]
    readonly_fields = ["vote_count", "comment_count", "created_at", "updated_at"]
    inlines = [IdeaCommentInline]
