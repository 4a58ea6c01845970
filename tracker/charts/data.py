"""The figures behind the charts: four aggregate queries over the commitments a user may see.

Money is summed per currency and never added across currencies; the page shows one
currency at a time. Quantities in different units cannot be added either, so the charts
count money; how many commitments promise no amount is said next to them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from tracker.commitments.models import PROMISE_STAGES, Commitment, Stage
from tracker.reference.models import CapabilityCategory, Partner, Priority

MONTHS = 24


@dataclass
class Row:
    """One category's promised and delivered money in the chosen currency."""

    key: str
    label: str
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)
    count: int = 0

    @property
    def share(self) -> int:
        """Delivered as a whole percentage of promised."""
        return int(self.delivered * 100 / self.pledged) if self.pledged else 0


@dataclass
class Month:
    """Commitments announced in one month: how many, and their value in the chosen currency."""

    start: datetime.date
    count: int = 0
    value: Decimal = Decimal(0)


@dataclass
class Figures:
    """Everything the charts page shows, for one currency."""

    currency: str
    currencies: list[str]
    by_priority: list[Row]
    by_capability: list[Row]
    by_country: list[Row]
    months: list[Month]
    without_amount: int = 0
    totals: Row = field(default_factory=lambda: Row("total", ""))


def build_figures(user, currency: str | None = None) -> Figures:
    """The chart figures for `user`; `currency` is used if any visible commitment has it."""
    visible = Commitment.objects.visible_to(user)
    # One pass over the commitments, grouped finely; the three charts add the cells up.
    cells = list(
        visible.filter(stage__in=PROMISE_STAGES)
        .values("priority_id", "capability_id", "partner_id", "currency")
        .annotate(
            pledged=Sum("amount"),
            delivered=Sum("paid_amount", filter=Q(amount__isnull=False)),
            n=Count("id"),
            with_amount=Count("amount"),
        )
        .order_by()
    )
    counts: dict[str, int] = defaultdict(int)
    for cell in cells:
        if cell["currency"] and cell["with_amount"]:
            counts[cell["currency"]] += cell["with_amount"]
    currencies = sorted(counts, key=lambda code: (-counts[code], code))
    chosen = currency if currency in counts else (currencies[0] if currencies else "")
    by_priority = _rows(cells, "priority_id", Priority.objects.order_by("number"), chosen)
    by_capability = _rows(
        cells, "capability_id", CapabilityCategory.objects.order_by("order", "name"), chosen
    )
    partners = Partner.objects.filter(id__in={cell["partner_id"] for cell in cells})
    by_country = _rows(cells, "partner_id", partners, chosen)
    return Figures(
        currency=chosen,
        currencies=currencies,
        by_priority=by_priority,
        by_capability=by_capability,
        by_country=sorted(by_country, key=lambda row: (-row.pledged, row.label)),
        months=_months(visible.exclude(stage=Stage.DISCUSSED), chosen),
        without_amount=sum(cell["n"] - cell["with_amount"] for cell in cells),
        totals=Row(
            "total",
            "",
            sum((row.pledged for row in by_priority), Decimal(0)),
            sum((row.delivered for row in by_priority), Decimal(0)),
            sum(row.count for row in by_priority),
        ),
    )


def _rows(cells: list[dict], key: str, categories, currency: str) -> list[Row]:
    """One Row per category, in the categories' order, adding up the cells of `currency`."""
    rows = {category.pk: Row(str(category.code), category.display_name) for category in categories}
    for cell in cells:
        row = rows.get(cell[key])
        if row is None:
            continue
        row.count += cell["n"]
        if cell["currency"] == currency and cell["pledged"] is not None:
            row.pledged += cell["pledged"]
            row.delivered += cell["delivered"] or 0
    return list(rows.values())


def _months(queryset, currency: str) -> list[Month]:
    """The last MONTHS months, oldest first, with commitments dated by their announcement."""
    today = timezone.localdate()
    first = _add_months(today.replace(day=1), -(MONTHS - 1))
    announced = Coalesce("announced_on", Cast("created_at", DateField()))
    grouped = (
        queryset.annotate(month=TruncMonth(announced))
        .filter(month__gte=first)
        .values("month", "currency")
        .annotate(n=Count("id"), value=Sum("amount"))
        .order_by("month")
    )
    months = {_add_months(first, i): Month(_add_months(first, i)) for i in range(MONTHS)}
    for item in grouped:
        month = months.get(item["month"])
        if month is None:
            continue  # announced in a future month
        month.count += item["n"]
        if item["currency"] == currency and item["value"] is not None:
            month.value += item["value"]
    return list(months.values())


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
