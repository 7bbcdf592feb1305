from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "专题"

    def ready(self):
        from . import receivers  # noqa: F401
