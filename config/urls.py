from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from articles.admin.view_on_site import view_on_site
from articles.cache import cached_page
from articles.search_views import SearchView
from articles.sitemaps import SITEMAPS
from articles.views import robots_txt
from media.views import media_urlpatterns
from topics.sitemaps import SITEMAPS as TOPIC_SITEMAPS

ALL_SITEMAPS = {**SITEMAPS, **TOPIC_SITEMAPS}

urlpatterns = [
    path("", include("articles.urls")),
    path("glossary/", include("glossary.urls")),
    path("topics/", include("topics.urls")),
    path("preview/", include("articles.preview_urls")),
    path("search/", SearchView.as_view(), name="search"),
    path(
        "sitemap.xml",
        cached_page(index),
        {"sitemaps": ALL_SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap, params=["p"]),
        {"sitemaps": ALL_SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", cached_page(robots_txt), name="robots"),
    path("admin/r/<int:content_type_id>/<path:object_id>/", view_on_site),
    path("admin/", admin.site.urls),
    *media_urlpatterns(),
]
