"""The weekly digest: what changed last week in the part of the tracker a user may see,
and what is due next. One per user per ISO week of the local calendar (TIME_ZONE).

The digest of ISO week W reports the changes of week W-1, from Monday 00:00 to the next
Monday 00:00 local time, so every change is reported exactly once whenever the digest is
sent; that week lasts 167 or 169 hours when the clocks change, which the local-time
boundaries take care of. Follow-ups overdue and due are counted from the day it is built.
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracker.accounts.models import User
from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.figures.shared import Versions, shared
from tracker.figures.totals import left_out, overview_commitments, total
from tracker.followups.models import FollowUp
from tracker.history.lines import describe, with_rows
from tracker.history.models import Action, Change
from tracker.notifications import unsubscribe
from tracker.notifications.emails import (
    Outcome,
    absolute_url,
    make_message,
    mark_skipped,
    send_recorded,
    site_domain,
)
from tracker.notifications.models import Digest, ScanRun, Status
from tracker.projects.models import Project
from tracker.reference.models import CapabilityCategory, PartnerCountry

logger = logging.getLogger(__name__)

# What arrived and what was paid: the digest lists them apart from other commitment changes.
LEDGER_ACTIONS = (Action.DELIVERY, Action.PAYMENT)
ITEMS_PER_SECTION = 50  # a longer list is cut, with a pointer to the tracker
MAX_CHANGES = 500  # history rows read per digest
QUIET_PARTNER_DAYS = 30
CRON_DAYS = {"sun": 7, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}


@dataclasses.dataclass(frozen=True)
class Week:
    """An ISO week of the local calendar."""

    iso_year: int
    iso_week: int

    @classmethod
    def containing(cls, when: datetime.datetime) -> "Week":
        """The week that the local date of `when` falls in."""
        year, week, _ = timezone.localdate(when).isocalendar()
        return cls(year, week)

    def day(self, iso_weekday: int) -> datetime.date:
        return datetime.date.fromisocalendar(self.iso_year, self.iso_week, iso_weekday)

    def starts_at(self) -> datetime.datetime:
        """Monday 00:00 local time."""
        return datetime.datetime.combine(
            self.day(1), datetime.time.min, tzinfo=timezone.get_current_timezone()
        )

    def previous(self) -> "Week":
        year, week, _ = (self.day(1) - datetime.timedelta(days=7)).isocalendar()
        return Week(year, week)

    def send_at(self) -> datetime.datetime:
        """When this week's digests are due (DIGEST_DAY_OF_WEEK, DIGEST_HOUR:DIGEST_MINUTE)."""
        day = str(settings.DIGEST_DAY_OF_WEEK).strip().lower()[:3]
        iso_weekday = CRON_DAYS.get(day) or (int(day) % 7 or 7)  # cron: 0 and 7 are Sunday
        moment = datetime.time(settings.DIGEST_HOUR, settings.DIGEST_MINUTE)
        return datetime.datetime.combine(
            self.day(iso_weekday), moment, tzinfo=timezone.get_current_timezone()
        )

    def __str__(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"


@dataclasses.dataclass
class Line:
    """One change to an item: when, by whom, what."""

    at: datetime.datetime | None
    by: str
    text: str
    comment: str = ""


@dataclasses.dataclass
class Item:
    """One thing the digest names, with a link to its page."""

    title: str
    url: str
    detail: str = ""
    lines: list[Line] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Section:
    key: str
    title: str
    items: list[Item]
    truncated: bool = False


# The sections that report last week's changes; the others say what is due or where things stand.
CHANGE_SECTIONS = ("projects", "commitments", "deliveries", "contacts")


@dataclasses.dataclass
class DigestContent:
    """What one user's digest for one week holds."""

    user: User
    week: Week
    period_start: datetime.datetime
    period_end: datetime.datetime
    today: datetime.date
    sections: list[Section]

    @property
    def has_changes(self) -> bool:
        """Whether anything changed last week (follow-ups and figures are not changes)."""
        return any(section.items for section in self.sections if section.key in CHANGE_SECTIONS)

    @property
    def is_empty(self) -> bool:
        """Nothing changed and nothing is due: the figures alone are no reason to write."""
        return not any(section.items for section in self.sections if section.key != "figures")


def build_digest(user: User, now: datetime.datetime, *, week: Week | None = None) -> DigestContent:
    """The digest `user` gets for `week` (default: the week of `now`), in their language,
    holding only what `user` may see. A fixed number of queries whatever the data size."""
    week = week or Week.containing(now)
    today = timezone.localdate(now)
    start, end = week.previous().starts_at(), week.starts_at()
    with translation.override(user.language):
        changes = _changes(user, start, end)
        followups = FollowUp.objects.visible_to(user).open().select_related("owner").order_by("due_on", "id")
        overdue = list(followups.filter(due_on__lt=today)[: ITEMS_PER_SECTION + 1])
        coming = list(
            followups.filter(due_on__gte=today, due_on__lt=today + datetime.timedelta(days=7))[
                : ITEMS_PER_SECTION + 1
            ]
        )
        quiet = list(_quiet_partners(user, today)[: ITEMS_PER_SECTION + 1])
        sections = [
            _section("overdue", _("Follow-ups overdue"), [_followup_item(f) for f in overdue]),
            _section("due", _("Follow-ups due in the coming week"), [_followup_item(f) for f in coming]),
            _section(
                "projects",
                _("Project status and health changes"),
                _group([c for c in changes if c.project_id]),
            ),
            _section(
                "commitments",
                _("New and changed commitments"),
                _group([c for c in changes if c.commitment_id and c.action not in LEDGER_ACTIONS]),
            ),
            _section(
                "deliveries",
                _("Arrivals and payments recorded"),
                _group([c for c in changes if c.commitment_id and c.action in LEDGER_ACTIONS]),
            ),
            _section("contacts", _("Contacts logged"), _group([c for c in changes if c.contact_id])),
            _section(
                "partners",
                ngettext(
                    "Partners with no contact visible to you in %(days)s day",
                    "Partners with no contact visible to you in %(days)s days",
                    QUIET_PARTNER_DAYS,
                )
                % {"days": QUIET_PARTNER_DAYS},
                [_partner_item(p) for p in quiet],
            ),
            Section("figures", _("Where the commitments stand"), _figure_items(user)),
        ]
    return DigestContent(user, week, start, end, today, sections)


def _changes(user: User, start: datetime.datetime, end: datetime.datetime) -> list[Change]:
    """History rows of the period the digest reports, within the user's scope."""
    wanted = (
        (Q(project__isnull=False) & (Q(action=Action.STATUS) | Q(fields__has_any_keys=["status", "health"])))
        | Q(commitment__isnull=False)
        | Q(contact__isnull=False, action=Action.CREATED)
    )
    changes = Change.objects.visible_to(user).filter(wanted, at__gte=start, at__lt=end)
    if user.scope.country_bound:
        # The app lets embassy staff read other countries' unrestricted commitments; their
        # digest is about their own countries (a narrower focus, never a wider scope).
        countries = user.scope.country_ids()
        changes = changes.filter(
            Q(project__in=Project.objects.filter(candidate_countries__in=countries).values("pk"))
            | Q(commitment__partner__country__in=countries)
            | Q(contact__country__in=countries)
        )
    return with_rows(
        changes.select_related("actor", "project", "commitment__partner", "contact__country").order_by(
            "at", "id"
        )[:MAX_CHANGES],
        user,
    )


def _quiet_partners(user: User, today: datetime.date) -> models.QuerySet:
    """Active partners in the user's scope whose last contact the user can see is older
    than QUIET_PARTNER_DAYS (or never happened)."""
    countries = user.scope.partner_countries(PartnerCountry.objects.active())
    if user.scope.enterprise_bound:
        # The partners their projects are looking at.
        countries = countries.filter(
            pk__in=Project.objects.editable_by(user)
            .values("candidate_countries")
            .filter(candidate_countries__isnull=False)
        )
    last_contact = (
        Contact.objects.visible_to(user)
        .filter(country=OuterRef("pk"))
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    cutoff = today - datetime.timedelta(days=QUIET_PARTNER_DAYS)
    return (
        countries.annotate(last_contact=Subquery(last_contact))
        .filter(Q(last_contact__isnull=True) | Q(last_contact__lt=cutoff))
        .order_by("name")
    )


def _figure_items(user: User) -> list[Item]:
    """The dashboard's totals for the user today (tracker/figures): one line per currency and
    per capability and unit, each linking to the rows it counts, and what is left out."""
    selection = overview_commitments(user)
    # The same for every recipient of one scope (all coordinators, all viewers, an
    # embassy's staff): computed once per scope while the commitments do not change.
    scope = f"scope:{Commitment.objects.scope_key(user)}"
    version = Versions()("commitments")
    found = shared(
        "digest:total", scope, version, lambda: total(selection & Commitment.objects.visible_to(user))
    )
    mine = "mine=1&" if user.scope.country_bound else ""
    rows_url = f"{reverse('commitments:list')}?{mine}"
    items = []
    for currency, m in found.money_rows():
        parts = [_("%(n)s committed (firm)") % {"n": floatformat(m.committed, "-2g")}]
        parts += [*_levels(m, "-2g"), _("%(n)s paid") % {"n": floatformat(m.done, "-2g")}]
        if m.undisclosed_payments:
            parts.append(
                ngettext(
                    "%(n)s payment of undisclosed amount",
                    "%(n)s payments of undisclosed amount",
                    m.undisclosed_payments,
                )
                % {"n": m.undisclosed_payments}
            )
        url = absolute_url(f"{rows_url}{m.query}&level=committed")
        items.append(Item(currency, url, " · ".join(parts)))
    capabilities = {c.pk: c.display_name for c in CapabilityCategory.objects.all()}
    for capability, unit, m in found.goods_rows(capabilities):
        parts = [_("%(n)s committed (firm)") % {"n": floatformat(m.committed, "g")}]
        parts += [*_levels(m, "g"), _("%(n)s arrived") % {"n": floatformat(m.done, "g")}]
        url = absolute_url(f"{rows_url}{m.query}&level=committed")
        items.append(Item(f"{capability} ({unit})", url, " · ".join(parts)))
    hidden = shared("digest:hidden", scope, version, lambda: left_out(user, selection).get(None, 0))
    if hidden:
        note = ngettext(
            "%(n)s commitment you may not see is left out of these figures.",
            "%(n)s commitments you may not see are left out of these figures.",
            hidden,
        ) % {"n": hidden}
        items.append(Item(note, absolute_url(rows_url)))
    return items


def _levels(m, digits: str) -> list[str]:
    """The announced and suspended parts of a measure, when there are any."""
    parts = []
    if m.announced:
        parts.append(_("%(n)s announced (non-binding)") % {"n": floatformat(m.announced, digits)})
    if m.suspended:
        parts.append(_("%(n)s suspended") % {"n": floatformat(m.suspended, digits)})
    return parts


def _section(key: str, title: str, items: list[Item]) -> Section:
    return Section(key, title, items[:ITEMS_PER_SECTION], truncated=len(items) > ITEMS_PER_SECTION)


def _followup_item(followup: FollowUp) -> Item:
    detail = _("due %(date)s · %(owner)s") % {
        "date": formats.date_format(followup.due_on),
        "owner": followup.owner,
    }
    return Item(followup.title, absolute_url(followup), detail)


def _partner_item(country: PartnerCountry) -> Item:
    if country.last_contact:
        detail = _("last contact %(date)s") % {"date": formats.date_format(country.last_contact)}
    else:
        detail = _("no contact visible to you")
    return Item(country.display_name, absolute_url(country), detail)


def _group(changes: list[Change]) -> list[Item]:
    """One item per project, commitment or contact, with its changes in order; at most
    one item more than a section shows (enough to tell that it was cut), so the title,
    link and lines of subjects that will not be shown are never built."""
    items: dict[tuple, Item] = {}
    for change in changes:
        subject = change.subject
        key = (type(subject), subject.pk)
        if key not in items:
            if len(items) > ITEMS_PER_SECTION:
                continue
            items[key] = Item(_title(subject), absolute_url(subject))
        items[key].lines.append(
            Line(change.at, str(change.actor) if change.actor else "", describe(change), change.comment)
        )
    return list(items.values())


def _title(subject: models.Model) -> str:
    if isinstance(subject, Contact):
        channel = subject.get_channel_display()
        return f"{subject.country.display_name}: {subject.counterpart_organisation} ({channel})"
    if isinstance(subject, Commitment):
        return f"{subject.partner.display_name}: {subject.item}"
    return str(subject)


# Sending


def recipients() -> models.QuerySet:
    """Users who get the weekly digest."""
    return User.objects.filter(is_active=True, digest_opt_in=True).exclude(email="")


def claim(now: datetime.datetime, *, scan: ScanRun, user: User | None = None) -> list[int]:
    """Record a pending digest of this week for every recipient who has none; return the
    ids this run recorded (insert first, as for reminders: one run wins each row)."""
    week = Week.containing(now)
    users = recipients() if user is None else recipients().filter(pk=user.pk)
    done = set(
        Digest.objects.filter(iso_year=week.iso_year, iso_week=week.iso_week, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    rows = [
        Digest(user_id=pk, iso_year=week.iso_year, iso_week=week.iso_week, scan=scan, enqueued_at=now)
        for pk in sorted(users.values_list("pk", flat=True))
        if pk not in done
    ]
    Digest.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Digest.objects.filter(scan=scan).order_by("id").values_list("pk", flat=True))


def deliver(digest_id: int, *, now: datetime.datetime, final: bool) -> Outcome:
    """Build and send one pending digest; skip it when empty or the user opted out."""
    with transaction.atomic():
        row = (
            Digest.objects.select_for_update(of=("self",)).select_related("user").filter(pk=digest_id).first()
        )
        if row is None or row.status != Status.PENDING:
            return Outcome.SKIPPED
        user = row.user
        if not (user.is_active and user.digest_opt_in and user.email):
            return mark_skipped(row, "The user opted out or has no email address.")
        content = build_digest(user, now, week=Week(row.iso_year, row.iso_week))
        if content.is_empty:
            return mark_skipped(row, "Nothing to report.")
        outcome, error = send_recorded(row, digest_message(content, row), now=now, final=final)
    if error is not None:
        raise error
    return outcome


def digest_message(content: DigestContent, row: Digest):
    """The digest email, with the one-click unsubscribe headers of RFC 8058."""
    user = content.user
    unsubscribe_url = absolute_url(reverse("notifications:unsubscribe", args=[unsubscribe.make_token(user)]))
    with translation.override(user.language):
        context = digest_context(content, unsubscribe_url)
        return make_message(
            "digest",
            context,
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": f"<digest-{row.pk}@{site_domain()}>",
            },
        )


def digest_context(content: DigestContent, unsubscribe_url: str = "") -> dict:
    """What the digest templates (and the preview page) show; render in the user's language."""
    return {
        "subject": _("Your weekly tracker digest, week %(week)s of %(year)s")
        % {"week": content.week.iso_week, "year": content.week.iso_year},
        "digest": content,
        "user": content.user,
        "period_last_day": content.period_end - datetime.timedelta(days=1),
        "preview_url": absolute_url(reverse("notifications:digest_preview")),
        "profile_url": absolute_url(reverse("profile")),
        "unsubscribe_url": unsubscribe_url,
    }
