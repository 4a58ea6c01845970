"""The dashboard's figures: one panel per priority, quiet partners, recent changes.

Every figure comes from a GROUP BY query over what the user may see, so the page costs
the same few queries whatever the amount of data; today's figures are kept under the data
versions of the tables they read (tracker.figures.shared), so a page view after any write
reads them again and the others cost a few index lookups.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django_countries.fields import Country

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.figures.projects import Gap, funding, gaps_by_priority
from tracker.figures.shared import Versions, shared
from tracker.figures.totals import Totals, left_out, overview_commitments, totals
from tracker.followups.models import FollowUp, urgency
from tracker.history.models import Change
from tracker.projects.models import Project, Status
from tracker.reference.models import CapabilityCategory, PartnerCountry, Priority

QUIET_AFTER_DAYS = 30
RECENT_CHANGES = 10
# What a project's funding gap reads of it.
NEEDS = ("id", "priority_id", "estimated_value", "currency", "needed_quantity", "needed_unit")
STATUS_LABELS = dict(Status.choices)


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
    totals: Totals = field(default_factory=Totals)
    gaps: dict[str, Gap] = field(default_factory=dict)  # needed, secured, missing per currency
    hidden: int = 0  # commitments of this priority the reader may not see, not counted
    followups: FollowUpCounts = field(default_factory=FollowUpCounts)
    rows_url: str = ""  # the commitments list of the rows the totals count

    @property
    def project_total(self) -> int:
        return sum(self.statuses.values())

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order of the workflow, non-zero only."""
        counts = self.statuses
        return [(value, str(label), counts[value]) for value, label in Status.choices if value in counts]


def build_dashboard(user, today: datetime.date | None = None, as_of: datetime.date | None = None) -> dict:
    """Every figure of the dashboard for one user, from a fixed handful of queries; as of a
    date, what was announced, committed, paid and arrived then, and each project's status."""
    today = today or timezone.localdate()
    rows_url = reverse("commitments:list") + ("?mine=1&" if user.scope.country_bound else "?")
    panels = {
        priority.pk: Panel(priority, rows_url=f"{rows_url}priority={priority.pk}")
        for priority in Priority.objects.all()
    }
    projects = Project.objects.visible_to(user).with_status(as_of).order_by()
    for priority_id, status, n in projects.values_list("priority_id", "f_status").annotate(n=Count("id")):
        panels[priority_id].statuses[status] = n
    selection = overview_commitments(user)
    visible = selection.filter(pk__in=Commitment.objects.visible_to(user).values("pk"))
    # Today's figures are shared (tracker.figures.shared): per scope where they count only
    # rows of the scope, per user where they count the user's own follow-ups; as of a
    # date they are computed each time.
    scope = f"scope:{Commitment.objects.scope_key(user)}"
    person = f"user:{user.pk}:{scope}"
    today_only = {"day": today.isoformat(), "language": get_language()}
    versions = Versions()

    def kept(name: str, view: str, tables: tuple[str, ...], compute, **extra):
        if as_of is not None:
            return compute()
        return shared(f"dashboard:{name}:{sorted(extra.items())}", view, versions(*tables), compute)

    figures = kept(
        "totals", scope, ("commitments",), lambda: totals(visible, group_by="priority_id", as_of=as_of)
    )
    for priority_id, priority_totals in figures.items():
        panels[priority_id].totals = priority_totals
    hidden = kept("hidden", scope, ("commitments",), lambda: left_out(user, selection, "priority_id", as_of))
    for priority_id, n in hidden.items():
        panels[priority_id].hidden = n
    gaps = kept("gaps", scope, ("commitments", "projects"), lambda: _gaps(user, projects, as_of))
    for priority_id, priority_gaps in gaps.items():
        panels[priority_id].gaps = priority_gaps
    context = {
        "panels": list(panels.values()),
        "capabilities": {c.pk: c.display_name for c in CapabilityCategory.objects.all()},
        "scope_countries": list(PartnerCountry.objects.filter(pk__in=user.scope.country_ids()))
        if user.scope.country_bound
        else [],
        "as_of": as_of,
    }
    if as_of is None:  # follow-ups, contacts and changes are today's; an "as of" page leaves them out
        followup_rows = kept(
            "followups",
            person,
            ("followups", "projects", "commitments"),
            lambda: _followup_rows(user, today),
            **today_only,
        )
        context |= {
            "followups": _count_followups(followup_rows, panels),
            "quiet_partners": kept(
                "quiet", person, ("contacts", "projects"), lambda: quiet_partners(user, today), **today_only
            ),
            "quiet_after_days": QUIET_AFTER_DAYS,
            "changes": kept(
                "changes",
                person,
                ("changes", "projects", "commitments", "contacts", "followups"),
                lambda: recent_changes(user),
                **today_only,
            ),
        }
    return context


def _gaps(user, projects, as_of: datetime.date | None) -> dict:
    """Per priority and currency, what the projects with a need miss: every project with a
    need against every firm commitment linked to one (thousands of each at scale)."""
    with_needs = Q(estimated_value__isnull=False) | Q(needed_quantity__isnull=False)
    needing = list(projects.filter(with_needs).only(*NEEDS))
    fundings = funding(needing, Commitment.objects.visible_to(user), as_of)
    return gaps_by_priority(fundings, needing)


def _followup_rows(user, today: datetime.date) -> list[dict]:
    """Open follow-ups overdue or due this week, and the user's own, per priority."""
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
    return list(rows)


def _count_followups(rows: list[dict], panels: dict[int, Panel]) -> FollowUpCounts:
    """The follow-up counts per priority onto the panels, and in all."""
    total = FollowUpCounts()
    for row in rows:
        total.add(row)
        if row["priority_key"] in panels:
            panels[row["priority_key"]].followups.add(row)
    return total


def quiet_partners(user, today: datetime.date) -> list[PartnerCountry]:
    """Active partners (an embassy's own; the partners an industry user's projects look at)
    with no contact the user can see in 30 days. The page says "visible to you": a contact
    the user may not see is not known to be missing."""
    countries = user.scope.partner_countries(PartnerCountry.objects.active())
    if user.scope.enterprise_bound:
        looked_at = Project.objects.editable_by(user).values("candidate_countries")
        countries = countries.filter(pk__in=looked_at)
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
