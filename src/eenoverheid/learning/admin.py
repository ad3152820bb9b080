from django.contrib import admin

from eenoverheid.learning.models import Course, CourseManager, CourseSkill, Enrolment, Session


class CourseSkillInline(admin.TabularInline):
    model = CourseSkill
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "format", "cost_kind", "status", "updated_at"]
    list_filter = ["status", "format", "cost_kind", "language"]
    search_fields = ["title", "code", "provider__name"]
    list_select_related = ["provider"]
    raw_id_fields = ["provider", "created_by"]
    inlines = [CourseSkillInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Places and cancellation change through the course pages (they move the waiting
    list and tell people); the admin reads sessions."""

    list_display = ["course", "starts_at", "capacity", "cancelled"]
    list_filter = ["cancelled"]
    search_fields = ["course__title"]
    list_select_related = ["course"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "status", "queued_at", "attended", "completed_at"]
    list_filter = ["status"]
    list_select_related = ["session__course", "user"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(CourseManager)
class CourseManagerAdmin(admin.ModelAdmin):
    list_display = ["organization", "user", "created_at"]
    raw_id_fields = ["organization", "user"]
