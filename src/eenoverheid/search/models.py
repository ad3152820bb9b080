"""The evidence the platform searches: one row per piece of evidence about a person.

Every capability that holds evidence of expertise (a profile, claimed skills, and later
answers, articles, gigs, reviews, courses) registers a provider (`registry.py`) that turns
its rows into SearchDocuments. The table is the source of truth for both engines: the
PostgreSQL backend searches it directly; the tantivy backend mirrors it into its index
after every committed write.
"""

from django.conf import settings
from django.db import models


class SearchDocument(models.Model):
    key = models.CharField(max_length=120, unique=True)  # "<kind>:<id>"
    kind = models.CharField(max_length=32, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    # What the filters need, denormalized from the owner so that both engines filter
    # inside the index: space-separated tokens, with a leading and trailing space.
    organizations = models.TextField(blank=True)  # " 12 15 "
    layers = models.CharField(max_length=200, blank=True)  # " municipality regional "
    organization_kinds = models.CharField(max_length=300, blank=True)
    places = models.TextField(blank=True)  # " m344 p26 " municipality and province ids
    skills = models.TextField(blank=True)  # " 3 77 "
    available = models.BooleanField(default=False)
    visibility = models.CharField(max_length=16)  # the owner's profile visibility
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "zoekdocument"
        verbose_name_plural = "zoekdocumenten"

    def __str__(self) -> str:
        return self.key
