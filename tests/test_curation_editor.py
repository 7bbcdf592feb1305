"""The article form's Markdown editor, its live preview, and the share link on the change page."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.models import Article
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_term

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/articles/article/markdown-preview/"


def staff(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return user


def render(client, text):
    response = client.post(PREVIEW_URL, {"text": text})
    assert response.status_code == 200
    return response.json()["html"]


def test_preview_url_is_the_named_admin_route():
    assert reverse("admin:articles_article_markdown_preview") == PREVIEW_URL


def test_preview_renders_headings_and_glossary_links(admin_client):
    retail = make_term("智慧零售", "以数据驱动的零售形态。")
    make_term("私域流量", status=GlossaryEntry.Status.SUGGESTED)
    html = render(admin_client, "## 门店的变化\n\n智慧零售改变了门店,私域流量也在增长。")
    assert '<h2 id="men-dian-de-bian-hua">门店的变化</h2>' in html
    assert f'<a class="term" href="{retail.get_absolute_url()}"' in html
    assert "以数据驱动的零售形态。" in html
    assert "私域流量" in html and "/glossary/si-yu" not in html  # suggestions are not linked


def test_preview_escapes_raw_html(admin_client):
    html = render(admin_client, '正文<script>alert("x")</script><b onclick="x()">粗</b>')
    assert "<script" not in html and "<b" not in html
    assert "&lt;script&gt;" in html


def test_preview_matches_the_article_page(admin_client, client):
    make_term("智慧零售")
    source = "## 背景\n\n智慧零售的**核心**是数据。\n\n> 引用一段话\n\n- 第一点\n- 第二点"
    article = make_article(body=source)
    page = client.get(article.get_absolute_url()).content.decode()
    html = render(admin_client, source)
    assert "<strong>核心</strong>" in html and 'class="term"' in html
    assert html in page


def test_preview_is_for_staff_only(client, django_user_model):
    assert client.post(PREVIEW_URL, {"text": "x"}).status_code == 302  # to the admin login
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    response = client.post(PREVIEW_URL, {"text": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_preview_needs_permission_to_write_articles(client, django_user_model):
    client.force_login(staff(django_user_model, "viewer", "view_article"))
    assert client.post(PREVIEW_URL, {"text": "x"}).status_code == 403
    client.force_login(staff(django_user_model, "writer", "add_article"))
    assert client.post(PREVIEW_URL, {"text": "**x**"}).json()["html"] == (
        "<p><strong>x</strong></p>"
    )


def test_preview_accepts_post_only(admin_client):
    assert admin_client.get(PREVIEW_URL).status_code == 405


def test_preview_is_csrf_protected(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post(PREVIEW_URL, {"text": "正文"}).status_code == 403
    client.get(reverse("admin:articles_article_add"))
    token = client.cookies["csrftoken"].value
    response = client.post(PREVIEW_URL, {"text": "正文"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json()["html"] == "<p>正文</p>"


def test_article_form_has_the_editor_without_inline_script(admin_client):
    content = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'class="vLargeTextField markdown-editor"' in content
    assert f'data-preview-url="{PREVIEW_URL}"' in content
    assert 'data-glossary-url="/admin/glossary/glossaryentry/"' in content
    assert "/static/articles/admin/markdown_editor.js" in content
    assert "/static/articles/admin/markdown_editor.css" in content
    assert "分享预览链接" not in content  # only once the article exists


def test_change_page_shows_an_absolute_share_link(admin_client, client):
    article = make_article(title="待审稿件", status=Article.Status.REVIEW)
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    content = page.content.decode()
    assert "分享预览链接" in content and "有效期至" in content
    start = content.index("http://testserver/preview/")
    url = content[start : content.index("'", start)]
    assert client.get(url).status_code == 200
    revoke_url = reverse("admin:articles_article_revoke_preview", args=[article.pk])
    assert revoke_url in content


def test_revoking_from_the_admin(admin_client, client):
    article = make_article(title="待审稿件", status=Article.Status.REVIEW)
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    content = page.content.decode()
    start = content.index("/preview/")
    old_link = content[start : content.index("'", start)]
    revoke_url = reverse("admin:articles_article_revoke_preview", args=[article.pk])

    confirm = admin_client.get(revoke_url)
    assert confirm.status_code == 200 and "此前分享的" in confirm.content.decode()
    assert client.get(old_link).status_code == 200  # a GET changes nothing

    response = admin_client.post(revoke_url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    assert "已撤销“待审稿件”此前分享的所有预览链接。" in response.content.decode()
    assert client.get(old_link).status_code == 404


def test_revoking_needs_change_permission(client, django_user_model):
    article = make_article()
    key = article.preview_key
    client.force_login(staff(django_user_model, "viewer", "view_article"))
    revoke_url = reverse("admin:articles_article_revoke_preview", args=[article.pk])
    assert client.post(revoke_url).status_code == 403
    article.refresh_from_db()
    assert article.preview_key == key
