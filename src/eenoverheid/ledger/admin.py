from django.contrib import admin

from eenoverheid.ledger.models import Account, Reservation, Transfer


class ReadOnlyAdmin(admin.ModelAdmin):
    """Points move only through the ledger's services (with their locks, limits and
    idempotency keys); the admin reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "currency", "balance", "reserved", "credit_limit"]
    list_filter = ["kind", "currency"]
    search_fields = ["organization__name", "user__email", "system_name"]


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "source", "target", "amount", "reason", "reference"]
    list_filter = ["reason"]
    search_fields = ["reference", "memo", "idempotency_key"]
    list_select_related = ["source__organization", "target__organization"]


@admin.register(Reservation)
class ReservationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "account", "amount", "reason", "status", "reference"]
    list_filter = ["status", "reason"]
