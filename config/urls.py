from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.admin.view_on_site import view_on_site
from articles.cache import cached_page
from articles.search_views import SearchView
from articles.sitemaps import SITEMAPS
from articles.views import robots_txt
from media.views import media_urlpatterns
from topics.sitemaps import SITEMAPS as TOPIC_SITEMAPS

urlpatterns = [
    path("", include("articles.urls")),
    path("glossary/", include("glossary.urls")),
    path("topics/", include("topics.urls")),
    path("preview/", include("articles.preview_urls")),
    path("search/", SearchView.as_view(), name="search"),
    path(
        "sitemap.xml",
        cached_page(sitemap),
        {"sitemaps": {**SITEMAPS, **TOPIC_SITEMAPS}},
        name="sitemap",
    ),
    path("robots.txt", cached_page(robots_txt), name="robots"),
    path("admin/r/<int:content_type_id>/<path:object_id>/", view_on_site),
    path("admin/", admin.site.urls),
    *media_urlpatterns(),
]
