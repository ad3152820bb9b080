from django.contrib import admin

from eenoverheid.marketplace.models import (
    Application,
    ApplicationEvent,
    Endorsement,
    Feedback,
    Opportunity,
    OpportunitySkill,
    Recruiter,
    ReleasePolicy,
    SavedSearch,
)


class OpportunitySkillInline(admin.TabularInline):
    model = OpportunitySkill
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organization", "status", "closing_date", "published_at"]
    list_filter = ["status", "kind", "work_mode", "visibility"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization", "municipality", "team", "created_by"]
    date_hierarchy = "published_at"
    inlines = [OpportunitySkillInline]


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["status", "actor", "note", "created_at"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Steps change through the pages and the API (they move points and places and tell
    people); the admin reads applications."""

    list_display = ["opportunity", "applicant", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["opportunity__title", "applicant__email", "applicant__name"]
    list_select_related = ["opportunity", "applicant"]
    readonly_fields = [f.name for f in Application._meta.fields]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False


@admin.register(Recruiter)
class RecruiterAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "created_at"]
    search_fields = ["user__email", "organization__name"]
    raw_id_fields = ["user", "organization"]


@admin.register(ReleasePolicy)
class ReleasePolicyAdmin(admin.ModelAdmin):
    list_display = ["organization", "required", "updated_at"]
    raw_id_fields = ["organization"]


admin.site.register(Feedback, list_display=["application", "author", "rating", "created_at"])
admin.site.register(
    Endorsement,
    list_display=["user", "skill", "organization", "created_at"],
    raw_id_fields=["user", "skill", "application", "organization", "endorsed_by"],
)
admin.site.register(
    SavedSearch, list_display=["name", "user", "notify", "created_at"], raw_id_fields=["user"]
)
