"""Append-only history of every change to projects, commitments, contacts and follow-ups."""

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.history import subjects


class Action(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    STATUS = "status", _("status changed")
    DELIVERY = "delivery", _("arrival recorded")
    PAYMENT = "payment", _("payment recorded")
    AMENDMENT = "amendment", _("promise amended")


class ChangeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ChangeQuerySet":
        """Only changes to objects the user may see (each kind as its app registered it in
        tracker/history/subjects.py; changes to a kind nobody registered: none)."""
        if user.scope.sees_all:  # the user's scope (tracker/accounts/scope.py)
            return self
        visible = [Q(**{f"{s.field}__in": s.visible_to(user)}) for s in subjects.registered()]
        if not visible:
            return self.none()
        return self.filter(functools.reduce(operator.or_, visible))


# The foreign keys of Change to its subjects: a change is about exactly one of them.
SUBJECT_KEYS = ("project", "commitment", "contact", "followup", "package")


def _one_of(keys: tuple[str, ...]) -> Q:
    """Exactly one of `keys` is set."""
    return functools.reduce(
        operator.or_,
        (Q(**{f"{other}__isnull": other != key for other in keys}) for key in keys),
    )


class Change(models.Model):
    """One create, edit or transition: who, when, old and new values, and why."""

    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
    )
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    followup = models.ForeignKey(
        "followups.FollowUp", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    package = models.ForeignKey(
        "commitments.Package", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    # {"field": [old, new]} with display values, so the timeline reads without lookups.
    fields = models.JSONField(_("changes"), default=dict, blank=True)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("history")
        indexes = [
            models.Index(fields=["project", "-at"], name="change_project_at"),
            models.Index(fields=["commitment", "-at"], name="change_commitment_at"),
            models.Index(fields=["contact", "-at"], name="change_contact_at"),
            models.Index(fields=["followup", "-at"], name="change_followup_at"),
            models.Index(fields=["package", "-at"], name="change_package_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=_one_of(SUBJECT_KEYS), name="change_has_one_subject"),
            models.CheckConstraint(condition=Q(action__in=Action.values), name="change_action_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def subject(self):
        return self.project or self.commitment or self.contact or self.followup
