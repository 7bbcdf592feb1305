"""The sections (栏目) in navigation order, read at most once per request and once per
content stamp: the header's navigation and the home page's section blocks share the one
list, and a section's change bumps the stamp."""

from .cache import per_content
from .models import Section


def sections_for(request) -> list[Section]:
    if not hasattr(request, "_sections"):
        request._sections = per_content(
            "sections", lambda: list(Section.objects.only("name", "slug", "position"))
        )
    return request._sections
