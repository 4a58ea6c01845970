"""Full-text search on PostgreSQL: the text vector, and the GIN index that serves it.

Each searchable model names its text fields once, beside its Meta.indexes (PROJECT_TEXT,
COMMITMENT_TEXT, CONTACT_TEXT): the GIN index is built from the same vector the search
queries filter on (tracker/search/queries.py), so PostgreSQL can match the query's
expression to the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db.backends.ddl_references import Statement

# 'simple' only lower-cases words (no stemming), so Ukrainian and English text both match.
SEARCH_CONFIG = "simple"


def text_vector(fields: tuple[str, ...]) -> SearchVector:
    """The tsvector of the given text fields, as both the index and the queries spell it."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


class SearchIndex(GinIndex):
    """A GIN index on PostgreSQL; nothing on SQLite, where search falls back to icontains.

    SQLite (the embedded development database) cannot compile tsvector expressions, and
    Django's schema editor would otherwise emit this index whenever SQLite rebuilds a table.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- %(name)s: PostgreSQL only", name=self.name)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("-- %(name)s: PostgreSQL only", name=self.name)
        return super().remove_sql(model, schema_editor, **kwargs)
