"""Reader pages: home, article list and detail, authors, tags, robots.txt.

Every article query starts from `ArticleQueryMixin.get_queryset()`, which starts from
`Article.objects.published()`; only the detail page lets editors and an article's creator
see the rest, as a preview.
"""

from django.db.models import (
    F,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from glossary.linking import linked_body
from glossary.models import GlossaryEntry

from . import counts, selectors
from .models import Article, Section
from .rendering import table_of_contents
from .sections import sections_for
from .selectors import public_authors

PAGE_SIZE = 20
HOME_LATEST = 10
HOME_TAGS = 12
HOME_TERMS = 6
HOME_PER_SECTION = 4
RELATED_COUNT = 5
TOC_MIN_HEADINGS = 3


def _crumb_home():
    return ("首页", reverse("articles:home"))


def _crumb_articles():
    return ("文章", reverse("articles:list"))


def _crumb_section(section):
    return (section.name, section.get_absolute_url())


class ArticleQueryMixin:
    """The one owner of the article queryset for reader views.

    `is_public` tells templates whether the article is visible to readers; it can only be
    false on a view with `preview` set, for editors and the article's creator
    (`ArticleQuerySet.visible_to`).
    """

    preview = False

    def get_queryset(self):
        if self.preview and self.request.user.is_authenticated:
            queryset = Article.objects.visible_to(self.request.user).with_public_flag()
        else:
            queryset = Article.objects.published().annotate(is_public=Value(True))
        return queryset.for_listing()


class HomeView(ArticleQueryMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        articles = self.get_queryset()
        recent = list(articles[: HOME_LATEST + 1])
        featured = articles.filter(featured=True).first() or next(iter(recent), None)
        latest = [a for a in recent if a != featured][:HOME_LATEST]
        return super().get_context_data(
            featured=featured,
            latest=latest,
            sections=section_blocks(sections_for(self.request), articles),
            busiest_tags=counts.counted_tags()[:HOME_TAGS],
            terms=GlossaryEntry.objects.published().order_by("-updated_at", "pk")[:HOME_TERMS],
            **kwargs,
        )


class ArticleListView(ArticleQueryMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = counts.CountedPaginator
    extra_context = {"nav": "articles"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=[_crumb_home(), _crumb_articles()], **kwargs)


class ArticleDetailView(ArticleQueryMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    preview = True
    extra_context = {"nav": "articles"}

    def get_queryset(self):
        return super().get_queryset().with_tags()

    def get_context_data(self, **kwargs):
        article = self.object
        body = linked_body(article)
        toc = table_of_contents(body)
        return super().get_context_data(
            body=body,
            toc=toc if len(toc) >= TOC_MIN_HEADINGS else [],
            tags=article.tags.all(),
            **selectors.around(article, RELATED_COUNT, at_least=3),
            breadcrumbs=[
                _crumb_home(),
                _crumb_section(article.section) if article.section else _crumb_articles(),
                (article.title, article.get_absolute_url()),
            ],
            nav_section=article.section_id,
            **kwargs,
        )


class AuthorView(ArticleQueryMixin, ListView):
    template_name = "articles/author_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = counts.CountedPaginator
    extra_context = {"nav": "articles"}

    def get_queryset(self):
        authors = public_authors().select_related("portrait")
        self.author = get_object_or_404(authors, slug=self.kwargs["slug"])
        return super().get_queryset().filter(author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            author=self.author,
            breadcrumbs=[
                _crumb_home(),
                _crumb_articles(),
                (self.author.name, self.author.get_absolute_url()),
            ],
            **kwargs,
        )


class TagListView(TemplateView):
    template_name = "articles/tag_list.html"
    extra_context = {"nav": "tags"}

    def get_context_data(self, **kwargs):
        tags = sorted(counts.counted_tags(), key=lambda tag: tag.sort_key)
        return super().get_context_data(
            tags=tags,
            breadcrumbs=[_crumb_home(), ("标签", reverse("articles:tags"))],
            **kwargs,
        )


class TagView(ArticleQueryMixin, ListView):
    template_name = "articles/tag_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = counts.CountedPaginator
    extra_context = {"nav": "tags"}

    def get_queryset(self):
        self.tag = counts.counted_tag(self.kwargs["slug"])
        if self.tag is None:
            raise Http404("没有这个标签。")
        return super().get_queryset().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tag=self.tag,
            breadcrumbs=[
                _crumb_home(),
                ("标签", reverse("articles:tags")),
                (self.tag.name, self.tag.get_absolute_url()),
            ],
            **kwargs,
        )


class SectionView(ArticleQueryMixin, ListView):
    """A 栏目's page: its description and its published articles, newest first."""

    template_name = "articles/section_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, nav_section=self.section.pk, **kwargs)


def section_blocks(sections, articles) -> list[tuple[Section, list[Article]]]:
    """Each of `sections` with its latest `HOME_PER_SECTION` published articles, for the
    home page, in one query."""
    if not sections:
        return []
    newest_first = [F("published_at").desc(), F("id").desc()]
    ranked = (
        articles.filter(section__in=sections)
        .annotate(rank=Window(RowNumber(), partition_by=F("section"), order_by=newest_first))
        .filter(rank__lte=HOME_PER_SECTION)
        .order_by(*newest_first)
    )
    by_section = {section.pk: [] for section in sections}
    for article in ranked:
        by_section[article.section_id].append(article)
    return [(section, by_section[section.pk]) for section in sections if by_section[section.pk]]


def robots_txt(request):
    return render(request, "articles/robots.txt", content_type="text/plain; charset=utf-8")
