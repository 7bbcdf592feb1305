"""Chinese full-text search over articles and glossary entries.

`documents` turns text into index tokens, `backends` holds the SQL for PostgreSQL
(`tsvector`, GIN) and SQLite (FTS5), `index` writes, `query` parses what readers type,
`results` reads, and `snippets` highlights matches in the original text.
"""
