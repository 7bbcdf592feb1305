"""The one place that writes imported content to the database.

Documents are imported one at a time inside a single transaction: an error anywhere (a bad
file among many) leaves the database exactly as it was, and a dry run rolls the same work
back. Only one document's text is held at a time.

The work done for a document is no more than its changes need:

1. a document whose bytes were imported before by the same parser code (an
   `ImportedDocument` with the same digest) is not parsed at all when everything it wrote
   is still as it wrote it (a few queries per document);
2. otherwise it is parsed, and each article's text is compared with the digest stored on
   its article before any tag is suggested or anything written;
3. the articles that are written get their tags suggested as one batch, and their search
   index rows and related articles refreshed once per document (`editing.import_batch`).

An article is known by the fingerprint of its title and author (`identity`). One that would
be created but whose body is a near-duplicate of an imported article (`simhash`) is linked
to that article (a `DuplicateImport`) instead, unless `separate` asks for it to be created.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles import editing, tag_names, text
from articles.models import (
    Article,
    Author,
    BodySignature,
    DeletedImport,
    DuplicateImport,
    ImportedDocument,
    Tag,
    content_hash,
)
from glossary.models import GlossaryEntry

from . import simhash, sources
from .credits import credit_fields
from .identity import fingerprint, normalise
from .parse import ParsedArticle, ParsedDocument, Term
from .rules import NO_RULES, Rules
from .tagging import TagSuggester

KINDS = ("articles", "authors", "tags", "glossary")
OUTCOMES = ("created", "updated", "unchanged", "skipped")
KIND_LABELS = {"articles": "文章", "authors": "作者", "tags": "标签", "glossary": "术语"}
OUTCOME_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "skipped": "跳过"}


@dataclass(frozen=True)
class Duplicate:
    """An article of the import found to be a near-duplicate of an existing one."""

    where: str  # file #position
    title: str
    article_id: int  # the existing article
    article_title: str
    distance: int  # differing SimHash bits
    separate: bool  # imported as an article of its own anyway


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    skipped: list[str] = field(default_factory=list)
    kept_deleted: int = 0  # imported articles an editor deleted, left deleted
    duplicates: list[Duplicate] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, note: str) -> None:
        self.count(kind, "skipped")
        self.skipped.append(note)

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())


def import_documents(
    documents,
    *,
    status: str = Article.Status.PUBLISHED,
    force: bool = False,
    separate: bool = False,
    dry_run: bool = False,
    progress=None,
    user=None,
    rules: Rules = NO_RULES,
) -> ImportReport:
    """Write `documents` (`RawDocument`s or `ParsedDocument`s); report what was (or, with
    `dry_run`, would be) changed. `progress(done, total, articles)` follows the documents
    (`articles`: how many the documents done held).

    New articles are created by `user` (None for the command), which the workflow history
    records as their first status change. `separate` creates near-duplicates of existing
    articles as articles of their own instead of linking them. `RawDocument`s are parsed
    with the editors' site `rules`.
    """
    report = ImportReport()
    documents = list(documents)
    with transaction.atomic():
        run = _Run(
            status=status, force=force, separate=separate, user=user, report=report, rules=rules
        )
        for n, document in enumerate(documents, start=1):
            run.add(document)
            if progress:
                progress(n, len(documents), sum(report.counts["articles"].values()))
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


@dataclass(frozen=True)
class _Item:
    """A parsed article with the file it came from and its identity."""

    source: str
    parsed: ParsedArticle
    ref: str

    @property
    def where(self) -> str:
        return f"{self.source} #{self.parsed.position}"


class _Run:
    """One import: what it has met so far, and the writing of each document."""

    def __init__(self, *, status, force, separate, user, report: ImportReport, rules: Rules):
        self.status, self.force, self.separate, self.user = status, force, separate, user
        self.rules = rules
        self.report = report
        self.now = timezone.now()
        self.refs: dict[str, str] = {}  # fingerprint → where the run first met it
        self.authors: dict[str, Author] = {}
        self.terms: set[str] = set()  # folded terms met so far
        self.tags = _TagBook(report)
        self.tagger = TagSuggester()
        # Tombstones older than fingerprints are recognised by their title.
        self.untitled = {
            normalise(d.title): d for d in DeletedImport.objects.filter(import_ref__isnull=True)
        }

    def add(self, document) -> None:
        if isinstance(document, ParsedDocument):
            self._write(document, None)
            return
        data = document.read()
        digest = sources.digest(data, self.rules)
        if self.force or not self._unchanged(digest):
            self._write(sources.parse(document.source, data, self.rules), digest)

    def _unchanged(self, digest: str) -> bool:
        """Whether the document with `digest` was imported and everything it wrote is as it
        wrote it; if so, it is reported as unchanged without being parsed."""
        record = ImportedDocument.objects.filter(digest=digest).first()
        if record is None or set(record.articles) & self.refs.keys():
            return False
        refs, terms = record.articles, record.terms
        articles = Article.objects.filter(import_ref__in=refs).select_related("author")
        kept = {a.import_ref for a in articles if _as_imported(a, refs[a.import_ref])}
        if not self.separate:
            kept |= set(
                DuplicateImport.objects.filter(import_ref__in=refs).values_list(
                    "import_ref", flat=True
                )
            )
        if kept != set(refs):
            return False
        entries = GlossaryEntry.objects.filter(term_key__in=terms.keys() - self.terms)
        if len([e for e in entries if _as_defined(e, terms[e.term_key])]) != len(
            terms.keys() - self.terms
        ):
            return False
        self._meet_authors(set(refs.values()))
        for ref in refs:
            self.refs[ref] = record.source
            self.report.count("articles", "unchanged")
        for key in terms.keys() - self.terms:
            self.terms.add(key)
            self.report.count("glossary", "unchanged")
        return True

    def _write(self, document: ParsedDocument, digest: str | None) -> None:
        items = self._identified(document)
        writer = _ArticleWriter(self, items)
        defined = self._defined(items)
        self.tagger.learn(d.term.term for d in defined)
        writing = [item for item in items if writer.will_write(item)]
        suggested = self.tagger.suggest({item.ref: _plain(item.parsed) for item in writing})
        self._meet_authors({item.parsed.author for item in items})
        articles = {}
        with editing.import_batch():
            for item in items:
                names = suggested.get(item.ref, [])
                articles[item.ref] = writer.write(
                    item,
                    self.authors[item.parsed.author],
                    lambda names=names: self.tags.get_all(names),
                )
        writer.store_signatures()
        _glossary(defined, articles, self.status, self.force, self.report)
        if digest is not None:
            ImportedDocument.objects.update_or_create(
                digest=digest,
                defaults={
                    "source": document.source,
                    "articles": {item.ref: item.parsed.author for item in items},
                    "terms": {text.fold(d.term.term): d.term.definition for d in defined},
                    "imported_at": self.now,
                },
            )

    def _identified(self, document: ParsedDocument) -> list[_Item]:
        """The document's articles with their fingerprints; one with the fingerprint of an
        article met before (the same title and author) is skipped and reported."""
        items = []
        for parsed in document.articles:
            item = _Item(document.source, parsed, fingerprint(parsed.title, parsed.author))
            if item.ref in self.refs:
                note = f"{item.where} “{parsed.title}”：与 {self.refs[item.ref]} 重复"
                self.report.skip("articles", note)
                continue
            self.refs[item.ref] = item.where
            items.append(item)
        return items

    def _defined(self, items: list[_Item]) -> list["_Defined"]:
        """The first definition of each term not met before, compared case- and
        width-insensitively."""
        defined = []
        for item in items:
            for term in item.parsed.terms:
                key = text.fold(term.term)
                if key not in self.terms:
                    self.terms.add(key)
                    defined.append(_Defined(term, item.ref))
        return defined

    def _meet_authors(self, names: set[str]) -> None:
        """Authors by name, created when missing; each counted once per run."""
        new = names - self.authors.keys()
        found = {a.name: a for a in Author.objects.filter(name__in=new)} if new else {}
        for name in sorted(new):
            if name in found:
                self.authors[name] = found[name]
                self.report.count("authors", "unchanged")
            else:
                self.authors[name] = Author.objects.create(name=name)
                self.report.count("authors", "created")


def _as_imported(article: Article, author: str) -> bool:
    """Whether `article` is as an import left it: its text unedited, by `author`."""
    return article.content_hash() == article.source_hash and article.author.name == author


def _as_defined(entry: GlossaryEntry, definition: str) -> bool:
    return entry.status != GlossaryEntry.Status.REJECTED and entry.definition == definition


@dataclass(frozen=True)
class _Defined:
    term: Term
    ref: str  # the defining article's fingerprint


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
    """Creates, updates or links the articles of one document, leaving editors' edits and
    deletions alone.

    Articles are found by fingerprint (`import_ref`), whatever file and position hold them.
    Without `force`, an article an editor changed keeps the editor's text and one an editor
    deleted (a `DeletedImport`) stays deleted; with it, the file's version wins.
    """

    def __init__(self, run: _Run, items: list[_Item]):
        self.run, self.report, self.force = run, run.report, run.force
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

    def _tombstone(self, item: _Item) -> DeletedImport | None:
        deleted = self.deleted.get(item.ref)
        legacy = self.run.untitled
        if deleted is None and (deleted := legacy.pop(normalise(item.parsed.title), None)):
            deleted.import_ref = item.ref
            deleted.save(update_fields=["import_ref"])
            self.deleted[item.ref] = deleted
        return deleted

    def _near_duplicates(self, items: list[_Item]) -> dict[str, tuple[Article, int]]:
        """Existing imported articles whose bodies are near-duplicates of `items`' bodies,
        with the bits they differ by: one look-up by band for the whole document."""
        if not items:
            return {}
        for item in items:
            self.signatures[item.ref] = simhash.signature(item.parsed.body)
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

    def will_write(self, item: _Item) -> bool:
        """Whether `write` would create or change the article."""
        article = self.existing.get(item.ref)
        if article is None:
            if item.ref in self.links or item.ref in self.near:
                return self.run.separate
            return self.force or self._tombstone(item) is None
        if article.content_hash() != article.source_hash:  # edited
            return self.force
        unchanged = article.source_hash == content_hash(*_fields(item.parsed).values())
        return not (unchanged and article.author.name == item.parsed.author)

    def write(self, item: _Item, author: Author, tags) -> Article | None:
        """The created or updated article; None when nothing was written.

        `tags()` gives the article's tags, asked for only when it is written.
        """
        fields = _fields(item.parsed)
        article = self.existing.get(item.ref)
        if article is None:
            if not self._linked(item):
                return self._create(item, author, fields, tags)
            return None
        return self._update(article, item, author, fields, tags)

    def _linked(self, item: _Item) -> bool:
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


def _glossary(terms: list[_Defined], articles: dict, status: str, force: bool, report) -> None:
    """New terms are created; existing ones belong to the editors unless `force`.

    `force` replaces a definition and nothing else: a term an editor rejected stays rejected.
    """
    if not terms:
        return
    keys = [text.fold(d.term.term) for d in terms]
    existing = {e.term_key: e for e in GlossaryEntry.objects.filter(term_key__in=keys)}
    entry_status = (
        GlossaryEntry.Status.PUBLISHED
        if status == Article.Status.PUBLISHED
        else GlossaryEntry.Status.SUGGESTED
    )
    for defined in terms:
        source_article = articles.get(defined.ref) or (
            Article.objects.filter(import_ref=defined.ref).first()
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
