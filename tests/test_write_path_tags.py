"""A new article's tag links are written in one query, with taggit's signal, so the
search index and the related articles see them as they see taggit's own writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import editing, tag_names
from articles.models import Article, RelatedArticle
from articles.search.backends import backend
from articles.search.query import parse
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def _queries_to_create(tags) -> int:
    article = Article(title="标签写入测试", author=make_author(), body="正文讨论产业互联网。")
    with CaptureQueriesContext(connection) as queries:
        editing.save(article, user=None, tags=tags)
    assert set(article.tags.values_list("name", flat=True)) == {t.name for t in tags}
    return len(queries)


def test_tag_links_of_a_new_article_cost_the_same_for_two_tags_or_eight():
    tags = tag_names.resolve([f"标签{n}" for n in range(8)])
    assert _queries_to_create(tags[:2]) == _queries_to_create(tags)


def test_a_new_articles_tags_reach_the_index_and_related_articles():
    older = make_article("较早的文章", tags=["工业互联网", "供应链"])
    article = Article(
        title="新文章", author=make_author(), body="正文。", status=Article.Status.PUBLISHED
    )
    editing.save(article, user=None, tags=["工业互联网", "供应链", "工业互联网"])
    assert sorted(article.tags.values_list("name", flat=True)) == ["供应链", "工业互联网"]
    assert RelatedArticle.objects.filter(article=article, other=older, shared=2).exists()
    found = backend().recent_ids("article", parse("供应链").terms, Article.objects.all(), 10)
    assert article.pk in found
