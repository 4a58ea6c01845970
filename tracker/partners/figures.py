"""Per-partner figures, counted only over what the user may see, in a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum

from tracker.commitments.models import PROMISE_STAGES, Commitment
from tracker.contacts.models import Contact
from tracker.core.money import Unit
from tracker.followups.models import FollowUp


@dataclass
class Promise:
    """Promised and delivered totals in one currency or one unit."""

    measure: str
    pledged: Decimal | int
    delivered: Decimal | int

    @property
    def percent(self) -> int:
        return min(100, int(self.delivered * 100 / self.pledged)) if self.pledged else 0


@dataclass
class PartnerFigures:
    """What the partners list and page show for one country."""

    commitments: int = 0
    amounts: list[Promise] = field(default_factory=list)
    quantities: list[Promise] = field(default_factory=list)
    open_followups: int = 0
    contacts: int = 0
    last_contact: datetime.date | None = None


def partner_figures(user, countries: QuerySet | None = None) -> dict[int, PartnerFigures]:
    """Figures per country id: five grouped queries whatever the number of countries.

    Pledged totals count the stages that are promises (not talk, not withdrawn); the
    commitment count covers every visible commitment, as the filtered list does.
    """
    figures: dict[int, PartnerFigures] = defaultdict(PartnerFigures)
    scope = Q() if countries is None else Q(country__in=countries)
    commitments = Commitment.objects.visible_to(user).filter(scope).order_by()
    for row in commitments.values("country_id").annotate(n=Count("id")):
        figures[row["country_id"]].commitments = row["n"]
    promised = commitments.filter(stage__in=PROMISE_STAGES)
    for row in (
        promised.filter(amount__isnull=False)
        .values("country_id", "currency")
        .annotate(pledged=Sum("amount"), delivered=Sum("delivered_amount"))
        .order_by("country_id", "currency")
    ):
        figures[row["country_id"]].amounts.append(Promise(row["currency"], row["pledged"], row["delivered"]))
    units = dict(Unit.choices)
    for row in (
        promised.filter(quantity__isnull=False)
        .values("country_id", "unit")
        .annotate(pledged=Sum("quantity"), delivered=Sum("delivered_quantity"))
        .order_by("country_id", "unit")
    ):
        promise = Promise(str(units.get(row["unit"], row["unit"])), row["pledged"], row["delivered"])
        figures[row["country_id"]].quantities.append(promise)
    followups = FollowUp.objects.visible_to(user).open().filter(scope).order_by()
    for row in followups.values("country_id").annotate(n=Count("id")):
        figures[row["country_id"]].open_followups = row["n"]
    contacts = Contact.objects.visible_to(user).filter(scope).order_by()
    for row in contacts.values("country_id").annotate(n=Count("id"), last=Max("held_on")):
        figures[row["country_id"]].contacts = row["n"]
        figures[row["country_id"]].last_contact = row["last"]
    return figures
