"""Records of the emails the tracker sends: reminders, weekly digests, and the scans that
create them. A row is written before its email is sent; unique constraints make each
reminder stage and each weekly digest happen once, whoever triggers it and how often."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class ScanKind(models.TextChoices):
    REMINDERS = "reminders", _("Reminder scan")
    DIGESTS = "digests", _("Weekly digest run")


class ScanRun(models.Model):
    """One successful run of the reminder scan or of the weekly digest run: the heartbeat
    that /healthz and the coordinators' banner read."""

    kind = models.CharField(_("kind"), max_length=10, choices=ScanKind.choices)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    claimed = models.PositiveIntegerField(_("emails claimed"), default=0)
    requeued = models.PositiveIntegerField(_("emails enqueued again"), default=0)
    # Set when an operator ran the command for one user: such a run proves nothing about
    # the scheduler and does not count as this week's digest run.
    limited_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("limited to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        indexes = [models.Index(fields=["kind", "-finished_at"], name="scanrun_kind_finished")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ScanKind.values), name="scanrun_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"


class OutgoingEmail(models.Model):
    """What reminders and digests share: delivery status, attempts and the last error."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=1000, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recipients = models.CharField(_("recipients"), max_length=2000, blank=True)
    scan = models.ForeignKey(
        ScanRun,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When a task for this row was last put on the queue; the scan enqueues it again when
    # it stays pending long after that (the message was lost).
    enqueued_at = models.DateTimeField(_("enqueued"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True
        indexes = [
            # The scan's "still pending long after it was enqueued" lookup.
            models.Index(fields=["enqueued_at"], name="%(class)s_pending", condition=Q(status="pending")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="%(class)s_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="%(class)s_sent_has_time"
            ),
        ]


class Reminder(OutgoingEmail):
    """The reminder email of one stage of a follow-up, for the due date it had then.

    The due date is part of the key: re-dating a follow-up starts its stages afresh for the
    new date, while the same stage for the same date is never sent twice.
    """

    followup = models.ForeignKey(
        "followups.FollowUp", verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="reminders"
    )
    due_on = models.DateField(_("due date"))
    # "due-soon", "due-today", or "overdue-<n>" for the n-th week overdue.
    stage = models.CharField(_("stage"), max_length=20)
    escalated = models.BooleanField(_("coordinators copied"), default=False)

    class Meta(OutgoingEmail.Meta):
        ordering = ["-created_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            *OutgoingEmail.Meta.constraints,
            models.UniqueConstraint(fields=["followup", "due_on", "stage"], name="reminder_once_per_stage"),
            models.CheckConstraint(
                condition=Q(stage__in=["due-soon", "due-today"]) | Q(stage__regex=r"^overdue-[0-9]+$"),
                name="reminder_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.followup_id} {self.due_on} {self.stage}"


class Digest(OutgoingEmail):
    """The weekly digest of one user for one ISO week (of the local calendar)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="digests"
    )
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))

    class Meta(OutgoingEmail.Meta):
        ordering = ["-iso_year", "-iso_week", "user_id"]
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [
            *OutgoingEmail.Meta.constraints,
            models.UniqueConstraint(fields=["user", "iso_year", "iso_week"], name="digest_once_per_week"),
            models.CheckConstraint(
                condition=Q(iso_week__gte=1, iso_week__lte=53), name="digest_iso_week_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.iso_year}-W{self.iso_week:02d}"
