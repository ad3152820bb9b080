"""An e-mail backend that sends nothing itself: it queues every message for the task
worker, after the surrounding transaction commits. A slow or failing mail server never
holds up, or breaks, the request that wrote the message."""

from __future__ import annotations

import base64
from functools import partial
from typing import Any

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from eenoverheid.core.tasks import deliver_email


def serialize_message(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            payload = serialize_message(message)
            transaction.on_commit(partial(deliver_email.enqueue, message=payload))
            count += 1
        return count
