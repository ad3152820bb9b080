from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SolutionsConfig(AppConfig):
    name = "eenoverheid.solutions"
    verbose_name = _("Shared solutions, initiatives and ideas")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from eenoverheid.solutions.services import person_forget

        pre_delete.connect(
            lambda sender, instance, **kwargs: person_forget(instance),
            sender=get_user_model(),
            dispatch_uid="solutions.person_forget",
            weak=False,
        )
