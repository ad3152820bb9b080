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
