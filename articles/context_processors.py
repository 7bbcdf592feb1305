from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .sections import sections_for


def site(request):
    """The site's name and description, and the sections in navigation order."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
        "NAV_SECTIONS": SimpleLazyObject(lambda: sections_for(request)),
    }
