"""`/api/v1/me/notifications`: one's notifications and the e-mail digest setting."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.notifications import services
from eenoverheid.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class ReadIn(InputSchema):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(None, max_length=1000)


class CountOut(Schema):
    unread: int


class DigestIn(InputSchema):
    digest: Literal["never", "daily", "weekly"]


class DigestOut(Schema):
    digest: str


@router.get(
    "/me/notifications",
    response={200: list[NotificationOut], 401: Problem},
    auth=auth.REQUIRED,
    summary="My notifications, newest first",
)
@paginate
def notification_list(request):
    return Notification.objects.filter(user=request.user)


@router.post(
    "/me/notifications/read",
    response={200: CountOut, 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="Mark some (ids) or all notifications as read",
)
def notification_read(request, payload: ReadIn):
    services.mark_read(user=request.user, notification_ids=payload.ids)
    return {"unread": services.unread_count(request.user)}


@router.put(
    "/me/notification-settings",
    response={200: DigestOut, 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="How often unread notifications come by e-mail",
)
def digest_set(request, payload: DigestIn):
    return {"digest": services.digest_set(user=request.user, frequency=payload.digest).digest}
