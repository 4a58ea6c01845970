"""What full-text search reads, and the GIN index that serves it.

The text fields of each searchable model are named here once: the models' Meta.indexes
build their GIN index from the same vector the search queries filter on, so PostgreSQL
can match the query's expression to the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db.backends.ddl_references import Statement

# 'simple' only lower-cases words (no stemming), so Ukrainian and English text both match.
SEARCH_CONFIG = "simple"

PROJECT_TEXT = ("reference", "title", "description")
COMMITMENT_TEXT = ("item", "supplier_company")
CONTACT_TEXT = (
    "counterpart_organisation",
    "counterpart_person",
    "counterpart_position",
    "participants",
    "summary",
    "outcome",
)


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
