"""The embassies' log of contacts with partners."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tracker.core.fulltext import SearchIndex, text_vector

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


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ContactQuerySet":
        """Embassy staff see their own countries only; industry staff contacts on their projects."""
        if not user.is_authenticated:
            return self.none()
        if user.is_coordinator or user.is_viewer:
            return self
        if user.is_embassy:
            return self.filter(country_id__in=user.country_ids())
        if user.is_industry and user.organisation_id:
            ids = Contact.projects.through.objects.filter(
                Q(project__enterprise_id=user.organisation_id)
                | Q(project__enterprise__parent_id=user.organisation_id)
            ).values("contact_id")
            return self.filter(id__in=ids)
        return self.none()

    def editable_by(self, user) -> "ContactQuerySet":
        if user.is_coordinator:
            return self
        if user.is_embassy:
            return self.filter(country_id__in=user.country_ids())
        return self.none()


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
            SearchIndex(text_vector(CONTACT_TEXT), name="contact_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="contact_channel_valid"),
            models.CheckConstraint(condition=~Q(summary=""), name="contact_summary_required"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.country} — {self.counterpart_organisation}"

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    def can_edit(self, user) -> bool:
        return user.is_coordinator or (user.is_embassy and self.country_id in user.country_ids())

    @staticmethod
    def may_log(user, country_id: int | None = None) -> bool:
        """Coordinators log contacts with any partner; embassy staff with their countries."""
        return user.acts_for_country(country_id)
