"""The register of datasets that government organizations publish (DCAT-AP metadata)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eenoverheid.datasets.themes import theme_label
from eenoverheid.organizations.models import Organization, PolicyDomain


class DatasetSource(models.TextChoices):
    IMPORT = "import", _("Imported catalogue")
    DEMO = "demo", _("Demo data")


class Dataset(models.Model):
    """One dataset (dcat:Dataset). Metadata is public by nature: a dataset's description
    is what its publisher offers to everyone, whatever its licence."""

    identifier = models.CharField(_("identifier"), max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=300, db_index=True)
    description = models.TextField(_("description"), blank=True)
    publisher = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="datasets",
        verbose_name=_("publisher"),
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    policy_domains = models.ManyToManyField(
        PolicyDomain, blank=True, related_name="+", verbose_name=_("policy domains")
    )
    licence = models.CharField(_("licence"), max_length=300, blank=True)
    formats = models.JSONField(_("formats"), default=list, blank=True)
    landing_page = models.URLField(_("landing page"), max_length=1000, blank=True)
    access_url = models.URLField(_("access URL"), max_length=1000, blank=True)
    issued = models.DateField(_("issued"), null=True, blank=True)
    modified = models.DateField(_("modified"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=DatasetSource.choices, default=DatasetSource.IMPORT
    )
    catalog = models.CharField(_("catalogue"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["publisher", "title"])]

    def __str__(self) -> str:
        return self.title

    @property
    def theme_labels(self) -> list[str]:
        language = get_language() or "nl"
        return [theme_label(uri, language) for uri in self.themes]

    @property
    def link(self) -> str:
        return self.landing_page or self.access_url
