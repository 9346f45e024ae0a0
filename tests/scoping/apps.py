from django.apps import AppConfig


class ScopingTestConfig(AppConfig):
    """A model used only by the tests of the scoping gate (installed by the test settings only)."""

    name = "tests.scoping"
    label = "scoping"
