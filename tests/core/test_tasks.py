"""E-mail goes through the real database task backend and its worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
}


@override_settings(TASKS=DB_TASKS)
def test_mail_is_queued_then_delivered_by_the_worker():
    msg = mail.EmailMultiAlternatives("Onderwerp", "Tekst", to=["a@example.org"])
    msg.attach_alternative("<p>Tekst</p>", "text/html")
    msg.attach("bijlage.txt", "inhoud", "text/plain")
    msg.send()
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    [delivered] = mail.outbox
    assert delivered.to == ["a@example.org"]
    assert delivered.alternatives[0][0] == "<p>Tekst</p>"
    assert delivered.attachments[0][:2] == ("bijlage.txt", "inhoud")


@override_settings(TASKS=DB_TASKS)
def test_mail_in_a_rolled_back_transaction_is_never_queued():
    from django.db import transaction

    def write_then_fail():
        with transaction.atomic():
            mail.send_mail("x", "y", None, ["a@example.org"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert not DBTaskResult.objects.exists()
