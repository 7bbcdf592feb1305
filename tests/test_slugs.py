"""Readable pinyin addresses."""

import pytest

from articles.text import pinyin_slug
from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def test_article_slug_is_short_pinyin_cut_at_a_syllable():
    article = make_article("社交网络巨头产业互联网布局研究——腾讯案例分析")
    assert article.slug == "she-jiao-wang-luo-ju-tou-chan-ye-hu-lian"
    assert len(article.slug) <= 40


def test_same_title_gets_a_numbered_slug():
    first = make_article("产业互联网理念")
    second = make_article("产业互联网理念")
    assert (first.slug, second.slug) == (
        "chan-ye-hu-lian-wang-li-nian",
        "chan-ye-hu-lian-wang-li-nian-2",
    )


def test_latin_words_stay_whole():
    assert pinyin_slug("SaaS赛道的边缘崛起") == "saas-sai-dao-de-bian-yuan-jue-qi"
    assert make_author("Ｃ２Ｂ研究").slug == "c2b-yan-jiu"


def test_slug_is_kept_when_the_title_changes():
    article = make_article("产业互联网理念")
    article.title = "新的标题"
    article.save()
    assert article.slug == "chan-ye-hu-lian-wang-li-nian"
