"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_asgi_application()

from config.static_manifest import require_static_manifest  # noqa: E402  (needs settings)

require_static_manifest()
