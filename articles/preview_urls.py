"""Share links for reading an article before it is published."""

from django.urls import path

from .preview import SharedPreviewView

app_name = "preview"

urlpatterns = [
    path("<str:token>/", SharedPreviewView.as_view(), name="article"),
]
