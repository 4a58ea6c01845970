"""Follow-up reminders: which stage a follow-up has reached, claiming stages once, and
sending one reminder.

Stages, counted in days from the due date in the local calendar (TIME_ZONE):
  due-soon    from REMINDER_DAYS_BEFORE days before the due date until the day before it
  due-today   on the due date
  overdue-<n> n = days overdue // REMINDER_REPEAT_DAYS: overdue-0 from the first day
              overdue, overdue-1 from day 7, overdue-2 from day 14... (with the default 7)
Each stage is one email to the owner; from ESCALATE_AFTER_DAYS overdue the coordinators
are copied. A stage missed while the scheduler was down is not sent late: only the stage
a follow-up is in now is claimed.
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tracker.accounts.models import Role, User
from tracker.followups.models import FollowUp, State
from tracker.notifications.emails import Outcome, absolute_url, make_message, send_recorded, site_domain
from tracker.notifications.models import Reminder, ScanRun, Status

logger = logging.getLogger(__name__)

DUE_SOON = "due-soon"
DUE_TODAY = "due-today"
OVERDUE = "overdue-"


@dataclasses.dataclass(frozen=True)
class Policy:
    """When reminders go out; read from settings at each use so tests can change them."""

    days_before: int
    repeat_days: int
    escalate_after: int
    earliest_hour: int

    @classmethod
    def from_settings(cls, **overrides) -> "Policy":
        """The policy the settings describe, with some values replaced."""
        values = {
            "days_before": settings.REMINDER_DAYS_BEFORE,
            "repeat_days": max(1, settings.REMINDER_REPEAT_DAYS),
            "escalate_after": settings.ESCALATE_AFTER_DAYS,
            "earliest_hour": settings.REMINDER_EARLIEST_HOUR,
        }
        return cls(**(values | overrides))

    def stage_on(self, due_on: datetime.date, today: datetime.date) -> str | None:
        """The stage a follow-up due on `due_on` is in on `today`, or None before the first."""
        days_left = (due_on - today).days
        if days_left > self.days_before:
            return None
        if days_left > 0:
            return DUE_SOON
        if days_left == 0:
            return DUE_TODAY
        return f"{OVERDUE}{-days_left // self.repeat_days}"

    def overdue_days(self, stage: str) -> int:
        """Days overdue on the first day of an overdue stage; 0 for the other stages."""
        if not stage.startswith(OVERDUE):
            return 0
        return max(1, int(stage.removeprefix(OVERDUE)) * self.repeat_days)

    def escalates(self, stage: str) -> bool:
        """Whether coordinators are copied on this stage."""
        return self.overdue_days(stage) >= max(1, self.escalate_after)


@dataclasses.dataclass(frozen=True)
class Due:
    """A stage a follow-up has reached and that has no reminder yet."""

    followup: FollowUp
    stage: str
    escalated: bool


def candidates_on(today: datetime.date, policy: Policy, *, owner: User | None = None):
    """Open follow-ups that have reached a reminder stage on `today` (the scan's query)."""
    candidates = FollowUp.objects.open().filter(
        due_on__lte=today + datetime.timedelta(days=policy.days_before)
    )
    if owner is not None:
        candidates = candidates.filter(owner=owner)
    return candidates


def due_now(now: datetime.datetime, policy: Policy, *, owner: User | None = None) -> list[Due]:
    """Open follow-ups whose current stage has no reminder yet, ordered by follow-up id
    (what a scan now would record: `send_reminders --dry-run`)."""
    due = _due_stages(now, policy, owner=owner)
    if due is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id, d.stage, d.escalated FROM ({due[0]}) AS d ORDER BY d.id", due[1])  # noqa: S608
        rows = cursor.fetchall()
    followups = FollowUp.objects.select_related("owner").in_bulk([pk for pk, _, _ in rows])
    return [Due(followups[pk], stage, bool(escalated)) for pk, stage, escalated in rows]


def claim(now: datetime.datetime, policy: Policy, *, scan: ScanRun, owner: User | None = None) -> list[int]:
    """Record a pending reminder for every stage now due; return the ids this scan recorded.

    Insert first, send later: the unique constraint lets exactly one of several scans
    running at once record a stage (the others' inserts of that row do nothing), and only
    the scan that recorded a row sends it. Rows go in ordered by follow-up, so two scans
    wait on each other in the same order and cannot deadlock.

    One INSERT ... SELECT on every database (PostgreSQL, and the SQLite of `make run`), so
    a scan reads no follow-up into Python: after a long outage tens of thousands of stages
    are due at once, and loading them (or building a model instance each) took seconds.
    """
    due = _due_stages(now, policy, owner=owner)
    if due is not None:
        due_sql, due_params = due
        table = connection.ops.quote_name(Reminder._meta.db_table)
        ops, written = connection.ops, timezone.now()  # created_at, updated_at, as auto_now does
        sql = f"""
            INSERT INTO {table} (followup_id, due_on, stage, escalated, scan_id, enqueued_at, status,
                                 attempts, last_error, note, recipients, sent_at, created_at, updated_at)
            SELECT d.id, d.due_on, d.stage, d.escalated, %s, %s, %s, 0, '', '', '', NULL, %s, %s
            FROM ({due_sql}) AS d
            WHERE 1 = 1
            ORDER BY d.id
            ON CONFLICT DO NOTHING
        """  # noqa: S608 (table name and the ORM's own SQL; every value is a parameter)
        # ("WHERE 1 = 1": SQLite reads ON CONFLICT after a SELECT only when it has a WHERE.)
        params = [
            scan.pk,
            ops.adapt_datetimefield_value(now),
            Status.PENDING,
            *[ops.adapt_datetimefield_value(written)] * 2,
            *due_params,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    return list(Reminder.objects.filter(scan=scan).order_by("id").values_list("pk", flat=True))


def _due_stages(now: datetime.datetime, policy: Policy, *, owner: User | None) -> tuple[str, list] | None:
    """A SELECT of (id, due_on, stage, escalated): the stage each open follow-up is in now
    that has no reminder yet; None before the earliest hour or when none has reached one.

    The stages are Policy.stage_on and Policy.escalates, worked out in Python once per due
    date among the candidates (hundreds of dates for tens of thousands of follow-ups); the
    SQL only joins each follow-up to the stage of its date, so the rule exists once.
    """
    local = timezone.localtime(now)
    if local.hour < policy.earliest_hour:
        return None
    today = local.date()
    candidates = candidates_on(today, policy, owner=owner).order_by()
    dates = sorted(candidates.values_list("due_on", flat=True).distinct())
    if not dates:
        return None
    ops = connection.ops
    stages = []
    for due_on in dates:
        stage = policy.stage_on(due_on, today)
        stages += [ops.adapt_datefield_value(due_on), stage, policy.escalates(stage)]
    candidates_sql, candidates_params = candidates.values("id", "due_on").query.sql_with_params()
    table = ops.quote_name(Reminder._meta.db_table)
    values = ", ".join(["(%s, %s, %s)"] * len(dates))
    sql = f"""
        SELECT c.id, c.due_on, s.stage, s.escalated
        FROM ({candidates_sql}) AS c
        JOIN (SELECT column1 AS due_on, column2 AS stage, column3 AS escalated
              FROM (VALUES {values}) AS v) AS s ON s.due_on = c.due_on
        WHERE NOT EXISTS (
            SELECT 1 FROM {table} AS r
            WHERE r.followup_id = c.id AND r.due_on = c.due_on AND r.stage = s.stage
        )
    """  # noqa: S608 (table name and the ORM's own SQL; every value is a parameter)
    return sql, [*candidates_params, *stages]


def withdraw_pending(followup: FollowUp) -> int:
    """Withdraw unsent reminders that no longer fit a closed or re-dated follow-up.

    Call inside the transaction that changed the follow-up. A reminder whose email is
    being sent at this moment is locked by its task and left alone (skip_locked): the
    edit must not wait for a mail server.
    """
    rows = Reminder.objects.filter(followup_id=followup.pk, status=Status.PENDING)
    if followup.state == State.OPEN:
        rows = rows.exclude(due_on=followup.due_on)
    ids = list(rows.select_for_update(skip_locked=True).values_list("pk", flat=True))
    if ids:
        Reminder.objects.filter(pk__in=ids, status=Status.PENDING).delete()
    return len(ids)


def withdraw_on_change(sender, *, followup: FollowUp, **kwargs) -> None:
    """Receiver of followups.signals.followup_changed: withdraw what no longer fits."""
    withdraw_pending(followup)


def deliver(
    reminder_id: int, *, now: datetime.datetime, final: bool, policy: Policy | None = None
) -> Outcome:
    """Send one pending reminder, unless it was sent already or no longer applies.

    The row stays locked while the mail server answers, so a second delivery of the same
    task (a redelivered or retried message) waits and then finds it sent. A mail error is
    raised after the attempt is recorded, for the task to retry.
    """
    policy = policy or Policy.from_settings()
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related(
                "followup__owner",
                "followup__project",
                "followup__commitment__partner",
                "followup__contact__country",
            )
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.status != Status.PENDING:
            return Outcome.SKIPPED
        followup = reminder.followup
        today = timezone.localdate(now)
        if (
            followup.state != State.OPEN
            or followup.due_on != reminder.due_on
            or policy.stage_on(followup.due_on, today) != reminder.stage
        ):
            logger.info("Reminder %s withdrawn: its follow-up was closed, re-dated or moved on", reminder)
            reminder.delete()
            return Outcome.WITHDRAWN
        message = reminder_message(reminder, today)
        if message is None:
            reminder.status = Status.FAILED
            reminder.last_error = "Neither the owner nor a coordinator has an active email address."
            reminder.save(update_fields=["status", "last_error", "updated_at"])
            return Outcome.FAILED
        outcome, error = send_recorded(reminder, message, now=now, final=final)
    if error is not None:
        raise error
    return outcome


def reminder_message(reminder: Reminder, today: datetime.date):
    """The reminder email for the owner (coordinators copied when escalated), or None
    when nobody can receive it."""
    followup = reminder.followup
    owner = followup.owner
    to = [owner.email] if owner.is_active and owner.email else []
    cc: list[str] = []
    if reminder.escalated:
        cc = sorted(
            User.objects.filter(role=Role.COORDINATOR, is_active=True)
            .exclude(email="")
            .exclude(pk=owner.pk)
            .values_list("email", flat=True)
        )
    if not to:
        to, cc = cc, []
    if not to:
        return None
    with translation.override(owner.language):
        context = reminder_context(reminder, today)
        return make_message(
            "reminder",
            context,
            to=to,
            cc=cc,
            headers={"Message-ID": f"<reminder-{reminder.pk}@{site_domain()}>"},
        )


def reminder_context(reminder: Reminder, today: datetime.date) -> dict:
    """What the reminder templates show; render in the owner's language."""
    followup = reminder.followup
    title = followup.title
    days_left = (followup.due_on - today).days
    if reminder.stage == DUE_SOON:
        subject = ngettext(
            "Reminder: “%(title)s” is due tomorrow",
            "Reminder: “%(title)s” is due in %(days)s days",
            days_left,
        ) % {"title": title, "days": days_left}
    elif reminder.stage == DUE_TODAY:
        subject = _("Due today: “%(title)s”") % {"title": title}
    else:
        subject = ngettext(
            "Overdue by %(days)s day: “%(title)s”", "Overdue by %(days)s days: “%(title)s”", -days_left
        ) % {"title": title, "days": -days_left}
    due = formats.date_format(followup.due_on)
    if reminder.stage == DUE_SOON:
        lead = _("Your follow-up “%(title)s” is due on %(date)s.")
    elif reminder.stage == DUE_TODAY:
        lead = _("Your follow-up “%(title)s” is due today, %(date)s.")
    else:
        lead = ngettext(
            "Your follow-up “%(title)s” was due on %(date)s and is %(days)s day overdue.",
            "Your follow-up “%(title)s” was due on %(date)s and is %(days)s days overdue.",
            -days_left,
        )
    lead = lead % {"title": title, "date": due, "days": -days_left}
    escalation = ""
    if reminder.escalated:
        escalation = ngettext(
            "The ministry coordinators receive a copy because it is %(days)s day overdue.",
            "The ministry coordinators receive a copy because it is %(days)s days overdue.",
            -days_left,
        ) % {"days": -days_left}
    about = followup.subject
    # The owner always sees their follow-up, but not necessarily what it is about (a
    # restricted commitment): name it only when the owner may open it.
    if about is not None and not type(about).objects.visible_to(followup.owner).filter(pk=about.pk).exists():
        about = None
    return {
        "subject": subject,
        "lead": lead,
        "escalation": escalation,
        "followup": followup,
        "owner": followup.owner,
        "stage": reminder.stage,
        "overdue_days": max(0, -days_left),
        "escalated": reminder.escalated,
        "followup_url": absolute_url(followup),
        "about": about,
        "about_url": absolute_url(about) if about is not None else "",
        "mine_url": absolute_url(reverse("followups:mine")),
        "profile_url": absolute_url(reverse("profile")),
    }
