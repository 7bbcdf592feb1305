"""Article Markdown → sanitised HTML, with stable heading ids for the table of contents.

Raw HTML in the source is never passed through: Markdown's HTML handling is switched
off, so `<script>` arrives as text, and nh3 then keeps only the tags listed here.
"""

import html
import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from media import markdown as media_markdown

from . import text

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
    "em", "strong", "code", "pre", "a",
} | media_markdown.TAGS  # fmt: skip
ALLOWED_ATTRIBUTES = (
    {"a": {"href", "title"}, "ol": {"start"}}
    | {f"h{level}": {"id"} for level in range(2, 7)}
    | media_markdown.ATTRIBUTES
)
URL_SCHEMES = {"http", "https", "mailto"}
RESERVED_ID_PREFIXES = ("def-", "main", "toc-", "related-", "site-")  # ids the page uses

_HEADING = re.compile(r'<h([2-6]) id="([^"]+)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


class _HeadingProcessor(Treeprocessor):
    """Keeps headings below the page's h1, without skipped levels, and gives each an id."""

    def run(self, root):
        previous, seen = 1, set()
        for element in root.iter():
            if len(element.tag) != 2 or element.tag[0] != "h" or not element.tag[1].isdigit():
                continue
            level = min(max(int(element.tag[1]), 2), previous + 1)
            element.tag, previous = f"h{level}", level
            element.set("id", _unique_id("".join(element.itertext()), seen))


def _unique_id(heading: str, seen: set[str]) -> str:
    base = text.pinyin_slug(heading, 40)
    if base.startswith(RESERVED_ID_PREFIXES):
        base = f"s-{base}"
    candidate, n = base, 2
    while candidate in seen:
        candidate, n = f"{base}-{n}", n + 1
    seen.add(candidate)
    return candidate


class _SafeExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After inline markup is parsed and escapes are restored, so ids see the final text.
        md.treeprocessors.register(_HeadingProcessor(md), "headings", -1)


def render_markdown(source: str) -> str:
    """Sanitised HTML for an article body; raw HTML in `source` shows as text."""
    extensions = [_SafeExtension(), media_markdown.FigureExtension()]
    rendered = markdown.markdown(source or "", extensions=extensions, output_format="html")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def table_of_contents(body_html: str) -> list[tuple[str, str]]:
    """`(id, text)` for each h2 in rendered body HTML, in order."""
    return [
        (anchor, html.unescape(_TAG.sub("", inner)).strip())
        for level, anchor, inner in _HEADING.findall(body_html)
        if level == "2"
    ]


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_SENTENCE_END = re.compile(r"(?<=[。!?!?])”?")


def lead_text(body_html: str, length: int = 120) -> str:
    """Plain opening sentences of rendered body HTML, about `length` characters, for teasers."""
    match = _PARAGRAPH.search(body_html)
    if match is None:
        return ""
    paragraph = html.unescape(_TAG.sub("", match[1])).strip()
    if len(paragraph) <= length:
        return paragraph
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph) if m.end() <= length]
    return paragraph[: ends[-1]] if ends else paragraph[: length - 1] + "…"
