"""What the article editor's Markdown widget needs for its 插图 button and for fetching
other sites' pictures into the library: scripts and URLs."""

from django.urls import reverse

EDITOR_SCRIPTS = [
    "media/admin/uploader.js",
    "media/admin/figure_picker.js",
    "media/admin/external_images.js",
]
EDITOR_STYLES = ["media/admin/figure_picker.css"]


def editor_attrs(admin_site_name: str) -> dict[str, str]:
    """`data-` attributes of the body textarea: where to search the library, upload and
    fetch."""
    return {
        "data-picker-url": reverse(f"{admin_site_name}:media_image_picker"),
        "data-upload-url": reverse(f"{admin_site_name}:media_image_upload"),
        "data-fetch-url": reverse(f"{admin_site_name}:media_image_fetch"),
    }
