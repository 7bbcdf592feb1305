"""Figures in article Markdown: `![alt](media:42 "caption")` becomes a responsive `<figure>`.

The figure markup comes from `media/includes/figure.html`, the template the site uses
for pictures. Images that are not in the library (external URLs, unknown ids) are
dropped: published pages never hot-link someone else's picture.
"""

from django.template.loader import render_to_string
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .models import Image
from .references import library_id

TAGS = {"figure", "figcaption", "picture", "source", "img", "span"}
ATTRIBUTES = {
    "figure": {"class"},
    "span": {"class"},
    "source": {"type", "srcset", "sizes"},
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding", "class"},
}


class _FigureProcessor(Treeprocessor):
    def run(self, root):
        found = [
            (parent, child) for parent in root.iter() for child in parent if child.tag == "img"
        ]
        ids = {library_id(img.get("src", "")) for _, img in found} - {None}
        images = Image.objects.in_bulk(ids) if ids else {}
        for parent, img in found:
            image = images.get(library_id(img.get("src", "")))
            html = "" if image is None else self._figure(parent, img, image)
            placeholder = self.md.htmlStash.store(html) if html else ""
            if _alone_in_paragraph(parent, img):
                parent.text = placeholder  # a paragraph that is only a stash placeholder is
                parent.remove(img)  # replaced whole by the figure
            else:
                _replace_with_text(parent, img, placeholder)

    @staticmethod
    def _figure(parent, img, image) -> str:
        template = "figure.html" if _alone_in_paragraph(parent, img) else "inline_image.html"
        return render_to_string(
            f"media/includes/{template}",
            {
                "image": image,
                "alt": img.get("alt") or image.alt_text,
                "caption": img.get("title") or image.caption,
            },
        ).strip()


def _alone_in_paragraph(parent, img) -> bool:
    return (
        parent.tag == "p"
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (img.tail or "").strip()
    )


def _replace_with_text(parent, child, text):
    """Remove `child` from `parent`, leaving `text` (and `child`'s tail) where it was."""
    position = list(parent).index(child)
    joined = text + (child.tail or "")
    if position == 0:
        parent.text = (parent.text or "") + joined
    else:
        previous = parent[position - 1]
        previous.tail = (previous.tail or "") + joined
    parent.remove(child)


class FigureExtension(Extension):
    """Registers the figure processor before the heading processor (priority 0 < -1)."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(_FigureProcessor(md), "media_figures", 0)
