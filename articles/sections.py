"""The sections (栏目) in navigation order, read at most once per request: the header's
navigation and the home page's section blocks share the one list."""

from .models import Section


def sections_for(request) -> list[Section]:
    if not hasattr(request, "_sections"):
        request._sections = list(Section.objects.only("name", "slug", "position"))
    return request._sections
