"""The glossary index and term pages."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_term
from tests.site_fixtures import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return {block["@type"]: block for block in map(json.loads, blocks)}


def test_index_groups_terms_by_pinyin_initial(client):
    for term in ("C2B", "产业互联网", "数字化转型", "SaaS", "智慧零售", "5G"):
        make_term(term, f"{term}的定义。")
    make_term("草拟术语", "未审。", status=GlossaryEntry.Status.SUGGESTED)

    response = client.get("/glossary/")

    groups = {letter: [e.term for e in entries] for letter, entries in response.context["groups"]}
    assert groups == {
        "C": ["C2B", "产业互联网"],
        "S": ["SaaS", "数字化转型"],
        "Z": ["智慧零售"],
        "#": ["5G"],
    }
    html = response.content.decode()
    assert '<li><a href="#letter-C">C</a></li>' in html
    assert '<li><span class="letter-bar__empty">A</span></li>' in html
    assert '<li><a href="#letter-other">#</a></li>' in html
    assert '<h2 id="letter-C" class="glossary-group__letter">C</h2>' in html
    assert "草拟术语" not in html
    term_set = jsonld(response)["DefinedTermSet"]
    assert [t["name"] for t in term_set["hasDefinedTerm"]] == [
        "5G", "C2B", "产业互联网", "SaaS", "数字化转型", "智慧零售",
    ]  # fmt: skip


def test_term_page_shows_definition_aliases_and_published_source(client):
    source = make_article("来源文章")
    entry = make_term(
        "软件即服务", "按订阅交付的软件。", aliases="SaaS、云软件", source_article=source
    )

    response = client.get(entry.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>软件即服务</h1>" in html
    assert "<p>按订阅交付的软件。</p>" in html
    assert '<span class="alias">SaaS</span>、<span class="alias">云软件</span>' in html
    assert f'出处：<a href="{source.get_absolute_url()}">来源文章</a>' in html
    data = jsonld(response)
    assert data["DefinedTerm"]["name"] == "软件即服务"
    assert data["DefinedTerm"]["alternateName"] == ["SaaS", "云软件"]
    assert data["DefinedTerm"]["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert [c["name"] for c in data["BreadcrumbList"]["itemListElement"]] == [
        "首页", "术语表", "软件即服务",
    ]  # fmt: skip


def test_unpublished_source_article_is_not_linked(client):
    source = make_article("草稿来源", status=Article.Status.DRAFT)
    entry = make_term("SaaS", "软件即服务。", source_article=source)

    html = client.get(entry.get_absolute_url()).content.decode()

    assert "出处" not in html
    assert "草稿来源" not in html


def test_term_page_lists_published_mentions_with_their_sentence(client):
    entry = make_term("C2B", "消费者到企业。", aliases="反向定制")
    newer = make_article(
        "新文章",
        body="## 背景\n\n开头一句。企业走向 C2B 模式！后面一句。",
        published_at=timezone.now() - timedelta(days=1),
    )
    older = make_article(
        "旧文章",
        body="我们谈谈反向定制的做法。",
        published_at=timezone.now() - timedelta(days=3),
    )
    make_article("不相关", body="C2B2B2C 的路径。")
    make_article("草稿提及", body="C2B 很重要。", status=Article.Status.DRAFT)
    make_article("归档提及", body="C2B 很重要。", status=Article.Status.ARCHIVED)
    make_article("未来提及", body="C2B 很重要。", published_at=timezone.now() + timedelta(days=1))

    response = client.get(entry.get_absolute_url())

    assert [(a.title, s) for a, s in response.context["mentions"]] == [
        ("新文章", ("企业走向 ", "C2B", " 模式！")),
        ("旧文章", ("我们谈谈", "反向定制", "的做法。")),
    ]
    html = response.content.decode()
    assert '<blockquote class="mention">企业走向 <mark>C2B</mark> 模式！</blockquote>' in html
    assert newer.get_absolute_url() in html
    assert older.get_absolute_url() in html
    for title in ("草稿提及", "归档提及", "未来提及", "不相关"):
        assert title not in html


def test_suggested_term_is_404(client):
    entry = make_term("待定", "未审。", status=GlossaryEntry.Status.SUGGESTED)

    assert client.get(entry.get_absolute_url()).status_code == 404


def test_term_and_definition_are_escaped_everywhere(client):
    entry = make_term("<script>alert(1)</script>", "<img src=x onerror=alert(1)>定义")

    index = client.get("/glossary/").content.decode()
    page = client.get(entry.get_absolute_url()).content.decode()

    for html in (index, page):
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E" in page
