"""Feed entries: Atom has a short plain summary and the full HTML body; RSS the full text."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from tests.factories import make_article, make_author
from tests.site_fixtures import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
BODY = "## 背景\n\n第一段讲清楚 A&B 的关系。\n\n第二段展开细节。"


@pytest.fixture
def article():
    return make_article(
        "供应链金融的新玩法",
        author=make_author("赵六"),
        tags=["供应链"],
        standfirst="导语里有 <b> 与 & 这样的字符。",
        body=BODY,
        published_at=timezone.now() - timedelta(days=2, minutes=7),
    )


def only_entry(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")
    return entry


@pytest.mark.parametrize(
    "url",
    [
        lambda a: "/feed/atom/",
        lambda a: f"/tags/{a.tags.get().slug}/feed/atom/",
        lambda a: f"/authors/{a.author.slug}/feed/atom/",
    ],
)
def test_atom_entry_has_plain_summary_and_full_html_content(client, article, url):
    entry = only_entry(client, url(article))

    (summary,) = entry.findall(f"{ATOM}summary")
    (content,) = entry.findall(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == article.body_html
    assert '<h2 id="bei-jing">背景</h2>' in content.text
    assert "第二段展开细节。" in content.text
    assert summary.get("type") == "html"
    assert summary.text == "导语里有 &lt;b&gt; 与 &amp; 这样的字符。"
    assert "第二段" not in summary.text


def test_atom_summary_without_standfirst_is_the_opening_of_the_body(client):
    article = make_article("没有导语", body=BODY)

    entry = only_entry(client, "/feed/atom/")

    assert article.summary == "第一段讲清楚 A&B 的关系。"
    assert entry.findtext(f"{ATOM}summary") == "第一段讲清楚 A&amp;B 的关系。"
    assert entry.findtext(f"{ATOM}content") == article.body_html


def test_atom_entry_author_and_dates(client, article):
    entry = only_entry(client, "/feed/atom/")

    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "赵六"
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == article.published_at
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == article.updated_at
    assert entry.findtext(f"{ATOM}title") == "供应链金融的新玩法"


def test_rss_item_keeps_the_full_text_in_description(client, article):
    response = client.get("/feed/rss/")
    (item,) = ET.fromstring(response.content).findall("./channel/item")

    assert item.findtext("description") == article.body_html
    assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is None
    assert item.findtext(f"{DC}creator") == "赵六"
    pubdate = parsedate_to_datetime(item.findtext("pubDate"))
    assert pubdate == article.published_at.replace(microsecond=0)


def test_tag_and_author_feed_titles_use_a_chinese_colon(client, article):
    tag_feed = ET.fromstring(client.get(f"/tags/{article.tags.get().slug}/feed/atom/").content)
    author_feed = ET.fromstring(client.get(f"/authors/{article.author.slug}/feed/rss/").content)

    assert tag_feed.findtext(f"{ATOM}title") == "产业观察：供应链"
    assert author_feed.findtext("./channel/title") == "产业观察：赵六"
