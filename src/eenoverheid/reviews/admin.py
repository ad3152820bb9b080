"""The admin shows who asked whom, the status and the points, for support; never the
document or the review (they are confidential to the requester, the reviewer and their
readers), and it changes nothing: every step, and every point, goes through the services."""

from django.contrib import admin

from eenoverheid.reviews.models import Rating, ReviewRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "organization",
        "reviewer_organization",
        "status",
        "deadline",
        "points",
        "created_at",
    ]
    list_filter = ["status", "feedback_kind", "other_organization_only"]
    search_fields = ["title", "organization__name", "requester__email", "reviewer__email"]
    list_select_related = ["organization", "reviewer_organization"]
    fields = [
        "title",
        "requester",
        "organization",
        "reviewer",
        "reviewer_organization",
        "status",
        "deadline",
        "points",
        "other_organization_only",
        "reservation",
        "payment",
        "created_at",
        "submitted_at",
        "closed_at",
    ]
    readonly_fields = fields


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["request", "rater", "rated", "score", "created_at"]
    list_select_related = ["request", "rater", "rated"]
