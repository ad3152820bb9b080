from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplacesConfig(AppConfig):
    name = "eenoverheid.workplaces"
    verbose_name = _("Flex workplaces")
