"""Special topics (专题): editors curate an ordered selection of articles in the admin;
readers see published topics, with their published articles only, on pages that are
cached under the content stamp, valid HTML and do the same work however long the topic."""

import html5lib
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from articles.models import Article
from tests.factories import make_article
from tests.site_fixtures import bulk_articles, count_queries, fresh_cache, sitemap_urls  # noqa: F401
from topics.models import Topic, TopicArticle

pytestmark = pytest.mark.django_db
Status = Article.Status


def make_topic(title="智慧零售专题", *, articles=(), status=Topic.Status.PUBLISHED, **fields):
    topic = Topic.objects.create(title=title, status=status, **fields)
    for position, article in enumerate(articles, start=1):
        TopicArticle.objects.create(topic=topic, article=article, position=position)
    return topic


@pytest.fixture
def editor_client(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(editor)
    return client


def assert_valid_html(page: str):
    """Parsed by the WHATWG algorithm without a single parse error."""
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)  # raises html5lib.html5parser.ParseError at the first error


class TestAdmin:
    def formset(self, rows):
        data = {
            "links-TOTAL_FORMS": str(len(rows)),
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
        }
        for i, (position, article) in enumerate(rows):
            data[f"links-{i}-position"] = position
            data[f"links-{i}-article"] = str(article.pk)
        return data

    def test_editor_creates_a_topic_with_ordered_articles(self, editor_client):
        first, second, third = (make_article(f"文章{n}") for n in range(3))
        response = editor_client.post(
            reverse("admin:topics_topic_add"),
            {
                "title": "产业互联网十年",
                "slug": "",
                "standfirst": "从消费互联网到产业互联网。",
                "intro": "",
                "status": "draft",
                **self.formset([("2", first), ("1", second), ("", third)]),
            },
        )
        assert response.status_code == 302, response.context["errors"]
        topic = Topic.objects.get(title="产业互联网十年")
        assert topic.slug == "chan-ye-hu-lian-wang-shi-nian"
        assert topic.published_at is None
        links = list(topic.links.order_by("position").values_list("article__title", "position"))
        assert links == [("文章1", 1), ("文章0", 2), ("文章2", 3)]

    def test_changelist_and_change_form_open(self, editor_client):
        topic = make_topic(articles=[make_article("一篇")])
        assert editor_client.get(reverse("admin:topics_topic_changelist")).status_code == 200
        form = editor_client.get(reverse("admin:topics_topic_change", args=[topic.pk]))
        assert form.status_code == 200 and "一篇" in form.content.decode()

    def test_publish_action_makes_the_topic_public(self, editor_client, client):
        topic = make_topic(status=Topic.Status.DRAFT)
        editor_client.post(
            reverse("admin:topics_topic_changelist"),
            {"action": "publish", "_selected_action": [topic.pk]},
        )
        topic.refresh_from_db()
        assert topic.status == Topic.Status.PUBLISHED and topic.published_at is not None

    def test_writers_cannot_curate_topics(self, client, django_user_model):
        writer = django_user_model.objects.create_user("w", password="pw", is_staff=True)
        writer.groups.add(Group.objects.get(name=roles.WRITER))
        client.force_login(writer)
        assert client.get(reverse("admin:topics_topic_add")).status_code == 403


class TestTopicPage:
    def test_lists_only_published_articles_in_the_editors_order(self, client):
        late, early = make_article("后发"), make_article("先发")
        draft = make_article("草稿", status=Status.DRAFT)
        topic = make_topic(articles=[late, draft, early])
        response = client.get(topic.get_absolute_url())
        assert [a.title for a in response.context["articles"]] == ["后发", "先发"]
        page = response.content.decode()
        assert "<h1>智慧零售专题</h1>" in page and "草稿" not in page
        assert '<html lang="zh-Hans">' in page
        assert_valid_html(page)

    def test_order_follows_positions_not_publication(self, client):
        a, b, c = make_article("甲"), make_article("乙"), make_article("丙")
        topic = make_topic(articles=[a, b, c])
        TopicArticle.objects.filter(topic=topic, article=c).update(position=0)
        titles = [x.title for x in client.get(topic.get_absolute_url()).context["articles"]]
        assert titles == ["丙", "甲", "乙"]

    def test_draft_topic_is_hidden_from_readers_and_previewed_by_editors(
        self, client, editor_client
    ):
        topic = make_topic(status=Topic.Status.DRAFT, articles=[make_article()])
        from django.test import Client

        assert Client().get(topic.get_absolute_url()).status_code == 404
        preview = editor_client.get(topic.get_absolute_url())
        assert preview.status_code == 200
        assert '<meta name="robots" content="noindex">' in preview.content.decode()

    def test_archived_topic_is_gone(self, client):
        topic = make_topic(status=Topic.Status.ARCHIVED)
        assert client.get(topic.get_absolute_url()).status_code == 404

    def test_long_topic_is_paginated_with_a_constant_query_count(self, client):
        articles = bulk_articles(5)
        topic = make_topic(articles=articles)
        small = count_queries(client, topic.get_absolute_url())
        more = bulk_articles(40, start=5)
        for position, article in enumerate(more, start=10):
            TopicArticle.objects.create(topic=topic, article=article, position=position)
        large = count_queries(client, topic.get_absolute_url())
        assert large == small <= 6
        last = client.get(topic.get_absolute_url(), {"page": 3})
        assert len(last.context["articles"]) == 5
        assert count_queries(client, f"{topic.get_absolute_url()}?page=3") == large

    def test_cover_and_intro_on_the_first_page(self, client):
        topic = make_topic(standfirst="一句导语。", intro="第一段。\n\n第二段。")
        page = client.get(topic.get_absolute_url()).content.decode()
        assert "一句导语。" in page and "<p>第一段。</p>" in page and "<p>第二段。</p>" in page


class TestTopicList:
    def test_lists_published_topics_with_published_article_counts(self, client):
        make_topic("公开专题", articles=[make_article(), make_article(status=Status.DRAFT)])
        make_topic("草稿专题", status=Topic.Status.DRAFT)
        response = client.get(reverse("topics:index"))
        topics = list(response.context["topics"])
        assert [t.title for t in topics] == ["公开专题"]
        assert topics[0].article_count == 1
        page = response.content.decode()
        assert "草稿专题" not in page and 'aria-current="page">专题</a>' in page
        assert_valid_html(page)

    def test_query_count_does_not_grow_with_topics(self, client):
        make_topic("一", articles=bulk_articles(3))
        small = count_queries(client, reverse("topics:index"))
        for n in range(25):
            make_topic(f"专题{n}")
        assert count_queries(client, reverse("topics:index")) == small <= 5


class TestAroundTheSite:
    def test_sitemap_lists_published_topics_and_the_list(self, client):
        public = make_topic("公开")
        hidden = make_topic("草稿", status=Topic.Status.DRAFT)
        sitemap = sitemap_urls(client)
        assert f"http://testserver{public.get_absolute_url()}" in sitemap
        assert f"http://testserver{reverse('topics:index')}" in sitemap
        assert f"http://testserver{hidden.get_absolute_url()}" not in sitemap

    def test_article_page_links_to_its_published_topics(self, client):
        article = make_article("一篇文章")
        shown = make_topic("公开专题", articles=[article])
        make_topic("草稿专题", articles=[article], status=Topic.Status.DRAFT)
        page = client.get(article.get_absolute_url()).content.decode()
        aside = page.split('class="article-topics"')[1].split("</aside>")[0]
        assert f'href="{shown.get_absolute_url()}"' in aside and "草稿专题" not in page

    def test_article_page_query_count_does_not_grow_with_topics(self, client):
        article = make_article("一篇文章")
        make_topic("专题", articles=[article])
        small = count_queries(client, article.get_absolute_url())
        for n in range(10):
            make_topic(f"专题{n}", articles=[article])
        assert count_queries(client, article.get_absolute_url()) == small


def test_topic_feeds_carry_its_published_articles(client):
    topic = make_topic(
        "专题", articles=[make_article("公开的"), make_article("草", status=Status.DRAFT)]
    )
    rss = client.get(reverse("topics:rss", args=[topic.slug])).content.decode()
    atom = client.get(reverse("topics:atom", args=[topic.slug])).content.decode()
    assert "公开的" in rss and "公开的" in atom and "草</title>" not in rss
    assert client.get(f"{topic.get_absolute_url()}feed/").status_code == 301
    draft = make_topic("草稿专题", status=Topic.Status.DRAFT)
    assert client.get(reverse("topics:rss", args=[draft.slug])).status_code == 404


class TestCache:
    def test_topic_edits_reach_the_cached_page_on_commit(
        self, client, django_capture_on_commit_callbacks
    ):
        topic = make_topic("旧标题", articles=[make_article()])
        assert "旧标题" in client.get(topic.get_absolute_url()).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            topic.title = "新标题"
            topic.save()
        assert "新标题" in client.get(topic.get_absolute_url()).content.decode()

    def test_added_article_and_unpublished_article_change_the_cached_page(
        self, client, django_capture_on_commit_callbacks
    ):
        first = make_article("第一篇")
        topic = make_topic(articles=[first])
        client.get(topic.get_absolute_url())
        with django_capture_on_commit_callbacks(execute=True):
            TopicArticle.objects.create(topic=topic, article=make_article("第二篇"), position=5)
        assert "第二篇" in client.get(topic.get_absolute_url()).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            Article.objects.get(pk=first.pk).save()  # any article save bumps the stamp
            Article.objects.filter(pk=first.pk).update(status=Status.DRAFT)
        assert "第一篇" not in client.get(topic.get_absolute_url()).content.decode()

    def test_page_parameter_is_part_of_the_key(self, client):
        topic = make_topic(articles=bulk_articles(25))
        first = client.get(topic.get_absolute_url()).content.decode()
        second = client.get(topic.get_absolute_url(), {"page": 2}).content.decode()
        assert first != second and "第 2 页" in second


def test_an_image_covering_a_topic_is_not_deleted(editor_client, settings, tmp_path):
    from tests.media_fixtures import add_image

    settings.MEDIA_ROOT = tmp_path / "media"
    image = add_image(alt_text="封面")
    make_topic("有封面的专题", cover=image)
    url = reverse("admin:media_image_delete", args=[image.pk])
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200 and "有封面的专题" in response.content.decode()
    assert type(image).objects.filter(pk=image.pk).exists()


def test_a_topic_cover_shows_on_its_page_and_share_card(client, settings, tmp_path):
    from tests.media_fixtures import add_image

    settings.MEDIA_ROOT = tmp_path / "media"
    topic = make_topic("有封面的专题", cover=add_image(alt_text="工厂车间"))
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'class="figure figure--cover"' in page and 'alt="工厂车间"' in page
    assert '<meta property="og:image"' in page and "summary_large_image" in page
    listing = client.get(reverse("topics:index")).content.decode()
    assert 'class="teaser__cover"' in listing
    assert_valid_html(page)
