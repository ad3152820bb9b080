from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "eenoverheid.reviews"
    verbose_name = _("Peer review")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from eenoverheid.reviews.services import person_forget

        pre_delete.connect(
            lambda sender, instance, **kwargs: person_forget(instance),
            sender=get_user_model(),
            dispatch_uid="reviews.person_forget",
            weak=False,
        )
