"""Saved views: a list's filters and sort kept under a name, private or shared, and each
user's default view per list."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# Longer queries are refused: a list's filters fit well under it.
MAX_QUERY = 1500
# Parameters that never belong to a view: where in the list one is, and the view switch.
NOT_SAVED = ("page", "view")


class ListName(models.TextChoices):
    PROJECTS = "projects", _("Projects")
    COMMITMENTS = "commitments", _("Commitments")
    CONTACTS = "contacts", _("Contacts")
    FOLLOWUPS = "followups", _("Follow-ups")


# The URL name of each list a view may be saved for.
LIST_URLS = {
    ListName.PROJECTS: "projects:list",
    ListName.COMMITMENTS: "commitments:list",
    ListName.CONTACTS: "contacts:list",
    ListName.FOLLOWUPS: "followups:mine",
}


def saved_query(params) -> str:
    """The part of a list's query a view keeps: every non-empty parameter but the page."""
    pairs = [
        (key, value) for key in params for value in params.getlist(key) if key not in NOT_SAVED and value
    ]
    return urlencode(pairs)


class SavedViewQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SavedViewQuerySet":
        """The user's own views and the shared ones. Coordinators share them, and their scope
        is everyone; a view only keeps filters, so each reader still sees only their rows."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(owner=user) | Q(shared=True))

    def with_default(self, user) -> "SavedViewQuerySet":
        """Each view with `is_default`: whether it is the user's default for its list."""
        defaults = DefaultView.objects.filter(user=user, view=OuterRef("pk"))
        return self.annotate(is_default=Exists(defaults))


class SavedView(models.Model):
    """A list's filters and sort under a name."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    list_name = models.CharField(_("list"), max_length=20, choices=ListName.choices)
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters and sort"), max_length=MAX_QUERY, blank=True)
    shared = models.BooleanField(_("shared"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["list_name", "name", "id"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        constraints = [
            models.UniqueConstraint(fields=["owner", "list_name", "name"], name="saved_view_unique_name"),
            models.CheckConstraint(condition=~Q(name=""), name="saved_view_has_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The list with this view's filters and sort."""
        url = reverse(LIST_URLS[self.list_name])
        return f"{url}?{self.query}" if self.query else f"{url}?view=none"


class DefaultView(models.Model):
    """The view a list opens with when it is opened without parameters."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="default_views")
    list_name = models.CharField(max_length=20, choices=ListName.choices)
    view = models.ForeignKey(SavedView, on_delete=models.CASCADE, related_name="defaults")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "list_name"], name="default_view_one_per_list"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.list_name}: {self.view}"
