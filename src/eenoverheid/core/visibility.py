"""Visibility: one mechanism for every piece of content on the platform.

Content is visible to everyone (public), to signed-in civil servants, to the members of
the community or team it belongs to, or only to its owner (private). A model opts in by
inheriting `VisibleModel` and saying who its members and owners are; lists then use
`Model.objects.visible_to(user)` and single objects `obj.is_visible_to(user)`, and both
answer from the same rule.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    SIGNED_IN = "signed_in", _("Signed-in civil servants")
    MEMBERS = "members", _("Members only")
    PRIVATE = "private", _("Only me")


def is_platform_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


class VisibilityQuerySet(models.QuerySet):
    def visible_to(self, user) -> VisibilityQuerySet:
        """Everything `user` may see; platform administrators see everything."""
        if is_platform_admin(user):
            return self
        condition = Q(visibility=Visibility.PUBLIC)
        if user is not None and user.is_authenticated and user.is_active:
            condition |= Q(visibility=Visibility.SIGNED_IN)
            condition |= Q(visibility=Visibility.MEMBERS) & self.model.members_q(user)
            condition |= self.model.owner_q(user)
        return self.filter(condition)


class VisibleModel(models.Model):
    """Abstract base for content with an explicit visibility.

    Subclasses override `members_q` (who counts as a member) and `owner_q` (who owns the
    object and therefore always sees it, private included).
    """

    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.SIGNED_IN,
        db_index=True,
    )

    objects = VisibilityQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def members_q(cls, user) -> Q:
        """Rows whose members include `user`. Without members, nobody is one."""
        return Q(pk__in=[])

    @classmethod
    def owner_q(cls, user) -> Q:
        """Rows owned by `user`, visible to them whatever their visibility."""
        return Q(pk__in=[])

    def is_visible_to(self, user) -> bool:
        return type(self)._default_manager.filter(pk=self.pk).visible_to(user).exists()
