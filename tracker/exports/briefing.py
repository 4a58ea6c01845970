"""A briefing on one partner country: its commitments and deliveries, recent contacts and
open follow-ups, limited to what the reader may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from tracker.commitments.models import PROMISE_STAGES, Commitment, Delivery
from tracker.contacts.models import Contact
from tracker.exports.columns import attach_contact_links, attach_sources, with_commitment_columns
from tracker.followups.models import FollowUp
from tracker.reference.models import PartnerCountry

# "Recent" contacts: the last half year, newest first, at most this many.
RECENT_CONTACT_DAYS = 183
MAX_CONTACTS = 100
MAX_FOLLOWUPS = 200


@dataclass
class CurrencyTotal:
    """Promised and delivered money in one currency (currencies are never added together)."""

    currency: str
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)


@dataclass
class Briefing:
    """Everything the briefing shows, already scoped to the reader."""

    country: PartnerCountry
    commitments: list[Commitment]
    contacts: list[Contact]
    followups: list[FollowUp]
    since: datetime.date
    totals: list[CurrencyTotal] = field(default_factory=list)

    @property
    def deliveries(self) -> list[Delivery]:
        return [delivery for commitment in self.commitments for delivery in commitment.deliveries.all()]


def build_briefing(country: PartnerCountry, user) -> Briefing:
    """Gather the briefing on `country` for `user` in a fixed number of queries."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_CONTACT_DAYS)
    commitments = list(
        with_commitment_columns(Commitment.objects.visible_to(user).filter(country=country))
        .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.select_related("commitment")))
        .order_by("priority__number", "-announced_on", "id")
    )
    attach_sources(commitments)
    contacts = list(
        Contact.objects.visible_to(user)
        .filter(country=country, held_on__gte=since)
        .select_related("country", "author")
        .order_by("-held_on", "-id")[:MAX_CONTACTS]
    )
    attach_contact_links(contacts, user)
    followups = list(
        FollowUp.objects.visible_to(user)
        .open()
        .filter(country=country)
        .select_related("owner", "country", "project")
        .order_by("due_on", "id")[:MAX_FOLLOWUPS]
    )
    return Briefing(country, commitments, contacts, followups, since, _totals(commitments))


def _totals(commitments: list[Commitment]) -> list[CurrencyTotal]:
    totals: dict[str, CurrencyTotal] = defaultdict(lambda: CurrencyTotal(""))
    for commitment in commitments:
        if commitment.amount is None or commitment.stage not in PROMISE_STAGES:
            continue
        total = totals[commitment.currency]
        total.currency = commitment.currency
        total.pledged += commitment.amount
        total.delivered += commitment.delivered_amount
    return sorted(totals.values(), key=lambda total: -total.pledged)
