from django.contrib import admin

from eenoverheid.datasets.models import Dataset


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "modified", "source"]
    list_filter = ["source", "publisher__kind"]
    search_fields = ["title", "identifier", "publisher__name"]
    autocomplete_fields = ["publisher"]
    filter_horizontal = ["policy_domains"]
    readonly_fields = ["created_at", "updated_at"]
