"""Full-text search on PostgreSQL: the text vector, and the GIN index that serves it.

Each searchable model names its text fields once, beside its Meta.indexes (PROJECT_TEXT,
COMMITMENT_TEXT, CONTACT_TEXT): the GIN index is built from the same vector the search
queries filter on (tracker/search/queries.py), so PostgreSQL can match the query's
expression to the index.
"""

import unicodedata

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db.backends.ddl_references import Statement
from django.db.models import Q

# 'simple' (lower-case words, no stemming, so Ukrainian and English text both match) after
# 'unaccent', so "Zielinska" finds "Zielińska": created by tracker/core/migrations/0001.
SEARCH_CONFIG = "tracker_search"


# Letters with no Unicode decomposition that unaccent maps all the same.
LETTERS_WITHOUT_DECOMPOSITION = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss"}
    | {"Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"}
)
# Ukrainian letters that look accented but are letters of their own; unaccent keeps them too.
KEPT_LETTERS = frozenset("йЙїЇ")


def strip_accents(text: str | None) -> str | None:
    """`text` without its accents ("Zielińska" -> "Zielinska"), as PostgreSQL's unaccent reads it.

    Ukrainian letters keep their marks (й, ї are letters of their own, not accented и, і).
    Search text is stripped with it too: the unaccent lookup leaves the searched value as typed.
    """
    if text is None:
        return None
    return "".join(
        ch if ch in KEPT_LETTERS else _bare(ch) for ch in text.translate(LETTERS_WITHOUT_DECOMPOSITION)
    )


def _bare(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def contains_text(field: str, text: str) -> Q:
    """Rows whose `field` contains `text`, ignoring case and accents (on PostgreSQL through
    the unaccent extension, on SQLite through the UNACCENT function the app registers)."""
    return Q(**{f"{field}__unaccent__icontains": strip_accents(text)})


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
