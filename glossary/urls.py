from django.urls import path

from articles.cache import cached_page

from . import views

app_name = "glossary"

urlpatterns = [
    path("", cached_page(views.GlossaryIndexView.as_view()), name="index"),
    path("<slug:slug>/", cached_page(views.GlossaryDetailView.as_view()), name="detail"),
]
