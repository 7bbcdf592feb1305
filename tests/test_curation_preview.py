"""Signed share links for reading an article before it is published."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from articles.editing import revoke_preview
from articles.models import Article
from articles.preview import make_token
from tests.factories import make_article

pytestmark = pytest.mark.django_db

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def link(article, token=None):
    return reverse("preview:article", args=[token or make_token(article)])


def assert_not_found(response, article):
    assert response.status_code == 404
    content = response.content.decode()
    assert article.title not in content
    assert "Signature" not in content and "expired" not in content.lower()


@pytest.fixture
def draft():
    return make_article(
        title="尚未发布的智慧零售观察", status=Article.Status.DRAFT, body="## 背景\n\n草稿正文。"
    )


def test_valid_link_shows_the_draft_as_readers_will_see_it(client, draft):
    with time_machine.travel(NOON, tick=False):
        response = client.get(link(draft))
    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == [
        "articles/preview_article.html",
        "articles/article_detail.html",
    ]
    content = response.content.decode()
    assert "<h1>尚未发布的智慧零售观察</h1>" in content
    assert '<h2 id="bei-jing">背景</h2>' in content
    assert "预览</strong> · 链接有效期至" in content
    assert "2025年3月8日 20:00" in content  # seven days later, in Asia/Shanghai
    assert content.count('<meta name="robots" content="noindex">') == 1
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def test_the_public_address_of_a_draft_stays_hidden(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(link(draft)).status_code == 200


def test_a_published_article_can_be_previewed_too(client):
    article = make_article(title="已经发布的文章")
    response = client.get(link(article))
    assert response.status_code == 200
    content = response.content.decode()
    assert "链接有效期至" in content
    assert content.count('<meta name="robots" content="noindex">') == 1
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_link_expires_after_seven_days(client, draft):
    with time_machine.travel(NOON, tick=False) as traveller:
        url = link(draft)
        traveller.shift(timedelta(days=7) - timedelta(minutes=1))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(minutes=2))
        assert_not_found(client.get(url), draft)


def test_link_lifetime_follows_the_setting(client, draft, settings):
    settings.PREVIEW_LINK_MAX_AGE = 3600
    with time_machine.travel(NOON, tick=False) as traveller:
        url = link(draft)
        traveller.shift(timedelta(minutes=59))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(minutes=2))
        assert_not_found(client.get(url), draft)


def test_tampered_signature_is_refused(client, draft):
    token = make_token(draft)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert_not_found(client.get(link(draft, flipped)), draft)


def test_token_for_another_article_cannot_be_forged(client, draft):
    other = make_article(title="另一篇草稿", status=Article.Status.DRAFT)
    token = make_token(draft)
    forged = f"{other.pk}:{other.preview_key}" + token[token.index(":", len(str(draft.pk)) + 1) :]
    assert forged != token
    assert_not_found(client.get(link(other, forged)), other)


def test_token_signed_for_another_purpose_is_refused(client, draft):
    token = signing.TimestampSigner(salt="something.else").sign(f"{draft.pk}:{draft.preview_key}")
    assert_not_found(client.get(link(draft, token)), draft)


def test_revoking_stops_every_earlier_link(client, draft):
    old = link(draft)
    key = draft.preview_key
    revoke_preview(draft)
    draft.refresh_from_db()
    assert draft.preview_key != key
    assert_not_found(client.get(old), draft)
    assert client.get(link(draft)).status_code == 200


def test_deleted_article_link_is_not_found(client, draft):
    url = link(draft)
    draft.delete()
    assert client.get(url).status_code == 404


def test_preview_page_query_count(client, django_assert_num_queries):
    article = make_article(status=Article.Status.DRAFT, tags=["智慧零售", "SaaS"])
    url = link(article)
    client.get(url)  # builds the glossary matcher and the linked body
    with django_assert_num_queries(2):  # the article, its tags (sections, related: kept)
        assert client.get(url).status_code == 200


def test_share_link_shows_only_the_share_banner(client, draft):
    content = client.get(link(draft)).content.decode()
    assert content.count('class="preview-banner"') == 1
    assert "链接有效期至" in content
    assert "读者无法访问此页" not in content
