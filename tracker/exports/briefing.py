"""A briefing on one partner: its packages, its commitments with what arrived and what was
paid, and for a country its recent contacts and open follow-ups, limited to what the reader
may see."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from tracker.commitments.models import Commitment, Delivery, Package, Payment
from tracker.contacts.models import Contact
from tracker.exports.columns import attach_contact_links, attach_sources, with_commitment_columns
from tracker.figures.totals import Totals, total
from tracker.followups.models import FollowUp
from tracker.reference.models import CapabilityCategory, Partner

# "Recent" contacts: the last half year, newest first, at most this many.
RECENT_CONTACT_DAYS = 183
MAX_CONTACTS = 100
MAX_FOLLOWUPS = 200


@dataclass(frozen=True)
class LedgerRow:
    """One arrival (a quantity) or one payment (an amount) of a commitment."""

    commitment: Commitment
    on: datetime.date
    quantity: int | None
    amount: Decimal | None
    note: str
    undisclosed: bool = False  # a payment whose amount was not published

    @property
    def commitment_id(self) -> int:
        return self.commitment.pk


@dataclass
class Briefing:
    """Everything the briefing shows, already scoped to the reader."""

    partner: Partner
    commitments: list[Commitment]
    packages: list[Package]
    contacts: list[Contact]
    followups: list[FollowUp]
    since: datetime.date
    totals: Totals = field(default_factory=Totals)  # the figures module's, like every page's
    capabilities: dict[int, str] = field(default_factory=dict)

    @property
    def ledger(self) -> list[LedgerRow]:
        """Every arrival and payment, by date."""
        rows = [
            LedgerRow(c, d.delivered_on, d.quantity, None, d.note)
            for c in self.commitments
            for d in c.deliveries.all()
        ] + [
            LedgerRow(c, p.paid_on, None, p.amount, p.note, p.amount_undisclosed)
            for c in self.commitments
            for p in c.payments.all()
        ]
        return sorted(rows, key=lambda row: (row.on, row.commitment.pk))


def build_briefing(partner: Partner, user, as_of: datetime.date | None = None) -> Briefing:
    """Gather the briefing on `partner` for `user` in a fixed number of queries; contacts and
    follow-ups are a country's (an organisation has none). As of a date, the totals, the
    commitments and their arrivals and payments are those of that day."""
    since = timezone.localdate() - datetime.timedelta(days=RECENT_CONTACT_DAYS)
    visible = Commitment.objects.visible_to(user).filter(partner=partner)
    arrivals, payments = (
        Delivery.objects.order_by("delivered_on", "id"),
        Payment.objects.order_by("paid_on", "id"),
    )
    rows = with_commitment_columns(visible)
    if as_of:
        rows = rows.with_state(as_of)
        arrivals, payments = arrivals.filter(delivered_on__lte=as_of), payments.filter(paid_on__lte=as_of)
    commitments = list(
        rows.prefetch_related(
            Prefetch("deliveries", queryset=arrivals), Prefetch("payments", queryset=payments)
        ).order_by("priority__number", "-announced_on", "id")
    )
    if as_of:
        commitments = [commitment.as_it_was() for commitment in commitments]
    attach_sources(commitments)
    packages = _packages(partner, commitments, user)
    contacts = list(
        Contact.objects.visible_to(user)
        .filter(country_id=partner.country_id, held_on__gte=since)
        .select_related("country", "author")
        .order_by("-held_on", "-id")[:MAX_CONTACTS]
    )
    attach_contact_links(contacts, user)
    followups = list(
        FollowUp.objects.visible_to(user)
        .open()
        .filter(country_id=partner.country_id)
        .select_related("owner", "country", "project")
        .order_by("due_on", "id")[:MAX_FOLLOWUPS]
    )
    capabilities = {c.pk: c.display_name for c in CapabilityCategory.objects.all()}
    totals = total(visible, as_of)
    return Briefing(partner, commitments, packages, contacts, followups, since, totals, capabilities)


def _packages(partner: Partner, commitments: list[Commitment], user) -> list[Package]:
    """The packages the partner announced or has commitments in (a joint package another
    partner announced), each with `briefing_items`: how many of the briefing's commitments
    it holds."""
    items = Counter(c.package_id for c in commitments if c.package_id)
    packages = list(
        Package.objects.visible_to(user)
        .filter(Q(partner=partner) | Q(pk__in=list(items)))
        .select_related("partner")
        .order_by("-announced_on", "id")
    )
    for package in packages:
        package.briefing_items = items[package.pk]
    return packages
