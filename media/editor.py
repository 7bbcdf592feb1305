"""What the article editor's Markdown widget needs for its 插图 button: scripts and URLs."""

from django.urls import reverse

EDITOR_SCRIPTS = ["media/admin/uploader.js", "media/admin/figure_picker.js"]
EDITOR_STYLES = ["media/admin/figure_picker.css"]


def editor_attrs(admin_site_name: str) -> dict[str, str]:
    """`data-` attributes of the body textarea: where to search the library and upload."""
    return {
        "data-picker-url": reverse(f"{admin_site_name}:media_image_picker"),
        "data-upload-url": reverse(f"{admin_site_name}:media_image_upload"),
    }
