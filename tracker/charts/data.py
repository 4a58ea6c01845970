"""The figures behind the charts: four aggregate queries over the commitments a user may see.

Money is summed per currency and never added across currencies; the page shows one
currency at a time. Quantities in different units cannot be added either, so the charts
count money; how many commitments promise no amount is said next to them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DateField, F, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django_countries import countries as country_names

from tracker.commitments.models import PROMISE_STAGES, Commitment, Stage

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
    promised = visible.filter(stage__in=PROMISE_STAGES)
    priorities = _grouped(promised, "priority_id", "priority__number", "priority__name", "priority__name_uk")
    capabilities = _grouped(
        promised, "capability_id", "capability__order", "capability__name", "capability__name_uk"
    )
    countries = _grouped(promised, "country__code", "country__name", "country__name", None)
    counts: dict[str, int] = defaultdict(int)
    for item in priorities:
        if item["currency"] and item["with_amount"]:
            counts[item["currency"]] += item["with_amount"]
    currencies = sorted(counts, key=lambda code: (-counts[code], code))
    chosen = currency if currency in counts else (currencies[0] if currencies else "")
    by_country = _rows(countries, chosen)
    for row in by_country:
        row.label = str(country_names.name(row.key)) or row.label  # in the reader's language
    by_priority = _rows(priorities, chosen)
    return Figures(
        currency=chosen,
        currencies=currencies,
        by_priority=by_priority,
        by_capability=_rows(capabilities, chosen),
        by_country=sorted(by_country, key=lambda row: (-row.pledged, row.label)),
        months=_months(visible.exclude(stage=Stage.DISCUSSED), chosen),
        without_amount=sum(item["n"] - item["with_amount"] for item in priorities),
        totals=Row(
            "total",
            "",
            sum((row.pledged for row in by_priority), Decimal(0)),
            sum((row.delivered for row in by_priority), Decimal(0)),
            sum(row.count for row in by_priority),
        ),
    )


def _grouped(queryset, key: str, order: str, name: str, name_uk: str | None) -> list[dict]:
    """Promised and delivered money per category and currency, in one query."""
    return list(
        queryset.values(
            "currency",
            key=F(key),
            name=F(name),
            name_uk=F(name_uk) if name_uk else Value(""),
        )
        .annotate(
            pledged=Sum("amount"),
            delivered=Sum("delivered_amount", filter=Q(amount__isnull=False)),
            n=Count("id"),
            with_amount=Count("amount"),
        )
        .order_by(order, "key", "currency")
    )


def _rows(grouped: list[dict], currency: str) -> list[Row]:
    """One Row per category, in query order, with the money of `currency` only."""
    uk = (get_language() or "en").startswith("uk")
    rows: dict[str, Row] = {}
    for item in grouped:
        label = item["name_uk"] if uk and item["name_uk"] else item["name"]
        row = rows.setdefault(str(item["key"]), Row(str(item["key"]), label))
        row.count += item["n"]
        if item["currency"] == currency and item["pledged"] is not None:
            row.pledged += item["pledged"]
            row.delivered += item["delivered"] or 0
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
