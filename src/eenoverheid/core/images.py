"""Checking uploaded images before they are stored."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from eenoverheid.core.errors import InvalidInput


def check_image(
    upload: UploadedFile,
    *,
    field: str,
    max_bytes: int,
    formats: set[str],
    too_large: str,
    wrong_type: str,
) -> None:
    """Refuse an upload that is too large or that Pillow does not recognise as one of
    `formats` (whatever its name or declared type says), with the field named."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > max_bytes:
        raise InvalidInput.for_field(field, too_large, "too_large")
    try:
        with Image.open(upload) as image:
            image.verify()
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise InvalidInput.for_field(field, wrong_type, "invalid_image") from exc
    if image_format not in formats:
        raise InvalidInput.for_field(field, wrong_type, "invalid_image")
    upload.seek(0)
