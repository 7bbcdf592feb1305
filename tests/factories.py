"""Small factories for tests: plain functions, no magic."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import tag_names
from articles.models import Article, Author
from glossary.models import GlossaryEntry

_seq = itertools.count(1)


def make_staff(username, group="编辑", **fields):
    """A staff account in `group` (None: no group), password "x"."""
    user = get_user_model().objects.create_user(username, password="x", is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_author(name=None, **fields):
    return Author.objects.create(name=name or f"作者{next(_seq)}", **fields)


def make_article(title=None, *, author=None, tags=(), status=Article.Status.PUBLISHED, **fields):
    n = next(_seq)
    fields.setdefault("body", f"这是第{n}篇文章的正文,讨论产业互联网与数字化转型。")
    if status == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=n))
    article = Article.objects.create(
        title=title or f"产业互联网观察第{n}篇",
        author=author or make_author(),
        status=status,
        **fields,
    )
    if tags:
        article.tags.add(*tag_names.resolve(tags))
    return article


def make_term(term, definition="一个术语的定义。", *, status=GlossaryEntry.Status.PUBLISHED, **f):
    return GlossaryEntry.objects.create(term=term, definition=definition, status=status, **f)


def clear_caches() -> None:
    """Empty every named cache: pages, stamps, presence, linked bodies."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


def article_form_data(article, **changes):
    """The admin change form's fields for `article` as saved, with `changes` on top."""
    local = timezone.localtime(article.published_at) if article.published_at else None
    data = {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at_0": local.strftime("%Y-%m-%d") if local else "",
        "published_at_1": local.strftime("%H:%M:%S") if local else "",
        "author": article.author_id,
        "credit": article.credit,
        "original_author": article.original_author,
        "original_source": article.original_source,
        "original_title": article.original_title,
        "editors": article.editors,
        "tags": "、".join(t.name for t in article.tags.all()),
        "slug": article.slug,
        "base_version": article.updated_at.isoformat(),
    }
    return {**data, **changes}
