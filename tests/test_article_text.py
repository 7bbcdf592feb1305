"""Text as browsers post it is stored the same way as imported text."""

import pytest

from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def test_crlf_from_a_textarea_is_stored_as_lf():
    article = make_article(
        body="第一段。\r\n\r\n## 小标题\r\n\r\n第二段。", standfirst="导语。\r\n续。"
    )
    article.refresh_from_db()
    assert article.body == "第一段。\n\n## 小标题\n\n第二段。"
    assert article.standfirst == "导语。\n续。"
    assert "<h2" in article.body_html


def test_author_autocomplete_lists_authors_in_name_order(admin_client):
    for name in ["魏", "安", "孟"]:
        make_author(name)
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "author"},
    )
    names = [row["text"] for row in response.json()["results"]]
    assert names == sorted(names)
    assert len(names) == 3
