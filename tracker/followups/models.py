"""Follow-ups: next steps with one owner and a due date."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Reach, scope_of
from tracker.commitments.models import Marking
from tracker.core.links import reverse_fast


class State(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


STATE_MOVES: dict[str, set[str]] = {
    State.OPEN: {State.DONE, State.CANCELLED},
    State.DONE: {State.OPEN},
    State.CANCELLED: {State.OPEN},
}


def _editors(user) -> Reach:
    """Who changes a follow-up: coordinators any; its owner; embassy staff those of their
    countries."""
    return scope_of(user).reach(country="country_id", owner="owner_id")


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FollowUpQuerySet":
        """Owners always see their own; otherwise the scope of what the follow-up is about."""
        scope = scope_of(user)
        if not scope.signed_in:
            return self.none()
        if scope.sees_all:
            return self
        covered = scope.reach(country="country_id", enterprise="project__enterprise_id", owner="owner_id").q()
        if scope.reads_all:
            # Viewers: everything not tied to a restricted commitment or to a contact.
            covered |= Q(contact__isnull=True) & ~Q(commitment__marking=Marking.RESTRICTED)
        return self.filter(covered)

    def editable_by(self, user) -> "FollowUpQuerySet":
        """The follow-ups the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self)

    def open(self) -> "FollowUpQuerySet":
        return self.filter(state=State.OPEN)

    def with_priority(self) -> "FollowUpQuerySet":
        """Annotate `priority_key`: the priority of the project or commitment it is about.
        A follow-up on a contact alone belongs to no priority."""
        return self.annotate(priority_key=Coalesce("project__priority_id", "commitment__priority_id"))


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday that ends the current week (the weekly digest runs Monday to Sunday)."""
    return today + datetime.timedelta(days=6 - today.weekday())


def urgency(today: datetime.date) -> dict[str, Q]:
    """When an open follow-up falls due: overdue, this week (to Sunday), or later.
    The dashboard's figures and the follow-up lists they link to both count by these."""
    end = week_end(today)
    return {
        "overdue": Q(due_on__lt=today),
        "week": Q(due_on__gte=today, due_on__lte=end),
        "later": Q(due_on__gt=end),
    }


def urgency_of(due_on: datetime.date, today: datetime.date) -> str:
    """The key of `urgency` a due date falls under, for rows already read."""
    if due_on < today:
        return "overdue"
    return "week" if due_on <= week_end(today) else "later"


class FollowUp(models.Model):
    """An action with one owner and a due date, about a project, commitment or contact."""

    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    due_on = models.DateField(_("due date"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    country = models.ForeignKey(
        "reference.PartnerCountry",
        verbose_name=_("partner country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
        help_text=_("Taken from the contact or commitment; decides who may see it."),
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            # Serves "my follow-ups" and the reminder scan: open ones by due date.
            models.Index(fields=["owner", "state", "due_on"], name="followup_owner_state_due"),
            models.Index(fields=["due_on"], name="followup_open_due", condition=Q(state="open")),
            models.Index(fields=["country", "state"], name="followup_country_state"),
            # The data version of shared figures (tracker.core.versions) reads the latest save.
            models.Index(fields=["-updated_at"], name="followup_updated"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="followup_state_valid"),
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(commitment__isnull=False) | Q(contact__isnull=False),
                name="followup_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(state=State.OPEN, completed_at__isnull=True)
                | (~Q(state=State.OPEN) & Q(completed_at__isnull=False)),
                name="followup_completed_iff_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_fast("followups:detail", args=[self.pk])

    @property
    def subject(self):
        """What the follow-up is about: its contact, commitment or project."""
        return self.contact or self.commitment or self.project

    def can_edit(self, user) -> bool:
        """The rule of `editable_by`, checked on this row without a query."""
        return _editors(user).covers(self)
