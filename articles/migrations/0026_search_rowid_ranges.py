"""SQLite's search index: each kind's rows get rowids of their own range (articles from 0,
glossary entries from 2**40) instead of interleaved ones (id × 2 + kind), so that a search
of one kind seeks to its range. The rows are copied as they are; PostgreSQL is unchanged.
"""

from django.db import migrations

RANGE = 1 << 40
COLUMNS = "kind, object_id, title, standfirst, body"


def _copy(schema_editor, rowid_sql: str) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE articles_search_index_new USING fts5("
        "kind UNINDEXED, object_id UNINDEXED, title, standfirst, body, tokenize = 'unicode61')"
    )
    schema_editor.execute(
        f"INSERT INTO articles_search_index_new (rowid, {COLUMNS}) "
        f"SELECT {rowid_sql}, {COLUMNS} FROM articles_search_index"
    )
    schema_editor.execute("DROP TABLE articles_search_index")
    schema_editor.execute("ALTER TABLE articles_search_index_new RENAME TO articles_search_index")


def to_ranges(apps, schema_editor):
    _copy(schema_editor, f"CASE kind WHEN 'article' THEN object_id ELSE {RANGE} + object_id END")


def to_interleaved(apps, schema_editor):
    _copy(schema_editor, "object_id * 2 + CASE kind WHEN 'article' THEN 0 ELSE 1 END")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_editors_see_duplicate_imports"),
    ]

    operations = [
        migrations.RunPython(to_ranges, to_interleaved, elidable=False),
    ]
