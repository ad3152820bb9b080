from django.conf import settings
from django.db import models
from django.db.models import Q

from eenoverheid.core.visibility import VisibleModel


class Note(VisibleModel):
    """A note with an owner and members, the smallest shape of shared content."""

    title = models.CharField(max_length=100)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @classmethod
    def members_q(cls, user):
        return Q(members=user)

    @classmethod
    def owner_q(cls, user):
        return Q(owner=user)
