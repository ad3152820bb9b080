from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """A model that exists only in tests, to exercise the core's shared mechanisms."""

    name = "tests.testapp"
    label = "testapp"
