from django.urls import path
from django.views.generic import RedirectView

from . import feeds, views
from .cache import cached_page

app_name = "articles"

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path("articles/", cached_page(views.ArticleListView.as_view(), params=["page"]), name="list"),
    path("articles/<slug:slug>/", cached_page(views.ArticleDetailView.as_view()), name="detail"),
    path(
        "authors/<slug:slug>/",
        cached_page(views.AuthorView.as_view(), params=["page"]),
        name="author",
    ),
    path("authors/<slug:slug>/feed/rss/", cached_page(feeds.AuthorFeed()), name="author_rss"),
    path("authors/<slug:slug>/feed/atom/", cached_page(feeds.AuthorAtomFeed()), name="author_atom"),
    path("sections/<slug:slug>/", cached_page(views.SectionView.as_view()), name="section"),
    path("sections/<slug:slug>/feed/rss/", cached_page(feeds.SectionFeed()), name="section_rss"),
    path(
        "sections/<slug:slug>/feed/atom/",
        cached_page(feeds.SectionAtomFeed()),
        name="section_atom",
    ),
    path(
        "sections/<slug:slug>/feed/",
        RedirectView.as_view(pattern_name="articles:section_rss", permanent=True),
    ),
    path("tags/", cached_page(views.TagListView.as_view()), name="tags"),
    path("tags/<slug:slug>/", cached_page(views.TagView.as_view(), params=["page"]), name="tag"),
    path("tags/<slug:slug>/feed/rss/", cached_page(feeds.TagFeed()), name="tag_rss"),
    path("tags/<slug:slug>/feed/atom/", cached_page(feeds.TagAtomFeed()), name="tag_atom"),
    path("feed/rss/", cached_page(feeds.LatestArticlesFeed()), name="rss"),
    path("feed/atom/", cached_page(feeds.LatestArticlesAtomFeed()), name="atom"),
    # `…/feed/`, where feed readers and other blog software look first, is the RSS feed.
    path("feed/", RedirectView.as_view(pattern_name="articles:rss", permanent=True)),
    path(
        "tags/<slug:slug>/feed/",
        RedirectView.as_view(pattern_name="articles:tag_rss", permanent=True),
    ),
    path(
        "authors/<slug:slug>/feed/",
        RedirectView.as_view(pattern_name="articles:author_rss", permanent=True),
    ),
]
