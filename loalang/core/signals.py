"""SQLite connection settings: WAL, a busy timeout, and foreign keys.

WAL lets readers and one writer work at once; busy_timeout makes a second writer wait rather
than fail with "database is locked"; the IMMEDIATE transaction mode (settings) takes the write
lock at BEGIN so a transaction never fails half-way when it upgrades from read to write.
"""

from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(connection_created)
def configure_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL;")
        cursor.execute("PRAGMA synchronous=NORMAL;")
        cursor.execute("PRAGMA busy_timeout=20000;")
        cursor.execute("PRAGMA foreign_keys=ON;")


@receiver(post_migrate)
def create_cache_table(sender, **kwargs) -> None:
    """Create the database cache table with the schema, so no setup step can forget it.

    `createcachetable` is idempotent and does nothing when the cache is Redis or in memory.
    """
    if sender.name != "loalang.core":
        return
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
