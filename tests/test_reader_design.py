"""The reader's page: sections editors order, breadcrumbs without the title, one search
box on the search page, sharing with a QR code, titles with Chinese punctuation, and a
font stack that keeps headings bold."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.display_text import display_title
from articles.models import Article, Section
from tests.factories import make_article
from tests.site_fixtures import sitemap_urls

pytestmark = pytest.mark.django_db
Status = Article.Status
CSS = Path(settings.BASE_DIR, "articles/static/articles/site.css")


@pytest.fixture
def sections():
    return [
        Section.objects.create(name="深度", position=2),
        Section.objects.create(name="快讯", position=1, description="每天的产业新闻。"),
    ]


class TestSections:
    def test_editors_create_sections_with_pinyin_slugs(self, client, django_user_model):
        editor = django_user_model.objects.create_user("e", password="x", is_staff=True)
        editor.groups.add(Group.objects.get(name="编辑"))
        client.force_login(editor)
        response = client.post(
            reverse("admin:articles_section_add"), {"name": "产业观察", "position": 3}
        )
        assert response.status_code == 302
        assert Section.objects.get(name="产业观察").slug == "chan-ye-guan-cha"

    def test_a_new_section_shows_on_cached_pages_at_once(
        self, client, django_capture_on_commit_callbacks
    ):
        assert "新栏目" not in client.get("/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            Section.objects.create(name="新栏目")
        assert "新栏目" in client.get("/").content.decode()

    def test_navigation_follows_the_editors_order(self, client, sections):
        page = client.get("/").content.decode()
        nav = page.split('aria-label="主导航"')[1].split("</nav>")[0]
        assert nav.index("快讯") < nav.index("深度")

    def test_section_page_lists_its_published_articles(self, client, sections):
        make_article("快讯一", section=sections[1])
        make_article("快讯草稿", section=sections[1], status=Status.DRAFT)
        make_article("深度一", section=sections[0])
        response = client.get(sections[1].get_absolute_url())
        assert [a.title for a in response.context["articles"]] == ["快讯一"]
        page = response.content.decode()
        assert "<h1>快讯</h1>" in page and "每天的产业新闻。" in page
        assert 'aria-current="page">快讯</a>' in page

    def test_section_feed(self, client, sections):
        make_article("快讯一", section=sections[1])
        feed = client.get(reverse("articles:section_rss", args=[sections[1].slug]))
        assert feed.status_code == 200 and "快讯一" in feed.content.decode()
        assert client.get(f"/sections/{sections[1].slug}/feed/").status_code == 301

    def test_sitemap_lists_the_sections(self, client, sections):
        sitemap = sitemap_urls(client)
        for section in sections:
            assert f"http://testserver{section.get_absolute_url()}" in sitemap

    def test_home_has_a_block_per_section(self, client, sections):
        for n in range(6):
            make_article(f"快讯{n}", section=sections[1])
        page = client.get("/").content.decode()
        block = page.split(f'id="section-{sections[1].pk}-title"')[1].split("</section>")[0]
        assert len(re.findall(r"<li>", block)) == 4
        assert f'id="section-{sections[0].pk}-title"' not in page  # no articles yet

    def test_article_names_its_section(self, client, sections):
        article = make_article("一篇深度", section=sections[0])
        page = client.get(article.get_absolute_url()).content.decode()
        assert 'class="article__kicker"><a href="/sections/' in page
        crumbs = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
        assert "深度" in crumbs


def test_breadcrumbs_do_not_repeat_the_title(client):
    article = make_article("一个很长很长的标题")
    page = client.get(article.get_absolute_url()).content.decode()
    crumbs = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "一个很长很长的标题" not in crumbs and "首页" in crumbs


def test_search_page_has_one_search_box(client):
    page = client.get(reverse("search"), {"q": "产业"}).content.decode()
    assert page.count('type="search"') == 1
    assert 'class="site-search"' not in page


class TestSharing:
    def test_article_has_a_qr_code_of_its_address(self, client):
        article = make_article()
        page = client.get(article.get_absolute_url()).content.decode()
        share = page.split('class="share"')[1].split("</section>")[0]
        assert f'data-share-url="http://testserver{article.get_absolute_url()}"' in share
        assert '<svg role="img" aria-label="本文网址的二维码"' in share
        assert "用微信扫一扫" in share

    def test_unpublished_previews_offer_no_sharing(self, admin_client):
        article = make_article(status=Status.DRAFT)
        page = admin_client.get(article.get_absolute_url()).content.decode()
        assert 'class="share"' not in page


class TestTitles:
    @pytest.mark.parametrize(
        ("stored", "shown"),
        [
            ("产业互联网,下一步?", "产业互联网，下一步？"),
            ("腾讯云的打法...", "腾讯云的打法……"),
            ("等待…", "等待……"),
            ("SaaS 3.0:ERP,MRP", "SaaS 3.0:ERP,MRP"),
        ],
    )
    def test_display_title(self, stored, shown):
        assert display_title(stored) == shown

    def test_pages_show_the_normalised_title(self, client):
        article = make_article("数字化转型,从哪里开始...")
        page = client.get(article.get_absolute_url()).content.decode()
        assert "<h1>数字化转型，从哪里开始……</h1>" in page
        assert "数字化转型，从哪里开始……" in client.get("/articles/").content.decode()


class TestStylesheet:
    def test_font_stack_keeps_headings_bold(self):
        css = CSS.read_text(encoding="utf-8")
        stack = [name.strip() for name in re.search(r"--font-sans:([^;]+);", css)[1].split(",")]
        assert stack[-1] == "sans-serif"  # nothing after the generic family
        assert not any("WenQuanYi" in name for name in stack)  # a CJK font without bold
        assert "font-synthesis: weight style" in css

    def test_footer_sits_at_the_bottom_of_short_pages(self):
        css = CSS.read_text(encoding="utf-8")
        body = re.search(r"\nbody \{([^}]*)\}", css).group(1)
        main = re.search(r"\nmain \{([^}]*)\}", css).group(1)
        assert "flex-direction: column" in body and "min-height: 100dvh" in body
        assert "flex: 1 0 auto" in main

    def test_phone_header_links_to_search_instead_of_a_box(self, client):
        page = client.get("/").content.decode()
        assert '<a class="site-search-link" href="/search/">搜索</a>' in page


class TestShareCodeDrawing:
    """A QR code depends only on its address: each is drawn once, then kept."""

    def test_code_is_drawn_once_per_address(self, monkeypatch):
        from articles import share

        share._kept_svg.cache_clear()
        drawn = []
        monkeypatch.setattr(share, "draw_svg", lambda url: drawn.append(url) or f"<svg {url}>")

        first = share.qr_svg("http://testserver/articles/a/")
        share._kept_svg.cache_clear()  # another worker process: only the shared cache
        again = share.qr_svg("http://testserver/articles/a/")
        other = share.qr_svg("http://testserver/articles/b/")

        assert first == again == "<svg http://testserver/articles/a/>"
        assert other == "<svg http://testserver/articles/b/>"
        assert drawn == ["http://testserver/articles/a/", "http://testserver/articles/b/"]
