"""Per-partner figures, counted only over what the user may see, in a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.figures.shared import Versions, shared
from tracker.figures.totals import Totals, left_out, totals
from tracker.followups.models import FollowUp


@dataclass
class PartnerFigures:
    """What the partners list and page show for one partner."""

    commitments: int = 0
    totals: Totals = field(default_factory=Totals)
    open_followups: int = 0
    contacts: int = 0
    last_contact: datetime.date | None = None
    hidden: int = 0  # commitments the user may not see, left out of the totals


def partner_figures(
    user, partners: QuerySet | None = None, as_of: datetime.date | None = None
) -> dict[int, PartnerFigures]:
    """Figures per partner id (totals today or as of a date): five grouped queries whatever
    the number of partners. The commitment count covers every visible commitment, as the
    filtered list does; contacts and follow-ups are a country partner's.

    Today's are kept under the data versions of the tables they read (tracker.figures.
    shared), per user (the follow-ups counted include the user's own): a page view after
    any write reads them again."""
    if as_of is not None:
        return _partner_figures(user, partners, as_of)
    which = "all" if partners is None else str(partners.values("pk").query)
    view = f"user:{user.pk}:{Commitment.objects.scope_key(user)}"
    version = Versions()("commitments", "followups", "contacts")
    return shared(f"partners:figures:{which}", view, version, lambda: _partner_figures(user, partners, None))


def _partner_figures(
    user, partners: QuerySet | None, as_of: datetime.date | None
) -> dict[int, PartnerFigures]:
    figures: dict[int, PartnerFigures] = defaultdict(PartnerFigures)
    every = Commitment.objects.order_by()
    if partners is not None:
        every = every.filter(partner__in=partners.values("pk"))
    commitments = every & Commitment.objects.visible_to(user)
    for row in commitments.values("partner_id").annotate(n=Count("id")):
        figures[row["partner_id"]].commitments = row["n"]
    for partner_id, partner_totals in totals(commitments, group_by="partner_id", as_of=as_of).items():
        figures[partner_id].totals = partner_totals
    for partner_id, n in left_out(user, every, "partner_id", as_of).items():
        figures[partner_id].hidden = n
    # Contacts and follow-ups are held with countries: counted per country, filed per partner.
    followups = FollowUp.objects.visible_to(user).open().filter(country__partner__isnull=False).order_by()
    contacts = Contact.objects.visible_to(user).filter(country__partner__isnull=False).order_by()
    if partners is not None:
        followups = followups.filter(country__partner__in=partners.values("pk"))
        contacts = contacts.filter(country__partner__in=partners.values("pk"))
    for row in followups.values("country__partner").annotate(n=Count("id")):
        figures[row["country__partner"]].open_followups = row["n"]
    for row in contacts.values("country__partner").annotate(n=Count("id"), last=Max("held_on")):
        figures[row["country__partner"]].contacts = row["n"]
        figures[row["country__partner"]].last_contact = row["last"]
    return dict(figures)
