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

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from tracker.commitments.models import Amendment, Delivery, Funding, Payment, Stage, StageMove
from tracker.core.money import Unit


class Level:
    ANNOUNCED = "announced"
    COMMITTED = "committed"
    SUSPENDED = "suspended"


LEVEL_STAGES = {
    Level.ANNOUNCED: [Stage.PLEDGED],
    Level.COMMITTED: [Stage.COMMITTED, Stage.CONTRACTED, Stage.IN_DELIVERY, Stage.FULFILLED],
    Level.SUSPENDED: [Stage.SUSPENDED],
}
# Stages whose arrivals and payments count: every stage something can have arrived in.
COUNTED_STAGES = [stage for stages in LEVEL_STAGES.values() for stage in stages] + [Stage.WITHDRAWN]


def level_of_stage(field: str = "f_stage"):
    """The promise level of a commitment's stage, as a database expression ("" for none)."""
    return Case(
        *(When(**{f"{field}__in": stages}, then=Value(level)) for level, stages in LEVEL_STAGES.items()),
        default=Value(""),
        output_field=CharField(),
    )


def with_state(commitments: QuerySet, as_of: datetime.date | None = None) -> QuerySet:
    """The commitments with their state as `f_*` fields: today's (their own columns), or as
    it was on `as_of`, read from the dated events — the stage from the last stage move that
    took effect by then, the promise from the last amendment, what arrived and was paid by
    then — and only those announced by then (or, undated, recorded by then). Dates known
    roughly count from the end of their period. The one query shape of every total."""
    if as_of is None:
        return commitments.annotate(
            f_stage=F("stage"),
            f_quantity=F("quantity"),
            f_amount=F("amount"),
            f_arrived=F("delivered_quantity"),
            f_paid=F("paid_amount"),
            f_undisclosed=F("paid_undisclosed"),
        )
    here = OuterRef("pk")
    moves = StageMove.objects.filter(commitment=here)
    amendments = Amendment.objects.filter(commitment=here)
    last = amendments.filter(effective_on__lte=as_of).order_by("-effective_on", "-id")
    first = amendments.order_by("effective_on", "id")

    def promised(field: str):
        return Case(
            When(Exists(last), then=Subquery(last.values(f"new_{field}")[:1])),
            When(Exists(first), then=Subquery(first.values(f"old_{field}")[:1])),
            default=F(field),
        )

    def summed(model, date: str, field: str):
        rows = model.objects.filter(commitment=here, **{f"{date}__lte": as_of}).order_by()
        return Subquery(rows.values("commitment").annotate(total=Sum(field)).values("total")[:1])

    money = DecimalField(max_digits=18, decimal_places=2)
    payments = Payment.objects.filter(commitment=here, paid_on__lte=as_of, amount_undisclosed=True)
    announced = Q(announced_on__lte=as_of) | Q(announced_on__isnull=True, recorded_on__lte=as_of)
    return (
        commitments.annotate(recorded_on=TruncDate("created_at"))
        .filter(announced)
        .annotate(
            f_stage=Coalesce(
                Subquery(
                    moves.filter(effective_on__lte=as_of)
                    .order_by("-effective_on", "-id")
                    .values("to_stage")[:1]
                ),
                Subquery(moves.order_by("effective_on", "id").values("from_stage")[:1]),
                F("stage"),
            ),
            f_quantity=promised("quantity"),
            f_amount=promised("amount"),
            f_arrived=Coalesce(summed(Delivery, "delivered_on", "quantity"), 0),
            f_paid=Coalesce(summed(Payment, "paid_on", "amount"), Value(Decimal(0)), output_field=money),
            f_undisclosed=Exists(payments, output_field=BooleanField()),
        )
    )


@dataclass
class Measure:
    """Promised at each level, and what arrived or was paid, in one currency or one unit."""

    announced: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    suspended: Decimal = Decimal(0)
    done: Decimal = Decimal(0)  # arrived (goods) or paid (money)
    rows: int = 0
    undisclosed_payments: int = 0  # paid, amount not published: never counted as 0

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


def totals(commitments: QuerySet, *, group_by: str = "", as_of: datetime.date | None = None) -> dict:
    """The totals of `commitments` (already scoped to the reader), today or as of a date,
    one per value of the `group_by` field ("" for one total): one grouped query whatever the
    number of rows."""
    keys = [group_by] if group_by else []
    rows = (
        with_state(commitments.order_by(), as_of)
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
            measure = book.setdefault(row["currency"], Measure())
            measure.add(
                row["level"], row["promised_amount"], row["paid"], row["money_rows"], row["undisclosed"]
            )
        if row["goods_rows"]:
            measure = total.goods.setdefault((row["capability_id"], row["unit"]), Measure())
            measure.add(row["level"], row["promised_quantity"], row["arrived"], row["goods_rows"])
    return dict(result)


def total(commitments: QuerySet, as_of: datetime.date | None = None) -> Totals:
    """The totals of one set of commitments."""
    return totals(commitments, as_of=as_of).get(None, Totals())
