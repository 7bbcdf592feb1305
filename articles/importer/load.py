"""The one place that writes imported content to the database.

Everything is decided from parsed documents first, then written inside a single
transaction: an error anywhere leaves the database exactly as it was, and a dry
run rolls the same work back.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from articles import editing, tag_names, text
from articles.models import Article, Author, DeletedImport, Tag, content_hash
from glossary.models import GlossaryEntry

from .credits import credit_fields
from .parse import ParsedArticle, ParsedDocument, Term
from .tagging import suggest_tags

KINDS = ("articles", "authors", "tags", "glossary")
OUTCOMES = ("created", "updated", "unchanged", "skipped")
KIND_LABELS = {"articles": "文章", "authors": "作者", "tags": "标签", "glossary": "术语"}
OUTCOME_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "skipped": "跳过"}


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    skipped: list[str] = field(default_factory=list)
    kept_deleted: int = 0  # imported articles an editor deleted, left deleted

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, note: str) -> None:
        self.count(kind, "skipped")
        self.skipped.append(note)

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())


@dataclass(frozen=True)
class _Defined:
    term: Term
    source: str
    position: int


def import_documents(
    documents: list[ParsedDocument],
    *,
    status: str = Article.Status.PUBLISHED,
    force: bool = False,
    dry_run: bool = False,
    progress=None,
    user=None,
) -> ImportReport:
    """Write `documents`; report what was (or, with `dry_run`, would be) changed.

    New articles are created by `user` (None for the command), which the workflow history
    records as their first status change.
    """
    report = ImportReport()
    items = [(doc.source, parsed) for doc in documents for parsed in doc.articles]
    terms = _defined_terms(documents)
    with transaction.atomic():
        writer = _ArticleWriter(
            {doc.source for doc in documents}, status=status, force=force, user=user, report=report
        )
        # Tag suggestion (part-of-speech tagging) is most of an import's work: only for
        # the articles that will be written, so an unchanged re-import skips it.
        suggested = suggest_tags(
            {(src, a.position): _plain(a) for src, a in items if writer.will_write(src, a)},
            [d.term.term for d in terms],
        )
        authors = _authors({a.author for _, a in items}, report)
        tags = _TagBook(report)
        articles = {}
        for n, (source, parsed) in enumerate(items, start=1):
            names = suggested.get((source, parsed.position), [])
            article = writer.write(
                source, parsed, authors[parsed.author], lambda names=names: tags.get_all(names)
            )
            articles[source, parsed.position] = article
            if progress:
                progress(n, len(items))
        _glossary(terms, articles, status, force, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _fields(parsed: ParsedArticle) -> dict[str, str]:
    """The article fields an import writes, in `content_hash` order (`HASHED_FIELDS`)."""
    return {
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "body": parsed.body,
        "credit": parsed.credit,
        **credit_fields(parsed.credits),
    }


def _plain(parsed: ParsedArticle) -> str:
    return f"{parsed.title}\n{parsed.standfirst}\n{parsed.body}"


def _defined_terms(documents) -> list[_Defined]:
    """The first definition of each term, compared case- and width-insensitively."""
    seen = {}
    for doc in documents:
        for parsed in doc.articles:
            for term in parsed.terms:
                seen.setdefault(text.fold(term.term), _Defined(term, doc.source, parsed.position))
    return list(seen.values())


def _authors(names: set[str], report: ImportReport) -> dict[str, Author]:
    authors = {a.name: a for a in Author.objects.filter(name__in=names)}
    for name in sorted(names):
        if name in authors:
            report.count("authors", "unchanged")
        else:
            authors[name] = Author.objects.create(name=name)
            report.count("authors", "created")
    return authors


class _TagBook:
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


class _ArticleWriter:
    """Creates or updates one article at a time, leaving editors' edits and deletions alone.

    Without `force`, an article an editor changed keeps the editor's text and one an editor
    deleted (a `DeletedImport`) stays deleted; with it, the file's version wins.
    """

    def __init__(self, sources: set[str], *, status, force, user, report: ImportReport):
        self.status, self.force, self.user, self.report = status, force, user, report
        self.now = timezone.now()
        self.deleted = {
            (d.source_document, d.source_position): d
            for d in DeletedImport.objects.filter(source_document__in=sources)
        }
        self.existing = {
            (a.source_document, a.source_position): a
            for a in Article.objects.filter(source_document__in=sources).select_related("author")
        }

    def will_write(self, source: str, parsed: ParsedArticle) -> bool:
        """Whether `write` would create or change the article (no database work)."""
        article = self.existing.get((source, parsed.position))
        if article is None:
            return self.force or (source, parsed.position) not in self.deleted
        edited = article.content_hash() != article.source_hash
        if edited:
            return self.force
        unchanged = article.source_hash == content_hash(*_fields(parsed).values())
        return not (unchanged and article.author.name == parsed.author)

    def write(self, source: str, parsed: ParsedArticle, author: Author, tags) -> Article | None:
        """The created or updated article; None when nothing was written.

        `tags()` gives the article's tags, asked for only when it is written.
        """
        fields = _fields(parsed)
        article = self.existing.get((source, parsed.position))
        if article is None:
            return self._create(source, parsed, author, fields, tags)
        return self._update(article, source, parsed, author, fields, tags)

    def _create(self, source, parsed, author, fields, tags) -> Article | None:
        deleted = self.deleted.get((source, parsed.position))
        if deleted is not None and not self.force:
            self.report.skip(
                "articles", f"{source} #{parsed.position} “{deleted.title}”：已被编辑删除"
            )
            self.report.kept_deleted += 1
            return None
        if deleted is not None:
            deleted.delete()
        published = self.status == Article.Status.PUBLISHED
        article = Article(
            **fields,
            author=author,
            status=self.status,
            published_at=self.now - timedelta(minutes=parsed.position) if published else None,
            source_document=source,
            source_position=parsed.position,
            source_hash=content_hash(*fields.values()),
            created_by=self.user,
        )
        editing.import_article(article, tags=tags(), user=self.user)
        self.report.count("articles", "created")
        return article

    def _update(self, article, source, parsed, author, fields, tags) -> Article | None:
        digest = content_hash(*fields.values())
        edited = article.content_hash() != article.source_hash
        if edited and not self.force:
            self.report.skip(
                "articles",
                f"{source} #{parsed.position} “{article.title}”：编辑已修改，保留编辑版本",
            )
            return None
        if not edited and article.source_hash == digest and article.author_id == author.pk:
            self.report.count("articles", "unchanged")
            return None
        for name, value in fields.items():
            setattr(article, name, value)
        article.author = author
        article.source_hash = digest
        editing.import_article(article, tags=tags(), user=self.user)
        self.report.count("articles", "updated")
        return article


def _glossary(terms: list[_Defined], articles: dict, status: str, force: bool, report) -> None:
    """New terms are created; existing ones belong to the editors unless `force`.

    `force` replaces a definition and nothing else: a term an editor rejected stays rejected.
    """
    keys = [text.fold(d.term.term) for d in terms]
    existing = {e.term_key: e for e in GlossaryEntry.objects.filter(term_key__in=keys)}
    entry_status = (
        GlossaryEntry.Status.PUBLISHED
        if status == Article.Status.PUBLISHED
        else GlossaryEntry.Status.SUGGESTED
    )
    for defined in terms:
        source_article = articles.get((defined.source, defined.position)) or (
            Article.objects.filter(
                source_document=defined.source, source_position=defined.position
            ).first()
        )
        entry = existing.get(text.fold(defined.term.term))
        definition = defined.term.definition
        if entry is None:
            GlossaryEntry.objects.create(
                term=defined.term.term,
                definition=definition,
                status=entry_status,
                source_article=source_article,
            )
            report.count("glossary", "created")
        elif force and entry.definition != definition:
            entry.definition = definition
            entry.save()
            report.count("glossary", "updated")
        elif entry.status == GlossaryEntry.Status.REJECTED:
            report.skip("glossary", f"术语“{entry.term}”：已被编辑驳回")
        elif entry.definition == definition:
            report.count("glossary", "unchanged")
        else:
            report.skip("glossary", f"术语“{entry.term}”：编辑已修改，保留编辑版本")
