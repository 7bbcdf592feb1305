"""Serving uploaded images from `MEDIA_ROOT` when `SERVE_MEDIA` is on (`make run`).

Every file has a name that changes with its content, so it is cached for a year. In
production a web server or the object store serves them instead (see README).
"""

from django.conf import settings
from django.urls import re_path
from django.utils.cache import patch_cache_control
from django.views.static import serve

FAR_FUTURE = 365 * 24 * 3600


def serve_image(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    patch_cache_control(response, public=True, max_age=FAR_FUTURE, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def media_urlpatterns():
    """The URL for uploaded files, when this process serves them itself."""
    if not settings.SERVE_MEDIA or "://" in settings.MEDIA_URL:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_image, name="media-file")]
