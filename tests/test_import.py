"""The import_seeds command and the loader, through the database."""

import io
import os

import jieba.posseg
import pytest
from django.core.management import CommandError, call_command

from articles.importer.vocabulary import DOMAIN_WORDS, STOPWORDS
from articles.models import Article, Author, Tag
from glossary.models import GlossaryEntry

pytestmark = pytest.mark.django_db

SEED_TITLES_BY_AUTHOR = {
    "红地毯": "社交网络巨头产业互联网布局研究——腾讯案例分析",
    "不能动人": "产业互联网理念",
}


def run(*args):
    out = io.StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("pk", "title", "body", "updated_at")),
        "authors": sorted(Author.objects.values_list("pk", "name")),
        "tags": sorted(Tag.objects.values_list("pk", "name")),
        "tagged": sorted(Article.tags.through.objects.values_list("content_object", "tag")),
        "glossary": sorted(GlossaryEntry.objects.values_list("pk", "term", "definition")),
    }


def synthetic_document(n_articles: int) -> str:
    """A page of another site with `n_articles` articles in the seed's structure."""
    sentence = "企业数字化转型需要产业互联网平台的支撑,智慧零售正在改变门店与用户的连接方式。"
    lines = ["欢迎光临示例资讯站", "关注我们的公众号", ""]
    for i in range(1, n_articles + 1):
        title = f"数字化转型观察第{i}期"
        if i == 1:
            lines += [f"{title}示例作者1", ""]
        else:
            lines += [f"示例作者{i}", ""]
        lines += [title, "", sentence * 6, ""]
    return "\n".join(lines)


def test_seed_import_creates_the_whole_site():
    output = run()
    assert Article.objects.count() == 10
    assert Author.objects.count() == 10
    assert GlossaryEntry.objects.count() == 9
    assert Article.objects.published().count() == 10
    for name, title in SEED_TITLES_BY_AUTHOR.items():
        assert Article.objects.get(title=title).author.name == name
    assert "导入完成" in output
    assert GlossaryEntry.objects.published().count() == 9
    c2b = GlossaryEntry.objects.get(term="C2B")
    assert c2b.source_article.title == SEED_TITLES_BY_AUTHOR["红地毯"]


def test_every_article_gets_three_to_eight_meaningful_tags():
    run()
    for article in Article.objects.prefetch_related("tags"):
        names = [t.name for t in article.tags.all()]
        assert 3 <= len(names) <= 8, (article.title, names)
        for name in names:
            assert len(name) >= 2, name
            assert not name.isdigit(), name
            assert name not in STOPWORDS, name
            assert not any(ch.isdigit() for ch in name) or name.isascii(), name


def test_glossary_terms_mentioned_become_tags():
    run()
    first = Article.objects.get(title=SEED_TITLES_BY_AUTHOR["红地毯"])
    assert "C2B" in {t.name for t in first.tags.all()}


def test_second_run_changes_nothing():
    run()
    before = snapshot()
    output = run()
    assert snapshot() == before
    assert "没有需要更新的内容" in output


def test_dry_run_reports_and_writes_nothing():
    output = run("--dry-run")
    assert "试运行" in output
    assert Article.objects.count() == 0
    assert Author.objects.count() == 0
    assert Tag.objects.count() == 0
    assert GlossaryEntry.objects.count() == 0
    articles_row = next(line for line in output.splitlines() if line.startswith("文章"))
    assert articles_row.split()[1] == "10"


def test_status_option_sets_new_articles_and_suggests_terms():
    run("--status", "draft")
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert Article.objects.published().count() == 0
    assert set(GlossaryEntry.objects.values_list("status", flat=True)) == {"suggested"}


def test_editor_changes_survive_reimport_unless_forced():
    run()
    article = Article.objects.get(title=SEED_TITLES_BY_AUTHOR["不能动人"])
    article.body = "编辑改写后的正文。"
    article.save()
    output = run()
    article.refresh_from_db()
    assert article.body == "编辑改写后的正文。"
    assert "跳过" in output
    run("--force")
    article.refresh_from_db()
    assert article.body != "编辑改写后的正文。"
    assert "——《产业互联网生态构建的道法术器势》" in article.body


def test_edited_glossary_definition_survives_reimport():
    run()
    entry = GlossaryEntry.objects.get(term="孵化")
    entry.definition = "编辑修订的定义。"
    entry.save()
    run()
    entry.refresh_from_db()
    assert entry.definition == "编辑修订的定义。"


def test_error_in_second_file_stores_nothing_from_either(tmp_path, seed_path):
    good = tmp_path / "a.txt"
    good.write_bytes(seed_path.read_bytes())
    bad = tmp_path / "b.txt"
    bad.write_bytes(os.urandom(2048))
    with pytest.raises(CommandError, match="b.txt"):
        run(str(good), str(bad))
    assert Article.objects.count() == 0
    assert Author.objects.count() == 0
    assert GlossaryEntry.objects.count() == 0


def test_error_leaves_previous_content_untouched(tmp_path):
    run()
    before = snapshot()
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="empty.txt"):
        run(str(empty))
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.txt"),
        ("只是一段没有文章结构的文字。\n第二行也是。\n".encode(), "empty.txt"),
    ],
)
def test_unusable_files_are_reported_by_name(tmp_path, content, message):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="nowhere.txt"):
        run(str(tmp_path / "nowhere.txt"))


def test_folder_without_seed_files_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=str(tmp_path)):
        run(str(tmp_path))


def test_large_input_shows_progress_and_imports_everything(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(synthetic_document(60), encoding="utf-8")
    err = io.StringIO()
    call_command("import_seeds", str(path), stdout=io.StringIO(), stderr=err)
    assert Article.objects.count() == 60
    assert "1/1 个文件，60 篇文章" in err.getvalue()
    assert "搜索索引与相关文章 60/60 篇" in err.getvalue()  # the work after the last file
    assert Author.objects.filter(name="示例作者1").exists()


def test_progress_follows_the_documents_then_the_indexing(monkeypatch, tmp_path):
    from articles import related
    from articles.importer.load import DOCUMENTS, INDEXING, import_documents
    from articles.importer.sources import RawDocument

    monkeypatch.setattr(related, "CHUNK", 25)
    path = tmp_path / "big.txt"
    path.write_text(synthetic_document(60), encoding="utf-8")
    calls = []
    import_documents([RawDocument.from_path(path)], progress=lambda *call: calls.append(call))
    assert calls == [
        (1, 1, 60, DOCUMENTS),
        (25, 60, 60, INDEXING),
        (50, 60, 60, INDEXING),
        (60, 60, 60, INDEXING),
    ]


def test_two_documents_import_together(tmp_path, seed_path):
    (tmp_path / "a.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "b.txt").write_text(synthetic_document(3), encoding="utf-8")
    run(str(tmp_path))
    assert Article.objects.count() == 13
    assert Article.objects.filter(source_document="b.txt").count() == 3


def test_tags_are_nouns_or_known_terms():
    """Checked independently of the stop-word list: jieba's part of speech for each tag."""
    run()
    known = set(DOMAIN_WORDS) | set(GlossaryEntry.objects.values_list("term", flat=True))
    for tag in Tag.objects.all():
        if tag.name in known:
            continue
        flags = {pair.flag for pair in jieba.posseg.cut(tag.name)}
        assert flags <= {"n", "nr", "nrt", "ns", "nt", "nz", "vn", "eng"}, (tag.name, flags)
