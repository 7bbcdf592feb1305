"""The editors' admin: one module per model family, and a dashboard on the index page."""

from django.contrib import admin
from taggit.models import Tag as TaggitTag

from . import (  # noqa: F401  (registers the ModelAdmins)
    articles,
    authors,
    deleted_imports,
    duplicate_imports,
    sections,
    site_rules,
    tags,
    users,
)

admin.site.site_header = "产业观察 · 编辑部"
admin.site.site_title = "产业观察编辑部"
admin.site.index_title = "内容管理"
admin.site.index_template = "admin/dashboard.html"
admin.site.enable_nav_sidebar = False  # its 360 px are the article list's title column

# Articles are tagged with `articles.Tag` (admin in `tags`); taggit's own model stays empty.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)
