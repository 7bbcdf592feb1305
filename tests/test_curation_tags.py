"""Tag curation in the admin: counts, renames that keep the URL, merging."""

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Tag, TaggedArticle
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/tag/"


@pytest.fixture
def tags():
    names = ["智慧零售", "新零售", "零售"]
    return {name: Tag.objects.create(name=name) for name in names}


@pytest.fixture
def articles(tags):
    """a1 智慧零售 · a2 新零售 · a3 新零售+智慧零售 · a4 零售 · a5 新零售+零售 · a6 none."""
    return [
        make_article(tags=["智慧零售"]),
        make_article(tags=["新零售"]),
        make_article(tags=["新零售", "智慧零售"]),
        make_article(tags=["零售"], status=Article.Status.DRAFT),
        make_article(tags=["新零售", "零售"]),
        make_article(),
    ]


def merge_post(client, tags, **extra):
    data = {"action": "merge", helpers.ACTION_CHECKBOX_NAME: [t.pk for t in tags], **extra}
    return client.post(CHANGELIST, data)


def test_changelist_shows_published_and_total_counts(admin_client, tags, articles):
    content = admin_client.get(CHANGELIST).content.decode()
    row = content[content.index(">零售<") :]
    row = row[: row.index("</tr>")]
    assert '<td class="field-published_count">1</td>' in row
    assert '<td class="field-article_count">2</td>' in row


def test_changelist_queries_do_not_grow_with_tags(admin_client, tags, articles):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        make_article(tags=[f"标签{n}"])
    assert count() == before


def test_merge_asks_for_the_survivor_first(admin_client, tags, articles):
    response = merge_post(admin_client, tags.values())
    assert response.status_code == 200
    content = response.content.decode()
    assert "保留的标签" in content
    for tag in tags.values():
        assert f'value="{tag.pk}"' in content
    assert Tag.objects.count() == 3


def test_merge_moves_articles_without_duplicates(admin_client, tags, articles):
    survivor = tags["智慧零售"]
    response = merge_post(admin_client, tags.values(), post="yes", survivor=survivor.pk)
    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["智慧零售"]
    tagged = sorted(TaggedArticle.objects.values_list("content_object", "tag"))
    assert tagged == [(a.pk, survivor.pk) for a in articles[:5]]
    messages = [str(m) for m in admin_client.get(CHANGELIST).context["messages"]]
    assert messages == ["已将 2 个标签合并到“智慧零售”，移动 4 篇文章。"]


def test_merge_into_a_tag_the_articles_already_have(admin_client, tags, articles):
    survivor = tags["新零售"]
    merge_post(admin_client, [survivor, tags["零售"]], post="yes", survivor=survivor.pk)
    assert set(Tag.objects.values_list("name", flat=True)) == {"智慧零售", "新零售"}
    on_survivor = set(survivor.tagged_articles.values_list("content_object", flat=True))
    assert on_survivor == {articles[i].pk for i in (1, 2, 3, 4)}
    assert survivor.tagged_articles.count() == 4
    assert set(articles[2].tags.names()) == {"智慧零售", "新零售"}


def test_survivor_must_be_one_of_the_selected_tags(admin_client, tags, articles):
    outsider = Tag.objects.create(name="外部标签")
    response = merge_post(
        admin_client, [tags["新零售"], tags["零售"]], post="yes", survivor=outsider.pk
    )
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert Tag.objects.count() == 4


def test_merge_needs_two_tags(admin_client, tags, articles):
    response = merge_post(admin_client, [tags["零售"]])
    assert response.status_code == 302
    messages = [str(m) for m in admin_client.get(CHANGELIST).context["messages"]]
    assert messages == ["请至少选择两个标签再合并。"]
    assert Tag.objects.count() == 3


def test_rename_keeps_the_slug(admin_client, tags):
    tag = tags["新零售"]
    url = reverse("admin:articles_tag_change", args=[tag.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="slug"' not in page
    response = admin_client.post(url, {"name": "新零售模式", "slug": "changed"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("新零售模式", "xin-ling-shou")


def test_rename_refuses_a_name_another_tag_has(admin_client):
    Tag.objects.create(name="SaaS")
    tag = Tag.objects.create(name="软件服务")
    url = reverse("admin:articles_tag_change", args=[tag.pk])
    response = admin_client.post(url, {"name": "ｓａａｓ"})
    assert response.status_code == 200
    assert "标签“SaaS”已存在" in response.content.decode()
    tag.refresh_from_db()
    assert tag.name == "软件服务"


def test_new_tag_gets_a_pinyin_slug(admin_client):
    response = admin_client.post(reverse("admin:articles_tag_add"), {"name": "智能制造"})
    assert response.status_code == 302
    assert Tag.objects.get(name="智能制造").slug == "zhi-neng-zhi-zao"


def test_merged_tag_addresses_redirect_to_the_survivor(admin_client, client, tags, articles):
    survivor, merged = tags["智慧零售"], tags["零售"]
    old_slug = merged.slug
    merge_post(admin_client, [survivor, merged], post="yes", survivor=survivor.pk)
    response = client.get(f"/tags/{old_slug}/")
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    feed = client.get(f"/tags/{old_slug}/feed/atom/")
    assert feed.status_code == 301
    assert feed["Location"] == survivor.get_absolute_url() + "feed/atom/"


def test_merging_a_survivor_later_carries_its_old_addresses_along(admin_client, client, tags):
    make_article(tags=["智慧零售", "新零售", "零售"])
    first = tags["零售"].slug
    merge_post(admin_client, [tags["新零售"], tags["零售"]], post="yes", survivor=tags["新零售"].pk)
    merge_post(
        admin_client, [tags["智慧零售"], tags["新零售"]], post="yes", survivor=tags["智慧零售"].pk
    )
    response = client.get(f"/tags/{first}/")
    assert response.status_code == 301
    assert response["Location"] == tags["智慧零售"].get_absolute_url()


def test_unknown_tag_address_is_still_a_404(client, tags, articles):
    assert client.get("/tags/no-such-tag/").status_code == 404


@pytest.mark.django_db
def test_tag_keeps_the_pinyin_sort_key_of_its_current_name():
    tag = Tag.objects.create(name="智慧零售")
    assert tag.sort_key == "zhihuilingshou"

    tag.name = "产业互联网"
    tag.save()
    tag.refresh_from_db()

    assert tag.sort_key == "chanyehulianwang"
