"""The article changelist and forms: Chinese tag separators, query counts, glossary duplicates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Tag, TaggedArticle
from articles.tag_names import parse_tags, tags_to_string
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_author, make_term


class TestTagParsing:
    @pytest.mark.parametrize(
        ("typed", "tags"),
        [
            ("产业互联网，SaaS、智慧零售", ["SaaS", "产业互联网", "智慧零售"]),
            ("产业互联网、 数字化转型 ,SaaS", ["SaaS", "产业互联网", "数字化转型"]),
            ("智慧零售", ["智慧零售"]),
            ("云计算 大数据", ["云计算", "大数据"]),  # taggit: spaces split when nothing else does
            ("Smart Retail、SaaS", ["SaaS", "Smart Retail"]),
            ('"研发、设计"、SaaS', ["SaaS", "研发、设计"]),
            ("“研发，设计”，SaaS", ["SaaS", "研发，设计"]),
            ("、，,", []),
            ("", []),
        ],
    )
    def test_splits_on_chinese_and_latin_commas(self, typed, tags):
        assert parse_tags(typed) == tags

    def test_edit_string_reads_back_to_the_same_tags(self):
        tags = [Tag(name=n) for n in ("SaaS", "研发、设计", "Smart Retail", "零售")]
        text = tags_to_string(tags)
        assert text == 'SaaS、"Smart Retail"、"研发、设计"、零售'
        assert parse_tags(text) == sorted(t.name for t in tags)


@pytest.mark.django_db
def test_article_form_accepts_chinese_separators(admin_client):
    article = make_article()
    change = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {name: form[name].value() or "" for name in ("title", "body", "status", "slug")}
    data.update(author=article.author_id, tags="产业互联网，SaaS、智慧零售")
    data["base_version"] = form["base_version"].value()
    assert admin_client.post(change, data).status_code == 302
    assert sorted(t.name for t in article.tags.all()) == ["SaaS", "产业互联网", "智慧零售"]
    page = admin_client.get(change).content.decode()
    assert 'value="SaaS、产业互联网、智慧零售"' in page


def _bulk_articles(n: int):
    """`n` more published articles with two tags each, spread over five authors and eight tags."""
    if not Author.objects.filter(name="批量作者0").exists():
        Author.objects.bulk_create(
            Author(name=f"批量作者{i}", slug=f"pi-liang-zuo-zhe-{i}") for i in range(5)
        )
        Tag.objects.bulk_create(
            Tag(name=f"标签{i}", name_key=f"标签{i}", slug=f"biao-qian-{i}") for i in range(8)
        )
    authors = list(Author.objects.filter(name__startswith="批量作者").order_by("name"))
    tags = list(Tag.objects.filter(name__startswith="标签").order_by("name"))
    start = Article.objects.count()
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"批量文章{start + i}",
            slug=f"pi-liang-wen-zhang-{start + i}",
            author=authors[i % 5],
            body="正文",
            status=Article.Status.PUBLISHED,
            published_at=now,
        )
        for i in range(n)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=a, tag=tags[(a.pk + k) % 8]) for a in articles for k in (0, 3)
    )


@pytest.mark.django_db
def test_changelist_query_count_does_not_grow_with_articles(admin_client):
    changelist = reverse("admin:articles_article_changelist")
    _bulk_articles(20)
    admin_client.get(changelist)  # warm up sessions and content types
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(changelist).status_code == 200
    _bulk_articles(210)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(changelist)
    assert response.context["cl"].result_count == 230
    assert len(response.context["cl"].result_list) == 100
    assert len(many) == len(few)
    assert len(many) <= 12


@pytest.mark.django_db
def test_changelist_query_count_is_bounded(admin_client, django_assert_max_num_queries):
    _bulk_articles(210)
    changelist = reverse("admin:articles_article_changelist")
    admin_client.get(changelist)
    with django_assert_max_num_queries(12):
        page = admin_client.get(f"{changelist}?status__exact=published&tags__id__exact=1")
    assert page.status_code == 200


@pytest.mark.django_db
def test_changelist_filters_by_status_author_tag_and_date(admin_client):
    author = make_author("筛选作者")
    make_article("有标签的", author=author, tags=["SaaS"])
    make_article("草稿", status=Article.Status.DRAFT)
    changelist = reverse("admin:articles_article_changelist")
    response = admin_client.get(changelist)
    titles = {spec.title for spec in response.context["cl"].filter_specs}
    assert titles == {"状态", "首页推荐", "作者", "标签", "发布时间", "更新时间"}
    saas = Tag.objects.get(name="SaaS")
    cases = {
        "status__exact=draft": ["草稿"],
        f"author__id__exact={author.pk}": ["有标签的"],
        f"tags__id__exact={saas.pk}": ["有标签的"],
    }
    for query, expected in cases.items():
        cl = admin_client.get(f"{changelist}?{query}").context["cl"]
        assert [a.title for a in cl.result_list] == expected, query
    page = response.content.decode()
    assert f"href='{Article.objects.get(title='草稿').get_absolute_url()}'" in page


@pytest.mark.django_db
def test_view_on_site_links_for_authors_and_tags(admin_client):
    author = make_author("看看作者")
    page = admin_client.get(reverse("admin:articles_author_changelist")).content.decode()
    assert f"href='{author.get_absolute_url()}'" in page
    tag = Tag.objects.create(name="看看标签")
    change = admin_client.get(reverse("admin:articles_tag_change", args=[tag.pk]))
    assert "viewsitelink" in change.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Ｃ２Ｂ", "c2b", " C2B "])
def test_glossary_admin_refuses_duplicates_by_case_and_width(admin_client, typed):
    make_term("C2B")
    add = reverse("admin:glossary_glossaryentry_add")
    data = {"term": typed, "definition": "重复的定义。", "status": "suggested"}
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert "术语“C2B”已存在" in str(response.context["adminform"].form.errors["term"])
    assert GlossaryEntry.objects.count() == 1
