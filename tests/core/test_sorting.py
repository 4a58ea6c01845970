"""Sorting puts empty values last only where a column can be empty, so a column that cannot
be empty is read in its index's order (PostgreSQL sorts every row for "DESC NULLS LAST" on a
plain DESC index: the contacts list took 21 ms instead of under 1 ms at scale 10)."""

from tracker.contacts.models import Contact
from tracker.core.sorting import SortColumn, Sorting
from tracker.projects.models import Project

COLUMNS = {"held": SortColumn(("held_on",), "Date"), "country": SortColumn(("country__name",), "Country")}


def sql(sorting: Sorting, queryset) -> str:
    return str(sorting.order(queryset).query)


def test_a_column_that_cannot_be_empty_sorts_as_its_index_does():
    for value in ("held", "-held", "country", "-country"):
        assert "NULLS" not in sql(Sorting(COLUMNS, "-held", value), Contact.objects.all()), value


def test_a_column_that_can_be_empty_puts_empty_values_last_both_ways():
    columns = {"target": SortColumn(("target_date",), "Target date")}
    for value in ("target", "-target"):
        assert "NULLS LAST" in sql(Sorting(columns, "target", value), Project.objects.all()), value
