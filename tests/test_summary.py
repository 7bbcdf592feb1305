"""Teasers use the standfirst, or the body's opening when there is none."""

import pytest
from django.urls import reverse

from articles.rendering import lead_text
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BODY = "第一句话讲产业互联网。第二句话讲智慧零售。\n\n## 小标题\n\n后文。"


def test_summary_falls_back_to_the_opening_of_the_body():
    article = make_article(body=BODY, standfirst="")
    assert article.summary == "第一句话讲产业互联网。第二句话讲智慧零售。"


def test_summary_is_the_standfirst_when_there_is_one():
    article = make_article(body=BODY, standfirst="编辑写的导语。")
    assert article.summary == "编辑写的导语。"


def test_article_page_does_not_repeat_the_opening_as_a_standfirst(client):
    article = make_article(body=BODY, standfirst="")
    content = client.get(article.get_absolute_url()).content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    assert main.count("第一句话讲产业互联网。") == 1
    assert 'class="standfirst"' not in content


def test_lists_show_the_summary(client):
    make_article(body=BODY, standfirst="")
    content = client.get(reverse("articles:list")).content.decode()
    assert '<p class="teaser__standfirst">第一句话讲产业互联网。第二句话讲智慧零售。</p>' in content


def test_lead_text_cuts_at_a_sentence_end():
    html = "<p>" + "这是一句比较长的中文句子。" * 20 + "</p>"
    lead = lead_text(html, 40)
    assert lead.endswith("。")
    assert len(lead) <= 40
