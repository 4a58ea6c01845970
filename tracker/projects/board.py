"""The board: projects grouped by status, a bounded number of cards per column."""

from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from tracker.projects.models import CLOSED_STATUSES, Project, Status

# Cards shown per column; the column header links to the full list.
CARDS_PER_COLUMN = 20


@dataclass
class Column:
    status: str
    label: str
    total: int = 0
    cards: list[Project] = field(default_factory=list)

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)

    @property
    def closed(self) -> bool:
        """Closed columns sit folded in one summary column, so the board fits 1280 px."""
        return self.status in CLOSED_STATUSES


def build_board(projects: QuerySet) -> list[Column]:
    """One column per status with its count and its most recently updated cards: two queries."""
    columns = {value: Column(value, str(label)) for value, label in Status.choices}
    for row in projects.order_by().values("status").annotate(total=Count("id")):
        columns[row["status"]].total = row["total"]
    newest_first = [F("updated_at").desc(), F("pk").desc()]
    ranked = projects.annotate(rank=Window(RowNumber(), partition_by=[F("status")], order_by=newest_first))
    for project in ranked.filter(rank__lte=CARDS_PER_COLUMN).order_by("status", "rank"):
        columns[project.status].cards.append(project)
    return list(columns.values())
