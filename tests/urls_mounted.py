"""The site mounted under /site/, for tests of links under another URL configuration."""

from django.urls import include, path

urlpatterns = [path("site/", include("config.urls"))]
