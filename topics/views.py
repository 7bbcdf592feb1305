"""Reader pages of topics: the list of published topics and each topic's page, whose
articles (published only) come in the editors' order, a page of them at a time."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView

from articles.counts import CountedPaginator

from . import selectors
from .models import Topic

PAGE_SIZE = 20


def _crumbs(*extra):
    return [("首页", reverse("articles:home")), ("专题", reverse("topics:index")), *extra]


class TopicListView(ListView):
    template_name = "topics/topic_list.html"
    context_object_name = "topics"
    paginate_by = PAGE_SIZE
    paginator_class = CountedPaginator
    extra_context = {"nav": "topics"}

    def get_queryset(self):
        return selectors.public_topics()

    def get_context_data(self, **kwargs):
        return super().get_context_data(breadcrumbs=_crumbs(), **kwargs)


class TopicView(ListView):
    """A topic's page; editors may preview a draft (never cached: they are signed in)."""

    template_name = "topics/topic_detail.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    paginator_class = CountedPaginator
    extra_context = {"nav": "topics"}

    def get_queryset(self):
        topics = Topic.objects.visible_to(self.request.user).select_related("cover")
        self.topic = get_object_or_404(topics, slug=self.kwargs["slug"])
        return selectors.topic_articles(self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic,
            breadcrumbs=_crumbs((self.topic.title, self.topic.get_absolute_url())),
            **kwargs,
        )
