"""The one place that writes imported content to the database.

Documents are imported one at a time inside a single transaction: an error anywhere (a bad
file among many) leaves the database exactly as it was, and a dry run rolls the same work
back. Only a few documents' text is held at a time: the one being written, and in a large
import the next ones, being parsed in another process (`ahead`).

The work done for a document is no more than its changes need:

1. a document whose bytes were imported before by the same parser code (an
   `ImportedDocument` with the same digest) is not parsed at all when everything it wrote
   is still as it wrote it (a few queries per document);
2. otherwise it is parsed, and each article's text is compared with the digest stored on
   its article before any tag is suggested or anything written;
3. the articles that are written get their tags suggested as one batch per document; their
   search index rows and related articles are written once, at the end of the import
   (`editing.import_batch`), and a new article's tag links in one query.

Parsing and writing hold jieba's dictionary in memory (`segmenter.hold_dictionary`): an
unchanged re-import never loads it.

An article is known by the fingerprint of its title and author (`identity`). One that would
be created but whose body is a near-duplicate of an imported article (`simhash`) is linked
to that article (a `DuplicateImport`) instead, unless `separate` asks for it to be created.
"""

from django.db import transaction
from django.utils import timezone

from articles import editing, segmenter, statistics, text
from articles.models import (
    Article,
    Author,
    DeletedImport,
    DuplicateImport,
    ImportedDocument,
)
from glossary.models import GlossaryEntry

from . import ahead
from .identity import fingerprint, normalise
from .parse import ParsedDocument
from .report import ImportReport
from .rules import NO_RULES, Rules
from .tagging import TagSuggester
from .terms import Defined, as_defined, write_terms
from .writer import ArticleWriter, Item, TagBook, as_imported, plain_text

DOCUMENTS, INDEXING = "documents", "indexing"  # the stages `progress` is told of


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
    `dry_run`, would be) changed. `progress(done, total, articles, stage)` follows the
    documents (stage `DOCUMENTS`; `articles`: how many the documents done held), then the
    written articles' index rows and related articles (stage `INDEXING`, done and total
    counting articles).

    New articles are created by `user` (None for the command), which the workflow history
    records as their first status change. `separate` creates near-duplicates of existing
    articles as articles of their own instead of linking them. `RawDocument`s are parsed
    with the editors' site `rules`.
    """
    report = ImportReport()
    documents = list(documents)
    total = len(documents)

    def held() -> int:
        return sum(report.counts["articles"].values())

    def indexing(done: int, count: int) -> None:
        progress(done, count, held(), INDEXING)

    with transaction.atomic():
        # Index rows and related articles: once, at the end.
        with editing.import_batch(progress=indexing if progress else None):
            run = _Run(
                status=status, force=force, separate=separate, user=user, report=report, rules=rules
            )
            with ahead.reading(documents, rules, ahead.jobs_for(total)) as read:
                for n, document in enumerate(read, start=1):
                    run.add(document)
                    if progress:
                        progress(n, total, held(), DOCUMENTS)
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        statistics.refresh()
    return report


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
        self.tags = TagBook(report)
        self.tagger = TagSuggester()
        # Tombstones older than fingerprints are recognised by their title.
        self.untitled = {
            normalise(d.title): d for d in DeletedImport.objects.filter(import_ref__isnull=True)
        }

    def add(self, document: "ParsedDocument | ahead.Read") -> None:
        if isinstance(document, ParsedDocument):
            segmenter.hold_dictionary()
            self._write(document, None)
            return
        if self.force or not self._unchanged(document.record):
            segmenter.hold_dictionary()  # parsing and writing segment a great deal
            parsed = document.parsed(self.rules)
            self._write(parsed.document, document.digest, parsed.signatures)

    def _unchanged(self, record: ImportedDocument | None) -> bool:
        """Whether the document an earlier import `record`ed (None: none did) has everything
        it wrote as it wrote it; if so, it is reported as unchanged without being parsed."""
        if record is None or set(record.articles) & self.refs.keys():
            return False
        refs, terms = record.articles, record.terms
        articles = Article.objects.filter(import_ref__in=refs).select_related("author")
        kept = {a.import_ref for a in articles if as_imported(a, refs[a.import_ref])}
        if not self.separate:
            kept |= set(
                DuplicateImport.objects.filter(import_ref__in=refs).values_list(
                    "import_ref", flat=True
                )
            )
        if kept != set(refs):
            return False
        entries = GlossaryEntry.objects.filter(term_key__in=terms.keys() - self.terms)
        if len([e for e in entries if as_defined(e, terms[e.term_key])]) != len(
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

    def _write(self, document: ParsedDocument, digest: str | None, signatures=None) -> None:
        """Write `document`; `signatures` has the SimHash of bodies already worked out."""
        items = self._identified(document)
        writer = ArticleWriter(self, items, signatures or {})
        defined = self._defined(items)
        self.tagger.learn(d.term.term for d in defined)
        writing = [item for item in items if writer.will_write(item)]
        suggested = self.tagger.suggest({item.ref: plain_text(item.parsed) for item in writing})
        self._meet_authors({item.parsed.author for item in items})
        articles = {}
        for item in items:
            names = suggested.get(item.ref, [])
            articles[item.ref] = writer.write(
                item,
                self.authors[item.parsed.author],
                lambda names=names: self.tags.get_all(names),
            )
        writer.store_signatures()
        write_terms(defined, articles, self.status, self.force, self.report)
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

    def _identified(self, document: ParsedDocument) -> list[Item]:
        """The document's articles with their fingerprints; one with the fingerprint of an
        article met before (the same title and author) is skipped and reported."""
        items = []
        for parsed in document.articles:
            item = Item(document.source, parsed, fingerprint(parsed.title, parsed.author))
            if item.ref in self.refs:
                note = f"{item.where} “{parsed.title}”：与 {self.refs[item.ref]} 重复"
                self.report.skip("articles", note)
                continue
            self.refs[item.ref] = item.where
            items.append(item)
        return items

    def _defined(self, items: list[Item]) -> list["Defined"]:
        """The first definition of each term not met before, compared case- and
        width-insensitively."""
        defined = []
        for item in items:
            for term in item.parsed.terms:
                key = text.fold(term.term)
                if key not in self.terms:
                    self.terms.add(key)
                    defined.append(Defined(term, item.ref))
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
