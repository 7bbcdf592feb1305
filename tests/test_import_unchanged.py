"""An unchanged re-import is cheap: no parsing, no tag suggestion, a few queries a document."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importer import tagging
from articles.importer.load import import_documents
from articles.importer.sources import RawDocument
from articles.models import Article
from tests.test_import_duplicates import OTHER, SENTENCES, document

pytestmark = pytest.mark.django_db

QUERIES_PER_DOCUMENT = 6  # the document's record, its articles, links, terms, authors


def documents(count: int, chrome: str = "甲网") -> list[RawDocument]:
    made = []
    for n in range(count):
        body = SENTENCES[n * 7 : n * 7 + 25] + OTHER
        articles = [(f"产业观察第{n}期之{k}", f"作者{n}{k}", body[k:]) for k in range(2)]
        made.append(RawDocument.from_bytes(f"{n}.txt", document(chrome, articles).encode()))
    return made


def test_unchanged_documents_are_neither_parsed_nor_tagged_and_cost_few_queries():
    import_documents(documents(3))
    with (
        mock.patch("articles.importer.sources.parse_bytes") as parse,
        mock.patch.object(tagging, "_keyword_extractor") as extractor,
        CaptureQueriesContext(connection) as one,
    ):
        import_documents(documents(1))
    with (
        mock.patch("articles.importer.sources.parse_bytes") as parse,
        mock.patch.object(tagging, "_keyword_extractor") as extractor,
        CaptureQueriesContext(connection) as three,
    ):
        report = import_documents(documents(3))
    parse.assert_not_called()
    extractor.assert_not_called()
    assert report.counts["articles"] == {"unchanged": 6}
    assert len(three) - len(one) <= 2 * QUERIES_PER_DOCUMENT


def test_changed_chrome_is_parsed_but_unchanged_articles_are_not_tagged():
    import_documents(documents(2))
    with mock.patch.object(tagging, "_keyword_extractor") as extractor:
        report = import_documents(documents(2, chrome="乙网"))
    extractor.assert_not_called()
    assert report.counts["articles"] == {"unchanged": 4}


def test_an_edited_article_makes_its_document_parsed_and_reported():
    import_documents(documents(1))
    Article.objects.filter(title="产业观察第0期之0").update(title="编辑改的标题")
    report = import_documents(documents(1))
    assert report.counts["articles"] == {"unchanged": 1, "skipped": 1}
    assert "编辑已修改" in report.skipped[0]


def test_a_new_article_costs_no_query_it_can_do_without():
    """A new article has no revision to number after, no tag links to move to its
    publication time and no tags to read back for its revision; its save takes no
    savepoint of its own inside the import's transaction (a failed import rolls back
    whole)."""
    import_documents(documents(1))  # authors, tags and the chrome are known from here on
    with CaptureQueriesContext(connection) as new:
        report = import_documents(documents(3)[1:])
    counts = report.counts
    assert counts["articles"] == {"created": 4}
    sql = [query["sql"] for query in new]

    assert not [q for q in sql if 'MAX("articles_articlerevision"."number")' in q]
    assert not [q for q in sql if q.startswith('UPDATE "articles_taggedarticle"')]
    one_article = '"articles_taggedarticle"."content_object_id" = '
    read_tags = [q for q in sql if 'FROM "articles_tag" INNER JOIN' in q and one_article in q]
    assert not read_tags  # the revision has the names it has just set
    savepoints = [q for q in sql if q.startswith("SAVEPOINT")]
    # a new slug's insert (article, author, tag), a new tag's and a document record's
    # `get_or_create`, the import itself and the related articles' two writes
    slugs = counts["articles"]["created"] + counts["authors"]["created"]
    assert len(savepoints) == slugs + 2 * counts["tags"]["created"] + 2 * 2 + 3
