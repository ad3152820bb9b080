from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "eenoverheid.people"
    verbose_name = "Mensen en expertise"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from eenoverheid.people import search_providers  # noqa: F401  (registers evidence)
