"""Warnings, never refusals, when an editor coins a tag name close to an existing tag
(`articles.tag_neighbours`): after a tag is created or renamed, or after an article is
saved with new tag names."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles.tag_neighbours import near


def neighbour_links(neighbours):
    """The neighbours as links to their admin pages, each with why it is close."""
    return format_html_join(
        "、",
        "<a href='{}'>{}</a>（{}）",
        ((reverse("admin:articles_tag_change", args=[n.pk]), n.name, n.reason) for n in neighbours),
    )


def warn_near(request, name: str, *, exclude=()) -> bool:
    """Add a warning message if `name` is close to existing tags; whether it did."""
    neighbours = near(name, exclude=exclude)
    if neighbours:
        messages.warning(
            request,
            format_html(
                "标签“{}”与已有标签相近：{}。如果意思相同，请改用已有标签，"
                "或在标签列表中用“合并所选标签”合并。",
                name,
                neighbour_links(neighbours),
            ),
        )
    return bool(neighbours)
