"""Parsing the next documents of an import in other processes while this one writes.

Parsing, and the SimHash of each body, are pure functions of a document's bytes (and the
editors' rules): a forked process can do them for the next few documents while the
importing process writes the current one to the database, which only it touches. Only a
document whose digest no earlier import recorded is parsed ahead: one that was imported
before is usually unchanged, and is then never parsed at all (`load._Run`). The record
is read as the document is, a few documents early: only a document of the same bytes
writes it, and the run meets that document's articles first either way. At most
`WINDOW` documents per process are read ahead, so memory stays flat however many there are.
"""

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from articles import segmenter
from articles.models import ImportedDocument

from . import simhash, sources
from .decode import ParseError
from .parse import ParsedDocument
from .rules import Rules

PARALLEL_MIN = 20  # documents from which parsing runs ahead in another process
WINDOW = 4  # documents read ahead per parsing process


@dataclass
class Parsed:
    """A parsed document with the SimHash of each article's body, by body."""

    document: ParsedDocument
    signatures: dict[str, int] = field(default_factory=dict)


@dataclass
class Read:
    """A raw document read and digested; `parsed()` waits for its parse if one was started."""

    source: str
    data: bytes
    digest: str
    record: ImportedDocument | None  # the earlier import of the same bytes, if any
    pending: Future | None = None  # its parse in another process, if started ahead

    def parsed(self, rules: Rules) -> Parsed:
        if self.pending is None:
            return parse(self.source, self.data, rules)
        try:
            return self.pending.result()
        except BrokenProcessPool as error:
            message = "the process parsing it stopped (out of memory, or killed)"
            raise ParseError(message, source=self.source) from error


def parse(source: str, data: bytes, rules: Rules) -> Parsed:
    """`sources.parse` with the bodies' SimHashes: what a parsing process returns."""
    document = sources.parse(source, data, rules)
    return Parsed(document, {a.body: simhash.signature(a.body) for a in document.articles})


def jobs_for(documents: int) -> int:
    """Processes to parse in besides this one: one core is left to write (and on a machine
    with a database server, the server shares them). None in a process running other
    threads (a threaded web server): a forked child could inherit a lock one of them held."""
    if documents < PARALLEL_MIN or threading.active_count() > 1:
        return 0
    return max(0, (os.cpu_count() or 1) - 1)


@contextmanager
def reading(documents: Iterable, rules: Rules, jobs: int) -> Iterator[Iterator]:
    """The documents in order: a `ParsedDocument` as given, a `RawDocument` as `Read`,
    with its parse started ahead in one of `jobs` forked processes when it is new. The
    processes are started for the first new document: an unchanged import starts none."""
    with ExitStack() as stack:

        def start_pool():
            segmenter.hold_dictionary()  # the forked processes inherit it, and the rules
            context = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(jobs, context, initializer=_use_rules, initargs=(rules,))
            stack.callback(pool.shutdown, cancel_futures=True)
            return pool

        if jobs <= 0:
            yield (_read(document, rules) for document in documents)
        else:
            yield _ahead(iter(documents), rules, start_pool, WINDOW * jobs)


def _read(document, rules: Rules):
    if isinstance(document, ParsedDocument):
        return document
    data = document.read()
    digest = sources.digest(data, rules)
    return Read(
        document.source, data, digest, ImportedDocument.objects.filter(digest=digest).first()
    )


def _ahead(documents: Iterator, rules: Rules, start_pool, window: int) -> Iterator:
    waiting: deque = deque()
    pool = None
    for document in documents:
        read = _read(document, rules)
        if isinstance(read, Read) and read.record is None:
            pool = pool or start_pool()
            read.pending = pool.submit(_parse, read.source, read.data)
        waiting.append(read)
        if len(waiting) > window:
            yield waiting.popleft()
    yield from waiting


_rules: Rules | None = None  # in a parsing process: the rules of the import that forked it


def _use_rules(rules: Rules) -> None:
    global _rules
    _rules = rules


def _parse(source: str, data: bytes) -> Parsed:
    return parse(source, data, _rules)
