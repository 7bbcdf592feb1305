"""The SQL behind the index, one class per database.

PostgreSQL keeps a weighted `tsvector` (config `simple`) with a GIN index; SQLite keeps
an FTS5 table (tokenizer `unicode61`) with one column per weight. Both receive text that
`documents.tokens()` has already segmented and joined with spaces, and both tokenise a
query term exactly as they tokenised the document, so the two sides always agree.

Visibility is never decided here: callers pass the queryset of visible rows
(`Article.objects.published()`), whose primary keys are compiled into the statement.
"""

from abc import ABC, abstractmethod
from contextlib import contextmanager, nullcontext

from django.db import NotSupportedError, connection, transaction
from django.db.models.expressions import RawSQL

from .documents import KINDS

TABLE = "articles_search_index"
ROWID_RANGE = 1 << 40  # SQLite: the rowids of one kind (articles first, then the glossary)


class _Backend(ABC):
    @abstractmethod
    def replace(self, documents):
        """Insert `documents`, replacing any earlier row for the same object."""

    @abstractmethod
    def delete(self, kind, object_ids):
        """Remove the rows of `object_ids`."""

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def prune(self, kind, existing):
        """Remove rows of `kind` whose object is not in the queryset `existing`."""
        sql, params = _compiled(existing)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE kind = %s AND object_id NOT IN ({sql})", [kind, *params]
            )

    @staticmethod
    def exists() -> bool:
        return TABLE in connection.introspection.table_names()

    def reading(self):
        """The context in which the reads of matches run (`_matched` opens it)."""
        return nullcontext()

    def _matched(self, sql: str, params) -> list[tuple]:
        """The rows of a query reading matches, run in `reading()`, and only it: the
        page's other queries keep the planner's usual choices."""
        with self.reading(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @abstractmethod
    def _match(self, kind, terms, visible) -> tuple[str, str, list]:
        """`(columns, rest, params)`: `SELECT {columns} {rest}` selects `object_id, score`
        of the visible matches; `rest` alone is their `FROM … WHERE …`."""

    def count(self, kind, terms, visible) -> int:
        """How many visible objects match, counted without ranking them."""
        _, rest, params = self._match(kind, terms, visible)
        return self._matched(f"SELECT COUNT(*) {rest}", params)[0][0]

    def matching(self, kind, terms, visible) -> tuple[str, list]:
        """SQL and parameters selecting the `object_id` of every visible match, unranked."""
        columns, rest, params = self._match(kind, terms, visible)
        return f"SELECT object_id FROM (SELECT {columns} {rest}) AS hits", params

    @abstractmethod
    def recent_ids(self, kind, terms, visible, limit) -> list[int]:
        """The `limit` visible matches with the highest ids, highest first, unscored: no
        reading of documents, and on SQLite no count of every match for `bm25`'s weights."""

    @abstractmethod
    def recent_matches(self, kind, terms, visible, limit) -> list[tuple[int, float]]:
        """`(object_id, score)` of the `limit` visible matches with the highest ids, highest
        id first; a higher score is a better match. Only those are scored, so the work does
        not grow with the number of matches the way ranking every match does."""


class PostgresBackend(_Backend):
    @contextmanager
    def reading(self):
        """Searches find their matches through the GIN index, however common the word.

        The planner does not know that testing `document @@ query` on a row reads its
        `tsvector` out of TOAST, so for a word in most documents it would scan the table
        or the primary key and read them all; the index finds the matches without reading
        them (counting 9,900 matches among 10,000 articles: 15 ms instead of 97). Ranking
        still reads each match once. `SET LOCAL` lasts until the enclosing transaction
        ends, so the block opens one, and resets both when it ends inside a longer one.
        """
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            yield
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan")

    def replace(self, documents):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (kind, object_id, document) VALUES (%s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C')) "
                "ON CONFLICT (kind, object_id) DO UPDATE SET document = EXCLUDED.document",
                [_values(d) for d in documents],
            )

    def delete(self, kind, object_ids):
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE kind = %s AND object_id = ANY(%s)",
                [kind, list(object_ids)],
            )

    def _match(self, kind, terms, visible):
        tsquery = " && ".join(["phraseto_tsquery('simple', %s)"] * len(terms))
        visible_sql, visible_params = _compiled(visible)
        rest = (
            f"FROM {TABLE}, (SELECT {tsquery} AS query) AS q "
            f"WHERE kind = %s AND document @@ query AND object_id IN ({visible_sql})"
        )
        params = [*(" ".join(term) for term in terms), kind, *visible_params]
        return "object_id, ts_rank(document, query) AS score", rest, params

    def recent_ids(self, kind, terms, visible, limit):
        newest, params = self._newest(kind, terms, visible, limit)
        return [row[0] for row in self._matched(newest, params)]

    def recent_matches(self, kind, terms, visible, limit):
        """The newest `limit` visible matches (`_newest`); then only their documents are
        read, one look-up each, to score them."""
        newest, params = self._newest(kind, terms, visible, limit)
        sql = newest.replace(
            "SELECT match.object_id FROM",
            "SELECT match.object_id, (SELECT ts_rank(doc.document, q.query) "
            f"FROM {TABLE} AS doc WHERE doc.kind = %s AND doc.object_id = match.object_id) FROM",
            1,
        )
        phrases = len(terms)  # the CTE's parameters come first, then the score's kind
        return self._matched(sql, [*params[:phrases], kind, *params[phrases:]])

    def _newest(self, kind, terms, visible, limit) -> tuple[str, list]:
        """The GIN index finds every match's id without reading a `tsvector` (the query
        comes from a CTE, so the planner does not weigh the words' frequency against the
        table's size); the ids are sorted newest first (`OFFSET 0` keeps that sort apart
        from the outer query), and then looked up in `visible` one by one until `limit`
        are found, instead of checking the visibility of every match first."""
        tsquery = " && ".join(["phraseto_tsquery('simple', %s)"] * len(terms))
        row_visible = visible.order_by().filter(pk=RawSQL("match.object_id", ()))
        visible_sql, visible_params = row_visible.values("pk").query.sql_with_params()
        sql = (
            f"WITH q AS (SELECT {tsquery} AS query) "
            "SELECT match.object_id FROM q, "
            f"(SELECT object_id FROM {TABLE}, q WHERE kind = %s AND document @@ q.query "
            "ORDER BY object_id DESC OFFSET 0) AS match "
            f"WHERE EXISTS ({visible_sql}) ORDER BY match.object_id DESC LIMIT %s"
        )
        params = [" ".join(term) for term in terms]
        return sql, [*params, kind, *visible_params, limit]


class SqliteBackend(_Backend):
    """FTS5 with weights title 10, standfirst 4, body 1; each kind's rows have rowids of
    their own range (`_rowid`): the object id plus the kind's start.

    Queries read kind and object id from the rowid, which FTS5 has in its doclists, rather
    than from the unindexed columns, which would cost a row lookup per match; and they
    bound the rowid to the kind's range, which FTS5 seeks to, so a search of the few
    glossary rows never walks the articles' matches.
    """

    SCORE = f"bm25({TABLE}, 0, 0, 10.0, 4.0, 1.0)"  # lower is better

    def replace(self, documents):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} "
                "(rowid, kind, object_id, title, standfirst, body) VALUES (%s, %s, %s, %s, %s, %s)",
                [(_rowid(d.kind, d.object_id), *_values(d)) for d in documents],
            )

    def delete(self, kind, object_ids):
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {TABLE} WHERE rowid = %s", [(_rowid(kind, pk),) for pk in object_ids]
            )

    def _match(self, kind, terms, visible):
        expression = " AND ".join(_fts5_phrase(term) for term in terms)
        start = _rowid(kind, 0)
        visible_sql, visible_params = _compiled(visible)
        rest = (
            f"FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid >= {start} "
            f"AND rowid < {start + ROWID_RANGE} AND rowid - {start} IN ({visible_sql})"
        )
        columns = f"rowid - {start} AS object_id, {self.SCORE} AS score"
        return columns, rest, [expression, *visible_params]

    def recent_ids(self, kind, terms, visible, limit):
        return [pk for (pk,) in self._recent(kind, terms, visible, limit, "")]

    def recent_matches(self, kind, terms, visible, limit):
        """FTS5 walks the doclists newest rowid first and stops after `limit` visible
        matches; `bm25` is computed for those rows only (and counts every match of each
        phrase once, for its weight). Each match's visibility is looked up by its primary
        key: `IN (visible)` would first read every visible id."""
        return self._recent(kind, terms, visible, limit, f", -{self.SCORE}")

    def _recent(self, kind, terms, visible, limit, score):
        expression = " AND ".join(_fts5_phrase(term) for term in terms)
        start = _rowid(kind, 0)
        row_visible = visible.order_by().filter(pk=RawSQL(f"{TABLE}.rowid - {start}", ()))
        visible_sql, visible_params = row_visible.values("pk").query.sql_with_params()
        return self._matched(
            f"SELECT rowid - {start}{score} FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND rowid >= {start} "
            f"AND rowid < {start + ROWID_RANGE} AND EXISTS ({visible_sql}) "
            "ORDER BY rowid DESC LIMIT %s",
            [expression, *visible_params, limit],
        )


def _compiled(visible):
    return visible.order_by().values("pk").query.sql_with_params()


def _values(document) -> tuple:
    return (document.kind, document.object_id, document.title, document.standfirst, document.body)


def _rowid(kind: str, object_id: int) -> int:
    """The FTS5 rowid of an object: its id in its kind's range of `ROWID_RANGE` rowids."""
    return KINDS.index(kind) * ROWID_RANGE + object_id


def _fts5_phrase(term) -> str:
    """A double-quoted FTS5 string: operators and quotes inside it are plain text."""
    return '"{}"'.format(" ".join(term).replace('"', '""'))


def backend() -> _Backend:
    """The backend for the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotSupportedError(f"Search needs PostgreSQL or SQLite, not {connection.vendor}.")
