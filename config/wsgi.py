"""WSGI entry point."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

from articles.front_door import CachedPages  # noqa: E402  (needs settings)
from config.static_manifest import require_static_manifest  # noqa: E402

application = CachedPages(application)

require_static_manifest()
