"""Changes to the dataset register: importing catalogues."""

from __future__ import annotations

from django.utils.translation import gettext as _

from eenoverheid.core.errors import InvalidInput, NotAllowed
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.datasets.importer import CatalogError, ImportReport, import_catalog
from eenoverheid.organizations.models import Organization
from eenoverheid.organizations.services import can_administer

MAX_BYTES = 20 * 1024 * 1024


def catalog_import(
    *, actor, content: bytes, organization: Organization | None = None, catalog: str = ""
) -> ImportReport:
    """Import a DCAT or CKAN export. A platform administrator imports any publisher's
    datasets; an organization's administrator only their own organization's."""
    if organization is None:
        if not is_platform_admin(actor):
            raise NotAllowed(_("Only platform administrators import datasets of any publisher."))
    elif not can_administer(user=actor, organization=organization):
        raise NotAllowed(_("You do not administer this organization."))
    if len(content) > MAX_BYTES:
        raise InvalidInput.for_field("file", _("The file is larger than 20 MB."), "too_large")
    try:
        report = import_catalog(content, catalog=catalog, only_publisher=organization)
    except CatalogError as exc:
        raise InvalidInput.for_field("file", str(exc), "unreadable") from exc
    audit_record(
        actor=actor,
        action="datasets.import",
        obj=organization,
        changes={
            "format": report.format,
            "created": report.created,
            "updated": report.updated,
            "rejected": len(report.rejected),
        },
    )
    return report
