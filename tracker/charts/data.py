"""The figures behind the charts, read from the figures module (tracker/figures/totals.py).

The bars compare what is firmly committed with what was paid, in one currency at a time:
money is never added across currencies, announced (non-binding) promises are never added to
firm ones, and pooled purchases count with their contributors. Quantities in different units
cannot be added either, so the charts draw money and say how many commitments have none.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from tracker.commitments.models import Commitment, Funding
from tracker.figures.totals import Measure, Totals, per_month, total, totals
from tracker.reference.models import CapabilityCategory, Partner, Priority

MONTHS = 24


@dataclass
class Row:
    """One category's money in the chosen currency: announced, committed and paid."""

    key: str
    label: str
    measure: Measure = field(default_factory=Measure)
    count: int = 0  # commitments counted, in any currency or none
    url: str = ""  # the commitments list of the firm rows the bars count

    @property
    def announced(self) -> Decimal:
        return self.measure.announced

    @property
    def committed(self) -> Decimal:
        return self.measure.committed

    @property
    def paid(self) -> Decimal:
        return self.measure.done

    @property
    def share(self) -> int:
        """Paid as a whole percentage of what is firmly committed."""
        return self.measure.percent


@dataclass
class Month:
    """Commitments announced in one month: how many, and the firm money among them."""

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
    pooled: Decimal = Decimal(0)  # bought with pooled money in the currency, counted elsewhere
    totals: Row = field(default_factory=lambda: Row("total", ""))


def build_figures(user, currency: str | None = None) -> Figures:
    """The chart figures for `user`; `currency` is used if any visible commitment has it."""
    visible = Commitment.objects.visible_to(user)
    everything = total(visible)
    counts = {code: m.rows for code, m in everything.money.items()}
    currencies = sorted(counts, key=lambda code: (-counts[code], code))
    chosen = currency if currency in counts else (currencies[0] if currencies else "")
    rows_url = f"{reverse('commitments:list')}?"
    partners = totals(visible, group_by="partner_id")
    return Figures(
        currency=chosen,
        currencies=currencies,
        by_priority=_rows(
            totals(visible, group_by="priority_id"), Priority.objects.all(), chosen, "priority"
        ),
        by_capability=_rows(
            totals(visible, group_by="capability_id"), CapabilityCategory.objects.all(), chosen, "capability"
        ),
        by_country=sorted(
            _rows(partners, Partner.objects.filter(pk__in=partners), chosen, "partner"),
            key=lambda row: (-row.committed, row.label),
        ),
        months=_months(visible, chosen),
        without_amount=everything.without_money,
        pooled=everything.pooled_money.get(chosen, Measure()).committed,
        totals=Row(
            "total",
            "",
            everything.money.get(chosen, Measure()),
            everything.commitments,
            f"{rows_url}{_firm(chosen)}",
        ),
    )


def _firm(currency: str) -> str:
    return urlencode({"level": "committed", "currency": currency, "funding": Funding.OWN})


def _rows(grouped: dict[int, Totals], categories, currency: str, name: str) -> list[Row]:
    """One Row per category in the categories' order; partners are named by their code."""
    base = reverse("commitments:list")
    rows = []
    for category in categories:
        found = grouped.get(category.pk, Totals())
        key = category.code if name == "partner" else category.pk
        rows.append(
            Row(
                str(category.code),
                category.display_name,
                found.money.get(currency, Measure()),
                found.commitments,
                f"{base}?{urlencode({name: key})}&{_firm(currency)}",
            )
        )
    return rows


def _months(commitments, currency: str) -> list[Month]:
    """The last MONTHS months, oldest first, from the figures module's monthly counts."""
    today = timezone.localdate()
    first = _add_months(today.replace(day=1), -(MONTHS - 1))
    found = per_month(commitments, since=first, currency=currency)
    months = []
    for index in range(MONTHS):
        start = _add_months(first, index)
        count, value = found.get(start, (0, Decimal(0)))
        months.append(Month(start, count, value))
    return months


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)
