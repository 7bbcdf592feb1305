"""Glossary terms linked into article HTML, and the cache around it."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError

from articles.rendering import render_markdown
from glossary.linking import (
    Matcher,
    current_matcher,
    linked_body,
    sentence_with,
    term_pattern,
)
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_term
from tests.site_fixtures import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def term_link(slug, text):
    return f'<a class="term" href="/glossary/{slug}/" aria-describedby="def-{slug}">{text}</a>'


def test_first_occurrence_only_with_tooltip():
    entry = make_term("C2B", "消费者到企业。")

    html = Matcher([entry]).link(render_markdown("C2B 模式。再说 C2B。"))

    assert html == (
        '<p><span class="term-wrap">'
        + term_link("c2b", "C2B")
        + '<span role="tooltip" id="def-c2b" class="term-def">消费者到企业。</span>'
        "</span> 模式。再说 C2B。</p>"
    )


def test_longest_term_wins():
    entries = [make_term("零售", "卖东西。"), make_term("智慧零售", "数据驱动的零售。")]

    html = Matcher(entries).link(render_markdown("智慧零售不是传统零售。"))

    assert term_link("zhi-hui-ling-shou", "智慧零售") in html
    assert term_link("ling-shou", "零售") in html
    assert html.index("zhi-hui-ling-shou") < html.index('href="/glossary/ling-shou/"')
    assert html.count('class="term"') == 2


def test_aliases_link_to_their_entry_once():
    entry = make_term("软件即服务", "按订阅交付的软件。", aliases="SaaS、云软件")

    html = Matcher([entry]).link(render_markdown("很多 saas 公司。软件即服务与云软件。"))

    assert term_link(entry.slug, "saas") in html
    assert html.count('class="term"') == 1


def test_latin_terms_match_whole_words_only():
    entry = make_term("C2B", "消费者到企业。")

    html = Matcher([entry]).link(render_markdown("C2B2B2C 路径不同于 C2B。"))

    assert "<p>C2B2B2C 路径不同于 <span" in html


def test_never_inside_headings_links_or_code():
    entry = make_term("SaaS", "软件即服务。")
    source = (
        "## SaaS 的起源\n\n[SaaS 报告](https://example.com) 与 `SaaS` 代码。\n\n正文里的 SaaS。"
    )

    html = Matcher([entry]).link(render_markdown(source))

    assert '<h2 id="saas-de-qi-yuan">SaaS 的起源</h2>' in html
    assert 'rel="noopener noreferrer nofollow">SaaS 报告</a>' in html
    assert "<code>SaaS</code>" in html
    assert "<p>正文里的 <span" in html
    assert html.count('class="term"') == 1


def test_terms_and_definitions_are_escaped():
    entry = make_term("<b>术语</b>", "<script>alert(1)</script>定义")

    html = Matcher([entry]).link(render_markdown("这里有 <b>术语</b>。"))

    assert "&lt;b&gt;术语&lt;/b&gt;</a>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;定义</span>" in html
    assert "<script>" not in html
    assert "<b>" not in html


def test_long_definitions_are_shortened_in_the_tooltip():
    entry = make_term("SaaS", "很长的定义" * 50)

    html = Matcher([entry]).link("<p>SaaS</p>")

    tooltip = html.split('class="term-def">')[1].split("</span>")[0]
    assert len(tooltip) == 120
    assert tooltip.startswith("很长的定义很长的定义")
    assert "很长的定义" * 30 not in html


def test_current_matcher_uses_only_published_terms():
    make_term("SaaS", "软件即服务。")
    make_term("PaaS", "平台即服务。", status=GlossaryEntry.Status.SUGGESTED)

    html = current_matcher().link("<p>SaaS 与 PaaS。</p>")

    assert html.count('class="term"') == 1
    assert "平台即服务" not in html


def test_linked_body_follows_glossary_and_article_changes(django_capture_on_commit_callbacks):
    committed = partial(django_capture_on_commit_callbacks, execute=True)
    article = make_article(body="智慧零售与 SaaS。")
    assert 'class="term"' not in linked_body(article)

    with committed():
        entry = make_term("SaaS", "软件即服务。")
    assert term_link("saas", "SaaS") in linked_body(article)

    with committed():
        entry.definition = "新的定义。"
        entry.save()
    assert "新的定义。" in linked_body(article)

    with committed():
        article.body = "只谈智慧零售。"
        article.save()
    assert 'class="term"' not in linked_body(article)

    with committed():
        entry.delete()
        article.body = "再谈 SaaS。"
        article.save()
    assert 'class="term"' not in linked_body(article)


def test_matcher_is_compiled_once_per_glossary_version(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_term("SaaS", "软件即服务。")
    first = current_matcher()

    with django_assert_num_queries(0):
        assert current_matcher() is first

    with django_capture_on_commit_callbacks(execute=True):
        make_term("PaaS", "平台即服务。")
        assert current_matcher() is first  # not before the new term is committed
    assert current_matcher() is not first


def test_sentence_with_prefers_running_text_and_strips_markdown():
    pattern = term_pattern(["智慧零售"])
    body = "## 智慧零售\n\n> 引言。**智慧零售**改变了门店!其他句子。"

    assert sentence_with(body, pattern) == ("", "智慧零售", "改变了门店!")
    assert sentence_with("## 智慧零售\n\n无关。", pattern) == ("", "智慧零售", "")
    assert sentence_with("无关的正文。", pattern) is None


def test_no_link_inside_a_longer_word_the_editors_listed():
    entries = [
        make_term("智慧产业", "腾讯的解决方案。", link_exceptions="智慧产业事业群"),
        make_term("产业", "行业。", link_exceptions="智慧产业事业群"),
    ]

    html = Matcher(entries).link(render_markdown("腾讯成立智慧产业事业群。智慧产业覆盖多个产业。"))

    assert html.count('class="term"') == 2
    assert "成立智慧产业事业群。" in html  # neither the term nor 产业 inside it
    assert term_link("zhi-hui-chan-ye", "智慧产业") + '<span role="tooltip"' in html
    assert html.index("zhi-hui-chan-ye") > html.index("事业群")
    assert term_link("chan-ye", "产业") in html


def test_exceptions_keep_mentions_out_too():
    pattern = term_pattern(["C2B", "智慧产业"], exceptions=["智慧产业事业群", "C2B2C"])
    assert pattern.search("成立智慧产业事业群。") is None
    assert pattern.search("事业群与智慧产业。").group() == "智慧产业"
    assert sentence_with("设立智慧产业事业群。后来智慧产业很大。", pattern) == (
        "后来",
        "智慧产业",
        "很大。",
    )
    escaped = term_pattern(["R&D"], escaped=True, exceptions=["R&D中心"])
    assert escaped.search("R&amp;D中心") is None
    assert escaped.search("R&amp;D 投入").group() == "R&amp;D"


def test_an_exception_must_contain_the_term_or_an_alias():
    entry = GlossaryEntry(
        term="智慧产业", definition="……", aliases="智慧行业", link_exceptions="智慧行业部、事业群"
    )
    with pytest.raises(ValidationError) as raised:
        entry.clean()
    assert raised.value.message_dict["link_exceptions"] == ["“事业群”不含术语或别名，无需列出。"]
