from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from eenoverheid.core.admin_audit import AuditedModelAdmin
from eenoverheid.core.errors import DomainError
from eenoverheid.people import services
from eenoverheid.people.models import Profile, ProfileSkill, Skill, SkillStatus
from eenoverheid.search.services import documents_refresh


@admin.register(Skill)
class SkillAdmin(AuditedModelAdmin):
    """Curating the taxonomy: names, synonyms, the tree, and proposals to review."""

    list_display = ["name", "name_en", "code", "parent", "source", "status"]
    list_filter = ["status", "source"]
    search_fields = ["name", "name_en", "code", "synonyms"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent", "proposed_by"]
    readonly_fields = ["created_at"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve the selected proposed skills"))
    def approve(self, request, queryset):
        self._review(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected proposed skills"))
    def reject(self, request, queryset):
        self._review(request, queryset, approve=False)

    def _review(self, request, queryset, *, approve):
        done = 0
        for skill in queryset.filter(status=SkillStatus.PROPOSED):
            try:
                services.skill_review(skill=skill, actor=request.user, approve=approve)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{skill}: {exc.detail}", messages.ERROR)
        self.message_user(request, _("%(n)s skills reviewed.") % {"n": done})


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Profile)
class ProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "job_title", "visibility", "available", "updated_at"]
    list_filter = ["visibility", "available"]
    search_fields = ["user__email", "user__name", "job_title"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "work_municipality"]
    inlines = [ProfileSkillInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        documents_refresh([form.instance.user_id])
