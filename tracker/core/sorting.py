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
        """The queryset in the chosen order; the primary key keeps pages stable."""
        column = self.columns[self.key.removeprefix("-")]
        if self.descending:
            fields = [F(name).desc(nulls_last=True) for name in column.fields]
            return queryset.order_by(*fields, "-pk")
        return queryset.order_by(*(F(name).asc(nulls_last=True) for name in column.fields), "pk")

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
