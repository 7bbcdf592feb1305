"""Editors choose the home page's lead article."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def lead(client) -> str:
    content = client.get("/").content.decode()
    section = content[content.index('class="featured"') :]
    return section[: section.index("</section>")]


def test_newest_article_leads_when_none_is_featured(client):
    make_article("较早的文章", published_at=timezone.now() - timedelta(days=3))
    make_article("最新的文章", published_at=timezone.now() - timedelta(hours=1))
    assert "最新的文章" in lead(client)


def test_featured_article_leads_and_is_not_repeated_below(client):
    make_article("推荐的旧文章", featured=True, published_at=timezone.now() - timedelta(days=3))
    make_article("最新的文章", published_at=timezone.now() - timedelta(hours=1))
    assert "推荐的旧文章" in lead(client)
    assert client.get("/").content.decode().count("推荐的旧文章") == 1


def test_featured_draft_never_leads(client):
    make_article("推荐的草稿", featured=True, status=Article.Status.DRAFT)
    make_article("已发布的文章")
    assert "已发布的文章" in lead(client)
    assert "推荐的草稿" not in client.get("/").content.decode()
