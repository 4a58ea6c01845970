"""The embassies' log of contacts with partners."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tracker.accounts.scope import Reach, scope_of
from tracker.core.fulltext import SearchIndex, text_vector
from tracker.core.links import reverse_fast

# The text fields full-text search reads: its GIN index below and tracker/search/queries.py.
CONTACT_TEXT = (
    "counterpart_organisation",
    "counterpart_person",
    "counterpart_position",
    "participants",
    "summary",
    "outcome",
)


class Channel(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    NOTE = "note", _("Letter or note verbale")
    VISIT = "visit", _("Visit")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other")


def _editors(user) -> Reach:
    """Who changes a contact: coordinators any; embassy staff those with their countries."""
    return scope_of(user).reach(country="country_id")


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ContactQuerySet":
        """Coordinators and viewers read every contact; embassy staff those with their
        countries, industry staff those about projects of their enterprises."""
        scope = scope_of(user)
        if not scope.signed_in:
            return self.none()
        if scope.sees_all or scope.reads_all:
            return self
        about_projects = scope.reach(enterprise="project__enterprise_id").filter(
            Contact.projects.through.objects.all()
        )
        return self.filter(
            scope.reach(country="country_id").q() | Q(id__in=about_projects.values("contact_id"))
        )

    def editable_by(self, user) -> "ContactQuerySet":
        """The contacts the user may change (the rule of `_editors`)."""
        return _editors(user).filter(self)


class Contact(models.Model):
    """A meeting, call, visit, conference or note exchanged with a partner."""

    country = models.ForeignKey(
        "reference.PartnerCountry",
        verbose_name=_("partner country"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    held_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    counterpart_organisation = models.CharField(_("counterpart organisation"), max_length=200)
    counterpart_person = models.CharField(_("counterpart person"), max_length=200, blank=True)
    counterpart_position = models.CharField(_("counterpart position"), max_length=200, blank=True)
    participants = models.CharField(_("our participants"), max_length=500, blank=True)
    summary = models.TextField(_("summary"))
    outcome = models.TextField(_("outcome"), blank=True)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects discussed"), blank=True, related_name="contacts"
    )
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        verbose_name=_("commitments discussed"),
        blank=True,
        related_name="contacts",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["country", "-held_on"], name="contact_country_date"),
            models.Index(fields=["-held_on"], name="contact_date"),
            # The data version of shared figures (tracker.core.versions) reads the latest save.
            models.Index(fields=["-updated_at"], name="contact_updated"),
            SearchIndex(text_vector(CONTACT_TEXT), name="contact_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="contact_channel_valid"),
            models.CheckConstraint(condition=~Q(summary=""), name="contact_summary_required"),
        ]

    def __str__(self) -> str:
        return f"{formats.date_format(self.held_on)} {self.country} — {self.counterpart_organisation}"

    def get_absolute_url(self) -> str:
        return reverse_fast("contacts:detail", args=[self.pk])

    def can_edit(self, user) -> bool:
        """The rule of `editable_by`, checked on this row without a query."""
        return _editors(user).covers(self)

    @staticmethod
    def last_country_of(user) -> int | None:
        """The country id of the user's most recently logged contact, if they may still log
        for it: the contact form starts there (people log several for one partner in a row)."""
        last = (
            Contact.objects.filter(author=user).order_by("-created_at", "-pk").values_list("country_id")[:1]
        )
        country_id = next(iter(last), (None,))[0]
        if country_id is None or not Contact.may_log(user, country_id):
            return None
        return country_id

    @staticmethod
    def may_log(user, country_id: int | None = None) -> bool:
        """Whether the user may log a contact with the partner (with some partner when no
        id is given): the rule of `editable_by` for a contact not yet saved."""
        editors = _editors(user)
        return editors.reaches_any() if country_id is None else editors.admits(country_id=country_id)
