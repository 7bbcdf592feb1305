from django.urls import path
from django.views.generic import RedirectView

from articles.cache import cached_page

from . import feeds, views

app_name = "topics"

urlpatterns = [
    path("", cached_page(views.TopicListView.as_view(), params=["page"]), name="index"),
    path("<slug:slug>/", cached_page(views.TopicView.as_view(), params=["page"]), name="detail"),
    path("<slug:slug>/feed/rss/", cached_page(feeds.TopicFeed()), name="rss"),
    path("<slug:slug>/feed/atom/", cached_page(feeds.TopicAtomFeed()), name="atom"),
    path(
        "<slug:slug>/feed/",
        RedirectView.as_view(pattern_name="topics:rss", permanent=True),
    ),
]
