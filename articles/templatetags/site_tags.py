"""Page furniture for reader templates: absolute URLs, pagination and JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import addresses
from articles.display_text import display_title
from articles.share import qr_svg

register = template.Library()


@register.simple_tag
def page_url(viewname):
    """`{% url viewname %}` for a page without arguments, reversed once per process."""
    return addresses.page_url(viewname)


@register.simple_tag(takes_context=True)
def share_qr(context, url):
    """An inline SVG QR code of `url` made absolute, for scanning with WeChat."""
    return qr_svg(_absolute(context, url))


@register.filter(name="display_title")
def display_title_filter(title):
    """A title with full-width punctuation between Chinese characters and `……` elisions."""
    return display_title(str(title))


# The characters that could end a <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _absolute(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` made absolute for the current request's scheme and host."""
    return _absolute(context, url)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without query parameters, except a page number beyond 1."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page_obj")
    url = request.path
    if page is not None and page.number > 1:
        url = f"{url}?page={page.number}"
    return request.build_absolute_uri(url)


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one, with `…` for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


def _jsonld(data) -> str:
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(encoded.translate(_SCRIPT_ESCAPES)),  # escaped for a script element
    )


@register.simple_tag(takes_context=True)
def breadcrumbs_jsonld(context, breadcrumbs):
    """A schema.org BreadcrumbList for `(name, url)` pairs."""
    return _jsonld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "item": _absolute(context, url),
                }
                for position, (name, url) in enumerate(breadcrumbs, start=1)
            ],
        }
    )


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """A schema.org Article for `article`."""
    return _jsonld(
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": article.summary,
            "inLanguage": "zh-Hans",
            "url": _absolute(context, article.get_absolute_url()),
            "mainEntityOfPage": _absolute(context, article.get_absolute_url()),
            "author": {
                "@type": "Person",
                "name": article.author.name,
                "url": _absolute(context, article.author.get_absolute_url()),
            },
            "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
            "datePublished": article.published_at,
            "dateModified": article.updated_at,
            "wordCount": article.char_count,
            "keywords": [tag.name for tag in article.tags.all()],
            **({"image": _absolute(context, article.cover.social.src)} if article.cover else {}),
        }
    )


@register.simple_tag(takes_context=True)
def website_jsonld(context):
    """The site as a schema.org WebSite, with its search as a SearchAction."""
    search = _absolute(context, reverse("search"))
    return _jsonld(
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "description": settings.SITE_DESCRIPTION,
            "inLanguage": "zh-Hans",
            "url": _absolute(context, reverse("articles:home")),
            "potentialAction": {
                "@type": "SearchAction",
                "target": f"{search}?q={{search_term_string}}",
                "query-input": "required name=search_term_string",
            },
        }
    )


@register.simple_tag(takes_context=True)
def person_jsonld(context, author):
    """A schema.org Person for an author."""
    return _jsonld(
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": author.name,
            "description": author.bio,
            "url": _absolute(context, author.get_absolute_url()),
        }
    )


def _term_set(context) -> dict:
    return {
        "@type": "DefinedTermSet",
        "name": f"{settings.SITE_NAME}术语表",
        "url": _absolute(context, reverse("glossary:index")),
    }


@register.simple_tag(takes_context=True)
def term_jsonld(context, entry):
    """A schema.org DefinedTerm for a glossary entry, inside the site's DefinedTermSet."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": entry.term,
        "description": entry.definition,
        "url": _absolute(context, entry.get_absolute_url()),
        "inDefinedTermSet": _term_set(context),
    }
    if entry.alias_list:
        data["alternateName"] = entry.alias_list
    return _jsonld(data)


@register.simple_tag(takes_context=True)
def term_set_jsonld(context, entries):
    """The glossary as a schema.org DefinedTermSet listing its terms."""
    data = {"@context": "https://schema.org", **_term_set(context)}
    data["hasDefinedTerm"] = [
        {
            "@type": "DefinedTerm",
            "name": entry.term,
            "url": _absolute(context, entry.get_absolute_url()),
        }
        for entry in entries
    ]
    return _jsonld(data)
