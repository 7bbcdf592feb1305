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

from articles import text
from articles.models import Article, Author, Tag, content_hash
from glossary.models import GlossaryEntry

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

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

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
) -> ImportReport:
    """Write `documents`; report what was (or, with `dry_run`, would be) changed."""
    report = ImportReport()
    items = [(doc.source, parsed) for doc in documents for parsed in doc.articles]
    terms = _defined_terms(documents)
    tag_names = suggest_tags(
        {(src, a.position): _plain(a) for src, a in items}, [d.term.term for d in terms]
    )
    now = timezone.now()
    with transaction.atomic():
        authors = _authors({a.author for _, a in items}, report)
        tags = _TagBook(report)
        articles = {}
        for n, (source, parsed) in enumerate(items, start=1):
            article = _article(source, parsed, authors[parsed.author], status, force, now, report)
            if article is not None:
                names = tag_names[source, parsed.position]
                article.tags.set([tags.get(name) for name in names])
            articles[source, parsed.position] = article
            if progress:
                progress(n, len(items))
        _glossary(terms, articles, status, force, report)
        if dry_run:
            transaction.set_rollback(True)
    return report


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
        self.tags = {text.fold(t.name): t for t in Tag.objects.all()}
        self.seen = set()

    def get(self, name: str) -> Tag:
        key = text.fold(name)
        if key not in self.tags:
            self.tags[key] = Tag.objects.create(name=name)
            self.report.count("tags", "created")
        elif key not in self.seen:
            self.report.count("tags", "unchanged")
        self.seen.add(key)
        return self.tags[key]


def _article(source, parsed, author, status, force, now, report) -> Article | None:
    """Create or update one article; None when an editor's changes are kept."""
    fields = {
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "body": parsed.body,
        "credit": parsed.credit,
    }
    digest = content_hash(*fields.values())
    article = Article.objects.filter(
        source_document=source, source_position=parsed.position
    ).first()
    if article is None:
        article = Article(
            **fields,
            author=author,
            status=status,
            published_at=now - timedelta(minutes=parsed.position)
            if status == Article.Status.PUBLISHED
            else None,
            source_document=source,
            source_position=parsed.position,
            source_hash=digest,
        )
        article.save()
        report.count("articles", "created")
        return article
    edited = article.content_hash() != article.source_hash
    if edited and not force:
        report.count("articles", "skipped")
        report.skipped.append(
            f"{source} #{parsed.position} “{article.title}”: 编辑已修改,保留编辑版本"
        )
        return None
    if not edited and article.source_hash == digest and article.author_id == author.pk:
        report.count("articles", "unchanged")
        return None
    for name, value in fields.items():
        setattr(article, name, value)
    article.author = author
    article.source_hash = digest
    article.save()
    report.count("articles", "updated")
    return article


def _glossary(terms: list[_Defined], articles: dict, status: str, force: bool, report) -> None:
    """New terms are created; existing ones belong to the editors unless `force`."""
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
        if entry is None:
            GlossaryEntry.objects.create(
                term=defined.term.term,
                definition=defined.term.definition,
                status=entry_status,
                source_article=source_article,
            )
            report.count("glossary", "created")
        elif entry.definition == defined.term.definition:
            report.count("glossary", "unchanged")
        elif force:
            entry.definition = defined.term.definition
            entry.save()
            report.count("glossary", "updated")
        else:
            report.count("glossary", "skipped")
            report.skipped.append(f"术语“{entry.term}”: 编辑已修改,保留编辑版本")
