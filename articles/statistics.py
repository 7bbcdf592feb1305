"""The query planner's statistics on the tables reader pages read, refreshed after the
writes that change their shape (a migration, an import, a restore).

Without them SQLite guesses, and for a tag page it guesses wrong: it walks every visible
article by date and sorts the tag's, instead of reading the tag's newest links from their
own index. PostgreSQL's autovacuum refreshes them too, but only after a while; an import
wants the right plans at once. SQLite samples at most `SQLITE_ROWS` rows per index.
"""

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_ROWS = 1000


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
