"""Pictures on reader pages and feeds: covers, figures, OpenGraph, JSON-LD, author cards,
enclosures, and query counts that do not grow with pictures."""

import json
import re
from xml.etree import ElementTree

import pytest

from articles.models import Article, Author, Tag
from tests.factories import make_article, make_author
from tests.media_fixtures import add_image, jpeg_bytes, media_root_fixture  # noqa: F401
from tests.site_fixtures import BULK_TAGS, bulk_articles, count_queries, fresh_cache  # noqa: F401
from tests.test_site_queries import PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
ORIGIN = "http://testserver"


@pytest.fixture
def cover():
    return add_image(
        jpeg_bytes(2400, 1600), alt_text="港口吊机", caption="清晨的港口", credit="新华社"
    )


@pytest.fixture
def portrait():
    return add_image(jpeg_bytes(500, 500, color=(30, 30, 90)), alt_text="作者照片")


@pytest.fixture
def story(cover, portrait, django_capture_on_commit_callbacks):
    author = make_author("林默", bio="长期关注港口与物流的数字化。", portrait=portrait)
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written then
        return make_article(
            "港口的数字化",
            author=author,
            cover=cover,
            tags=["供应链"],
            body=f'港口正在改变。\n\n![吊机](media:{cover.pk} "自动化码头")\n\n结尾。',
        )


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/gong-ying-lian/", "author", "search"])
def test_listings_show_the_cover_thumbnail(client, story, cover, url):
    url = {"author": story.author.get_absolute_url(), "search": "/search/?q=港口"}.get(url, url)

    html = _html(client, url)

    thumb = re.search(r'<div class="teaser__cover">(.*?)</div>', html, re.S)[1]
    assert cover.thumb.src in thumb
    assert 'alt=""' in thumb and 'loading="lazy"' in thumb
    assert 'width="320" height="200"' in thumb


def test_article_page_leads_with_the_cover_not_lazily(client, story, cover):
    html = _html(client, story.get_absolute_url())

    header = re.search(r'<header class="article__header">.*?</header>', html, re.S)[0]
    cover_img = re.search(r"<img [^>]*>", header)[0]
    assert cover.article.src in cover_img
    assert 'loading="lazy"' not in cover_img and 'fetchpriority="high"' in cover_img
    assert 'alt="港口吊机"' in cover_img
    assert "清晨的港口" in header and "图片来源：新华社" in header


def test_article_body_shows_the_figure_with_caption(client, story):
    html = _html(client, story.get_absolute_url())

    body_end = r"</div>\s*(?:<footer|<aside|<section)"
    prose = re.search(rf'<div class="prose">(.*?){body_end}', html, re.S)[1]
    assert re.search(r'<figure class="figure"><picture>.*?loading="lazy"', prose, re.S)
    assert "<figcaption>自动化码头" in prose


def test_opengraph_twitter_and_jsonld_name_the_social_card(client, story, cover):
    html = _html(client, story.get_absolute_url())

    card = cover.social
    assert f'<meta property="og:image" content="{ORIGIN}{card.src}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article = next(json.loads(b) for b in blocks if '"Article"' in b)
    assert article["image"] == f"{ORIGIN}{card.src}"


def test_pages_without_a_picture_say_summary(client):
    article = make_article("没有图")

    html = _html(client, article.get_absolute_url())

    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html


def test_author_card_ends_the_article_and_portrait_heads_the_author_page(client, story, portrait):
    article_html = _html(client, story.get_absolute_url())
    author_html = _html(client, story.author.get_absolute_url())

    card = re.search(r'<aside class="author-card".*?</aside>', article_html, re.S)[0]
    assert portrait.portrait.src in card and 'alt=""' in card
    assert "长期关注港口与物流的数字化。" in card
    assert f'href="{story.author.get_absolute_url()}"' in card
    header = re.search(r'<header class="page-header">.*?</header>', author_html, re.S)[0]
    assert portrait.portrait.src in header and 'alt="林默"' in header
    assert f'content="{ORIGIN}{portrait.social.src}"' in author_html


def test_rss_has_the_cover_as_enclosure_and_absolute_figures(client, story, cover):
    xml = client.get("/feed/rss/").content.decode()

    item = ElementTree.fromstring(xml).find("channel/item")
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"{ORIGIN}{cover.social.src}"
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == cover.social_bytes() > 0
    description = item.find("description").text
    assert f'src="{ORIGIN}/media/images/' in description
    assert 'src="/media' not in description and ", /media" not in description


def test_atom_content_has_absolute_image_urls(client, story):
    xml = client.get("/feed/atom/").content.decode()

    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = ElementTree.fromstring(xml).find("a:entry", ns)
    content = entry.find("a:content", ns).text
    assert f'src="{ORIGIN}/media/images/' in content
    assert re.search(r'srcset="http://testserver/media/\S+ 720w, http://testserver/', content)
    links = [link.get("rel") for link in entry.findall("a:link", ns)]
    assert "enclosure" in links


@pytest.fixture
def site(cover, portrait):
    """The query-count world of `test_site_queries`, every article with a cover and every
    author with a portrait."""
    from tests.factories import make_term

    authors = [make_author(portrait=portrait) for _ in range(3)]
    tags = [Tag.objects.create(name=name) for name in BULK_TAGS]
    articles = bulk_articles(10, authors=authors, tags=tags)
    make_term("SaaS", "软件即服务。")
    term = make_term("智慧零售", "数据驱动的零售。", source_article=articles[0])

    def grow():
        bulk_articles(140, start=10, authors=authors, tags=tags)
        Article.objects.update(cover=cover)

    Article.objects.update(cover=cover)
    return {
        "article": articles[3],
        "author": authors[0],
        "tag": tags[1],
        "term": term,
        "grow": grow,
    }


@pytest.mark.parametrize("name", PAGES)
def test_covers_cost_no_queries(client, site, name):
    url, limit = PAGES[name]

    with_covers = count_queries(client, url(site))
    site["grow"]()
    more = count_queries(client, url(site))
    Article.objects.update(cover=None)
    Author.objects.update(portrait=None)
    without = count_queries(client, url(site))

    assert with_covers == more == without
    assert more <= limit
