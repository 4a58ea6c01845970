"""Sortable lists: which columns a list sorts on, read from ?sort= ("key" ascending, "-key"
descending). Only the listed keys are accepted; anything else is ignored and the default
order applies, so a hand-typed or stale URL never fails."""

from dataclasses import dataclass

from django.db.models import F, QuerySet


@dataclass(frozen=True)
class SortColumn:
    """One sortable column: the fields it orders by, and its header label."""

    fields: tuple[str, ...]
    label: str


def _nullable(model, path: str) -> bool:
    """Whether the field at `path` ("country__name") may be empty, a relation on the way included."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.null:
            return True
        model = field.related_model
    return False


class Sorting:
    """The order of a list as chosen by ?sort=, and what each column header shows."""

    def __init__(self, columns: dict[str, SortColumn], default: str, value: str | None = None):
        self.columns = columns
        self.default = default
        self.key = value if self.accepts(value) else default

    def accepts(self, value: str | None) -> bool:
        """Whether `value` names a column, ascending or descending."""
        return isinstance(value, str) and value.removeprefix("-") in self.columns

    @property
    def descending(self) -> bool:
        return self.key.startswith("-")

    def order(self, queryset: QuerySet) -> QuerySet:
        """The queryset in the chosen order; the primary key keeps pages stable. Empty values
        go last; a column that cannot be empty says nothing of them, so the order matches
        its index (PostgreSQL reads "DESC NULLS LAST" from a plain DESC index only by sorting)."""
        column = self.columns[self.key.removeprefix("-")]
        model = queryset.model
        if self.descending:
            fields = [F(name).desc(nulls_last=_nullable(model, name) or None) for name in column.fields]
            return queryset.order_by(*fields, "-pk")
        fields = [F(name).asc(nulls_last=_nullable(model, name) or None) for name in column.fields]
        return queryset.order_by(*fields, "pk")

    def headers(self) -> dict[str, dict]:
        """Per column: its label, the ?sort= its link sets, its aria-sort and arrow."""
        headers = {}
        for key, column in self.columns.items():
            if self.key == key:
                headers[key] = {"label": column.label, "next": f"-{key}", "aria": "ascending", "arrow": "▲"}
            elif self.key == f"-{key}":
                headers[key] = {"label": column.label, "next": key, "aria": "descending", "arrow": "▼"}
            else:
                headers[key] = {"label": column.label, "next": key, "aria": "", "arrow": ""}
        return headers
