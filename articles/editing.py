"""The one write path for articles: every change, whoever makes it, goes through here.

The admin form, bulk actions, revision restores and the importer (and any later writer)
call these functions; nothing else writes articles. Each does the whole sequence of an
edit in one transaction:

1. keep the stored state as a revision if none holds it yet (`revisions.ensure_baseline`);
2. save the article (and its tags, resolved by folded name);
3. record a status change, if the status moved (`workflow.record`);
4. keep the old address answering, if a published article's slug changed;
5. keep the new state as a revision.

The side effects readers see (the search index, cache stamps) follow from the saves, in
`articles.receivers`, with their own commit timing.
"""

from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from django.db import router, transaction
from django.db.models.signals import m2m_changed
from django.utils import timezone

from media import checks as media_checks

from . import receivers, revisions, tag_names, workflow
from .models import Article, ArticleRevision, Tag, TagAlias, TaggedArticle

Status = Article.Status


@dataclass
class BulkResult:
    """What a change to many articles did: the articles changed, those left alone (already
    so, or a move the workflow does not allow) and those refused for their content."""

    changed: list[Article] = field(default_factory=list)
    skipped: list[Article] = field(default_factory=list)
    refused: list[Article] = field(default_factory=list)


def save(article: Article, *, user, tags=None, note: str = "", comment: str = "") -> Article:
    """Create or change `article` as one edit by `user` (None: not made in the admin).

    `tags` (names or tags) replaces the article's tags when given; `note` goes with a
    status change; `comment` describes the revision (“新建” for a new article).
    Inside a caller's transaction it takes no savepoint of its own: no caller goes on
    after a failed save, so an error leaves the whole transaction to be rolled back.
    """
    with transaction.atomic(savepoint=False):
        if article._state.adding:
            if article.created_by_id is None and user is not None:
                article.created_by = user
            before = None
        else:
            revisions.ensure_baseline(article.pk)
            before = Article.objects.values("status", "slug", "published_at").get(pk=article.pk)
        article.save()
        names = None if tags is None else _set_tags(article, tags, new=before is None)
        _after_save(article, before, user, note, comment or ("" if before else "新建"), names)
    return article


def change_status(articles, to: str, *, user, published_at=None, note: str = "") -> BulkResult:
    """Move each article `user` may move to `to` (publishing at `published_at` if given)."""
    result = BulkResult()
    label = Status(to).label
    with transaction.atomic():
        for article in articles:
            if article.status == to or not workflow.can_move(user, article, to):
                result.skipped.append(article)
                continue
            if to == Status.PUBLISHED and media_checks.publish_problems(article):
                result.refused.append(article)  # images without alt text
                continue
            revisions.ensure_baseline(article.pk)
            before = _before(article)
            article.status = to
            if to == Status.PUBLISHED and published_at is not None:
                article.published_at = published_at
            article.save()
            _after_save(article, before, user, note, f"批量操作：设为{label}")
            result.changed.append(article)
    return result


def publish_now(articles, *, user) -> tuple[BulkResult, BulkResult]:
    """Publish `articles` now: scheduled ones are brought forward, the others moved.

    Returns (brought forward, moved).
    """
    now = timezone.now()
    articles = list(articles)
    scheduled = [
        a
        for a in articles
        if a.status == Status.PUBLISHED and a.published_at and a.published_at > now
    ]
    forward = BulkResult()
    with transaction.atomic():
        for article in scheduled:
            revisions.ensure_baseline(article.pk)
            before = _before(article)
            article.published_at = now
            article.save()
            _after_save(article, before, user, "", "批量操作：提前发布")
            forward.changed.append(article)
        rest = [a for a in articles if a.status != Status.PUBLISHED]
        moved = change_status(rest, Status.PUBLISHED, user=user, published_at=now)
    return forward, moved


def set_featured(articles, featured: bool, *, user) -> BulkResult:
    """Feature (or stop featuring) each article on the home page, as an edit of it."""
    label = "设为首页推荐" if featured else "取消首页推荐"
    result = BulkResult()
    with transaction.atomic():
        for article in articles:
            if article.featured == featured:
                result.skipped.append(article)
                continue
            revisions.ensure_baseline(article.pk)
            article.featured = featured
            article.save(update_fields=["featured", "updated_at"])
            revisions.snapshot(article, user, f"批量操作：{label}")
            result.changed.append(article)
    return result


def retag(articles, *, user, add=(), remove=()) -> BulkResult:
    """Add the tags `add` (names or tags) to and take `remove` off each article.

    An article that already has all of `add` and none of `remove` is left alone.
    """
    adding = tag_names.resolve(add)
    removing = {tag.pk: tag for tag in tag_names.resolve(remove)}
    comment = "批量操作：添加标签" if adding else "批量操作：移除标签"
    result = BulkResult()
    with transaction.atomic():
        for article in articles:
            have = {tag.pk for tag in article.tags.all()}
            wanted = (have | {tag.pk for tag in adding}) - removing.keys()
            if wanted == have:
                result.skipped.append(article)
                continue
            revisions.ensure_baseline(article.pk)
            if adding:
                article.tags.add(*adding)
            if removing:
                article.tags.remove(*[tag for pk, tag in removing.items() if pk in have])
            article.save(update_fields=["updated_at"])
            revisions.snapshot(article, user, comment)
            result.changed.append(article)
    return result


def restore(revision: ArticleRevision, *, user) -> tuple[ArticleRevision, list[str]]:
    """Bring back the text and tags of `revision` as a new revision; the status stays.

    Tags deleted or merged away since are not recreated; their names are returned.
    """
    article = revision.article
    with transaction.atomic():
        revisions.ensure_baseline(article.pk)
        before = _before(article)
        for name in revisions.TEXT_FIELDS:
            setattr(article, name, getattr(revision, name))
        article.save()
        found = tag_names.existing(revision.tags)
        article.tags.set(list(found.values()))
        kept = {tag.name for tag in found.values()}
        missing = sorted(name for name in revision.tags if name not in kept)
        workflow.remember_old_slug(article, before["slug"], before["published_at"])
        restored = revisions.snapshot(article, user, f"恢复自第 {revision.number} 版")
    return restored, missing


def merge_tags(survivor: Tag, merged: list[Tag]) -> int:
    """Move the articles of `merged` to `survivor`, delete `merged`; return articles moved.

    The merged tags' addresses stay as redirects to the survivor.
    """
    with transaction.atomic():
        moving = set(
            TaggedArticle.objects.filter(tag__in=merged).values_list("content_object", flat=True)
        )
        present = set(
            TaggedArticle.objects.filter(tag=survivor, content_object__in=moving).values_list(
                "content_object", flat=True
            )
        )
        for pk in sorted(moving - present):
            TaggedArticle.objects.create(tag=survivor, content_object_id=pk)
        TagAlias.objects.filter(tag__in=merged).update(tag=survivor)
        TagAlias.objects.bulk_create(TagAlias(old_slug=tag.slug, tag=survivor) for tag in merged)
        Tag.objects.filter(pk__in=[tag.pk for tag in merged]).delete()
    return len(moving)


def import_article(article: Article, *, tags, user) -> Article:
    """Create or update an imported article with its suggested tags, as one edit."""
    comment = "导入" if article._state.adding else "导入更新"
    return save(article, user=user, tags=tags, comment=comment)


def import_batch(progress=None) -> AbstractContextManager:
    """Around the imports of many articles (an import's): their search index rows and
    related articles are written at its end, a thousand articles at a time, still inside
    the transaction; `progress(done, total)` follows that work."""
    return receivers.articles_in_batch(progress)


def render_again(articles) -> int:
    """Render the bodies of `articles` afresh, because an image they show changed or went:
    new HTML and `updated_at` (which the caches follow), no revision. Returns how many."""
    count = 0
    with transaction.atomic():
        for article in articles:
            article.save(update_fields=["body", "updated_at"])  # the body's HTML is derived
            count += 1
    return count


def revoke_preview(article: Article) -> None:
    """Give `article` a new preview key, so every link shared so far stops working.

    Readers see nothing of it: no revision, no reindexing, no cache flush.
    """
    article.preview_key = Article._meta.get_field("preview_key").get_default()
    article.save(update_fields=["preview_key"])


def _before(article: Article) -> dict:
    return {"status": article.status, "slug": article.slug, "published_at": article.published_at}


def _after_save(article, before, user, note, comment, tag_names=None) -> None:
    """The status change, old address and revision of a save; `tag_names`: the tags the
    save gave the article, if it set them (read from the database otherwise)."""
    workflow.record(article, before["status"] if before else "", user, note)
    if before:
        workflow.remember_old_slug(article, before["slug"], before["published_at"])
    revisions.snapshot(article, user, comment, first=before is None, tag_names=tag_names)


def _set_tags(article: Article, items, *, new: bool) -> list[str]:
    """Replace the article's tags; returns their names. A new article has no links to
    compare: they are written in one query (taggit's `set` takes two per tag), with
    taggit's signal."""
    tags = list({tag.pk: tag for tag in tag_names.resolve(items)}.values())
    names = [tag.name for tag in tags]
    if not new:
        article.tags.set(tags)
        return names
    if not tags:
        return names
    signal = {
        "sender": TaggedArticle,
        "instance": article,
        "reverse": False,
        "model": Tag,
        "pk_set": {tag.pk for tag in tags},
        "using": router.db_for_write(TaggedArticle, instance=article),
    }
    m2m_changed.send(action="pre_add", **signal)
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object=article, tag=tag, published_at=article.published_at)
            for tag in tags
        ]
    )
    m2m_changed.send(action="post_add", **signal)
    return names
