from django.contrib import admin

from eenoverheid.notifications.models import Follow


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "content_type", "object_id", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
