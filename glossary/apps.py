from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = "术语表"

    def ready(self):
        from . import receivers  # noqa: F401
