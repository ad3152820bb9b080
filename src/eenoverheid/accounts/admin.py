from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from eenoverheid.accounts.models import (
    ApiToken,
    IdentityProvider,
    IdentityProviderDomain,
    ScimToken,
    ScimUser,
    User,
)
from eenoverheid.core.admin_audit import AuditedModelAdmin
from eenoverheid.organizations.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    readonly_fields = ["source", "created_at"]


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "preferred_language"]
    search_fields = ["email", "name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal"), {"fields": ("name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "prefix", "user", "scope", "created_at", "expires_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "prefix", "secret_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # tokens are shown once at creation: create them with `eenoverheid token`


class IdentityProviderDomainInline(admin.TabularInline):
    model = IdentityProviderDomain
    extra = 0


@admin.register(IdentityProvider)
class IdentityProviderAdmin(AuditedModelAdmin):
    """Read here, changed on the organization's sign-in page (which keeps allauth's
    SocialApp in step and checks the domains)."""

    list_display = ["name", "organization", "issuer", "client_id", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "issuer", "organization__name", "domains__domain"]
    readonly_fields = [
        "organization",
        "app",
        "name",
        "issuer",
        "client_id",
        "scopes",
        "email_claim",
        "name_claim",
        "uid_claim",
        "created_at",
        "updated_at",
    ]
    inlines = [IdentityProviderDomainInline]

    def has_add_permission(self, request):
        return False


@admin.register(ScimToken)
class ScimTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "prefix", "organization", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "prefix", "organization__name"]
    readonly_fields = [
        "organization",
        "name",
        "prefix",
        "secret_hash",
        "created_by",
        "created_at",
        "last_used_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(ScimUser)
class ScimUserAdmin(AuditedModelAdmin):
    list_display = ["user_name", "user", "organization", "external_id", "updated_at"]
    search_fields = ["user_name", "external_id", "user__email", "organization__name"]
    readonly_fields = ["organization", "user", "user_name", "external_id", "document", "version"]

    def has_add_permission(self, request):
        return False
