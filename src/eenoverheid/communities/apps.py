from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "eenoverheid.communities"
    label = "communities"
    verbose_name = _("Communities")

    def ready(self):
        from eenoverheid.communities import search_providers  # noqa: F401  (registers evidence)
