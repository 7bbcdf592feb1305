from django.urls import path

from articles.cache import cached_page

from . import views

app_name = "topics"

urlpatterns = [
    path("", cached_page(views.TopicListView.as_view(), params=["page"]), name="index"),
    path("<slug:slug>/", cached_page(views.TopicView.as_view(), params=["page"]), name="detail"),
]
