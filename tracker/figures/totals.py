"""Totals of commitments, stage-true and like with like: the one place figures are added up.

Promises are read at three levels side by side, never summed into one:
  announced   pledged, non-binding;
  committed   firm: committed, contracted, in delivery and fulfilled;
  suspended   firm once, on hold now, shown apart.
Talks (discussed) promise nothing; a withdrawn commitment promises nothing more, but what
arrived or was paid before the withdrawal stays arrived or paid.

Money adds up only within one currency; goods only within one capability and unit. Money is
counted where it comes from: a pooled purchase (an initiative's or fund's, bought with its
members' contributions) is left out of money totals, since the contributions already count
it; its goods count where they arrive. Every total says how many rows it counts, so a page
can link to exactly those rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import Cast, Coalesce, TruncMonth

from tracker.commitments.models import (
    COUNTED_STAGES,
    LEVEL_STAGES,
    Commitment,
    Funding,
    Level,
    level_of_stage,
)
from tracker.core.money import Unit


@dataclass
class Measure:
    """Promised at each level, and what arrived or was paid, in one currency or one unit."""

    announced: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    suspended: Decimal = Decimal(0)
    done: Decimal = Decimal(0)  # arrived (goods) or paid (money)
    rows: int = 0
    undisclosed_payments: int = 0  # paid, amount not published: never counted as 0
    # The commitments list's filters that show exactly these rows, as (name, value) pairs:
    # encoded only when a page links to them (`query`). Encoding them for every grouped
    # row cost more than the sums themselves where thousands of rows are read (funding).
    filters: tuple = ()

    @property
    def query(self) -> str:
        """The filters as a query string."""
        return urlencode(self.filters)

    def add(self, level: str, promised, done, rows: int, undisclosed: int = 0) -> None:
        if level:
            setattr(self, level, getattr(self, level) + (promised or 0))
        self.done += done or 0
        self.rows += rows
        self.undisclosed_payments += undisclosed

    @property
    def remaining(self) -> Decimal:
        """Firmly committed and not yet arrived or paid (never below zero)."""
        return max(self.committed - self.done, Decimal(0))

    @property
    def percent(self) -> int:
        """Arrived or paid of what is firmly committed, in whole percent."""
        return min(100, int(self.done * 100 / self.committed)) if self.committed else 0


@dataclass
class Totals:
    """Money per currency and goods per (capability, unit) of a set of commitments."""

    money: dict[str, Measure] = field(default_factory=dict)
    goods: dict[tuple[int, str], Measure] = field(default_factory=dict)
    pooled_money: dict[str, Measure] = field(default_factory=dict)  # shown apart, never added
    commitments: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.money or self.goods or self.pooled_money)

    @property
    def without_money(self) -> int:
        """Commitments counted that promise no amount (goods only)."""
        with_money = sum(m.rows for m in (*self.money.values(), *self.pooled_money.values()))
        return self.commitments - with_money

    def money_rows(self) -> list[tuple[str, Measure]]:
        return sorted(self.money.items(), key=lambda item: (-item[1].committed, item[0]))

    def goods_rows(self, capabilities: dict[int, str]) -> list[tuple[str, str, Measure]]:
        """(capability name, unit label, measure), by capability then unit."""
        units = dict(Unit.choices)
        rows = [
            (capabilities.get(cap, ""), str(units.get(unit, unit)), m)
            for (cap, unit), m in self.goods.items()
        ]
        return sorted(rows, key=lambda row: (row[0], row[1]))


def overview_commitments(user) -> QuerySet:
    """The commitments an overview (the dashboard, the digest) counts for `user`, before
    visibility: all of them; for embassy staff, those of their countries, which is what
    their overview is about."""
    commitments = Commitment.objects.all()
    if user.scope.country_bound:
        commitments = commitments.filter(partner__country__in=user.scope.country_ids())
    return commitments


def left_out(user, selection: QuerySet, group_by: str = "", as_of: datetime.date | None = None) -> dict:
    """How many commitments of `selection` a total would count (today or as of a date) that
    the user may not see, per value of `group_by` ("" for all): pages say so under their
    totals. Only rows a total would count: none announced after the date."""
    if user.scope.sees_all:
        return {}
    keys = [group_by] if group_by else []
    seen = Q(pk__in=Commitment.objects.visible_to(user).values("pk"))
    counted = selection.order_by().with_state(as_of).filter(f_stage__in=COUNTED_STAGES)
    rows = counted.values(*keys).annotate(n=Count("id", filter=~seen))
    return {row[group_by] if group_by else None: row["n"] for row in rows if row["n"]}


def totals(commitments: QuerySet, *, group_by: str = "", as_of: datetime.date | None = None) -> dict:
    """The totals of `commitments` (already scoped to the reader), today or as of a date,
    one per value of the `group_by` field ("" for one total): one grouped query whatever the
    number of rows."""
    keys = [group_by] if group_by else []
    rows = (
        commitments.order_by()
        .with_state(as_of)
        .filter(f_stage__in=COUNTED_STAGES)
        .annotate(level=level_of_stage())
        .values(*keys, "level", "currency", "capability_id", "unit", "funding")
        .annotate(
            # Names of their own: an annotation named like a field would hide it in the filters.
            n=Count("id"),
            promised_amount=Sum("f_amount"),
            paid=Sum("f_paid", filter=Q(f_amount__isnull=False)),
            undisclosed=Count("id", filter=Q(f_undisclosed=True)),
            promised_quantity=Sum("f_quantity"),
            arrived=Sum("f_arrived", filter=Q(f_quantity__isnull=False)),
            money_rows=Count("id", filter=Q(f_amount__isnull=False)),
            goods_rows=Count("id", filter=Q(f_quantity__isnull=False)),
        )
    )
    result: dict = defaultdict(Totals)
    for row in rows:
        total = result[row[group_by] if group_by else None]
        total.commitments += row["n"]
        if row["money_rows"]:
            book = total.pooled_money if row["funding"] == Funding.POOLED else total.money
            measure = book.get(row["currency"])
            if measure is None:
                filters = (("currency", row["currency"]), ("funding", row["funding"]))
                measure = book[row["currency"]] = Measure(filters=filters)
            measure.add(
                row["level"], row["promised_amount"], row["paid"], row["money_rows"], row["undisclosed"]
            )
        if row["goods_rows"]:
            key = (row["capability_id"], row["unit"])
            measure = total.goods.get(key)
            if measure is None:
                filters = (("capability", row["capability_id"]), ("unit", row["unit"]))
                measure = total.goods[key] = Measure(filters=filters)
            measure.add(row["level"], row["promised_quantity"], row["arrived"], row["goods_rows"])
    return dict(result)


def total(commitments: QuerySet, as_of: datetime.date | None = None) -> Totals:
    """The totals of one set of commitments."""
    return totals(commitments, as_of=as_of).get(None, Totals())


def per_month(
    commitments: QuerySet, *, since: datetime.date, currency: str
) -> dict[datetime.date, tuple[int, Decimal]]:
    """By month of announcement (of entry, when undated) from `since`: how many commitments
    promise something, and the money among them firmly committed in `currency` and paid from
    the partners' own funds (a pooled purchase counts with its contributors)."""
    announced = Coalesce("announced_on", Cast("created_at", DateField()))
    firm = Q(stage__in=LEVEL_STAGES[Level.COMMITTED], currency=currency, funding=Funding.OWN)
    rows = (
        commitments.order_by()
        .filter(stage__in=COUNTED_STAGES)
        .annotate(month=TruncMonth(announced))
        .filter(month__gte=since)
        .values("month")
        .annotate(n=Count("id"), value=Sum("amount", filter=firm))
    )
    return {row["month"]: (row["n"], row["value"] or Decimal(0)) for row in rows}
