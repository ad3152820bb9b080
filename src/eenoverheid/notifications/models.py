"""Follows: who wants to hear about what. One table for every kind of object a person
can follow (a challenge now; communities, people and initiatives as they arrive), so
that notifications and activity streams have one place to ask."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["user", "content_type"])]

    def __str__(self) -> str:
        return f"{self.user} -> {self.content_type.model} {self.object_id}"
