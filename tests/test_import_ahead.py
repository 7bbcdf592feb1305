"""A large import parses its next documents in another process while it writes: the
same result as parsing each in turn, the same errors, and no process for an unchanged run."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importer import ahead
from articles.importer.decode import ParseError
from articles.importer.load import import_documents
from articles.importer.sources import RawDocument
from articles.models import (
    Article,
    Author,
    BodySignature,
    DeletedImport,
    DuplicateImport,
    ImportedDocument,
    Tag,
)
from tests.test_import_unchanged import documents

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parsing_ahead(monkeypatch):
    """One parsing process from the first document on, whatever the machine."""
    monkeypatch.setattr(ahead, "jobs_for", lambda count: 1)


def imported_state() -> list[tuple]:
    signatures = dict(BodySignature.objects.values_list("article__import_ref", "simhash"))
    return sorted(
        (
            a.import_ref,
            a.title,
            a.author.name,
            a.body,
            sorted(a.tags.names()),
            signatures.get(a.import_ref),
        )
        for a in Article.objects.select_related("author")
    ) + sorted(DuplicateImport.objects.values_list("import_ref", "article__import_ref"))


def test_parsing_ahead_imports_what_parsing_in_turn_imports(monkeypatch):
    batch = documents(8)
    monkeypatch.setattr(ahead, "jobs_for", lambda count: 0)
    in_turn_report = import_documents(batch)
    in_turn_state = imported_state()
    for model in (Article, Author, Tag, DuplicateImport, DeletedImport, ImportedDocument):
        model.objects.all().delete()  # deleting articles leaves tombstones
    monkeypatch.setattr(ahead, "jobs_for", lambda count: 1)

    report = import_documents(batch)

    assert report.counts == in_turn_report.counts
    assert imported_state() == in_turn_state


def test_a_bad_document_parsed_ahead_fails_the_import_with_its_file_and_line(parsing_ahead):
    good = documents(3)
    bad = RawDocument.from_bytes(
        "坏.txt", "甲网\n\n标题一作者\n\n标题一\n\n正文\x00里有二进制".encode()
    )

    with pytest.raises(ParseError) as failure:
        import_documents([*good, bad, *documents(2)])

    assert failure.value.source == "坏.txt"
    assert failure.value.line is not None
    assert not Article.objects.exists()  # nothing half-written


def test_an_unchanged_import_starts_no_parsing_process(parsing_ahead, monkeypatch):
    batch = documents(4)
    import_documents(batch)
    monkeypatch.setattr(
        ahead.multiprocessing, "get_context", lambda *a: pytest.fail("a process was started")
    )

    with CaptureQueriesContext(connection) as ahead_queries:
        report = import_documents(batch)
    monkeypatch.setattr(ahead, "jobs_for", lambda count: 0)
    with CaptureQueriesContext(connection) as in_turn:
        import_documents(batch)

    assert report.counts["articles"] == {"unchanged": 8}
    assert len(ahead_queries) == len(in_turn)  # each record is read once either way


def test_a_parse_error_crosses_processes_whole():
    error = ParseError("binary data, not a text document", source="坏.txt", line=7)

    again = pickle.loads(pickle.dumps(error))

    assert (again.message, again.source, again.line, str(again)) == (
        error.message,
        "坏.txt",
        7,
        str(error),
    )


def test_small_imports_parse_in_turn():
    assert ahead.jobs_for(ahead.PARALLEL_MIN - 1) == 0


def test_a_process_running_other_threads_parses_in_turn(monkeypatch):
    monkeypatch.setattr(ahead.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(ahead.threading, "active_count", lambda: 1)
    assert ahead.jobs_for(ahead.PARALLEL_MIN) == 3

    monkeypatch.setattr(ahead.threading, "active_count", lambda: 2)
    assert ahead.jobs_for(ahead.PARALLEL_MIN) == 0


def test_a_parsing_process_killed_fails_the_import_instead_of_hanging(parsing_ahead, monkeypatch):
    """Killed from outside (the kernel's out-of-memory killer, an operator): the import
    says which document was being parsed, writes nothing, and does not wait forever."""
    import os
    import signal

    parse = ahead.sources.parse

    def dies_on_the_third(source, data, rules):
        if source == "2.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return parse(source, data, rules)

    monkeypatch.setattr(ahead.sources, "parse", dies_on_the_third)  # forked processes too

    with pytest.raises(ParseError, match="stopped") as failure:
        import_documents(documents(5))

    assert failure.value.source == "2.txt"
    assert not Article.objects.exists()
