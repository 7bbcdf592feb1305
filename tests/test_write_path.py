"""The joins between rooms: one write path, side effects with commit timing, one owner each.

Each test reproduces one defect the write path removes (stale pages cached under a new
stamp, a segmenter dictionary shared by tagging and search, look-alike tags, slug races,
unbounded page keys, preview revocation flushing the site) and checks every writer goes
through `articles.editing`.
"""

import re
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import editing, segmenter, tag_names
from articles.cache import CONTENT, GLOSSARY, version
from articles.importer.load import import_documents
from articles.importer.parse import parse_text
from articles.importer.tagging import suggest_tags
from articles.models import Article, ArticleRevision, StatusChange, Tag
from articles.search.documents import learn_glossary_words
from glossary.models import GlossaryEntry
from tests.factories import make_article, make_author, make_term
from tests.site_fixtures import log_in_staff

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def editor(django_user_model, client):
    log_in_staff(client, django_user_model)
    return django_user_model.objects.get(username="editor")


# --- Stale pages: stamps move only once the change is committed -------------------------


def test_content_stamp_moves_after_commit_not_before(django_capture_on_commit_callbacks):
    article = make_article("原标题")
    before = version(CONTENT)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "新标题"
        editing.save(article, user=None)
        assert version(CONTENT) == before  # a reader now would still get the old page
    assert version(CONTENT) != before


def test_glossary_stamp_moves_after_commit_not_before(django_capture_on_commit_callbacks):
    before = version(GLOSSARY)
    with django_capture_on_commit_callbacks(execute=True):
        make_term("SaaS", "软件即服务。")
        assert version(GLOSSARY) == before
    assert version(GLOSSARY) != before


def test_a_rolled_back_change_moves_no_stamp(django_capture_on_commit_callbacks):
    article = make_article("原标题")
    before = version(CONTENT)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.title = "不会保存"
        editing.save(article, user=None)
        transaction.set_rollback(True)
    assert version(CONTENT) == before


def test_a_dry_run_import_flushes_no_cached_page(seed_text, django_capture_on_commit_callbacks):
    document = parse_text(seed_text, "seed.txt")
    before = version(CONTENT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_documents([document], dry_run=True)
    assert callbacks == []
    assert version(CONTENT) == before
    assert not Article.objects.exists()


# --- Segmentation: no shared dictionary -----------------------------------------------


def test_no_module_mutates_jiebas_global_dictionary():
    pattern = re.compile(r"jieba\.(add_word|del_word|load_userdict|suggest_freq|dt\b|cut)")
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for app in ("articles", "glossary", "config")
        for path in (ROOT / app).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_tag_suggestion_leaves_the_search_words_alone():
    make_term("产业大脑", "一个术语。")
    learn_glossary_words()
    search = segmenter.search()
    known = search.FREQ.get("产业大脑")

    suggest_tags({1: "产业大脑让工厂更聪明。产业大脑连接设备。"}, ["产业大脑", "灯塔工厂"])

    assert search.FREQ.get("产业大脑") == known
    assert not search.FREQ.get("灯塔工厂")
    assert "产业大脑" in segmenter.search_tokens("产业大脑让工厂更聪明")


def test_published_term_stays_searchable_while_tags_are_suggested_in_another_thread():
    """Tagging (teaching and forgetting words) interleaved with search indexing."""
    make_term("工业大脑", "一个术语。")
    learn_glossary_words()
    stop = threading.Event()

    def suggest():
        while not stop.is_set():
            suggest_tags({1: "工业大脑连接设备。"}, ["工业大脑"])

    worker = threading.Thread(target=suggest)
    worker.start()
    try:
        for _ in range(20):
            learn_glossary_words()
            assert "工业大脑" in segmenter.search_tokens("工业大脑连接设备")
    finally:
        stop.set()
        worker.join()
    assert "工业大脑" in segmenter.search_tokens("工业大脑连接设备")


def test_the_search_words_are_exactly_the_published_glossary():
    entry = make_term("数字孪生体", "一个术语。")
    learn_glossary_words()
    assert segmenter.search_words() == {"数字孪生体"}
    entry.status = GlossaryEntry.Status.REJECTED
    entry.save()
    learn_glossary_words()
    assert segmenter.search_words() == set()


# --- Identity: one folded key ----------------------------------------------------------


def test_look_alike_tag_names_are_one_tag():
    saas = Tag.objects.create(name="SaaS")
    for name in ("ＳａａＳ", "saas", " SAAS "):
        assert tag_names.get_or_create(name) == saas
    assert tag_names.resolve(["數據", "数据"]) == [tag_names.get_or_create("数据")]
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="ｓａａｓ")


def test_bulk_add_tag_reuses_a_full_width_look_alike(client, editor):
    saas = Tag.objects.create(name="SaaS")
    article = make_article()
    client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "add_tags",
            "_selected_action": [article.pk],
            "tags": "ＳａａＳ",
            "apply": "1",
        },
    )
    assert list(article.tags.all()) == [saas]
    assert Tag.objects.count() == 1


def test_article_form_reuses_a_full_width_look_alike(client, editor):
    saas = Tag.objects.create(name="SaaS")
    author = make_author()
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "新文章",
            "body": "正文。",
            "status": "draft",
            "author": author.pk,
            "tags": "ＳａａＳ、新标签",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="新文章")
    assert sorted(tag.name for tag in article.tags.all()) == ["SaaS", "新标签"]
    assert Tag.objects.filter(name_key="saas").get() == saas


def test_tag_form_checks_look_alikes_in_one_query(client, editor):
    for i in range(30):
        Tag.objects.create(name=f"标签{i}")
    Tag.objects.create(name="SaaS")
    form_url = reverse("admin:articles_tag_add")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(form_url, {"name": "ｓａａｓ", "slug": ""})
    assert "已存在" in response.content.decode()
    tag_selects = [q for q in queries.captured_queries if 'FROM "articles_tag"' in q["sql"]]
    assert len(tag_selects) == 1


# --- Slugs: insert and retry, never check-then-insert -------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_connections_creating_the_same_title_both_succeed():
    """The first writer looks the slug up, then another connection inserts and commits the
    same slug before the first one's insert: that insert clashes and takes the next slug."""
    from articles import models, slugs

    author = make_author()
    main = threading.current_thread()
    looked_up, other_done = threading.Event(), threading.Event()
    errors = []
    real_unique_slug = slugs.unique_slug

    def look_up_then_wait(*args, **kwargs):
        slug = real_unique_slug(*args, **kwargs)
        if threading.current_thread() is main and not looked_up.is_set():
            looked_up.set()
            assert other_done.wait(30)
        return slug

    def other_writer():
        looked_up.wait(30)
        try:
            Article.objects.create(title="同名", author_id=author.pk, body="先到。")
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()
            other_done.set()

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        with (
            mock.patch.object(slugs, "unique_slug", look_up_then_wait),
            mock.patch.object(models, "unique_slug", look_up_then_wait, create=True),
        ):
            article = Article.objects.create(title="同名", author=author, body="后到。")
    finally:
        thread.join()
    assert errors == []
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["tong-ming", "tong-ming-2"]
    assert article.slug == "tong-ming-2"


def test_other_integrity_errors_are_not_taken_for_slug_clashes():
    author = make_author()
    make_article(import_ref="a" * 64, author=author)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(import_ref="a" * 64, author=author)


# --- Page cache keys: path plus the parameters a view reads ----------------------------


def _cached_urls():
    article = make_article("缓存测试", tags=["SaaS"])
    tag = article.tags.get()
    return [
        "/",
        "/articles/",
        article.get_absolute_url(),
        article.author.get_absolute_url(),
        "/tags/",
        tag.get_absolute_url(),
        reverse("articles:rss"),
        reverse("articles:tag_rss", args=[tag.slug]),
        reverse("articles:author_rss", args=[article.author.slug]),
        "/glossary/",
        "/search/?q=缓存",
    ]


def test_every_cached_page_ignores_unknown_query_parameters(client, django_assert_num_queries):
    for url in _cached_urls():
        joiner = "&" if "?" in url else "?"
        first = client.get(f"{url}{joiner}utm_source=a")
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(f"{url}{joiner}utm_source=b&fbclid=x")
        assert again.content == first.content, url


def test_query_string_variants_add_no_cache_entries(client):
    url = make_article("变体").get_absolute_url()
    client.get(url)
    stored = caches["pages"]._cache  # the local-memory cache's entries
    before = len(stored)
    for i in range(20):
        client.get(f"{url}?utm_source={i}")
    assert len(stored) == before


def test_list_pages_keep_their_page_parameter(client):
    for i in range(25):
        make_article(f"第{i}篇")
    assert client.get("/articles/?page=2&utm_source=x").content != client.get("/articles/").content


# --- Preview revocation and partial saves ---------------------------------------------


def test_revoking_a_preview_link_changes_nothing_readers_see(django_capture_on_commit_callbacks):
    article = make_article("预览")
    stamp = version(CONTENT)
    with (
        mock.patch("articles.receivers.index.index_articles_by_id") as reindex,
        mock.patch("articles.models.article.render_markdown") as render,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        old_key = article.preview_key
        editing.revoke_preview(article)
    article.refresh_from_db()
    assert article.preview_key != old_key
    assert callbacks == []
    assert version(CONTENT) == stamp
    reindex.assert_not_called()
    render.assert_not_called()
    assert not ArticleRevision.objects.filter(article=article).exists()


def test_featuring_does_not_render_markdown_again():
    article = make_article("推荐")
    with mock.patch("articles.models.article.render_markdown") as render:
        editing.set_featured([article], True, user=None)
    render.assert_not_called()
    article.refresh_from_db()
    assert article.featured


# --- One rule in one place --------------------------------------------------------------


def test_tag_admin_counts_scheduled_articles_as_unpublished(client, editor):
    from datetime import timedelta

    from django.utils import timezone

    make_article("已发布", tags=["SaaS"])
    make_article("明天发布", tags=["SaaS"], published_at=timezone.now() + timedelta(days=1))
    response = client.get(reverse("admin:articles_tag_changelist"))
    tag = response.context["cl"].result_list[0]
    assert (tag.n_published, tag.n_articles) == (1, 2)


def test_field_labels_come_from_the_model():
    from articles.revisions import LABELS

    for name, label in LABELS.items():
        assert label == Article._meta.get_field(name).verbose_name


def test_redirect_middleware_follows_the_urlconf(client, settings):
    """Old addresses are recognised by resolving them, not by copies of the URL shapes."""
    article = make_article("旧地址")
    old = article.slug
    article.slug = "xin-di-zhi"
    editing.save(article, user=None)
    response = client.get(f"/articles/{old}/?from=feed")
    assert response.status_code == 301
    assert response["Location"] == "/articles/xin-di-zhi/?from=feed"


# --- Every writer goes through the write path -------------------------------------------


def test_admin_change_form_saves_through_the_write_path(client, editor):
    article = make_article("表单", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = client.get(url).context["adminform"].form.initial
    post = {
        "title": "表单改过",
        "standfirst": "",
        "body": article.body,
        "status": "draft",
        "author": article.author_id,
        "credit": "",
        "tags": "SaaS",
        "slug": article.slug,
        "base_version": data["base_version"],
    }
    with mock.patch("articles.admin.articles.editing.save", wraps=editing.save) as save:
        response = client.post(url, post)
    assert response.status_code == 302
    save.assert_called_once()
    assert save.call_args.kwargs["tags"] == ["SaaS"]


@pytest.mark.parametrize(
    ("action", "function", "extra"),
    [
        ("submit_for_review", "change_status", {}),
        ("publish_now", "publish_now", {}),
        ("back_to_draft", "change_status", {}),
        ("archive", "change_status", {}),
        ("feature", "set_featured", {}),
        ("unfeature", "set_featured", {}),
        ("add_tags", "retag", {"tags": "SaaS", "apply": "1"}),
    ],
)
def test_bulk_actions_go_through_the_write_path(client, editor, action, function, extra):
    article = make_article("批量", status=Article.Status.DRAFT)
    target = f"articles.admin.{'articles' if function == 'set_featured' else 'workflow_actions'}"
    real = getattr(editing, function)
    with mock.patch(f"{target}.editing.{function}", wraps=real) as wrapped:
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": action, "_selected_action": [article.pk], **extra},
        )
    wrapped.assert_called_once()


def test_restore_goes_through_the_write_path(client, editor):
    article = make_article("恢复")
    editing.save(article, user=editor)
    article.title = "改过"
    editing.save(article, user=editor)
    first = article.revisions.order_by("number").first()
    url = reverse("admin:articles_article_restore", args=[article.pk, first.number])
    with mock.patch("articles.admin.history.editing.restore", wraps=editing.restore) as restore:
        client.post(url, {"confirmed": "yes"})  # the article is live: restoring asks first
    restore.assert_called_once()
    article.refresh_from_db()
    assert article.title == "恢复"


def test_importer_writes_through_the_write_path(seed_text):
    document = parse_text(seed_text, "seed.txt")
    with mock.patch(
        "articles.importer.load.editing.import_article", wraps=editing.import_article
    ) as imp:
        import_documents([document])
    assert imp.call_count == len(document.articles) == Article.objects.count()
    article = Article.objects.first()
    assert StatusChange.objects.filter(article=article).count() == 1
    assert article.revisions.get().comment == "导入"
    assert article.tags.exists()


def test_only_a_rename_reindexes_an_authors_articles_in_the_background():
    author = make_author("李雷")
    make_article(author=author)
    with mock.patch("articles.tasks.reindex_articles") as task:
        author.bio = "新简介"
        author.save()
    task.enqueue.assert_not_called()
    with mock.patch("articles.tasks.reindex_articles") as task:
        author.name = "韩梅梅"
        author.save()
    task.enqueue.assert_called_once_with(list(author.articles.values_list("pk", flat=True)))
