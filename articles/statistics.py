"""The query planner's statistics on the tables reader pages read, refreshed after the
writes that change their shape (a migration, an import, a restore), and when a site
grown or shrunk through the admin has outgrown them (`refresh_if_outgrown`, checked in
the background after article saves, at most once per `CHECK_EVERY`).

Without them SQLite guesses, and for a tag page it guesses wrong: it walks every visible
article by date and sorts the tag's, instead of reading the tag's newest links from their
own index. PostgreSQL's autovacuum refreshes them too, but only after a while; an import
wants the right plans at once. SQLite samples at most `SQLITE_ROWS` rows per index.
"""

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_ROWS = 1000
MIN_ARTICLES = 1000  # below this every plan is quick, whatever the statistics say
OUTGROWN = 1.5  # refresh once the article count is this many times the analysed one, or 1/this
CHECK_EVERY = 15 * 60  # seconds between two checks triggered by saves


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh the statistics of the articles app's tables."""
    from django.apps import apps

    connection = connections[using]
    tables = [
        model._meta.db_table
        for model in apps.get_app_config("articles").get_models()
        if not model._meta.proxy and model._meta.managed
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit = {SQLITE_ROWS}")
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def refresh_if_outgrown(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Refresh the statistics if the number of articles is now far from the number they
    were taken at (or none were taken); True if it refreshed them."""
    from .models import Article

    count = Article.objects.using(using).count()
    if count < MIN_ARTICLES:
        return False
    analysed = analysed_articles(using)
    if analysed and 1 / OUTGROWN <= count / analysed <= OUTGROWN:
        return False
    refresh(using)
    return True


def analysed_articles(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The number of articles the planner's statistics were taken at (None if never)."""
    from .models import Article

    connection = connections[using]
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        tuples = cursor.fetchone()[0]
        return None if tuples < 0 else int(tuples)  # -1: never analysed
