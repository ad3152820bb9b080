"""Background work of the core: delivering e-mail."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


@task(queue_name="email")
def deliver_email(*, message: dict[str, Any]) -> int:
    """Hand one serialized message to the real e-mail backend. Returns the number sent."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    for filename, content_b64, mimetype in message["attachments"]:
        email.attach(filename, base64.b64decode(content_b64), mimetype)
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    return connection.send_messages([email])
