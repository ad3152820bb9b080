from django.contrib import admin

from eenoverheid.workplaces.models import (
    BlockedDay,
    Booking,
    FacilityManager,
    Location,
    LocationPhoto,
    Unit,
)


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = ["kind", "name", "capacity", "facilities", "is_active", "position"]


class BlockedDayInline(admin.TabularInline):
    model = BlockedDay
    extra = 0


class PhotoInline(admin.TabularInline):
    model = LocationPhoto
    extra = 0


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "organization", "access", "is_active"]
    list_filter = ["access", "is_active", "check_in_required"]
    search_fields = ["name", "city", "street_address", "organization__name"]
    raw_id_fields = ["organization", "municipality", "created_by"]
    filter_horizontal = ["allowed_organizations"]
    inlines = [UnitInline, BlockedDayInline, PhotoInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are made and cancelled through the platform's rules (the pages and the
    API), which keep places from being overbooked; the admin only reads them."""

    list_display = ["date", "part", "unit", "user", "status", "checked_in_at"]
    list_filter = ["status", "part", "date"]
    search_fields = ["user__email", "unit__name", "unit__location__name"]
    date_hierarchy = "date"
    list_select_related = ["unit__location", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FacilityManager)
class FacilityManagerAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "created_at"]
    search_fields = ["user__email", "organization__name"]
    raw_id_fields = ["user", "organization"]
