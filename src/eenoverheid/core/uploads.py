"""Checks on uploaded documents, shared by every app that stores files people send
(community files, documents for peer review): an accepted kind, not empty, not too
large, and the first bytes matching what the name claims."""

from __future__ import annotations

import mimetypes

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from eenoverheid.core.errors import InvalidInput

ALLOWED_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
OFFICE = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}


def check_document(upload: UploadedFile, *, max_bytes: int, field: str = "file") -> tuple[str, str]:
    """The file's own name (without any folder) and its content type, or InvalidInput
    naming `field`."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise InvalidInput.for_field(
            field,
            _("This kind of file is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(sorted(e.lstrip(".") for e in ALLOWED_EXTENSIONS))},
            "file_type",
        )
    if upload.size is None or upload.size > max_bytes:
        raise InvalidInput.for_field(
            field,
            _("The file is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            "too_large",
        )
    if upload.size == 0:
        raise InvalidInput.for_field(field, _("The file is empty."), "empty")
    head = upload.read(8)
    upload.seek(0)
    if extension == ".pdf" and not head.startswith(b"%PDF"):
        raise InvalidInput.for_field(field, _("This is not a PDF file."), "file_type")
    if extension in OFFICE and not head.startswith(b"PK"):
        raise InvalidInput.for_field(field, _("This is not an office document."), "file_type")
    return name, ALLOWED_EXTENSIONS[extension] or (
        mimetypes.guess_type(name)[0] or "application/octet-stream"
    )


def private_download(field, name: str, content_type: str) -> FileResponse:
    """A stored file as a download that browsers and proxies neither sniff nor keep."""
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
