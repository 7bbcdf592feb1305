from django.conf import settings


def site(request):
    """The site's name and description for every template."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_DESCRIPTION": settings.SITE_DESCRIPTION}
