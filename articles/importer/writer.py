"""Writing one imported article: its author, tags, text and near-duplicate link."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q

from articles import editing, tag_names, text
from articles.models import (
    Article,
    Author,
    BodySignature,
    DeletedImport,
    DuplicateImport,
    Tag,
    content_hash,
)

from . import simhash
from .credits import credit_fields
from .identity import normalise
from .parse import ParsedArticle
from .report import Duplicate, ImportReport


def fields_of(parsed: ParsedArticle) -> dict[str, str]:
    """The article fields an import writes, in `content_hash` order (`HASHED_FIELDS`)."""
    return {
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "body": parsed.body,
        "credit": parsed.credit,
        **credit_fields(parsed.credits),
    }


def plain_text(parsed: ParsedArticle) -> str:
    return f"{parsed.title}\n{parsed.standfirst}\n{parsed.body}"


@dataclass(frozen=True)
class Item:
    """A parsed article with the file it came from and its identity."""

    source: str
    parsed: ParsedArticle
    ref: str

    @property
    def where(self) -> str:
        return f"{self.source} #{self.parsed.position}"


def as_imported(article: Article, author: str) -> bool:
    """Whether `article` is as an import left it: its text unedited, by `author`."""
    return article.content_hash() == article.source_hash and article.author.name == author


class TagBook:
    """Tags by folded name; missing ones are created when an article first needs them."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.tags = {t.name_key: t for t in Tag.objects.all()}
        self.seen = set()

    def get(self, name: str) -> Tag:
        key = text.fold(name)
        if key not in self.tags:
            self.tags[key] = tag_names.get_or_create(name)
            self.report.count("tags", "created")
        elif key not in self.seen:
            self.report.count("tags", "unchanged")
        self.seen.add(key)
        return self.tags[key]

    def get_all(self, names) -> list[Tag]:
        return [self.get(name) for name in names]


class ArticleWriter:
    """Creates, updates or links the articles of one document, leaving editors' edits and
    deletions alone.

    Articles are found by fingerprint (`import_ref`), whatever file and position hold them.
    Without `force`, an article an editor changed keeps the editor's text and one an editor
    deleted (a `DeletedImport`) stays deleted; with it, the file's version wins.
    """

    def __init__(self, run, items: list[Item], signatures: dict[str, int]):
        """`signatures`: the SimHash of bodies already worked out, by body."""
        self.run, self.report, self.force = run, run.report, run.force
        self.known_signatures = signatures
        refs = [item.ref for item in items]
        self.deleted = {d.import_ref: d for d in DeletedImport.objects.filter(import_ref__in=refs)}
        self.existing = {
            a.import_ref: a
            for a in Article.objects.filter(import_ref__in=refs).select_related("author")
        }
        self.links = {d.import_ref: d for d in DuplicateImport.objects.filter(import_ref__in=refs)}
        self.signatures: dict[str, int] = {}  # fingerprint → body SimHash, for new bodies
        self.written: dict[str, Article] = {}
        new = [i for i in items if i.ref not in self.existing and self._tombstone(i) is None]
        self.near = self._near_duplicates(new)

    def _tombstone(self, item: Item) -> DeletedImport | None:
        deleted = self.deleted.get(item.ref)
        legacy = self.run.untitled
        if deleted is None and (deleted := legacy.pop(normalise(item.parsed.title), None)):
            deleted.import_ref = item.ref
            deleted.save(update_fields=["import_ref"])
            self.deleted[item.ref] = deleted
        return deleted

    def _near_duplicates(self, items: list[Item]) -> dict[str, tuple[Article, int]]:
        """Existing imported articles whose bodies are near-duplicates of `items`' bodies,
        with the bits they differ by: one look-up by band for the whole document."""
        if not items:
            return {}
        for item in items:
            body = item.parsed.body
            known = self.known_signatures.get(body)
            self.signatures[item.ref] = simhash.signature(body) if known is None else known
        wanted = Q()
        for value in self.signatures.values():
            for n, band in enumerate(simhash.bands(value)):
                wanted |= Q(**{f"band{n}": band})
        candidates = list(BodySignature.objects.filter(wanted).values_list("article", "simhash"))
        near = {}
        for ref, value in self.signatures.items():
            found = sorted(
                (simhash.distance(value, other), article)
                for article, other in candidates
                if simhash.distance(value, other) <= simhash.MAX_DISTANCE
            )
            if found:
                near[ref] = found[0]
        articles = Article.objects.in_bulk([article for _, article in near.values()])
        return {ref: (articles[pk], bits) for ref, (bits, pk) in near.items()}

    def will_write(self, item: Item) -> bool:
        """Whether `write` would create or change the article."""
        article = self.existing.get(item.ref)
        if article is None:
            if item.ref in self.links or item.ref in self.near:
                return self.run.separate
            return self.force or self._tombstone(item) is None
        if article.content_hash() != article.source_hash:  # edited
            return self.force
        unchanged = article.source_hash == content_hash(*fields_of(item.parsed).values())
        return not (unchanged and article.author.name == item.parsed.author)

    def write(self, item: Item, author: Author, tags) -> Article | None:
        """The created or updated article; None when nothing was written.

        `tags()` gives the article's tags, asked for only when it is written.
        """
        fields = fields_of(item.parsed)
        article = self.existing.get(item.ref)
        if article is None:
            if not self._linked(item):
                return self._create(item, author, fields, tags)
            return None
        return self._update(article, item, author, fields, tags)

    def _linked(self, item: Item) -> bool:
        """Whether `item` is (or is now) linked to an existing article instead of created."""
        link = self.links.get(item.ref)
        if link is not None and self.run.separate:
            link.delete()
            return False
        if link is not None:
            self.report.count("articles", "unchanged")
            return True
        if item.ref not in self.near:
            return False
        article, bits = self.near[item.ref]
        self.report.duplicates.append(
            Duplicate(
                item.where, item.parsed.title, article.pk, article.title, bits, self.run.separate
            )
        )
        if self.run.separate:
            return False
        DuplicateImport.objects.create(
            import_ref=item.ref,
            article=article,
            title=item.parsed.title,
            source_document=item.source,
            source_position=item.parsed.position,
            distance=bits,
        )
        self.report.skip(
            "articles", f"{item.where} “{item.parsed.title}”：与《{article.title}》近似重复，已链接"
        )
        return True

    def _create(self, item, author, fields, tags) -> Article | None:
        deleted = self._tombstone(item)
        if deleted is not None and not self.force:
            self.report.skip("articles", f"{item.where} “{deleted.title}”：已被编辑删除")
            self.report.kept_deleted += 1
            return None
        if deleted is not None:
            deleted.delete()
        published = self.run.status == Article.Status.PUBLISHED
        position = item.parsed.position
        article = Article(
            **fields,
            author=author,
            status=self.run.status,
            published_at=self.run.now - timedelta(minutes=position) if published else None,
            import_ref=item.ref,
            source_document=item.source,
            source_position=position,
            source_hash=content_hash(*fields.values()),
            created_by=self.run.user,
        )
        editing.import_article(article, tags=tags(), user=self.run.user)
        self.report.count("articles", "created")
        self.written[item.ref] = article
        return article

    def _update(self, article, item, author, fields, tags) -> Article | None:
        digest = content_hash(*fields.values())
        edited = article.content_hash() != article.source_hash
        if edited and not self.force:
            note = f"{item.where} “{article.title}”：编辑已修改，保留编辑版本"
            self.report.skip("articles", note)
            return None
        if not edited and article.source_hash == digest and article.author_id == author.pk:
            self.report.count("articles", "unchanged")
            return None
        for name, value in fields.items():
            setattr(article, name, value)
        article.author = author
        article.source_hash = digest
        article.source_document, article.source_position = item.source, item.parsed.position
        editing.import_article(article, tags=tags(), user=self.run.user)
        self.report.count("articles", "updated")
        self.written[item.ref] = article
        return article

    def store_signatures(self) -> None:
        """The body signatures of the articles written, in one statement each way."""
        rows = []
        for ref, article in self.written.items():
            value = self.signatures.get(ref)
            if value is None:
                value = simhash.signature(article.body)
            rows.append(
                BodySignature(
                    article=article,
                    simhash=simhash.to_signed(value),
                    **{f"band{n}": band for n, band in enumerate(simhash.bands(value))},
                )
            )
        if rows:
            BodySignature.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["simhash", "band0", "band1", "band2", "band3"],
            )
