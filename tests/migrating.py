"""Running real migrations back and forth in a test (PostgreSQL, transaction=True tests)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` and return the historical apps at that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Migrate to the latest schema and return its historical apps."""
    return migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@contextmanager
def migrated_to(targets) -> Iterator:
    """The database at `targets` (its historical apps) for the block; the latest schema after."""
    apps = migrate(targets)
    try:
        yield apps
    finally:
        migrate_to_latest()
