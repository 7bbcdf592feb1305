"""Related articles, worked out when tags or publication change, read by index.

An article's related articles are the published articles sharing the most tags with it,
the most recent first among equals, drawn from the latest `POOL` published articles of
each of its tags (so the work per article stays bounded as the corpus grows). `refresh()`
stores the best `STORED` of them per article in `RelatedArticle`; the article page reads
those that are visible (`for_article()`), topped up with the latest others when fewer
than three share a tag.

Hook: `refresh_around(article_ids)` runs, in the transaction, after articles are saved or
their tags change (`articles.receivers`); `manage.py refresh_related` refreshes them all.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Subquery, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber

from .models import Article, RelatedArticle, TaggedArticle

STORED = 10  # per article: the five shown, with room for some becoming hidden
POOL = 100  # latest published articles of each tag considered
NEIGHBOURS = 50  # articles listing a changed one that are refreshed with it
CHUNK = 1000  # articles refreshed, or looked up by id, in one go


def for_article(article, count: int, at_least: int) -> list[Article]:
    """Up to `count` visible related articles, most shared tags first, then the latest;
    when fewer than `at_least` share a tag, the latest others make up `at_least`. One query."""
    others = Article.objects.published().exclude(pk=article.pk)
    stored = RelatedArticle.objects.filter(article=article.pk)
    visible = stored.filter(Exists(others.filter(pk=OuterRef("other")))).values("other")
    # With fewer than `at_least` sharing, the latest 2 × `at_least` hold enough others.
    latest = others.order_by("-published_at", "-id").values("pk")[: 2 * at_least]
    shared = Subquery(stored.filter(other=OuterRef("pk")).values("shared")[:1])
    candidates = (
        # Both parts are visible articles: the outer query only looks them up by id.
        Article.objects.filter(pk__in=_union(visible, latest))
        .annotate(shared=Coalesce(shared, Value(0)))
        .select_related("author")
        .order_by("-shared", "-published_at", "-id")[:count]
    )
    return [other for n, other in enumerate(candidates) if other.shared or n < at_least]


def _union(*querysets) -> RawSQL:
    """The ids the one-column `querysets` select, as one subquery: the database looks each
    up by primary key, where `pk__in=a | pk__in=b` would let it scan the table instead."""
    parts = [queryset.query.sql_with_params() for queryset in querysets]
    sql = " UNION ".join(f"SELECT * FROM ({part}) AS part{n}" for n, (part, _) in enumerate(parts))
    return RawSQL(sql, [param for _, params in parts for param in params])


def refresh_around(article_ids) -> None:
    """Refresh the related articles of `article_ids` and those of the articles they concern:
    the ones they list and (up to `NEIGHBOURS` each) the ones listing them. Each is
    refreshed once, `CHUNK` at a time, however many there are (an import's thousands)."""
    article_ids = set(article_ids)
    listing = set()
    for chunk in chunks(article_ids):
        rows = RelatedArticle.objects.filter(other__in=chunk).values_list("article", flat=True)
        listing.update(rows.order_by("-id")[: NEIGHBOURS * len(chunk)])
    for chunk in chunks(article_ids):
        refresh(chunk)
    listed = set()
    for chunk in chunks(article_ids):
        listed.update(
            RelatedArticle.objects.filter(article__in=chunk).values_list("other", flat=True)
        )
    for chunk in chunks((listing | listed) - article_ids):
        refresh(chunk)


def chunks(ids):
    """`ids` in order, `CHUNK` at a time."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def refresh_all() -> int:
    """Refresh every article's related articles (after a bulk load); returns how many."""
    ids = set(Article.objects.values_list("pk", flat=True))
    _store(ids, _tags_of(TaggedArticle.objects.all()), RelatedArticle.objects.all())
    return len(ids)


def refresh(article_ids) -> None:
    """Store the related articles of `article_ids`, in a fixed number of queries."""
    article_ids = set(article_ids)
    if article_ids:
        tags = _tags_of(TaggedArticle.objects.filter(content_object__in=article_ids))
        _store(article_ids, tags, RelatedArticle.objects.filter(article__in=article_ids))


def _store(article_ids: set[int], tags: dict[int, set[int]], replaced) -> None:
    """Replace the rows `replaced` with the related articles of `article_ids`, whose tags
    `tags` holds."""
    pools = _pools({tag for ids in tags.values() for tag in ids})
    candidates = {pk for pool in pools.values() for pk, _ in pool}
    # Candidates may be tens of thousands, beyond what SQLite takes in one `IN`.
    for chunk in chunks(candidates - tags.keys()):
        tags.update(_tags_of(TaggedArticle.objects.filter(content_object__in=chunk)))
    published_at = {pk: when for pool in pools.values() for pk, when in pool}
    rows = []
    for pk in article_ids:
        mine = tags.get(pk, set())
        others = {other for tag in mine for other, _ in pools[tag]} - {pk}
        ranked = sorted(
            others,
            key=lambda o: (-len(mine & tags[o]), -published_at[o].timestamp(), -o),
        )
        rows += [
            RelatedArticle(article_id=pk, other_id=o, shared=len(mine & tags[o]))
            for o in ranked[:STORED]
        ]
    with transaction.atomic():
        replaced.delete()
        RelatedArticle.objects.bulk_create(rows, batch_size=5000)


def _tags_of(links) -> dict[int, set[int]]:
    tags = defaultdict(set)
    for article, tag in links.values_list("content_object", "tag").iterator(chunk_size=10_000):
        tags[article].add(tag)
    return tags


def _pools(tag_ids) -> dict[int, list]:
    """`(article id, published_at)` of the latest `POOL` published articles of each tag."""
    pools = defaultdict(list)
    if not tag_ids:
        return pools
    ranked = (
        TaggedArticle.objects.filter(
            tag__in=tag_ids, content_object__status=Article.Status.PUBLISHED
        )
        .annotate(
            n=Window(
                RowNumber(),
                partition_by=F("tag"),
                order_by=[F("content_object__published_at").desc(), F("content_object").desc()],
            )
        )
        .filter(n__lte=POOL)
        .values_list("tag", "content_object", "content_object__published_at")
    )
    for tag, article, when in ranked.iterator(chunk_size=10_000):
        pools[tag].append((article, when))
    return pools
