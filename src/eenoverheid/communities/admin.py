from django.contrib import admin

from eenoverheid.communities.models import (
    Community,
    CommunityMembership,
    Document,
    DocumentVersion,
    Post,
    Thread,
)


class MembershipInline(admin.TabularInline):
    model = CommunityMembership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "join_policy", "parent", "last_activity_at"]
    list_filter = ["kind", "join_policy"]
    search_fields = ["name", "slug", "description"]
    raw_id_fields = ["parent", "created_by"]
    filter_horizontal = ["topics"]
    inlines = [MembershipInline]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "community",
        "kind",
        "visibility",
        "pinned",
        "closed",
        "hidden",
        "reply_count",
    ]
    list_filter = ["kind", "visibility", "pinned", "closed", "hidden"]
    search_fields = ["title", "community__name"]
    raw_id_fields = ["community", "author", "accepted_post"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["thread", "author", "created_at", "edited_at", "hidden"]
    list_filter = ["hidden"]
    search_fields = ["body", "thread__title"]
    raw_id_fields = ["thread", "author", "quote_of"]


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    raw_id_fields = ["uploaded_by"]
    readonly_fields = ["number", "original_name", "content_type", "size", "created_at"]
    extra = 0


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "visibility", "download_count", "hidden"]
    list_filter = ["visibility", "hidden"]
    search_fields = ["title", "community__name"]
    raw_id_fields = ["community", "created_by"]
    inlines = [VersionInline]
