"""The full-text search index: a weighted tsvector with a GIN index on PostgreSQL, FTS5 on SQLite.

Signals keep it current; `manage.py rebuild_search_index` fills it for existing content.
"""

from django.db import migrations

CREATE = {
    "postgresql": [
        """
        CREATE TABLE articles_search_index (
            kind varchar(10) NOT NULL,
            object_id bigint NOT NULL,
            document tsvector NOT NULL,
            CONSTRAINT articles_search_index_pkey PRIMARY KEY (kind, object_id)
        )
        """,
        "CREATE INDEX articles_search_index_document_gin "
        "ON articles_search_index USING gin (document)",
    ],
    "sqlite": [
        "CREATE VIRTUAL TABLE articles_search_index USING fts5("
        "kind UNINDEXED, object_id UNINDEXED, title, standfirst, body, tokenize = 'unicode61')",
    ],
}


def create_index(apps, schema_editor):
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE:
        schema_editor.execute("DROP TABLE IF EXISTS articles_search_index")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
