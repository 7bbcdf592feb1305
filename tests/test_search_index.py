"""The search index: matching, ranking, visibility and keeping it current."""

from datetime import timedelta
from functools import partial
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.search import index
from articles.search.backends import TABLE, backend
from articles.search.documents import ARTICLE, Document
from articles.search.index import prune, reindex_all
from articles.search.query import parse
from articles.search.results import GLOSSARY_LIMIT, ArticleResults, glossary_matches
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_author, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the index updates) when the block ends."""
    return partial(django_capture_on_commit_callbacks, execute=True)


def found(q):
    """Titles of the visible articles matching `q`, best first."""
    return [hit.article.title for hit in ArticleResults(parse(q))[0:100]]


def index_rows(kind=ARTICLE):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT object_id FROM {TABLE} WHERE kind = %s", [kind])
        return {row[0] for row in cursor.fetchall()}


def test_two_character_word_matches_in_real_sentences(committed):
    sentences = {
        "云服务": "腾讯云出现较早,但在后续发展中丧失先机。",
        "会议": "企业微信、腾讯会议、小程序等帮助企业进行数字化转型。",
        "对比": "多行业布局落后阿里和腾讯,需面对激烈的竞争环境。",
        "收购": "这家初创公司去年被腾讯收购,团队保持独立运营。",
        "战略": "腾讯在2018年提出“扎根消费互联网,拥抱产业互联网”的公司战略。",
    }
    with committed():
        for title, body in sentences.items():
            make_article(title, body=body)
        make_article("无关", body="阿里巴巴发布了新的零售战略。")
    assert sorted(found("腾讯")) == sorted(sentences)


def test_title_match_ranks_first(committed):
    with committed():
        make_article("行业观察", body="腾讯与阿里在云计算领域竞争,腾讯的优势在社交。")
        make_article("腾讯的产业互联网布局", body="这家公司在2018年调整了组织结构。")
        make_article("零售变革", body="智慧零售正在改变门店。")
    assert found("腾讯") == ["腾讯的产业互联网布局", "行业观察"]


def test_traditional_query_and_text_find_simplified_and_traditional(committed):
    with committed():
        make_article("简体", body="腾讯发布了新的云产品。")
        make_article("繁體", body="騰訊發佈了新的雲端產品。")
    assert sorted(found("騰訊")) == ["简体", "繁體"]
    assert sorted(found("腾讯")) == ["简体", "繁體"]


@pytest.mark.parametrize("q", ["SaaS", "saas", "SAAS", "ＳａａＳ"])
def test_latin_terms_match_whatever_their_case_and_width(committed, q):
    with committed():
        make_article("订阅软件", body="国内SaaS企业普遍面临续费率问题。")
        make_article("全角", standfirst="ＳａａＳ 的商业模式。")
        make_article("其他", body="传统软件按许可证收费。")
    assert sorted(found(q)) == ["全角", "订阅软件"]


def test_numbers_with_letters_match(committed):
    with committed():
        make_article("通信", body="5G网络让工业互联网的低时延场景成为可能。")
        make_article("旧网", body="4G时代的移动互联网。")
    assert found("5G") == ["通信"]
    assert found("5g") == ["通信"]


def test_all_words_must_match(committed):
    with committed():
        make_article("两者都有", body="腾讯在智慧零售领域布局。")
        make_article("只有一个", body="腾讯在医疗领域布局。")
    assert found("腾讯 零售") == ["两者都有"]


def test_quoted_phrase_needs_adjacent_words(committed):
    with committed():
        make_article("相邻", body="产业互联网是下一个十年的主题。")
        make_article("分开", body="产业升级离不开互联网技术。")
    assert sorted(found("产业 互联网")) == ["分开", "相邻"]
    assert found('"产业 互联网"') == ["相邻"]
    assert found("“产业互联网”") == ["相邻"]


def test_glossary_term_stays_a_token_for_articles_indexed_before_it(committed):
    with committed():
        make_article("门店", body="智慧零售让门店与线上打通。")
        make_article("散词", body="零售企业需要智慧的经营方法。")
    with committed():
        make_term("智慧零售", "以数据驱动的零售形态。")
    assert found("“智慧零售”") == ["门店"]
    assert found("智慧零售") == ["门店"]


def _unpublish(entry):
    entry.status = GlossaryEntry.Status.SUGGESTED
    entry.save()


def _rename(entry):
    entry.term = "公域流量"
    entry.save()


@pytest.mark.parametrize("change", [_unpublish, _rename, GlossaryEntry.delete])
def test_a_term_that_is_no_longer_a_word_is_searched_as_its_parts(committed, change):
    """私域流量 as a word leaves 私域 out of the index; once it is no word, articles
    indexed with it are segmented anew, and the query is split as they are."""
    with committed():
        make_article("沉淀", body="品牌把私域流量沉淀下来。")
        make_article("散词", body="私域运营先要有流量。")
        entry = make_term("私域流量", "品牌自有的、可反复触达的用户。")
    assert parse("私域流量").words == ["私域流量"]
    with committed():
        change(entry)
    assert sorted(parse("私域流量").words) == ["流量", "私域"]
    assert sorted(found("私域流量")) == ["散词", "沉淀"]
    assert found("“私域流量”") == ["沉淀"]


def test_a_term_that_never_was_a_word_reindexes_no_article(committed, monkeypatch):
    with committed():
        make_article("沉淀", body="品牌把私域流量沉淀下来。")
    reindexed = []
    original = index.index_articles
    monkeypatch.setattr(
        index, "index_articles", lambda articles: reindexed.append(articles) or original(articles)
    )
    with committed():
        entry = make_term("私域流量", status=GlossaryEntry.Status.SUGGESTED)
    with committed():
        entry.definition = "改过的定义。"
        entry.save()
    with committed():
        entry.delete()
    assert reindexed == []
    with committed():
        make_term("私域流量")  # published: a dictionary word, so the article is segmented anew
    assert [article.title for articles in reindexed for article in articles] == ["沉淀"]


def test_tags_and_author_are_searchable(committed):
    author = make_author("王小明")
    with committed():
        make_article("第一篇", author=author, tags=["供应链金融"])
        make_article("第二篇", body="一篇普通文章。")
    assert found("供应链金融") == ["第一篇"]
    assert found("王小明") == ["第一篇"]


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.ARCHIVED, "published_at": timezone.now() - timedelta(days=9)},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "review", "archived", "scheduled"],
)
def test_invisible_articles_never_match(committed, fields):
    with committed():
        make_article("腾讯可见", body="腾讯")
        make_article("腾讯不可见", body="腾讯", **fields)
    assert found("腾讯") == ["腾讯可见"]
    assert ArticleResults(parse("腾讯")).count() == 1


def test_scheduled_article_appears_when_its_time_comes_without_reindexing(committed):
    with committed():
        article = make_article(
            "定时发布", body="腾讯财报", published_at=timezone.now() + timedelta(hours=2)
        )
    assert found("腾讯") == []
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert found("腾讯") == ["定时发布"]


def test_editing_an_article_updates_the_index(committed):
    with committed():
        article = make_article("旧标题", body="讨论腾讯的文章。")
    with committed():
        article.title = "新标题"
        article.body = "讨论阿里巴巴的文章。"
        article.save()
    assert found("腾讯") == []
    assert found("阿里巴巴") == ["新标题"]


def test_changing_tags_updates_the_index(committed):
    with committed():
        article = make_article("标签测试", tags=["跨境电商"])
    with committed():
        article.tags.set(["直播带货"])
    assert found("跨境电商") == []
    assert found("直播带货") == ["标签测试"]
    with committed():
        article.tags.clear()
    assert found("直播带货") == []


def test_renaming_an_author_updates_the_index(committed):
    author = make_author("李雷")
    with committed():
        make_article("署名", author=author)
    with committed():
        author.name = "韩梅梅"
        author.save()
    assert found("李雷") == []
    assert found("韩梅梅") == ["署名"]


def test_deleting_an_article_removes_it(committed):
    with committed():
        article = make_article("将被删除", body="腾讯")
    with committed():
        article.delete()
    assert found("腾讯") == []
    assert backend().count("article", parse("腾讯").terms, Article.objects.all()) == 0


def test_index_rows_commit_and_roll_back_with_the_article():
    """The index is written in the article's transaction: a rollback leaves neither."""
    with transaction.atomic():
        article = make_article("未提交", body="腾讯")
        assert article.pk in index_rows()
        transaction.set_rollback(True)
    assert found("腾讯") == []
    assert article.pk not in index_rows()


def test_prune_drops_rows_of_deleted_objects(committed):
    with committed():
        kept = make_article("保留", body="腾讯")
    backend().replace([Document(ARTICLE, kept.pk + 1000, "腾讯", "", "")])
    assert index_rows() == {kept.pk, kept.pk + 1000}
    prune()
    assert index_rows() == {kept.pk}


def test_glossary_matches_only_published_entries_exact_term_first(committed):
    with committed():
        make_term("产业互联网生态", "围绕产业互联网形成的生态。")
        make_term("产业互联网", "面向企业的互联网。")
        make_term("产业互联网平台", "待审的词条。", status=GlossaryEntry.Status.SUGGESTED)
    terms = [entry.term for entry in glossary_matches(parse("产业互联网"))]
    assert terms[0] == "产业互联网"
    assert "产业互联网平台" not in terms


def test_glossary_entries_matching_in_the_term_come_before_those_matching_in_the_definition(
    committed,
):
    with committed():
        make_term("云交付", "工业软件按订阅交付的一种方式，工业软件厂商常用。")
        make_term("工业软件平台", "承载设计与仿真工具的平台。")
        make_term("边缘计算", "在设备附近处理数据。")
    assert [e.term for e in glossary_matches(parse("工业软件"))] == ["工业软件平台", "云交付"]


def test_at_most_five_glossary_entries_are_shown(committed):
    with committed():
        for n in range(8):
            make_term(f"数字孪生{n}号", "数字孪生的一个例子。")
    assert len(glossary_matches(parse("数字孪生"))) == GLOSSARY_LIMIT


def test_glossary_alias_and_definition_match(committed):
    with committed():
        make_term("软件即服务", "按订阅交付的软件。", aliases="SaaS")
    assert [e.term for e in glossary_matches(parse("ｓａａｓ"))] == ["软件即服务"]
    assert [e.term for e in glossary_matches(parse("订阅"))] == ["软件即服务"]


def test_deleting_a_glossary_entry_removes_it(committed):
    with committed():
        entry = make_term("私域流量")
    with committed():
        entry.delete()
    assert glossary_matches(parse("私域流量")) == []


def test_reindex_all_rebuilds_everything(committed):
    with committed():
        make_article("文章甲", body="腾讯", status=Article.Status.DRAFT)
        make_article("文章乙", body="腾讯")
        make_term("腾讯系")
    backend().clear()
    assert found("腾讯") == []
    assert reindex_all() == (2, 1)
    assert found("腾讯") == ["文章乙"]


def test_rebuild_search_index_command(committed):
    with committed():
        make_article("命令重建", body="数字化转型")
    backend().clear()
    out = StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=out)
    assert "文章 1 篇" in out.getvalue()
    assert found("数字化转型") == []
    call_command("rebuild_search_index", stdout=out)
    assert "搜索索引已重建" in out.getvalue()
    assert found("数字化转型") == ["命令重建"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.django_db(transaction=True)
def test_searches_read_postgresql_through_the_gin_index():
    """A word in every document would get a scan that reads each tsvector to test it."""
    author, now = make_author(), timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"观察{n}",
            slug=f"guan-cha-{n}",
            author=author,
            status=Article.Status.PUBLISHED,
            published_at=now,
        )
        for n in range(2000)
    )
    body = " ".join(["腾讯", *(f"词{n}" for n in range(300))])
    backend().replace(Document(ARTICLE, a.pk, a.title, "", body) for a in articles)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}, articles_article")
    with CaptureQueriesContext(connection) as queries:
        assert backend().count(ARTICLE, (("腾讯",),), Article.objects.published()) == 2000
    with backend().reading(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {last_select(queries)}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on articles_search_index_document_gin" in plan


def every_index_row():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {TABLE}")
        return sorted(map(repr, cursor.fetchall()))


def test_reindex_all_in_several_processes_writes_the_rows_one_process_writes(committed):
    with committed():
        make_term("产业大脑", aliases="工业大脑")
        for n in range(7):
            make_article(
                f"工業互聯網觀察{n}",
                body=f"第{n}篇：产业大脑连接 SaaS 与 o2o模式的企业，**腾讯**与阿里。",
                status=Article.Status.DRAFT if n == 3 else Article.Status.PUBLISHED,
            )
    assert reindex_all(jobs=1) == (7, 1)
    one = every_index_row()
    backend().clear()
    assert reindex_all(jobs=2) == (7, 1)
    assert every_index_row() == one
    assert len(found("产业大脑")) == 6


def test_reindex_all_uses_every_core_from_a_threshold(committed, monkeypatch):
    pools = []
    real = index._segmenting
    monkeypatch.setattr(index, "_segmenting", lambda jobs: pools.append(jobs) or real(jobs))
    with committed():
        make_article("门槛", body="数字化转型")
    pools.clear()
    reindex_all()
    monkeypatch.setattr(index, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index.os, "cpu_count", lambda: 3)
    reindex_all()
    assert pools == [1, 1, 3, 1]  # articles, then glossary entries, each time
    assert found("数字化转型") == ["门槛"]


def test_an_import_indexes_in_several_processes_what_one_process_would(monkeypatch, tmp_path):
    from articles.importer.load import import_documents
    from articles.importer.sources import RawDocument
    from tests.test_import import synthetic_document

    monkeypatch.setattr(index, "PARALLEL_MIN", 1)
    monkeypatch.setattr(index.os, "cpu_count", lambda: 2)
    pools = []
    real = index._segmenting
    monkeypatch.setattr(index, "_segmenting", lambda jobs: pools.append(jobs) or real(jobs))
    path = tmp_path / "many.txt"
    path.write_text(synthetic_document(12), encoding="utf-8")
    import_documents([RawDocument.from_path(path)])
    forked = every_index_row()
    assert 2 in pools
    assert len(forked) == Article.objects.count() == 12
    assert reindex_all(jobs=1) == (12, 0)
    assert every_index_row() == forked


@pytest.mark.django_db(transaction=True)
def test_the_rowid_ranges_migration_keeps_every_row_and_back(migrate_to):
    make_article("迁移前的文章", body="腾讯的产业互联网。")
    make_term("产业互联网")
    before, after = "0025_editors_see_duplicate_imports", "0026_search_rowid_ranges"

    migrate_to(before)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, kind, object_id FROM {TABLE}")
            rows = cursor.fetchall()
        assert rows and all(rowid == pk * 2 + (kind == "glossary") for rowid, kind, pk in rows)
    migrate_to(after)

    assert found("腾讯") == ["迁移前的文章"]
    assert [e.term for e in glossary_matches(parse("产业互联网"))] == ["产业互联网"]


def last_select(queries) -> str:
    """The last query captured that reads rows (a read of matches is followed by the
    statement resetting the planner's settings)."""
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(("SELECT", "WITH"))]
    return reads[-1]


def test_segmenting_takes_every_core_from_a_threshold(monkeypatch):
    from articles.search import index

    monkeypatch.setattr(index.os, "cpu_count", lambda: 4)
    assert index.jobs_for(index.PARALLEL_MIN) == 4
    assert index.jobs_for(index.PARALLEL_MIN - 1) == 1
