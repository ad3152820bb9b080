"""The pages of peer review: asking with an upload, the path through the detail page
for each side, confidentiality, empty states and Dutch text."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from eenoverheid.reviews.models import ReviewRequest, Status
from tests.reviews.conftest import ask, available

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_asking_on_the_page_with_an_upload(world):
    anna = signed_in(world["anna"])
    form = anna.get(reverse("reviews:create"))
    assert form.status_code == 200
    key = form.context["form"]["idempotency_key"].initial
    data = {
        "title": "Nota warmtetransitie",
        "feedback_kind": "content",
        "feedback_wanted": "Klopt de redenering?",
        "deadline": (timezone.localdate() + dt.timedelta(days=9)).isoformat(),
        "points": "60",
        "organization": str(world["a"].pk),
        "other_organization_only": "on",
        "skill_1": str(world["policy"].pk),
        "idempotency_key": key,
    }
    for _ in range(2):  # a double click asks once
        response = anna.post(
            reverse("reviews:create"),
            {**data, "document": SimpleUploadedFile("nota.pdf", b"%PDF-1.7 x", "application/pdf")},
        )
        assert response.status_code == 302
    request = ReviewRequest.objects.get()
    assert response["Location"] == reverse("reviews:detail", args=[request.pk])
    assert available(world["a"]) == 940
    page = anna.get(response["Location"]).content.decode()
    assert "nota.pdf" in page
    assert "Bram" in page
    document = anna.get(reverse("reviews:document", args=[request.pk]))
    assert document.status_code == 200
    assert (
        signed_in(world["carla"]).get(reverse("reviews:document", args=[request.pk])).status_code
        == 404
    )


def test_an_error_is_shown_next_to_the_field(world):
    anna = signed_in(world["anna"])
    response = anna.post(
        reverse("reviews:create"),
        {
            "title": "Nota",
            "feedback_kind": "content",
            "feedback_wanted": "Alles",
            "deadline": (timezone.localdate() + dt.timedelta(days=9)).isoformat(),
            "points": "60",
            "organization": str(world["a"].pk),
            "idempotency_key": "k",
        },
    )
    assert response.status_code == 200
    assert "document" in response.context["form"].errors
    assert ReviewRequest.objects.count() == 0


def test_the_path_on_the_pages(world):
    request = ask(world)
    detail = reverse("reviews:detail", args=[request.pk])
    action = reverse("reviews:action", args=[request.pk])
    bram, anna = signed_in(world["bram"]), signed_in(world["anna"])
    assert 'value="volunteer"' in bram.get(detail).content.decode()
    bram.post(action, {"action": "volunteer", "message": "Graag"})
    anna.post(action, {"action": "pick", "user": str(world["bram"].pk)})
    bram.post(action, {"action": "accept_assignment"})
    bram.post(
        action,
        {
            "action": "submit",
            "text": "Heldere nota; de kosten missen de btw.",
            "file": SimpleUploadedFile("notities.txt", b"p. 3", "text/plain"),
        },
    )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    page = anna.get(detail).content.decode()
    assert "de kosten missen de btw" in page
    anna.post(action, {"action": "revision", "note": "Graag ook de risico's."})
    bram.post(action, {"action": "submit", "text": "Risico's staan nu in paragraaf 4."})
    anna.post(action, {"action": "accept_review"})
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert available(world["b"]) == 100
    anna.post(action, {"action": "rate", "score": "5", "comment": "Scherp"})
    assert request.ratings.count() == 1
    # Outsiders: the request is no longer open, so it does not exist for them.
    assert signed_in(world["carla"]).get(detail).status_code == 404
    assert Client().get(detail).status_code == 302


def test_an_outsider_cannot_act(world):
    request = ask(world, invite_user_id=world["bram"].pk)
    carla = signed_in(world["carla"])
    response = carla.post(reverse("reviews:action", args=[request.pk]), {"action": "withdraw"})
    assert response.status_code == 404
    bram = signed_in(world["bram"])
    bram.post(reverse("reviews:action", args=[request.pk]), {"action": "withdraw"}, follow=True)
    request.refresh_from_db()
    assert request.status == Status.ASKED


def test_lists_and_empty_states_in_dutch(world):
    carla = signed_in(world["carla"])
    with translation.override("nl"):
        page = carla.get(reverse("reviews:list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Collegiale toetsing" in page
    ask(world)
    listed = carla.get(reverse("reviews:list")).context["page"].object_list
    assert len(listed) == 1
    mine = carla.get(reverse("reviews:list"), {"toon": "mijn"})
    assert list(mine.context["page"].object_list) == []
    assert Client().get(reverse("reviews:list")).status_code == 302
