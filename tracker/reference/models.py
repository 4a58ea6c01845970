"""Reference data: priorities, capability categories, organisations, partner countries."""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Bilingual(models.Model):
    """A row with an English and a Ukrainian name, shown in the reader's language."""

    name = models.CharField(_("name (English)"), max_length=200)
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language, English when no translation exists."""
        if (get_language() or "en").startswith("uk") and self.name_uk:
            return self.name_uk
        return self.name


class Priority(Bilingual):
    """One of the three lines of work the head of state set for diplomacy."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_uk = models.TextField(_("description (Ukrainian)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    @property
    def display_description(self) -> str:
        if (get_language() or "en").startswith("uk") and self.description_uk:
            return self.description_uk
        return self.description


class CapabilityCategory(Bilingual):
    """A kind of capability a project or commitment is about."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("capability category")
        verbose_name_plural = _("capability categories")


class Organisation(Bilingual):
    """The ministry, the state concern, its enterprises, and partner bodies and firms."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        CONCERN = "concern", _("State defence-industry concern")
        ENTERPRISE = "enterprise", _("Defence enterprise")
        PARTNER_GOVERNMENT = "partner_government", _("Partner government body")
        PARTNER_COMPANY = "partner_company", _("Partner company")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class PartnerCountryQuerySet(models.QuerySet):
    def active(self) -> "PartnerCountryQuerySet":
        return self.filter(is_active_partner=True)

    def listed(self, used_ids: models.QuerySet) -> "PartnerCountryQuerySet":
        """Active partners and the countries in `used_ids` (a subquery of ids): what a filter
        offers, instead of every country in the world."""
        return self.filter(models.Q(is_active_partner=True) | models.Q(id__in=used_ids))


class PartnerCountry(models.Model):
    """A country and Ukraine's embassy there; its name comes from the country library."""

    code = CountryField(_("country"), unique=True)
    name = models.CharField(
        _("name"),
        max_length=100,
        editable=False,
        help_text=_("Copied from the country library so lists can sort and search by it."),
    )
    is_active_partner = models.BooleanField(_("active partner"), default=False, db_index=True)
    embassy_city = models.CharField(_("embassy city"), max_length=100, blank=True)
    head_of_mission = models.CharField(_("head of mission"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PartnerCountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner country")
        verbose_name_plural = _("partner countries")

    def __str__(self) -> str:
        return str(self.code.name)

    def save(self, *args, **kwargs) -> None:
        with translation.override("en"):
            self.name = str(self.code.name) if self.code else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[str(self.code)])

    @property
    def display_name(self) -> str:
        """The country name in the active language, from the country library."""
        return str(self.code.name)
