"""Glossary curation in the admin: review, mentions, filters, search and duplicates."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from glossary.admin import mentioning_articles
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_term

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/glossary/glossaryentry/"
SUGGESTED = GlossaryEntry.Status.SUGGESTED
PUBLISHED = GlossaryEntry.Status.PUBLISHED
REJECTED = GlossaryEntry.Status.REJECTED


def act(client, action, entries):
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [e.pk for e in entries]}
    response = client.post(CHANGELIST, data, follow=True)
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def entries():
    return [
        make_term("C2B", status=SUGGESTED),
        make_term("私域流量", status=SUGGESTED),
        make_term("智慧零售", status=PUBLISHED),
        make_term("SaaS", status=SUGGESTED),
    ]


def test_bulk_approve_reports_counts(admin_client, entries):
    messages = act(admin_client, "approve", entries[:3])
    assert messages == ["已发布 2 个术语；1 个已发布的术语未作改动。"]
    statuses = dict(GlossaryEntry.objects.values_list("term", "status"))
    assert statuses == {
        "C2B": PUBLISHED,
        "私域流量": PUBLISHED,
        "智慧零售": PUBLISHED,
        "SaaS": SUGGESTED,
    }


def test_bulk_reject_keeps_suggestions_as_rejected(admin_client, entries):
    messages = act(admin_client, "reject", entries[1:])
    assert messages == [
        "已驳回 2 个待审术语（状态改为“已驳回”，再次导入时不会重新出现）；"
        "1 个已发布或已驳回的术语未作改动。"
    ]
    statuses = dict(GlossaryEntry.objects.values_list("term", "status"))
    assert statuses == {
        "C2B": SUGGESTED,
        "私域流量": REJECTED,
        "智慧零售": PUBLISHED,
        "SaaS": REJECTED,
    }
    assert list(GlossaryEntry.objects.published().values_list("term", flat=True)) == ["智慧零售"]
    assert admin_client.get(reverse("glossary:detail", args=[entries[1].slug])).status_code == 404


def test_rejected_terms_stay_listed_under_their_status(admin_client, entries):
    act(admin_client, "reject", entries[:2])
    content = admin_client.get(CHANGELIST).content.decode()
    assert "已驳回(2)" in content and "待审(1)" in content
    filtered = admin_client.get(CHANGELIST, {"status": REJECTED})
    assert [e.term for e in filtered.context["cl"].result_list] == ["C2B", "私域流量"]


def test_approving_a_rejected_term_publishes_it(admin_client, entries):
    act(admin_client, "reject", entries[:1])
    assert act(admin_client, "approve", entries[:1]) == ["已发布 1 个术语。"]
    assert GlossaryEntry.objects.get(term="C2B").status == PUBLISHED


def test_status_filter_counts_suggestions(admin_client, entries):
    content = admin_client.get(CHANGELIST).content.decode()
    assert "待审(3)" in content
    assert "已发布(1)" in content
    filtered = admin_client.get(CHANGELIST, {"status": SUGGESTED})
    assert [e.term for e in filtered.context["cl"].result_list] == ["C2B", "SaaS", "私域流量"]


def test_search_ignores_case_and_width(admin_client, entries):
    entries[2].aliases = "新零售"
    entries[2].save()
    for query, expected in [("Ｃ２Ｂ", ["C2B"]), ("saas", ["SaaS"]), ("新零售", ["智慧零售"])]:
        response = admin_client.get(CHANGELIST, {"q": query})
        assert [e.term for e in response.context["cl"].result_list] == expected, query


def test_search_keeps_the_status_filter(admin_client, entries):
    response = admin_client.get(CHANGELIST, {"q": "ｃ２ｂ", "status": PUBLISHED})
    assert list(response.context["cl"].result_list) == []


def test_duplicate_refused_through_the_add_form(admin_client):
    make_term("C2B")
    url = reverse("admin:glossary_glossaryentry_add")
    for term in ["Ｃ２Ｂ", "c2b", " C2B "]:
        data = {"term": term, "definition": "消费者到企业。", "status": SUGGESTED, "slug": "c2b-2"}
        response = admin_client.post(url, data)
        assert response.status_code == 200, term
        errors = response.context["adminform"].form.errors
        assert errors["term"] == ["术语“C2B”已存在（忽略大小写与全/半角）。"]
    assert GlossaryEntry.objects.count() == 1


def test_new_term_and_aliases_saved_through_the_add_form(admin_client):
    url = reverse("admin:glossary_glossaryentry_add")
    data = {
        "term": "私域流量",
        "definition": "品牌可以反复触达的用户。",
        "aliases": "私域、私域用户",
        "status": SUGGESTED,
        "slug": "si-yu-liu-liang",
    }
    assert admin_client.post(url, data).status_code == 302
    entry = GlossaryEntry.objects.get()
    assert entry.alias_list == ["私域", "私域用户"]


@pytest.fixture
def mentions():
    entry = make_term("C2B", aliases="反向定制")
    found = [
        make_article(title="用户直连制造", body="C2B 模式让工厂按订单生产。"),
        make_article(
            title="反向定制的兴起", body="家电行业开始反向定制。", status=Article.Status.DRAFT
        ),
        make_article(title="标题里提到 c2b", body="正文没有。"),
    ]
    make_article(title="无关文章", body="C2B2C 不是这个术语，产业互联网才是。")
    make_article(title="另一篇无关文章")
    return entry, found


def test_mentions_are_found_in_one_query(mentions, django_assert_num_queries):
    entry, found = mentions
    with django_assert_num_queries(1):
        shown, total = mentioning_articles(entry)
    assert total == 3
    assert sorted(mention.pk for mention in shown) == sorted(a.pk for a in found)
    assert shown[0].title == "反向定制的兴起" and shown[0].status_label == "草稿"
    sentences = {mention.title: mention.sentence for mention in shown}
    assert sentences["用户直连制造"] == ("", "C2B", " 模式让工厂按订单生产。")
    assert sentences["标题里提到 c2b"] is None


def test_change_page_lists_mentioning_articles(admin_client, mentions):
    entry, found = mentions
    url = reverse("admin:glossary_glossaryentry_change", args=[entry.pk])
    content = admin_client.get(url).content.decode()
    section = content[content.index("提及此术语的文章") :]
    assert "共 3 篇。" in section
    for article in found:
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        assert f"<a href='{change_url}'>{article.title}</a>" in section
    assert "无关文章" not in section
    assert "<mark>反向定制</mark>" in section


def test_add_page_has_no_mentions_section(admin_client):
    content = admin_client.get(reverse("admin:glossary_glossaryentry_add")).content.decode()
    assert "提及此术语的文章" not in content


def test_change_page_shows_the_twenty_most_recent_mentions_and_links_the_rest(
    admin_client, django_assert_max_num_queries
):
    entry = make_term("C2B&B2B")
    now = timezone.now()
    articles = [
        make_article(title=f"第{n}篇", body="C2B&B2B 模式。", published_at=now - timedelta(days=n))
        for n in range(25)
    ]
    url = reverse("admin:glossary_glossaryentry_change", args=[entry.pk])
    with django_assert_max_num_queries(12):
        content = admin_client.get(url).content.decode()
    section = content[content.index("提及此术语的文章") :]
    assert "共 25 篇。" in section
    assert section.count("<li><a href=") == 20
    for article in articles[:20]:
        assert reverse("admin:articles_article_change", args=[article.pk]) + "'" in section
    for article in articles[20:]:
        assert reverse("admin:articles_article_change", args=[article.pk]) + "'" not in section
    assert "还有 5 篇" in section
    assert "href='/search/?q=C2B%26B2B'" in section
