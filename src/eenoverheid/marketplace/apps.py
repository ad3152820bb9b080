from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "eenoverheid.marketplace"
    verbose_name = _("Gigs and vacancies")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from eenoverheid.marketplace import search_providers  # noqa: F401  (registers)
        from eenoverheid.marketplace.services import person_forget

        pre_delete.connect(
            lambda sender, instance, **kwargs: person_forget(instance),
            sender=get_user_model(),
            dispatch_uid="marketplace.person_forget",
            weak=False,
        )
