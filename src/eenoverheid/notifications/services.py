"""Following and unfollowing. Idempotent: following twice is following once."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Model

from eenoverheid.notifications.models import Follow


def follow_set(*, user, obj: Model, following: bool) -> bool:
    """Make `user` follow `obj` or not; returns whether they follow it now."""
    content_type = ContentType.objects.get_for_model(obj)
    if not following:
        Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).delete()
        return False
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, content_type=content_type, object_id=obj.pk)
    except IntegrityError:  # a concurrent request followed first: the result is the same
        pass
    return True


def is_following(*, user, obj: Model) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).exists()


def follower_count(obj: Model) -> int:
    return Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).count()


def followed_ids(*, user, model: type[Model]) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Follow.objects.filter(
            user=user, content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
    )


def follows_forget(*, content_type_model: type[Model], object_ids: list[int]) -> int:
    """Drop the follows of objects that are gone (generic relations do not cascade)."""
    deleted, _ = Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(content_type_model),
        object_id__in=object_ids,
    ).delete()
    return deleted


# -- notifications ---------------------------------------------------------------------------


def followers_of(obj: Model) -> list[int]:
    return list(
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).values_list("user_id", flat=True)
    )


def notify(*, user_ids, kind: str, text: str, url: str, exclude: int | None = None) -> int:
    """One notification per person (not to `exclude`, who caused it). Written in the
    transaction of what caused it, so that it exists exactly when that does."""
    from eenoverheid.notifications.models import Notification

    ids = sorted({u for u in user_ids if u and u != exclude})
    Notification.objects.bulk_create(
        [Notification(user_id=u, kind=kind, text=text[:300], url=url[:500]) for u in ids]
    )
    return len(ids)


def unread_count(user) -> int:
    from eenoverheid.notifications.models import Notification

    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(*, user, notification_ids: list[int] | None = None) -> int:
    from django.utils import timezone

    from eenoverheid.notifications.models import Notification

    notifications = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        notifications = notifications.filter(pk__in=notification_ids)
    return notifications.update(read_at=timezone.now())


def settings_for(user):
    from eenoverheid.notifications.models import NotificationSettings

    settings_row, _created = NotificationSettings.objects.get_or_create(user=user)
    return settings_row


def digest_set(*, user, frequency: str):
    from eenoverheid.core.errors import InvalidInput
    from eenoverheid.notifications.models import DigestFrequency

    if frequency not in DigestFrequency.values:
        raise InvalidInput.for_field("digest", "Choose never, daily or weekly.", "invalid_choice")
    row = settings_for(user)
    row.digest = frequency
    row.save(update_fields=["digest"])
    return row


def send_digests(*, frequency: str, now=None) -> int:
    """E-mail everyone on this frequency what they have not read or been sent yet, in
    their own language, with a plain-text and an HTML part. Returns how many were sent."""
    import datetime as dt

    from django.conf import settings as django_settings
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMultiAlternatives
    from django.db import transaction
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    from eenoverheid.notifications.models import DigestFrequency, Notification, NotificationSettings

    now = now or timezone.now()
    period = dt.timedelta(days=1 if frequency == DigestFrequency.DAILY else 7)
    pending = Notification.objects.filter(read_at__isnull=True, digested_at__isnull=True)
    user_ids = set(pending.values_list("user_id", flat=True))
    # Everyone without settings gets the default (daily).
    explicit = dict(
        NotificationSettings.objects.filter(user_id__in=user_ids).values_list("user_id", "digest")
    )
    last = dict(
        NotificationSettings.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "last_digest_at"
        )
    )
    due = [
        u
        for u in user_ids
        if explicit.get(u, DigestFrequency.DAILY) == frequency
        and (last.get(u) is None or now - last[u] >= period * 0.9)
    ]
    sent = 0
    for user in get_user_model().objects.filter(pk__in=due, is_active=True):
        with transaction.atomic():
            items = list(pending.filter(user=user).order_by("created_at")[:100])
            if not items:
                continue
            with translation.override(user.preferred_language or "nl"):
                context = {
                    "user": user,
                    "items": items,
                    "site": getattr(django_settings, "SITE_URL", ""),
                }
                message = EmailMultiAlternatives(
                    subject=str(translation.gettext("What happened in what you follow")),
                    body=render_to_string("notifications/digest.txt", context),
                    to=[user.email],
                )
                message.attach_alternative(
                    render_to_string("notifications/digest.html", context), "text/html"
                )
                message.send()
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(digested_at=now)
            NotificationSettings.objects.update_or_create(
                user=user, defaults={"last_digest_at": now}
            )
            sent += 1
    return sent
