"""Production serves hashed static file names from collectstatic's manifest: without it,
every page would fail. `require_static_manifest()` says so at start-up instead."""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured


def require_static_manifest() -> None:
    """Raise a clear error if the static files storage needs a manifest that is missing."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    name = staticfiles_storage.manifest_name
    if staticfiles_storage.manifest_storage.exists(name):
        return
    where = staticfiles_storage.manifest_storage.path(name)
    raise ImproperlyConfigured(
        f"The static files manifest {where} is missing: run "
        "`python manage.py collectstatic --no-input` before serving (see README.md)."
    )
