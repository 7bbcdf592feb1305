"""An imported article is known by its title and author, not by its file and position."""

import io

import pytest
from django.core.management import call_command

from articles.importer.identity import fingerprint
from articles.models import Article, DeletedImport

pytestmark = pytest.mark.django_db

ARTICLES = [
    (
        "工业互联网平台的三种打法",
        "林一",
        "工业互联网平台正在从设备连接走向数据服务，制造企业更看重投入产出。",
    ),
    (
        "智慧零售门店的数字化改造",
        "周二",
        "门店的数字化改造从收银开始，会员与库存数据打通之后才见成效。",
    ),
    (
        "供应链金融的风控新思路",
        "吴三",
        "供应链金融依靠核心企业的信用传递，数据可信是风控的前提条件。",
    ),
]


def document(articles) -> str:
    """A page in the seed's shape: chrome, then title+author, title, body per article."""
    lines = ["示例资讯站 首页 资讯 专栏", ""]
    for n, (title, author, body) in enumerate(articles):
        lines += [f"{title}{author}", ""] if n == 0 else [author, ""]
        lines += [title, "", body * 4, ""]
    return "\n".join(lines)


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_seeds", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def articles_row(output: str) -> list[str]:
    return next(line for line in output.splitlines() if line.startswith("文章")).split()[1:]


def test_fingerprint_ignores_width_case_space_and_punctuation():
    assert fingerprint("Ｃ２Ｂ：产业 互联网！", "林一") == fingerprint("c2b产业互联网", " 林一 ")
    assert fingerprint("產業互聯網", "林一") == fingerprint("产业互联网", "林一")
    assert fingerprint("产业互联网", "林一") != fingerprint("产业互联网", "周二")


def test_renamed_and_reordered_file_updates_the_same_articles(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(document(ARTICLES), encoding="utf-8")
    run(first)
    ids = dict(Article.objects.values_list("title", "pk"))
    assert len(ids) == 3

    first.unlink()
    title, author, body = ARTICLES[1]
    changed = [ARTICLES[2], (title, author, body + "改造要算清每一笔账。"), ARTICLES[0]]
    renamed = tmp_path / "b.txt"
    renamed.write_text(document(changed), encoding="utf-8")
    output = run(renamed)

    assert articles_row(output) == ["0", "1", "2", "0"]
    assert dict(Article.objects.values_list("title", "pk")) == ids
    updated = Article.objects.get(title=title)
    assert "改造要算清每一笔账" in updated.body
    assert (updated.source_document, updated.source_position) == ("b.txt", 2)


def test_deleted_import_stays_deleted_after_the_file_is_renamed(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(document(ARTICLES), encoding="utf-8")
    run(first)
    Article.objects.get(title=ARTICLES[0][0]).delete()
    assert DeletedImport.objects.get().import_ref == fingerprint(*ARTICLES[0][:2])

    renamed = tmp_path / "renamed.txt"
    renamed.write_text(document(list(reversed(ARTICLES))), encoding="utf-8")
    output = run(renamed)

    assert articles_row(output) == ["0", "0", "2", "1"]
    assert not Article.objects.filter(title=ARTICLES[0][0]).exists()
    assert "已被编辑删除" in output


def test_a_tombstone_older_than_fingerprints_is_recognised_by_its_title(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(document(ARTICLES), encoding="utf-8")
    run(first)
    Article.objects.get(title=ARTICLES[0][0]).delete()
    DeletedImport.objects.update(import_ref=None, source_document="old.txt")

    run(first)

    assert not Article.objects.filter(title=ARTICLES[0][0]).exists()
    assert DeletedImport.objects.get().import_ref == fingerprint(*ARTICLES[0][:2])


def test_the_same_article_twice_in_one_run_is_imported_once(tmp_path):
    path = tmp_path / "a.txt"
    again = ("工业互联网平台的三种打法", "林一", "同一篇文章的另一个版本，平台打法各有侧重点。")
    path.write_text(document([*ARTICLES, again]), encoding="utf-8")
    output = run(path)
    assert Article.objects.count() == 3
    assert "与 a.txt #1 重复" in output


def test_migration_fingerprints_imported_articles_and_leaves_duplicates_without():
    from importlib import import_module

    from django.apps import apps

    from articles.models import ArticleRevision
    from tests.factories import make_article, make_author

    fill = import_module("articles.migrations.0020_article_import_ref").fill_import_refs
    author = make_author("林一")
    renamed = make_article("编辑改过的标题", author=author, source_document="a.txt")
    ArticleRevision.objects.create(
        article=renamed, number=1, title="导入时的标题", body="正文", status="published"
    )
    older = make_article("同名文章", author=author, source_document="a.txt", source_position=2)
    newer = make_article("同名文章", author=author, source_document="b.txt", source_position=1)
    written_here = make_article("编辑部原创", author=author)

    fill(apps, None)

    refs = dict(Article.objects.values_list("pk", "import_ref"))
    assert refs[renamed.pk] == fingerprint("导入时的标题", "林一")
    assert refs[older.pk] == fingerprint("同名文章", "林一")
    assert refs[newer.pk] is None
    assert refs[written_here.pk] is None
