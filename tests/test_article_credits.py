"""Structured credits on articles: stored, edited in the admin, revisioned, shown, imported."""

import importlib
import json
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from articles import editing, revisions
from articles.importer.load import import_documents
from articles.importer.parse import parse_bytes
from articles.models import Article, content_hash
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "corpus"
HUAXIN = CORPUS / "huaxin-portal" / "01-policy-earnings-amr"
CHANGE_URL = "/admin/articles/article/{}/change/"


def test_admin_form_shows_the_credits_group_and_saves_it(admin_client):
    article = make_article(status=Article.Status.DRAFT)
    url = CHANGE_URL.format(article.pk)
    content = admin_client.get(url).content.decode()
    assert "来源与署名" in content
    for name in ("original_author", "original_source", "original_title", "editors"):
        assert f'name="{name}"' in content
    changes = {
        "original_author": "赵一鸣",
        "original_source": "东方产经日报",
        "original_title": "标识解析“二级节点”扩容",
        "editors": "刘畅、何静",
    }
    response = admin_client.post(url, article_form_data(article, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert {name: getattr(article, name) for name in changes} == changes
    latest = article.revisions.first()
    assert {name: getattr(latest, name) for name in changes} == changes


def test_a_changed_credit_is_a_change_of_content_and_of_revision():
    article = make_article(original_author="甲")
    before = article.content_hash()
    editing.save(article, user=None)
    article.editors = "乙"
    editing.save(article, user=None)
    assert article.content_hash() != before
    old, new = article.revisions.all()[1], article.revisions.all()[0]
    rows = revisions.compare(revisions.state_of(old), revisions.state_of(new))
    changed = [row["label"] for row in rows if row["changed"]]
    assert changed == ["责任编辑"]


def test_restoring_a_revision_brings_its_credits_back():
    article = make_article(original_source="能源周刊")
    editing.save(article, user=None)
    first = article.revisions.first()
    article.original_source = "别的媒体"
    editing.save(article, user=None)
    editing.restore(first, user=None)
    article.refresh_from_db()
    assert article.original_source == "能源周刊"


def test_the_page_shows_the_credits_that_are_set(client):
    article = make_article(original_author="赵一鸣", editors="刘畅、何静", credit="旧署名")
    content = client.get(article.get_absolute_url()).content.decode()
    block = content[content.index('<dl class="credits">') : content.index("</dl>")]
    assert "<dt>原作者：</dt><dd>赵一鸣</dd>" in block
    assert "<dt>责任编辑：</dt><dd>刘畅、何静</dd>" in block
    assert "来源" not in block and "原标题" not in block
    assert "旧署名" not in content  # the structured credits take the one-line credit's place


def test_the_page_falls_back_to_the_one_line_credit(client):
    article = make_article(credit="孟永辉 / 人人都是产品经理")
    content = client.get(article.get_absolute_url()).content.decode()
    assert '<dl class="credits">' not in content
    assert "原作者/来源：孟永辉 / 人人都是产品经理" in content


def test_page_without_any_credit_has_no_credit_block(client):
    content = client.get(make_article().get_absolute_url()).content.decode()
    assert 'class="credits"' not in content and 'class="credit"' not in content


def test_import_of_a_corpus_document_stores_its_credits():
    document = parse_bytes(HUAXIN.with_suffix(".txt").read_bytes(), source="huaxin.txt")
    gold = json.loads(HUAXIN.with_suffix(".gold.json").read_text(encoding="utf-8"))
    import_documents([document])
    for expected in gold["articles"]:
        article = Article.objects.get(title=expected["title"])
        credit = expected["credit"]
        assert (
            article.original_author,
            article.original_source,
            article.original_title,
            article.editors,
        ) == (
            credit["original_author"],
            credit["source"],
            credit["original_title"],
            "、".join(credit["editors"]),
        )
        assert article.source_hash == article.content_hash()


def test_a_credit_an_editor_changed_survives_the_next_import():
    document = parse_bytes(HUAXIN.with_suffix(".txt").read_bytes(), source="huaxin.txt")
    import_documents([document])
    article = Article.objects.get(source_document="huaxin.txt", source_position=1)
    article.original_author = "赵一鸣、另一位作者"
    editing.save(article, user=None)
    report = import_documents([document])
    article.refresh_from_db()
    assert article.original_author == "赵一鸣、另一位作者"
    assert report.counts["articles"]["skipped"] == 1


def test_the_migration_keeps_unedited_imports_unedited():
    migration = importlib.import_module("articles.migrations.0022_article_structured_credits")
    text = ("标题", "导语", "正文。", "署名")
    unedited = make_article(*text[:1], standfirst=text[1], body=text[2], credit=text[3])
    edited = make_article(title="改过的", body="正文。")
    Article.objects.filter(pk=unedited.pk).update(source_hash=content_hash(*text))
    old_text = content_hash("原来的", "", "正文。", "")
    Article.objects.filter(pk=edited.pk).update(source_hash=old_text)
    migration.rehash_unedited_imports(django_apps, None)
    unedited.refresh_from_db()
    edited.refresh_from_db()
    assert unedited.source_hash == unedited.content_hash()
    assert edited.source_hash != edited.content_hash()
