"""Search text handling: tokens, query parsing, Markdown stripping and highlighted snippets."""

import pytest

from articles.search.documents import learn_glossary_words, markdown_text, tokens
from articles.search.query import MAX_LENGTH, parse
from articles.search.snippets import SNIPPET_LENGTH, highlight, snippet
from glossary.models import GlossaryEntry
from tests.factories import make_term


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("騰訊雲", "腾讯"),
        ("ＳａａＳ", "saas"),
        ("SaaS", "saas"),
        ("5G 网络", "5g"),
        ("Ｃ２Ｂ模式", "c2b"),
    ],
)
def test_tokens_are_simplified_width_folded_and_lower_case(value, expected):
    assert expected in tokens(value)


def test_tokens_drop_punctuation():
    assert tokens("“腾讯”!——(2018)") == ["腾讯", "2018"]


def test_mixed_token_also_yields_its_latin_and_chinese_parts(db):
    make_term("O2O模式")
    learn_glossary_words()
    found = tokens("采用O2O模式运营")
    assert {"o2o模式", "o2o", "模式"} <= set(found)


def test_published_glossary_terms_stay_whole(db):
    make_term("产业互联网生态")
    make_term("灰度发布术语", status="suggested")
    learn_glossary_words()
    assert "产业互联网生态" in tokens("腾讯注重产业互联网生态的构建")
    assert "灰度发布术语" not in tokens("这次灰度发布术语很多")


def test_glossary_aliases_stay_whole(db):
    make_term("软件即服务", aliases="云端软件服务, 订阅式软件")
    learn_glossary_words()
    assert "订阅式软件" in tokens("越来越多企业选择订阅式软件")


def test_markdown_text_keeps_words_and_drops_markup():
    source = (
        "## 小标题\n\n**腾讯**在[官网](https://example.com/a)发布了 `SDK`。\n\n"
        "> 引用一句\n\n- 列表项\n1. 第一项\n\n![配图说明](img.png)"
    )
    plain = markdown_text(source)
    for kept in ["小标题", "腾讯在官网发布了 SDK。", "引用一句", "列表项", "第一项", "配图说明"]:
        assert kept in plain
    for dropped in ["##", "**", "https://", "`", "> ", "- ", "img.png"]:
        assert dropped not in plain


def test_markdown_text_keeps_raw_html_as_text():
    assert "<script>" in markdown_text("正文 <script>alert(1)</script>")


@pytest.mark.django_db
class TestParse:
    def test_words_become_single_token_terms(self):
        query = parse("腾讯 SaaS")
        assert ("腾讯",) in query.terms
        assert ("saas",) in query.terms

    @pytest.mark.parametrize("raw", ['"产业 互联网"', "“产业 互联网”", "「产业 互联网」"])
    def test_quoted_text_is_one_phrase(self, raw):
        assert parse(raw).terms == (("产业", "互联", "联网", "互联网"),)

    def test_unclosed_quote_is_ignored(self):
        assert parse('腾讯 "云计算').terms == parse("腾讯 云计算").terms

    def test_repeated_terms_are_searched_once(self):
        assert parse("腾讯 腾讯 騰訊").terms == (("腾讯",),)

    @pytest.mark.parametrize("raw", ["", "   ", "!!!", "“”", "——……", '""', "\x00\x01"])
    def test_nothing_searchable_is_an_empty_query(self, raw):
        assert not parse(raw)

    def test_operators_are_plain_words(self):
        query = parse('腾讯 AND NOT ("云" OR *) NEAR ^ :')
        assert query.terms == (("腾讯",), ("and",), ("not",), ("云",), ("or",), ("near",))

    def test_overlong_input_is_capped(self):
        query = parse("腾" * 500)
        assert len(query.text) == MAX_LENGTH

    def test_control_characters_become_spaces(self):
        assert parse("腾讯\x00云").text == "腾讯 云"

    def test_glossary_terms_published_elsewhere_are_learned_first(self):
        GlossaryEntry.objects.bulk_create(
            [
                GlossaryEntry(
                    term="协同制造云平台",
                    term_key="协同制造云平台",
                    slug="xie-tong-zhi-zao-yun-ping-tai",
                    sort_key="xietongzhizaoyunpingtai",
                    definition="由另一个进程发布的术语。",
                    status=GlossaryEntry.Status.PUBLISHED,
                )
            ]
        )
        assert ("协同制造云平台",) in parse("协同制造云平台").terms

    def test_highlighted_words_leave_out_parts_of_longer_words(self):
        assert parse("供应链管理 SaaS").words == ["saas", "供应链", "管理"]


class TestSnippet:
    def test_marks_every_match_around_the_first(self):
        text = "开头的话。" * 30 + "腾讯提出产业互联网战略,腾讯云随后发力。" + "结尾的话。" * 30
        html = snippet(text, ["腾讯"])
        assert html.count("<mark>腾讯</mark>") == 2
        assert html.startswith("…") and html.endswith("…")
        assert len(html.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_LENGTH + 2

    def test_starts_at_the_beginning_without_a_match(self):
        assert snippet("第一句话。第二句话。", ["腾讯"]) == "第一句话。第二句话。"

    def test_escapes_the_original_text(self):
        html = snippet("<script>alert('腾讯')</script> & 更多", ["腾讯"])
        assert "<script>" not in html
        escaped = "&lt;script&gt;alert(&#x27;<mark>腾讯</mark>&#x27;)&lt;/script&gt; &amp; 更多"
        assert escaped in html

    def test_marks_traditional_and_full_width_originals(self):
        html = snippet("騰訊推出ＳａａＳ產品", ["腾讯", "saas"])
        assert "<mark>騰訊</mark>" in html
        assert "<mark>ＳａａＳ</mark>" in html

    def test_prefers_the_longest_word(self):
        assert highlight("产业互联网", ["互联", "互联网"]) == "产业<mark>互联网</mark>"

    def test_adjacent_matches_share_one_mark(self):
        assert highlight("产业互联网平台", ["产业", "互联网"]) == "<mark>产业互联网</mark>平台"

    def test_highlight_escapes_titles(self):
        assert highlight("<b>腾讯</b>", ["腾讯"]) == "&lt;b&gt;<mark>腾讯</mark>&lt;/b&gt;"

    def test_marks_originals_that_fold_into_several_characters(self):
        assert highlight("㈱腾讯 ﬁnance", ["腾讯", "finance"]) == (
            "㈱<mark>腾讯</mark> <mark>ﬁnance</mark>"
        )

    def test_marks_matches_across_paragraphs_near_a_late_first_match(self):
        text = "\n\n".join(["开头的段落。" * 5] * 20 + ["腾讯提出战略。", "腾讯云随后发力。"])
        html = snippet(text, ["腾讯"])
        assert html.count("<mark>腾讯</mark>") == 2
        assert html.startswith("…") and not html.endswith("…")
