"""Projects' figures: their status as of a date, and their funding gap (what a project needs,
what firm commitments linked to it secure, and the difference), like with like."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from tracker.figures.totals import totals
from tracker.projects.models import Project


@dataclass
class Gap:
    """Needed, secured and missing in one currency or one unit: never added across them."""

    needed: Decimal = Decimal(0)
    secured: Decimal = Decimal(0)

    @property
    def missing(self) -> Decimal:
        return max(self.needed - self.secured, Decimal(0))


@dataclass
class Funding:
    """A project's needs against the firm commitments linked to it."""

    money: dict[str, Gap] = field(default_factory=dict)  # by currency
    goods: dict[str, Gap] = field(default_factory=dict)  # by unit
    # Firm money linked in currencies the project states no need in: shown, never converted.
    other_money: dict[str, Decimal] = field(default_factory=dict)

    @property
    def states_a_need(self) -> bool:
        return bool(self.money or self.goods)


def funding(
    projects: list[Project], commitments: QuerySet, as_of: datetime.date | None = None
) -> dict[int, Funding]:
    """Each project's funding gap: `commitments` are those the reader may see; secured counts
    firm commitments (committed, contracted, in delivery, fulfilled) in the project's own
    currency or unit. One grouped query for all the projects."""
    linked = totals(
        commitments.filter(project__in=[p.pk for p in projects]), group_by="project_id", as_of=as_of
    )
    result = {}
    for project in projects:
        found = Funding()
        if project.estimated_value is not None and project.currency:
            found.money[project.currency] = Gap(needed=project.estimated_value)
        if project.needed_quantity is not None and project.needed_unit:
            found.goods[project.needed_unit] = Gap(needed=Decimal(project.needed_quantity))
        project_totals = linked.get(project.pk)
        if project_totals is not None:
            # Pooled money bought for the project secures it as much as a partner's own: the
            # contributions to a pool are never linked to a project (a constraint), so no
            # money is counted twice.
            money = [*project_totals.money.items(), *project_totals.pooled_money.items()]
            for currency, measure in money:
                if currency in found.money:
                    found.money[currency].secured += measure.committed
                elif measure.committed:
                    found.other_money[currency] = found.other_money.get(currency, 0) + measure.committed
            for (_capability, unit), measure in project_totals.goods.items():
                if unit in found.goods:
                    found.goods[unit].secured += measure.committed
        result[project.pk] = found
    return result


def gaps_by_priority(fundings: dict[int, Funding], projects: list[Project]) -> dict[int, dict[str, Gap]]:
    """Per priority and currency: what its projects need, secure and miss (each project's gap
    is its own; a surplus on one project does not fill another's)."""
    result: dict[int, dict[str, Gap]] = defaultdict(dict)
    for project in projects:
        for currency, gap in fundings[project.pk].money.items():
            total = result[project.priority_id].setdefault(currency, Gap())
            total.needed += gap.needed
            total.secured += min(gap.secured, gap.needed)
    return dict(result)
