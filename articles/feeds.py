"""RSS 2.0 and Atom feeds of published articles: the whole site, a tag, an author.

Every entry carries the full text: RSS in `<description>`, Atom in `<content type="html">`
next to a short plain `<summary>`.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from media.feeds import ImageFeedMixin

from .counts import counted_tag
from .models import Article, Section
from .selectors import public_authors

FEED_SIZE = 20


class LatestArticlesFeed(ImageFeedMixin, Feed):
    """The newest published articles, full text."""

    feed_type = Rss201rev2Feed
    language = "zh-Hans"

    def title(self, obj=None):
        return settings.SITE_NAME

    def link(self, obj=None):
        return reverse("articles:home")

    def description(self, obj=None):
        return settings.SITE_DESCRIPTION

    def articles(self, listing, obj):
        """The feed's articles of `listing`: the published ones, newest first."""
        return listing

    def items(self, obj=None):
        listing = Article.objects.published().for_listing().with_tags()
        return self.articles(listing, obj)[:FEED_SIZE]

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class FullTextAtom1Feed(Atom1Feed):
    """Atom whose entries add the full HTML body as `<content>` after the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class AtomMixin:
    """Atom output: the description becomes the subtitle, titles are plain text, the summary
    is the article's short plain summary and the body goes into `<content>`."""

    feed_type = FullTextAtom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)  # plain text inside Django's `type="html"` summary

    def item_extra_kwargs(self, item):
        return {"content": item.body_html}


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    """The site feed in Atom."""


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        tag = counted_tag(slug)
        if tag is None:
            raise Http404("没有这个标签。")
        return tag

    def title(self, obj=None):
        return f"{settings.SITE_NAME}：{obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"{settings.SITE_NAME}标签“{obj.name}”下的最新文章。"

    def articles(self, listing, obj):
        return listing.tagged(obj)


class TagAtomFeed(AtomMixin, TagFeed):
    """Tag feed in Atom."""


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}：{obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return obj.description or f"{settings.SITE_NAME}“{obj.name}”栏目的最新文章。"

    def articles(self, listing, obj):
        return listing.filter(section=obj)


class SectionAtomFeed(AtomMixin, SectionFeed):
    """Section feed in Atom."""


class AuthorFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_authors(), slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}：{obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"{obj.name}在{settings.SITE_NAME}发表的最新文章。"

    def articles(self, listing, obj):
        return listing.filter(author=obj)


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    """Author feed in Atom."""
