"""The dashboard's figures: one panel per priority, quiet partners, recent changes.

Every figure comes from a GROUP BY query over what the user may see, so the page costs
the same few queries whatever the amount of data; the commitment sums, the dearest, are
shared for a minute by the users of one scope while the commitments do not change.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django_countries.fields import Country

from tracker.commitments.models import PROMISE_STAGES, Commitment, Stage
from tracker.contacts.models import Contact
from tracker.core.money import Unit
from tracker.followups.models import FollowUp, urgency
from tracker.history.models import Change
from tracker.projects.models import Project, Status
from tracker.reference.models import PartnerCountry, Priority

QUIET_AFTER_DAYS = 30
CACHE_SECONDS = 60
RECENT_CHANGES = 10
STATUS_LABELS = dict(Status.choices)
STAGE_LABELS = dict(Stage.choices)
UNIT_LABELS = dict(Unit.choices)


@dataclass
class Total:
    """Pledged and delivered in one currency or one unit."""

    measure: str
    label: str
    pledged: Decimal = Decimal(0)
    delivered: Decimal = Decimal(0)

    @property
    def percent(self) -> int:
        return min(100, int(self.delivered * 100 / self.pledged)) if self.pledged else 0


@dataclass
class FollowUpCounts:
    overdue: int = 0
    week: int = 0
    mine_overdue: int = 0
    mine_week: int = 0

    def add(self, row: dict) -> None:
        self.overdue += row["overdue"]
        self.week += row["week"]
        self.mine_overdue += row["mine_overdue"]
        self.mine_week += row["mine_week"]


@dataclass
class Panel:
    """What the dashboard shows for one priority."""

    priority: Priority
    statuses: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)
    money: dict[str, Total] = field(default_factory=dict)
    quantities: dict[str, Total] = field(default_factory=dict)
    followups: FollowUpCounts = field(default_factory=FollowUpCounts)

    @property
    def project_total(self) -> int:
        return sum(self.statuses.values())

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order of the workflow, non-zero only."""
        counts = self.statuses
        return [(value, str(label), counts[value]) for value, label in Status.choices if value in counts]

    @property
    def stage_rows(self) -> list[tuple[str, str, int]]:
        counts = self.stages
        return [(value, str(label), counts[value]) for value, label in Stage.choices if value in counts]

    @property
    def pledged_count(self) -> int:
        return sum(self.stages.values())

    @property
    def fulfilled_count(self) -> int:
        return self.stages.get(Stage.FULFILLED, 0)


def build_dashboard(user, today: datetime.date | None = None) -> dict:
    """Every figure of the dashboard for one user, from a fixed handful of queries."""
    today = today or timezone.localdate()
    panels = {priority.pk: Panel(priority) for priority in Priority.objects.all()}
    _count_projects(user, panels)
    _sum_commitments(user, panels)
    all_followups = _count_followups(user, panels, today)
    return {
        "panels": list(panels.values()),
        "followups": all_followups,
        "quiet_partners": quiet_partners(user, today),
        "quiet_after_days": QUIET_AFTER_DAYS,
        "changes": recent_changes(user),
    }


def _count_projects(user, panels: dict[int, Panel]) -> None:
    rows = Project.objects.visible_to(user).order_by().values("priority_id", "status").annotate(n=Count("id"))
    for row in rows:
        panels[row["priority_id"]].statuses[row["status"]] = row["n"]


def _sum_commitments(user, panels: dict[int, Panel]) -> None:
    # The sums read every promised commitment in the user's scope (tens of thousands of
    # rows at scale), the dearest query of the page. They are kept for CACHE_SECONDS,
    # shared by the users of one scope and keyed on the table's data version, so a new or
    # saved commitment shows at the next page view (a deletion, admin-only, within
    # CACHE_SECONDS) and no user sees sums of another scope.
    key = f"dashboard:commitments:{Commitment.objects.scope_key(user)}:{Commitment.objects.data_version()}"
    rows = cache.get(key)
    if rows is None:
        rows = _commitment_rows(user)
        cache.set(key, rows, CACHE_SECONDS)
    labels = {unit: str(label) for unit, label in UNIT_LABELS.items()}
    for row in rows:
        panel = panels[row["priority_id"]]
        panel.stages[row["stage"]] = panel.stages.get(row["stage"], 0) + row["n"]
        if row["pledged_amount"] is not None:
            money = panel.money.setdefault(row["currency"], Total(row["currency"], row["currency"]))
            money.pledged += row["pledged_amount"]
            money.delivered += row["sum_paid_amount"] or 0
        if row["pledged_quantity"] is not None:
            label = labels.get(row["unit"], row["unit"])
            quantity = panel.quantities.setdefault(row["unit"], Total(row["unit"], label))
            quantity.pledged += row["pledged_quantity"]
            quantity.delivered += row["sum_delivered_quantity"] or 0


def _commitment_rows(user) -> list[dict]:
    """Count and sums of promised commitments per priority, stage, currency and unit."""
    rows = (
        Commitment.objects.visible_to(user)
        .filter(stage__in=PROMISE_STAGES)
        .order_by()
        .values("priority_id", "stage", "currency", "unit")
        .annotate(
            n=Count("id"),
            pledged_amount=Sum("amount"),
            sum_paid_amount=Sum("paid_amount", filter=Q(amount__isnull=False)),
            pledged_quantity=Sum("quantity"),
            sum_delivered_quantity=Sum("delivered_quantity", filter=Q(quantity__isnull=False)),
        )
        .order_by("currency", "unit")
    )
    return list(rows)


def _count_followups(user, panels: dict[int, Panel], today: datetime.date) -> FollowUpCounts:
    """Open follow-ups overdue or due this week, per priority and in all."""
    due = urgency(today)
    overdue, week, mine = due["overdue"], due["week"], Q(owner_id=user.pk)
    rows = (
        FollowUp.objects.visible_to(user)
        .open()
        .filter(overdue | week)
        .with_priority()  # a follow-up on a contact alone counts only in the totals
        .order_by()
        .values("priority_key")
        .annotate(
            overdue=Count("id", filter=overdue),
            week=Count("id", filter=week),
            mine_overdue=Count("id", filter=overdue & mine),
            mine_week=Count("id", filter=week & mine),
        )
    )
    total = FollowUpCounts()
    for row in rows:
        total.add(row)
        if row["priority_key"] in panels:
            panels[row["priority_key"]].followups.add(row)
    return total


def quiet_partners(user, today: datetime.date) -> list[PartnerCountry]:
    """Active partners (an embassy's own) with no contact the user can see in 30 days."""
    countries = user.scope.partner_countries(PartnerCountry.objects.active())
    contacts = Contact.objects.visible_to(user).filter(country=OuterRef("pk"))
    last = contacts.order_by("-held_on").values("held_on")
    cutoff = today - datetime.timedelta(days=QUIET_AFTER_DAYS)
    return list(
        countries.annotate(last_contact=Subquery(last[:1]))
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff))
        .order_by(F("last_contact").asc(nulls_first=True), "name")
    )


def recent_changes(user) -> list[Change]:
    """The latest changes to anything the user may see, each with a short label of its subject.

    Labels come from one small subquery per kind of subject: joining all four subjects and
    their countries made PostgreSQL spend longer planning the query than running it.
    """
    changes = list(
        Change.objects.visible_to(user)
        .select_related("actor")
        .annotate(
            subject_label=Coalesce(
                _subject(Project, "project", Concat("reference", Value(" — "), "title")),
                _subject(Commitment, "commitment", F("item")),
                _subject(Contact, "contact", F("counterpart_organisation")),
                _subject(FollowUp, "followup", F("title")),
            ),
            subject_country=Coalesce(
                _subject(Commitment, "commitment", F("partner__code")),
                _subject(Contact, "contact", Cast("country__code", CharField())),
            ),
        )[:RECENT_CHANGES]
    )
    for change in changes:
        if len(change.subject_country or "") == 2:  # a country's name in the reader's language
            change.subject_label = f"{Country(change.subject_country).name} — {change.subject_label}"
    return changes


def _subject(model, key: str, expression) -> Subquery:
    rows = model.objects.filter(pk=OuterRef(f"{key}_id")).order_by()
    return Subquery(rows.annotate(label=expression).values("label")[:1])
