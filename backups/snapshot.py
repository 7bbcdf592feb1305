"""One consistent, read-only view of the database for as long as a backup reads it."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def read_snapshot():
    """Every query inside sees the database as it was at the first one.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. SQLite (WAL): a deferred
    transaction, which reads one snapshot and, unlike the IMMEDIATE ones Django opens
    here for writes, takes no write lock, so editors keep saving during a backup.
    Inside a caller's transaction, that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("COMMIT")  # nothing was written: this only ends the snapshot
    else:
        with transaction.atomic():
            yield
