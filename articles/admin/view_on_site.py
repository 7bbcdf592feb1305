"""The admin's "view on site" redirect, refusing articles the user may not read."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied

from articles.models import Article


def _view_on_site(request, content_type_id, object_id):
    """Like Django's shortcut, but a writer learns nothing about others' drafts."""
    is_article = ContentType.objects.filter(
        pk=content_type_id, app_label="articles", model="article"
    ).exists()
    visible = Article.objects.visible_to(request.user)
    if is_article and object_id.isdigit() and not visible.filter(pk=object_id).exists():
        raise PermissionDenied
    return shortcut(request, content_type_id, object_id)


view_on_site = admin.site.admin_view(_view_on_site)
