"""Who may read an unpublished article on the site: editors, and the writer who created it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import roles
from articles.models import Article, SlugRedirect
from tests.factories import make_article
from tests.site_fixtures import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
Status = Article.Status


def make_user(django_user_model, username, group=None, **flags):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True, **flags)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(django_user_model):
    return make_user(django_user_model, "writer", roles.WRITER)


@pytest.fixture
def articles(writer, django_user_model):
    other = make_user(django_user_model, "other", roles.WRITER)
    return {
        "own": make_article("我的草稿", status=Status.DRAFT, created_by=writer),
        "own_review": make_article("我的待审稿", status=Status.REVIEW, created_by=writer),
        "other": make_article("别人的草稿", status=Status.DRAFT, created_by=other),
        "imported": make_article("导入的草稿", status=Status.DRAFT),
        "published": make_article("已发布的文章"),
    }


def status(client, article) -> int:
    return client.get(article.get_absolute_url()).status_code


def test_anonymous_readers_get_404_for_every_draft(client, articles):
    for name in ("own", "own_review", "other", "imported"):
        assert status(client, articles[name]) == 404, name
    assert status(client, articles["published"]) == 200


def test_writer_previews_own_articles_only(client, writer, articles):
    client.force_login(writer)
    response = client.get(articles["own"].get_absolute_url())
    assert response.status_code == 200
    assert "预览 · 未发布" in response.content.decode()
    assert status(client, articles["own_review"]) == 200
    assert status(client, articles["other"]) == 404
    assert status(client, articles["imported"]) == 404
    assert status(client, articles["published"]) == 200


@pytest.mark.parametrize(("group", "flags"), [(roles.EDITOR, {}), (None, {"is_superuser": True})])
def test_editors_and_superusers_preview_every_article(
    client, django_user_model, articles, group, flags
):
    client.force_login(make_user(django_user_model, "boss", group, **flags))
    for name, article in articles.items():
        assert status(client, article) == 200, name


def test_staff_without_a_role_get_404(client, django_user_model, articles):
    client.force_login(make_user(django_user_model, "staff"))
    for name in ("own", "own_review", "other", "imported"):
        assert status(client, articles[name]) == 404, name


def test_drafts_stay_off_lists_even_for_editors(client, django_user_model, articles):
    client.force_login(make_user(django_user_model, "boss", roles.EDITOR))
    titles = {a.title for a in client.get("/articles/").context["articles"]}
    assert titles == {"已发布的文章"}


def test_visible_to_is_one_query_for_a_writer(writer, articles, django_assert_num_queries):
    writer = type(writer).objects.get(pk=writer.pk)
    with django_assert_num_queries(3):  # the user's permissions, twice, then the articles
        titles = set(Article.objects.visible_to(writer).values_list("title", flat=True))
    assert titles == {"我的草稿", "我的待审稿", "已发布的文章"}


def test_old_slug_redirects_only_to_what_the_user_may_see(client, writer, articles):
    for name in ("own", "other", "published"):
        SlugRedirect.objects.create(old_slug=f"old-{name}", article=articles[name])
    assert client.get("/articles/old-own/").status_code == 404
    assert client.get("/articles/old-published/").status_code == 301
    client.force_login(writer)
    response = client.get("/articles/old-own/")
    assert response.status_code == 301
    assert response["Location"] == articles["own"].get_absolute_url()
    assert client.get("/articles/old-other/").status_code == 404


def page_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_preview_query_count_does_not_grow(client, writer, articles):
    client.force_login(writer)
    for name in ("published", "own"):  # the session's first request updates it, and
        page_queries(client, articles[name])  # parts kept per content stamp are stored
    before = {name: page_queries(client, articles[name]) for name in ("published", "own")}
    for n in range(20):
        make_article(f"又一篇草稿{n}", status=Status.DRAFT, created_by=writer)
        make_article(f"又一篇文章{n}", tags=["SaaS"])
    after = {name: page_queries(client, articles[name]) for name in ("published", "own")}
    assert after == before
    assert before["own"] <= before["published"] <= 11
