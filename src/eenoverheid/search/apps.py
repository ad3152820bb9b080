from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "eenoverheid.search"
    verbose_name = "Zoeken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        pre_delete.connect(
            _forget_person, sender=settings.AUTH_USER_MODEL, dispatch_uid="search-forget-person"
        )


def _forget_person(sender, instance, **kwargs):
    from eenoverheid.search.models import SearchDocument
    from eenoverheid.search.services import documents_forget_owner

    keys = list(SearchDocument.objects.filter(owner=instance).values_list("key", flat=True))
    if keys:
        documents_forget_owner(instance.pk, keys)
