"""Markdown rendering: no raw HTML, sanitised links, heading ids and the table of contents."""

import pytest

from articles.rendering import render_markdown, table_of_contents
from tests.factories import make_article
from tests.site_fixtures import fresh_cache  # noqa: F401


def test_paragraphs_headings_and_blockquotes():
    html = render_markdown("导语段落。\n\n## 数字化转型\n\n正文。\n\n> 引用的一句话。")

    assert html == (
        "<p>导语段落。</p>\n"
        '<h2 id="shu-zi-hua-zhuan-xing">数字化转型</h2>\n'
        "<p>正文。</p>\n"
        "<blockquote>\n<p>引用的一句话。</p>\n</blockquote>"
    )


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<div onclick='alert(1)'>块</div>",
        "段落里 <b onmouseover=alert(1)>内联</b> 的标签",
    ],
)
def test_raw_html_is_shown_as_text(source):
    html = render_markdown(source)

    assert "<script" not in html
    assert "<img" not in html
    assert "<div" not in html
    assert "<b" not in html
    assert "&lt;" in html


def test_script_source_is_escaped_exactly():
    assert render_markdown("<script>alert(1)</script>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


def test_dangerous_link_schemes_are_dropped():
    html = render_markdown("[点我](javascript:alert(1)) 与 [官网](https://example.com)")

    assert "javascript:" not in html
    assert '<a href="https://example.com" rel="noopener noreferrer nofollow">官网</a>' in html


def test_heading_levels_stay_below_the_page_title_without_gaps():
    html = render_markdown("# 一级\n\n#### 四级\n\n## 二级")

    assert '<h2 id="yi-ji">一级</h2>' in html
    assert '<h3 id="si-ji">四级</h3>' in html
    assert '<h2 id="er-ji">二级</h2>' in html
    assert "<h1" not in html
    assert "<h4" not in html


def test_heading_ids_are_unique_and_avoid_reserved_names():
    html = render_markdown("## 背景\n\n## 背景\n\n## Main\n\n## def x")

    assert [anchor for anchor, _ in table_of_contents(html)] == [
        "bei-jing",
        "bei-jing-2",
        "s-main",
        "s-def-x",
    ]


def test_table_of_contents_lists_second_level_headings_as_text():
    html = render_markdown("## 第一 *节*\n\n### 小节\n\n## A & B")

    assert table_of_contents(html) == [("di-yi-jie", "第一 节"), ("a-b", "A & B")]


@pytest.mark.django_db
def test_article_save_fills_body_html():
    article = make_article(body="## 小标题\n\n<script>x</script>正文。")

    assert article.body_html == (
        '<h2 id="xiao-biao-ti">小标题</h2>\n<p>&lt;script&gt;x&lt;/script&gt;正文。</p>'
    )

    article.body = "改过的正文。"
    article.save()
    article.refresh_from_db()

    assert article.body_html == "<p>改过的正文。</p>"
